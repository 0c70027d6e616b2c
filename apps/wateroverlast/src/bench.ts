/**
 * Benchmark (Turf style: named cases, fixed sizes). Run with `npm run bench -w apps/wateroverlast`.
 *   throughput-1000x1000   cell-updates/s of the kernel on a wet 1000×1000 grid, 1 and 2 threads
 *   storm-1km2-1m          wall time of 70 mm/1 h + 1 h afterwards on a synthetic 1 km² urban DEM at 1 m
 * Options: --case throughput|storm|all (default all), --steps N (throughput, default 200),
 *          --threads N (storm, default 2).
 * Results on the 2-core development machine are kept in MODEL_CARD.md.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { RasterGrid } from '@tweeling/core';
import { DEFAULT_KERNEL_PARAMS, stableDt, type StepForcing } from './kernel.js';
import { createEngine } from './parallel.js';
import { createKernelGrid, createKernelState } from './setup.js';
import { simulate } from './simulate.js';
import { designStorm } from './storms.js';

const SIZE = 1000;
const STREET_PERIOD_M = 100;
const STREET_WIDTH_M = 12;
const KERB_M = 0.12;

/**
 * Synthetic polder-town terrain (Almere-like: flat), m: a 0.1 % slope, ±0.25 m undulations over
 * a few hundred metres, 2 cm micro-relief, streets 12 cm below the plots.
 */
function urbanBed(row: number, col: number): number {
  const street = col % STREET_PERIOD_M < STREET_WIDTH_M || row % STREET_PERIOD_M < STREET_WIDTH_M;
  return 0.001 * col + 0.25 * Math.sin(row / 90) * Math.cos(col / 130) + 0.02 * Math.sin(row * 0.37 + col * 0.21) - (street ? KERB_M : 0);
}

/** Buildings: 4 blocks of 30 × 30 m per 100 m street block, set back from the street. */
function isBuilding(row: number, col: number): boolean {
  const r = row % STREET_PERIOD_M, c = col % STREET_PERIOD_M;
  const inBand = (v: number): boolean => (v >= 18 && v < 48) || (v >= 60 && v < 90);
  return inBand(r) && inBand(c);
}

function raster(f: (row: number, col: number) => number): RasterGrid<Float64Array> {
  const data = new Float64Array(SIZE * SIZE);
  for (let r = 0; r < SIZE; r++) for (let c = 0; c < SIZE; c++) data[r * SIZE + c] = f(r, c);
  return { width: SIZE, height: SIZE, originX: 140000, originY: 490000, cellSize: 1, crs: 'EPSG:28992', noData: null, data };
}

async function throughput(threads: number, steps: number): Promise<{ perWallS: number; perCpuS: number }> {
  const n = SIZE * SIZE;
  const bedM = new Float64Array(n).map((_, i) => urbanBed(Math.floor(i / SIZE), i % SIZE));
  const grid = createKernelGrid({ nx: SIZE, ny: SIZE, cellSizeM: 1, bedM, manningN: 0.02 }, threads > 1);
  // Everything wet: water level 0.3 m above the highest point of each row's neighbourhood is not
  // needed; a uniform 0.2 m layer on the undulating bed keeps every face active.
  const state = createKernelState(grid, threads > 1, new Float64Array(n).fill(0.2));
  const params = { ...DEFAULT_KERNEL_PARAMS };
  const engine = await createEngine(grid, state, params, threads, new Int32Array(0));
  const forcing: StepForcing = { timeEndS: 0, rainDepthM: 70 / 1000 / 3600 * 0.3, sewerDepthM: 0, inflowCells: new Int32Array(0), inflowVolumesM3: new Float64Array(0) };
  const dtS = stableDt(grid, state, params);
  for (let k = 0; k < 5; k++) engine.step(dtS, forcing); // warm-up (JIT)
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let k = 0; k < steps; k++) {
    forcing.timeEndS += dtS;
    engine.step(dtS, forcing);
  }
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await engine.close();
  // CPU seconds of all threads of the process: a rate per CPU-second is what one idle core would give.
  const cpuS = (cpu.user + cpu.system) / 1e6;
  return { perWallS: (n * steps) / wallS, perCpuS: (n * steps) / cpuS };
}

async function storm(threads: number): Promise<void> {
  const dem = raster(urbanBed);
  const buildings = raster((r, c) => (isBuilding(r, c) ? 1 : 0));
  const t70 = designStorm('T100_70mm_1h');
  let lastPrint = performance.now();
  const t0 = performance.now();
  const result = await simulate({
    dem, buildings, rainMmPerH: t70.rainMmPerH, durationS: 2 * 3600, threads, frameIntervalS: 0, manningN: 0.02,
    gauges: [{ id: 'centre', x: 140500.5, y: 489499.5 }], gaugeIntervalS: 300,
    onProgress: (p) => {
      const now = performance.now();
      if (now - lastPrint > 10_000) {
        lastPrint = now;
        const elapsedS = (now - t0) / 1000;
        console.log(`  t = ${p.timeS.toFixed(0)} s, ${p.steps} steps, ${elapsedS.toFixed(0)} s wall, ETA ${((elapsedS * (p.durationS - p.timeS)) / Math.max(p.timeS, 1)).toFixed(0)} s`);
      }
    },
  });
  const wallS = (performance.now() - t0) / 1000;
  const maxDepth = result.maxDepthM.data.reduce((m, v) => Math.max(m, v), 0);
  let flooded = 0;
  for (const d of result.maxDepthM.data) if (d > 0.05) flooded++;
  console.log(`storm-1km2-1m: threads=${result.threads} wall=${wallS.toFixed(1)} s steps=${result.steps} `
    + `cell-updates/s=${(result.cellUpdates / wallS / 1e6).toFixed(1)} M maxDepth=${maxDepth.toFixed(2)} m `
    + `cells>5cm=${flooded} massError=${result.massBalance.relativeError.toExponential(2)}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { case: { type: 'string', default: 'all' }, steps: { type: 'string', default: '200' }, threads: { type: 'string', default: '2' } } });
  const steps = Number(values.steps);
  if (values.case === 'all' || values.case === 'throughput') {
    for (const threads of [1, 2]) {
      const rate = await throughput(threads, steps);
      console.log(`throughput-1000x1000: threads=${threads} steps=${steps} cell-updates/s=${(rate.perWallS / 1e6).toFixed(1)} M `
        + `(per CPU-second: ${(rate.perCpuS / 1e6).toFixed(1)} M; load average ${loadavg()[0]!.toFixed(1)})`);
    }
  }
  if (values.case === 'all' || values.case === 'storm') await storm(Number(values.threads));
}

await main();
