#!/usr/bin/env node
/**
 * Standalone command for modellers, usable without the server:
 *   tweeling-wateroverlast simulate --dem DEM --duration SECONDS --out-dir DIR [options]
 * Writes gauges.csv, max_depth.tif and mass_balance.json; prints progress with an ETA on stderr.
 */
import { realpathSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { RasterGrid } from '@tweeling/core';
import { readRasterFile, writeGeoTiff } from '@tweeling/sdk';
import { burnBuildings } from './burn.js';
import { formatGaugesCsv, parseGaugesCsv, parseInflowCsv, parseRainCsv } from './csv.js';
import { simulate } from './simulate.js';
import { DESIGN_STORM_IDS, designStorm, type DesignStormId } from './storms.js';
import type { SimulationInput, SimulationProgress } from './types.js';

const USAGE = `usage: tweeling-wateroverlast simulate --dem DEM --duration SECONDS --out-dir DIR
  [--manning RASTER|VALUE] [--rain CSV (time_s,mm_per_h)] [--storm ${DESIGN_STORM_IDS.join('|')}]
  [--inflow CSV (x,y,time_s,m3_per_s)] [--gauges CSV (id,x,y)] [--sink-mm-per-h N]
  [--buildings GEOJSON] [--output-interval SECONDS] [--threads N] [--nodata reject|wall]
DEM and rasters: GeoTIFF (.tif/.tiff) or ESRI ASCII grid (.asc).`;

const DEFAULT_OUTPUT_INTERVAL_S = 300;
const PROGRESS_EVERY_MS = 2000;

const OPTIONS = {
  dem: { type: 'string' }, duration: { type: 'string' }, 'out-dir': { type: 'string' }, manning: { type: 'string' },
  rain: { type: 'string' }, storm: { type: 'string' }, inflow: { type: 'string' }, gauges: { type: 'string' },
  'sink-mm-per-h': { type: 'string' }, buildings: { type: 'string' }, 'output-interval': { type: 'string' },
  threads: { type: 'string' }, nodata: { type: 'string' }, help: { type: 'boolean' },
} as const;

function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new Error(`--${name} is required\n${USAGE}`);
  return value;
}

function numberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const v = Number(value);
  if (!Number.isFinite(v)) throw new Error(`--${name} must be a number, got "${value}"`);
  return v;
}

/** Builds the simulation input from parsed options (reads the files). */
async function inputFrom(v: Record<string, string | boolean | undefined>): Promise<SimulationInput> {
  const str = (k: string): string | undefined => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const dem = await readRasterFile(required(str('dem'), 'dem'));
  const manningArg = str('manning');
  let manningN: number | RasterGrid | undefined;
  if (manningArg !== undefined) manningN = Number.isFinite(Number(manningArg)) ? Number(manningArg) : await readRasterFile(manningArg);
  const storm = str('storm') === undefined ? undefined : designStorm(str('storm') as DesignStormId);
  const rainArg = str('rain');
  const outputIntervalS = numberOption(str('output-interval'), 'output-interval', DEFAULT_OUTPUT_INTERVAL_S);
  const nodata = str('nodata') ?? 'reject';
  if (nodata !== 'reject' && nodata !== 'wall') throw new Error(`--nodata must be reject or wall, got "${nodata}"`);
  const input: SimulationInput = {
    dem, durationS: numberOption(required(str('duration'), 'duration'), 'duration', 0), gaugeIntervalS: outputIntervalS,
    sinkMmPerH: numberOption(str('sink-mm-per-h'), 'sink-mm-per-h', storm?.sinkMmPerH ?? 0),
    threads: numberOption(str('threads'), 'threads', Math.min(2, availableParallelism())), nodata,
  };
  if (manningN !== undefined) input.manningN = manningN;
  if (rainArg !== undefined) input.rainMmPerH = parseRainCsv(await readFile(rainArg, 'utf8'));
  else if (storm) input.rainMmPerH = storm.rainMmPerH;
  if (str('inflow') !== undefined) input.inflows = parseInflowCsv(await readFile(str('inflow')!, 'utf8'));
  if (str('gauges') !== undefined) input.gauges = parseGaugesCsv(await readFile(str('gauges')!, 'utf8'));
  if (str('buildings') !== undefined) input.buildings = burnBuildings(dem, JSON.parse(await readFile(str('buildings')!, 'utf8')));
  return input;
}

/** A progress printer with an ETA from the wall time so far. */
function progressPrinter(write: (line: string) => void): (p: SimulationProgress) => void {
  const t0 = performance.now();
  let last = -Infinity;
  return (p) => {
    const now = performance.now();
    if (now - last < PROGRESS_EVERY_MS && p.timeS < p.durationS) return;
    last = now;
    const wallS = (now - t0) / 1000;
    const etaS = p.timeS > 0 ? (wallS * (p.durationS - p.timeS)) / p.timeS : NaN;
    write(`t = ${p.timeS.toFixed(0)}/${p.durationS} s (${((100 * p.timeS) / p.durationS).toFixed(0)} %), ${p.steps} steps, ${wallS.toFixed(0)} s elapsed, ETA ${Number.isFinite(etaS) ? etaS.toFixed(0) : '?'} s`);
  };
}

/**
 * Runs the command with `argv` (without node and script). Returns the exit code.
 * @param log where progress and messages go (default stderr).
 */
export async function main(argv: string[], log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help || positionals[0] !== 'simulate') {
    log(USAGE);
    return values.help ? 0 : 2;
  }
  const outDir = required(values['out-dir'], 'out-dir');
  const input = await inputFrom(values);
  input.onProgress = progressPrinter(log);
  const result = await simulate(input);
  await mkdir(outDir, { recursive: true });
  await writeGeoTiff(join(outDir, 'max_depth.tif'), result.maxDepthM);
  await writeFile(join(outDir, 'gauges.csv'), formatGaugesCsv(result.gauges));
  await writeFile(join(outDir, 'mass_balance.json'), `${JSON.stringify({ ...result.massBalance, steps: result.steps, threads: result.threads }, null, 2)}\n`);
  log(`done: ${result.steps} steps, mass balance error ${result.massBalance.relativeError.toExponential(2)}; wrote ${outDir}`);
  return 0;
}

// Run only as a script (also through the npm bin symlink), not when imported by tests.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
