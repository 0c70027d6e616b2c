/**
 * The Hittestress app: `tweeling.app.json` + a `run` that reads the platform's datasets, builds the
 * surface model, runs the heat model for the current situation and (with measures) a scenario, and
 * returns rasters (PET, class, change, shade, sky-view factor), the per-neighbourhood KPI table, the
 * vulnerable-locations table and the baseline-vs-scenario comparison.
 */
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection } from 'geojson';
import type { RasterGrid } from '@tweeling/core';
import { defineApp, rasterOutput, vectorOutput, type RasterDatasetReader, type RunContext, type VectorDatasetReader } from '@tweeling/sdk';
import { buildSurface, walkingRouteMask, zoneRaster } from './adapters.js';
import { COOL_PLACE_MAX_DISTANCE_M, coolPlaceMask, distanceToMaskM } from './exposure.js';
import { HittestressError } from './errors.js';
import { PET_REDUCTION_TARGET_C, ROUTE_SHADE_TARGET, compareScenarios, outdoorMask } from './kpi.js';
import { type ScenarioSurface, applyMeasures } from './measures.js';
import { type HeatModelOptions, type HeatModelResult, runHeatModel } from './model.js';
import { type UnitCostInput, measuresFromInput, unitCostsFromInput } from './scenario-input.js';
import { rdToWgs84, sunPositionsForDay } from './sun.js';
import type { SurfaceModel } from './surface.js';
import { RESIDENT_REACHED_COOLING_C, type SituationView, exposureSites, neighbourhoodTable, residentCounts, round, siteExposures, vulnerableLocationTable } from './tables.js';

export { treesAlongWalkingRoutes, type TreesAlongRoutesOptions } from './scenario-input.js';

/** The manifest, read next to the package (`src/` in tests, `dist/` when built: both one level below). */
const manifest: unknown = JSON.parse(readFileSync(new URL('../tweeling.app.json', import.meta.url), 'utf8'));

/** Inputs as `run` receives them (defaults applied by the host). */
export interface HittestressInputs {
  date: string;
  petHours: number[];
  shadeHours: number[];
  airTemperatureC: number;
  relativeHumidityPct: number;
  windSpeedMPerS: number;
  windDirectionDeg: number;
  svfDirections: number;
  scenarioName: string;
  measures?: FeatureCollection;
  unitCosts?: UnitCostInput;
  dem: RasterDatasetReader;
  landUse: RasterDatasetReader;
  buildings: VectorDatasetReader;
  trees: VectorDatasetReader;
  roads: VectorDatasetReader;
  buurten: VectorDatasetReader;
  parks?: VectorDatasetReader;
  vulnerableLocations?: VectorDatasetReader;
}

async function readFeatures(reader: VectorDatasetReader | undefined, signal: AbortSignal): Promise<Feature[]> {
  const out: Feature[] = [];
  if (!reader) return out;
  for await (const f of reader.features()) {
    signal.throwIfAborted();
    out.push(f);
  }
  return out;
}

/** Lets cancellation and progress events through between long synchronous steps; throws once cancelled. */
async function step(ctx: RunContext, fraction: number, message: string): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  ctx.signal.throwIfAborted();
  ctx.progress(fraction, message);
}

/** Local hours [start, end) from an input pair, checked. */
function hoursOf(pair: number[], name: string): [number, number] {
  const [a, b] = pair as [number, number];
  if (!(b > a)) throw new HittestressError('INVALID_INPUT', `${name}: the end hour ${b} must be after the start hour ${a}.`);
  return [a, b];
}

