/**
 * @tweeling/app-bodem-water — suitability of land functions (woningbouw, akkerbouw, grasland, natuur,
 * waterberging, zon-op-land, bos) per cell and parcel from an explicit rule table, now and under a
 * KNMI'23-named 2050 scenario ("Water en Bodem Sturend").
 */
import manifest from '../tweeling.app.json' with { type: 'json' };
import { defineApp, rasterOutput, vectorOutput, type RasterDatasetReader, type RasterOutput, type VectorDatasetReader } from '@tweeling/sdk';
import {
  capitalised, frameRaster, functionSummary, parcelRow, readAll, soilFrame, toParcels, toSoilPolygons, toWaterBodies, withProperties,
} from './adapters.js';
import { CLIMATE_SCENARIOS, GHG_RISE_M_PER_PCT_WINTER, GLG_DROP_M_PER_PCT_SUMMER, SUBSIDENCE_M_PER_YEAR, SCENARIO_YEAR, type ScenarioId } from './climate.js';
import { resampleToFrame } from './grid.js';
import { assessSuitability, type AssessmentResult } from './model.js';
import { parseRuleTable } from './rule-check.js';
import { CLASS_LABELS, FACTORS, FACTOR_LABELS, LAND_FUNCTIONS, RULES } from './rules.js';

export { RULES, LAND_FUNCTIONS, FACTORS, FACTOR_LABELS, CLASS_LABELS, GOOD, MODERATE, POOR } from './rules.js';
export type { Rule, LandFunction, Factor } from './rules.js';
export { CLIMATE_SCENARIOS, SCENARIO_IDS, shiftFor } from './climate.js';
export { assessSuitability } from './model.js';
export type { AssessmentResult, ParcelResult } from './model.js';
export { classify, emptyFactors, categoryCode } from './evaluate.js';
export { parseRuleTable, RuleTableError } from './rule-check.js';
export { frameAround, resampleToFrame, rasteriseShapes } from './grid.js';

/** Raster value of a limiting-factor or change cell that was not assessed (water, outside the soil map). */
export const FACTOR_NOT_ASSESSED = 255;

/** Inputs as `run` receives them (see tweeling.app.json). */
export interface BodemWaterInputs {
  soil: VectorDatasetReader;
  water: VectorDatasetReader;
  parcels?: VectorDatasetReader;
  surfaceHeight?: RasterDatasetReader;
  floodDepth?: RasterDatasetReader;
  ghg?: RasterDatasetReader;
  glg?: RasterDatasetReader;
  scenario: ScenarioId;
  cellSizeM: number;
  ruleTable?: unknown;
}

/** Per function the class rasters now and in the scenario and the limiting-factor raster, plus the change count. */
function suitabilityRasters(result: AssessmentResult, scenarioLabel: string): Record<string, RasterOutput> {
  const { frame } = result;
  const rasters: Record<string, RasterOutput> = {};
  const notAssessed = (values: Uint8Array): Uint8Array => {
    const out = values.slice();
    for (let i = 0; i < out.length; i++) if (result.now.woningbouw.cls[i] === 0) out[i] = FACTOR_NOT_ASSESSED;
    return out;
  };
  for (const fn of LAND_FUNCTIONS) {
    const name = capitalised(fn);
    rasters[`suitability${name}`] = rasterOutput(frameRaster(frame, result.now[fn].cls), { title: `Geschiktheid ${fn} (1 goed, 2 matig, 3 slecht)` });
    rasters[`suitability${name}Scenario`] = rasterOutput(frameRaster(frame, result.scenario[fn].cls), { title: `Geschiktheid ${fn}, ${scenarioLabel}` });
    rasters[`limitingFactor${name}`] = rasterOutput({ ...frameRaster(frame, notAssessed(result.now[fn].factor)), noData: FACTOR_NOT_ASSESSED }, { title: `Beperkende factor ${fn}` });
  }
  rasters.scenarioChange = rasterOutput(
    { ...frameRaster(frame, notAssessed(result.changeCount)), noData: FACTOR_NOT_ASSESSED },
    { title: `Aantal functies dat van klasse verandert (${scenarioLabel})` },
  );
  return rasters;
}

