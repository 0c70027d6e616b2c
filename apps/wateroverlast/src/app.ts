/**
 * The Wateroverlast app: `tweeling.app.json` + a `run` that reads the DEM, land use, buildings,
 * roads and buurten, resamples the DEM to the computational cell size, runs the 2D flood model for
 * the chosen storm and derives the building, road and neighbourhood outputs.
 */
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection } from 'geojson';
import type { RasterGrid } from '@tweeling/core';
import { defineApp, rasterOutput, timeSeriesOutput, vectorOutput, type RasterDatasetReader, type RunContext, type VectorDatasetReader } from '@tweeling/sdk';
import { labelFootprints, maskFromLabels } from './footprints.js';
import { blockFactor, blockMean, MANNING_N_UNKNOWN_CLASS, manningFromLandUse, runRain, sameGrid } from './prepare.js';
import { buildingFeatures, neighbourhoodFeatures, roadFeatures, type DepthSamples } from './outputs.js';
import { simulate } from './simulate.js';
import { summariseFrame } from './stats.js';
import type { SimulationResult } from './types.js';

/** The manifest, read next to the package (`src/` in tests, `dist/` when built: both one level below). */
const manifest: unknown = JSON.parse(readFileSync(new URL('../tweeling.app.json', import.meta.url), 'utf8'));

/** Inputs as `run` receives them (defaults applied by the host, datasets as readers). */
export interface WateroverlastInputs {
  storm: string;
  hyetograph?: { timesS: number[]; mmPerH: number[] };
  /** Simulated time after the end of the storm, s. */
  afterS: number;
  /** Lumped sink, mm/h; default that of the storm. */
  sinkMmPerH?: number;
  frameIntervalS: number;
  /** Computational cell size, m (1, 2 or 5). */
  cellSizeM: number;
  threads: number;
  /** Manning n from `landUse` (true) or 0.02 everywhere (false). */
  landUseRoughness: boolean;
  dem: RasterDatasetReader;
  landUse?: RasterDatasetReader;
  buildings: VectorDatasetReader;
  roads: VectorDatasetReader;
  buurten: VectorDatasetReader;
}

/** Share of the progress bar before and during the simulation. */
const PROGRESS_READ = 0.05, PROGRESS_SIMULATED = 0.9;
const SECONDS_PER_MINUTE = 60;

async function readFeatures(reader: VectorDatasetReader, signal: AbortSignal): Promise<Feature[]> {
  const out: Feature[] = [];
  for await (const f of reader.features()) {
    signal.throwIfAborted();
    out.push(f);
  }
  return out;
}

/** DEM and Manning n on the computational grid. */
async function computationalGrid(inputs: WateroverlastInputs, ctx: RunContext) {
  const source = await inputs.dem.read();
  const k = blockFactor(source.cellSize, inputs.cellSizeM);
  if (inputs.cellSizeM < source.cellSize) ctx.log.info(`DEM has ${source.cellSize} m cells; computing at ${source.cellSize} m, not ${inputs.cellSizeM} m (no refinement)`);
  const dem: RasterGrid = k > 1 ? blockMean(source, k) : source;
  let manningN: RasterGrid | undefined;
  let landUseUnknownCells = 0;
  if (inputs.landUseRoughness && inputs.landUse) {
    const landUse = await inputs.landUse.read();
    if (!sameGrid(landUse, source)) throw new Error('landUse: the land-use raster must be on the DEM grid (same size, origin, cell size and CRS)');
    const m = manningFromLandUse(landUse);
    landUseUnknownCells = m.unknownCells;
    if (m.unknownCells > 0) ctx.log.warn(`${m.unknownCells} land-use cell(s) have a code without a Manning n; 0.05 (grass/open) used`);
    manningN = k > 1 ? blockMean(m.manningN, k) : m.manningN;
  }
  let nodataCells = 0;
  const wall = Uint8Array.from(dem.data, (z) => (!Number.isFinite(z) || (dem.noData !== null && z === dem.noData) ? 1 : 0));
  for (const w of wall) nodataCells += w;
  if (nodataCells > 0) ctx.log.warn(`${nodataCells} DEM cell(s) without height are treated as walls`);
  // Manning n is only read on open cells; nodata there (a block of nodata) is replaced to pass the input check.
  if (manningN) for (let i = 0; i < manningN.data.length; i++) if (!Number.isFinite(manningN.data[i]!)) manningN.data[i] = MANNING_N_UNKNOWN_CLASS;
  return { dem, manningN, sourceCellSizeM: source.cellSize, landUseUnknownCells, nodataCells, wall };
}

/** Depth samples per time: the frames, plus the final state when the run did not end on a frame. */
function depthSamples(result: SimulationResult, durationS: number): DepthSamples {
  const samples: DepthSamples = result.frames.map((f) => ({ timeS: f.timeS, depthM: f.depthM.data }));
  if (samples.length === 0 || samples.at(-1)!.timeS < durationS) samples.push({ timeS: durationS, depthM: result.finalDepthM.data });
  return samples;
}