/** Model options from the inputs; checks every requested hour has the sun above the horizon (before any heavy work). */
function modelOptions(inputs: HittestressInputs, dem: RasterGrid): HeatModelOptions {
  if (dem.crs !== 'EPSG:28992') throw new HittestressError('INVALID_INPUT', `The DEM is in ${dem.crs}; the app needs RD New (EPSG:28992).`);
  const { latDeg, lonDeg } = rdToWgs84(dem.originX + (dem.width * dem.cellSize) / 2, dem.originY - (dem.height * dem.cellSize) / 2);
  const petHoursLocal = hoursOf(inputs.petHours, 'petHours');
  const shadeHoursLocal = hoursOf(inputs.shadeHours, 'shadeHours');
  for (const [startHourLocal, endHourLocal] of [petHoursLocal, shadeHoursLocal]) {
    sunPositionsForDay({ dateIso: inputs.date, startHourLocal, endHourLocal }, latDeg, lonDeg);
  }
  return {
    latDeg, lonDeg, dateIso: inputs.date, petHoursLocal, shadeHoursLocal,
    airTempC: inputs.airTemperatureC, relHumidityPct: inputs.relativeHumidityPct,
    wind: { wind10MPerS: inputs.windSpeedMPerS, windFromDeg: inputs.windDirectionDeg },
    svf: { directions: inputs.svfDirections },
  };
}

function grid<T extends Float32Array | Uint8Array>(s: SurfaceModel, data: T): RasterGrid<T> {
  return { ...s.grid, noData: null, data };
}

/** Straight-line distance to the nearest cool place (shaded public park or water) for one situation. */
function coolDistance(s: SurfaceModel, r: HeatModelResult, parkZones: Int32Array, parks: Feature[]): Float32Array {
  return distanceToMaskM(coolPlaceMask(s, r.shadeFraction, parkZones, parks), s.grid.width, s.grid.height, s.grid.cellSize);
}

