/**
 * @tweeling/app-groen-3-30-300 — the 3-30-300 green rule (Konijnendijk 2021, 2023) for every home and
 * neighbourhood, now and with added trees/parks (scenario).
 */
import type { Feature } from 'geojson';
import manifest from '../tweeling.app.json' with { type: 'json' };
import { defineApp, rasterOutput, vectorOutput, type VectorDatasetReader } from '@tweeling/sdk';
import { homeProperties, neighbourhoodRow, readAll, round, toModelInput, withProperties, type ExtraPark, type ExtraTree } from './adapters.js';
import { evaluateGreenRule, type GreenParams, type GreenResult } from './model.js';

export { evaluateGreenRule, DEFAULT_MIN_PARK_AREA_M2, RULE_300_MAX_WALK_M } from './model.js';
export type { GreenInput, GreenParams, GreenResult, HomeResult, BuurtResult } from './model.js';
export { countTreesInView, DEFAULT_VIEW_DISTANCE_M, RULE_3_MIN_TREES } from './trees-in-view.js';
export { burnCrowns, canopyPerZone, rasteriseZones, frameAround, RULE_30_MIN_CANOPY_FRACTION } from './canopy.js';
export { buildNetwork, snapToNetwork, distancesFromSources, distanceToNearestSource } from './network.js';
export { shapeFromGeometry, shapeFromRings } from '@tweeling/sdk';

/** Inputs as `run` receives them (see tweeling.app.json). */
export interface GroenInputs {
  buildings: VectorDatasetReader;
  trees: VectorDatasetReader;
  roads: VectorDatasetReader;
  parks: VectorDatasetReader;
  water: VectorDatasetReader;
  buurten: VectorDatasetReader;
  homeUse: string;
  viewDistanceM: number;
  minTreesInView: number;
  canopyTargetFraction: number;
  canopyCellSizeM: number;
  maxWalkDistanceM: number;
  minParkAreaM2: number;
  extraTrees: ExtraTree[];
  extraParks: ExtraPark[];
}

/** Share of homes passing, rounded; null without homes. */
function shareOf(r: GreenResult, pick: (h: GreenResult['homes'][number]) => boolean): number | null {
  return r.homes.length > 0 ? round(r.homes.filter(pick).length / r.homes.length, 4) : null;
}

function totals(r: GreenResult) {
  return {
    homes: r.homes.length,
    shareHomesPassing3: shareOf(r, (h) => h.passes3),
    shareHomesPassing30: shareOf(r, (h) => h.passes30),
    shareHomesPassing300: shareOf(r, (h) => h.passes300),
    shareHomesPassingAll: shareOf(r, (h) => h.passesAll),
    neighbourhoodsPassing30: r.buurten.filter((b) => b.passes30).length,
    qualifyingParks: r.qualifyingParks,
  };
}

export default defineApp<GroenInputs>({
  manifest,
  async run(inputs, ctx) {
    ctx.progress(0, 'Lagen lezen');
    const layers = {
      buildings: await readAll(inputs.buildings), trees: await readAll(inputs.trees), roads: await readAll(inputs.roads),
      parks: await readAll(inputs.parks), water: await readAll(inputs.water), buurten: await readAll(inputs.buurten),
    };
    const params: GreenParams = {
      viewDistanceM: inputs.viewDistanceM, minTreesInView: inputs.minTreesInView, canopyTargetFraction: inputs.canopyTargetFraction,
      canopyCellSizeM: inputs.canopyCellSizeM, maxWalkDistanceM: inputs.maxWalkDistanceM, minParkAreaM2: inputs.minParkAreaM2,
    };
    const { extraTrees, extraParks, homeUse } = inputs;
    const base = toModelInput(layers, homeUse, [], []);
    const now = evaluateGreenRule(base.input, params, (f, m) => ctx.progress(f * 0.5, m));
    const hasScenario = extraTrees.length > 0 || extraParks.length > 0;
    const scenario = hasScenario
      ? evaluateGreenRule(toModelInput(layers, homeUse, extraTrees, extraParks).input, params, (f, m) => ctx.progress(0.5 + f * 0.45, `Scenario: ${m}`))
      : now;
    ctx.log.info('3-30-300 evaluated', { homes: now.homes.length, trees: base.input.trees.length, extraTrees: extraTrees.length, extraParks: extraParks.length });

    const homeFeatures = now.homes.map((h) => base.buildingFeatures[h.building] as Feature);
    const homeProps = now.homes.map((h, k) => {
      const s = scenario.homes[k] as GreenResult['homes'][number];
      const code = h.buurt >= 0 ? (now.buurten[h.buurt]?.code ?? null) : null;
      return homeProperties(base.input.buildings[h.building]?.id ?? `b${h.building}`, code, h, s,
        h.buurt >= 0 ? (now.buurten[h.buurt]?.canopyFraction ?? null) : null, s.buurt >= 0 ? (scenario.buurten[s.buurt]?.canopyFraction ?? null) : null);
    });
    const table = now.buurten.map((_, i) => neighbourhoodRow(now, scenario, i));
    const { frame } = scenario;
    ctx.progress(1, 'Klaar');
    return {
      homes: vectorOutput(withProperties(homeFeatures, homeProps), { title: 'Woningen 3-30-300' }),
      neighbourhoods: vectorOutput(withProperties(base.buurtFeatures, table), { title: 'Buurten 3-30-300' }),
      neighbourhoodTable: table,
      canopy: rasterOutput(
        { width: frame.width, height: frame.height, originX: frame.originX, originY: frame.originY, cellSize: frame.cellSizeM, crs: 'EPSG:28992', noData: null, data: scenario.canopy },
        { title: 'Kroonbedekking (1 = bestaand, 2 = scenario)' },
      ),
      summary: {
        current: totals(now),
        scenario: totals(scenario),
        scenarioApplied: hasScenario,
        extraTrees: extraTrees.length,
        extraParks: extraParks.length,
        homesGainingRules: now.homes.filter((h, k) => (scenario.homes[k]?.rulesPassed ?? 0) > h.rulesPassed).length,
        parameters: { ...params, homeUse },
      },
    };
  },
});