export default defineApp<BodemWaterInputs>({
  manifest,
  async run(inputs, ctx) {
    ctx.progress(0, 'Invoer lezen');
    const rules = inputs.ruleTable === undefined ? [...RULES] : parseRuleTable(inputs.ruleTable);
    const scenario = CLIMATE_SCENARIOS[inputs.scenario];
    const soilFeatures = await readAll(inputs.soil);
    const soil = toSoilPolygons(soilFeatures);
    const water = toWaterBodies(await readAll(inputs.water));
    const frame = soilFrame(soil, inputs.cellSizeM);
    const surface = inputs.surfaceHeight ? resampleToFrame(await inputs.surfaceHeight.read(), frame, 'mean') : null;
    const flood = inputs.floodDepth ? resampleToFrame(await inputs.floodDepth.read(), frame, 'max') : null;
    const ghg = inputs.ghg ? resampleToFrame(await inputs.ghg.read(), frame, 'mean') : null;
    const glg = inputs.glg ? resampleToFrame(await inputs.glg.read(), frame, 'mean') : null;
    const parcelInput = inputs.parcels ? toParcels(await readAll(inputs.parcels)) : null;
    // Without a parcel layer the soil polygons are the parcels.
    const parcels = parcelInput ?? toParcels(soilFeatures);
    ctx.progress(0.3, 'Geschiktheid bepalen');
    const result = assessSuitability({ frame, soil, water, surfaceM: surface, floodDepthM: flood, ghgM: ghg, glgM: glg }, parcels.shapes, rules, scenario);
    ctx.progress(0.8, 'Uitvoer maken');
    const cellArea = frame.cellSizeM * frame.cellSizeM;
    const rows = result.parcels.map((p, z) => parcelRow(parcels.ids[z] as string, p, cellArea));
    const rasters = suitabilityRasters(result, scenario.label);
    ctx.log.info('bodem-water assessed', { cells: result.assessedCells, parcels: rows.length, scenario: scenario.id, rules: rules.length });
    ctx.progress(1, 'Klaar');
    return {
      ...rasters,
      parcels: vectorOutput(withProperties(parcels.features, rows), { title: 'Geschiktheid per perceel' }),
      parcelTable: rows,
      summary: {
        scenario: scenario.id, scenarioLabel: scenario.label, scenarioYear: scenario.id === 'huidig' ? null : SCENARIO_YEAR,
        cellSizeM: frame.cellSizeM, assessedAreaHa: Math.round((result.assessedCells * cellArea) / 100) / 100,
        parcelSource: parcelInput ? 'parcels' : 'soil', parcels: rows.length,
        functions: functionSummary(result),
        cellsChanging: result.changeCount.reduce((s, c) => s + (c > 0 ? 1 : 0), 0),
        inputsUsed: { surfaceHeight: surface !== null, floodDepth: flood !== null, ghgRaster: ghg !== null, glgRaster: glg !== null, waterLevels: water.some((w) => w.waterLevelM !== null) },
      },
      ruleTable: {
        rules: rules.map((r) => ({ ...r })),
        classes: CLASS_LABELS.map((label, code) => ({ code, label })),
        factors: FACTORS.map((f, k) => ({ code: k + 1, factor: f, label: FACTOR_LABELS[f] })),
        climate: {
          scenario: { ...scenario },
          ghgRiseMPerPctWinter: GHG_RISE_M_PER_PCT_WINTER, glgDropMPerPctSummer: GLG_DROP_M_PER_PCT_SUMMER,
          subsidenceMPerYear: { ...SUBSIDENCE_M_PER_YEAR }, assumption: true,
        },
      },
    };
  },
});