async function run(inputs: WateroverlastInputs, ctx: RunContext) {
  ctx.progress(0, 'Invoer lezen');
  const rain = runRain(inputs.storm, inputs.hyetograph);
  const grid = await computationalGrid(inputs, ctx);
  const [buildings, roads, buurten] = await Promise.all([inputs.buildings, inputs.roads, inputs.buurten].map((r) => readFeatures(r, ctx.signal))) as [Feature[], Feature[], Feature[]];
  const labels = labelFootprints(grid.dem, buildings.map((b) => b.geometry));
  const durationS = rain.stormDurationS + inputs.afterS;
  const sinkMmPerH = inputs.sinkMmPerH ?? rain.defaultSinkMmPerH;
  const totalMin = Math.round(durationS / SECONDS_PER_MINUTE);
  ctx.progress(PROGRESS_READ, `Rekenen op ${grid.dem.width} × ${grid.dem.height} cellen van ${grid.dem.cellSize} m`);
  const result = await simulate({
    dem: grid.dem, buildings: maskFromLabels(grid.dem, labels), manningN: grid.manningN ?? undefined,
    rainMmPerH: rain.rainMmPerH, sinkMmPerH, durationS, frameIntervalS: inputs.frameIntervalS, threads: inputs.threads,
    nodata: 'wall', signal: ctx.signal,
    onProgress: (p) => ctx.progress(PROGRESS_READ + (PROGRESS_SIMULATED - PROGRESS_READ) * (p.timeS / p.durationS),
      `Bui: ${Math.floor(p.timeS / SECONDS_PER_MINUTE)} van ${totalMin} min`),
  });
  ctx.log.info('simulation done', { steps: result.steps, cellUpdates: result.cellUpdates, threads: result.threads, relativeMassError: result.massBalance.relativeError });
  ctx.progress(PROGRESS_SIMULATED, 'Gebouwen, wegen en buurten');
  const samples = depthSamples(result, durationS);
  const blocked = Uint8Array.from(labels, (v, i) => (v > 0 || grid.wall[i] === 1 ? 1 : 0));
  const b = buildingFeatures(grid.dem, labels, buildings, buurten, result.maxDepthM.data);
  const roadOut = roadFeatures(grid.dem, roads, blocked, result.maxDepthM.data, samples);
  const cellAreaM2 = grid.dem.cellSize * grid.dem.cellSize;
  const summaries = samples.map((s) => summariseFrame(s.timeS, s.depthM, cellAreaM2));
  if (b.unresolved > 0) ctx.log.warn(`${b.unresolved} building(s) are smaller than a ${grid.dem.cellSize} m cell; their facade depth is taken around the cell under them`);
  if (b.outsideBuurten > 0) ctx.log.warn(`${b.outsideBuurten} building(s) lie in no buurt; they are not in the neighbourhood figures`);
  const crs = (reader: VectorDatasetReader) => ({ crs: reader.info.crs });
  const fc = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });
  const outputs = {
    maxDepth: rasterOutput(result.maxDepthM, { title: 'Maximale waterdiepte', unit: 'm' }),
    arrivalTime: rasterOutput(result.arrivalTimeS, { title: 'Tijd tot water > 5 cm', unit: 's' }),
    maxSpeed: rasterOutput(result.maxSpeedMPerS, { title: 'Maximale stroomsnelheid', unit: 'm/s' }),
    buildings: vectorOutput(fc(b.features), { title: 'Gebouwen: kwetsbaarheid', ...crs(inputs.buildings) }),
    roads: vectorOutput(fc(roadOut), { title: 'Wegen: begaanbaarheid', ...crs(inputs.roads) }),
    neighbourhoods: vectorOutput(fc(neighbourhoodFeatures(buurten, b.outcomes)), { title: 'Buurten: getroffen gebouwen en mensen', ...crs(inputs.buurten) }),
    massBalance: {
      ...result.massBalance,
      storm: rain.label, stormDurationS: rain.stormDurationS, durationS, sinkMmPerH,
      cellSizeM: grid.dem.cellSize, sourceCellSizeM: grid.sourceCellSizeM, cells: grid.dem.width * grid.dem.height,
      steps: result.steps, cellUpdates: result.cellUpdates, threads: result.threads,
      nodataCellsAsWalls: grid.nodataCells, landUseUnknownCells: grid.landUseUnknownCells, buildingsSmallerThanCell: b.unresolved,
    },
    depthSeries: timeSeriesOutput({
      timesS: summaries.map((s) => s.timeS),
      series: [
        { name: 'maxDepthM', unit: 'm', values: summaries.map((s) => s.maxDepthM) },
        { name: 'floodedAreaM2', unit: 'm2', values: summaries.map((s) => s.floodedAreaM2) },
        { name: 'storedVolumeM3', unit: 'm3', values: summaries.map((s) => s.storedVolumeM3) },
      ],
    }),
  };
  ctx.progress(1, 'Klaar');
  return outputs;
}

/** The app (default export, loaded by the server's registry). */
const app = defineApp<WateroverlastInputs>({ manifest, run });
export default app;