async function run(inputs: HittestressInputs, ctx: RunContext) {
  await step(ctx, 0, 'Invoer lezen');
  const demGrid = await inputs.dem.read();
  const options = modelOptions(inputs, demGrid);
  const landUse = await inputs.landUse.read();
  const [buildings, trees, roads, buurten, parks, extra] = await Promise.all(
    [inputs.buildings, inputs.trees, inputs.roads, inputs.buurten, inputs.parks, inputs.vulnerableLocations].map((r) => readFeatures(r, ctx.signal)),
  ) as [Feature[], Feature[], Feature[], Feature[], Feature[], Feature[]];
  const measures = measuresFromInput(inputs.measures);
  const costs = unitCostsFromInput(inputs.unitCosts);

  await step(ctx, 0.05, 'Oppervlaktemodel opbouwen');
  const { surface, stats } = buildSurface(demGrid, landUse, buildings, trees);
  if (stats.treeHeightDefaults.length > 0) {
    ctx.log.warn(`${stats.treeHeightDefaults.length} tree(s) have no height; used the default height of their size class.`, { examples: stats.treeHeightDefaults.slice(0, 10) });
  }
  if (stats.buildingsOutside + stats.treesOutside > 0) ctx.log.warn('Some buildings or trees lie outside the DEM and were left out.', { buildingsOutside: stats.buildingsOutside, treesOutside: stats.treesOutside });
  if (stats.demNoDataFilled > 0) ctx.log.warn(`${stats.demNoDataFilled} DEM no-data cells were filled with the mean ground level.`);
  if (!inputs.parks) ctx.log.warn('No parks given: only water counts as a cool place.');
  const scenario: ScenarioSurface | null = measures.length > 0 ? applyMeasures(surface, measures, costs) : null;
  for (const w of scenario?.warnings ?? []) ctx.log.warn(w);
  ctx.log.info('Surface model built', { buildings: stats.buildings, trees: stats.trees, measures: measures.length });

  const outdoor = outdoorMask(surface);
  const routes = walkingRouteMask(surface, roads);
  const buurtZones = zoneRaster(surface.grid, buurten, 'Buurt');
  const parkZones = zoneRaster(surface.grid, parks, 'Park');
  const sites = exposureSites(surface, buildings, extra, buurtZones, buurten);

  await step(ctx, 0.1, 'Huidige situatie: zon, schaduw, hemelzicht, wind en PET');
  const baseResult = runHeatModel(surface, options);
  const baseView: SituationView = { name: 'baseline', result: baseResult, exposure: siteExposures(sites, baseResult, coolDistance(surface, baseResult, parkZones, parks)) };
  let view = baseView;
  if (scenario) {
    await step(ctx, 0.5, `Scenario "${inputs.scenarioName}": zon, schaduw, hemelzicht, wind en PET`);
    const r = runHeatModel(scenario.surface, options);
    view = { name: inputs.scenarioName, result: r, exposure: siteExposures(sites, r, coolDistance(scenario.surface, r, parkZones, parks)) };
  }

  await step(ctx, 0.9, 'Blootstelling en KPI-tabellen');
  const base = scenario ? baseView : undefined;
  const rows = compareScenarios({ result: baseResult, surface }, scenario ? [{ name: inputs.scenarioName, result: view.result, surface: scenario.surface, costEur: scenario.totalCostEur }] : [], outdoor, routes);
  const comparisonRows = rows.map((row, k) => {
    const counts = residentCounts(sites, k === 0 ? baseView : view, k === 0 ? undefined : baseView);
    const reached = k === 0 ? 0 : counts.reached;
    return {
      name: row.name, situation: k === 0 ? 'baseline' : 'scenario', areaHa: round(row.areaHa, 2),
      meanPetC: round(row.meanPetC, 3), deltaMeanPetC: round(row.deltaMeanPetC, 3), petReductionTargetC: PET_REDUCTION_TARGET_C, petTargetMet: row.petTargetMet,
      classShares: row.classShares.map((c) => round(c, 4) as number),
      routeShadeShare: round(row.routeShadeShare, 4), deltaRouteShadeShare: round(row.deltaRouteShadeShare, 4), routeShadeTarget: ROUTE_SHADE_TARGET,
      routeShadeTargetMet: row.routeShadeTargetMet, routeShadeGapToTarget: row.routeShadeShare === null ? null : round(Math.max(0, ROUTE_SHADE_TARGET - row.routeShadeShare), 4),
      costEur: round(row.costEur, 0), coolingDegCHa: round(row.coolingDegCHa, 3), eurPerDegCPerHa: round(row.eurPerDegCPerHa, 0),
      residentsCoolPlace300m: counts.coolPlace, residents75plusCoolPlace300m: counts.coolPlace75,
      residentsReached: reached, eurPerResidentReached: reached > 0 ? round(row.costEur / reached, 0) : null,
    };
  });
  const petChange = new Float32Array(baseResult.petC.length);
  if (scenario) for (let i = 0; i < petChange.length; i++) petChange[i] = (view.result.petC[i] as number) - (baseResult.petC[i] as number);
  const shown = scenario?.surface ?? surface;
  ctx.progress(1, 'Klaar');
  return {
    pet: rasterOutput(grid(shown, view.result.petC), { title: `Gevoelstemperatuur (PET) ${options.petHoursLocal?.join('–')} uur — ${view.name}`, unit: '°C' }),
    petClass: rasterOutput(grid(shown, view.result.petClass), { title: `Hittestressklasse — ${view.name}`, unit: 'class' }),
    petChange: rasterOutput(grid(shown, petChange), { title: 'Verandering PET (scenario − huidig)', unit: '°C' }),
    shade: rasterOutput(grid(shown, view.result.shadeFraction), { title: `Schaduwfractie — ${view.name}`, unit: '1' }),
    svf: rasterOutput(grid(shown, view.result.svf), { title: `Hemelzichtfactor — ${view.name}`, unit: '1' }),
    neighbourhoods: vectorOutput(neighbourhoodTable(buurten, buurtZones, outdoor, routes, sites, view, base), { title: 'KPI per buurt' }),
    vulnerableLocations: vectorOutput(vulnerableLocationTable(surface.grid, routes, sites, view, base), { title: 'Kwetsbare locaties' }),
    comparison: {
      rows: comparisonRows,
      measures: (scenario?.outcomes ?? []).map((o) => ({ ...o, quantity: round(o.quantity, 1) as number, costEur: round(o.costEur, 0) as number })),
      warnings: scenario?.warnings ?? [],
      coolPlaceMaxDistanceM: COOL_PLACE_MAX_DISTANCE_M,
      distanceMethod: 'straight-line distance on the model grid (not walking distance over the network)',
      residentReachedCoolingC: RESIDENT_REACHED_COOLING_C,
    },
  };
}

/** The Hittestress app (default export for the platform). */
const app = defineApp<HittestressInputs>({ manifest, run });
export default app;
