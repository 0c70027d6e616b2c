/**
 * Input checks that run before any array is allocated, so bad input fails at once with a clear
 * message (and a memory estimate for grids that would not fit).
 */
import type { RasterGrid } from '@tweeling/core';
import { DEFAULT_KERNEL_PARAMS, maxStableCflAlpha } from './kernel.js';
import { KERNEL_BYTES_PER_CELL } from './setup.js';
import { checkSeries } from './storms.js';
import type { SimulationInput } from './types.js';

const BYTES_PER_OPTIONAL_FIELD = 8;
/** Float32 outputs: max depth, max speed, arrival time, final depth. */
const BYTES_PER_OUTPUT_CELL = 4 * 4;
const BYTES_PER_FRAME_CELL = 4;
const GIB = 1024 ** 3;

/**
 * Estimated bytes a run needs: kernel arrays (per cell and per face), optional rasters, four Float32
 * outputs and the stored depth frames.
 */
export function estimateMemoryBytes(cells: number, optionalFields: number, frames: number): number {
  return cells * (KERNEL_BYTES_PER_CELL + optionalFields * BYTES_PER_OPTIONAL_FIELD + BYTES_PER_OUTPUT_CELL + frames * BYTES_PER_FRAME_CELL);
}

/** Number of depth frames stored for a run (including t = 0). */
export function frameCount(durationS: number, frameIntervalS: number): number {
  return frameIntervalS > 0 ? Math.floor(durationS / frameIntervalS) + 1 : 0;
}

/** True when `value` is the raster's nodata marker or not a finite number. */
export function isNoData(grid: RasterGrid, value: number): boolean {
  return !Number.isFinite(value) || (grid.noData !== null && value === grid.noData);
}

function checkSameGrid(dem: RasterGrid, other: RasterGrid, label: string): void {
  const same = other.width === dem.width && other.height === dem.height && other.cellSize === dem.cellSize
    && other.originX === dem.originX && other.originY === dem.originY;
  if (!same) {
    throw new Error(`${label} grid (${other.width}×${other.height}, cell ${other.cellSize}, origin ${other.originX},${other.originY}) `
      + `does not match the DEM (${dem.width}×${dem.height}, cell ${dem.cellSize}, origin ${dem.originX},${dem.originY})`);
  }
  if (other.crs !== dem.crs) throw new Error(`${label} CRS ${other.crs} differs from the DEM CRS ${dem.crs}`);
  if (other.data.length !== other.width * other.height) throw new Error(`${label} holds ${other.data.length} values, expected ${other.width * other.height}`);
}

function checkRasterValues(grid: RasterGrid, label: string, min: number): void {
  for (let i = 0; i < grid.data.length; i++) {
    const v = grid.data[i]!;
    if (!Number.isFinite(v) || v < min) {
      throw new Error(`${label}: value ${v} at row ${Math.floor(i / grid.width)}, col ${i % grid.width} must be a finite number ≥ ${min}`);
    }
  }
}

function checkDem(dem: RasterGrid, nodata: 'reject' | 'wall'): void {
  if (!(dem.cellSize > 0) || !Number.isFinite(dem.cellSize)) throw new Error(`DEM cell size must be a positive number, got ${dem.cellSize}`);
  if (dem.data.length !== dem.width * dem.height) throw new Error(`DEM holds ${dem.data.length} values, expected ${dem.width}×${dem.height}`);
  if (nodata === 'wall') return;
  let count = 0, first = -1;
  for (let i = 0; i < dem.data.length; i++) {
    if (isNoData(dem, dem.data[i]!)) { count++; if (first < 0) first = i; }
  }
  if (count > 0) {
    throw new Error(`DEM has ${count} nodata/NaN cell(s), first at row ${Math.floor(first / dem.width)}, col ${first % dem.width}; `
      + 'fill them, or pass nodata: "wall" to treat them as walls');
  }
}

/** Row/column of a point in CRS coordinates, or null when it lies outside the grid. */
export function cellOf(grid: Pick<RasterGrid, 'width' | 'height' | 'originX' | 'originY' | 'cellSize'>, x: number, y: number): [number, number] | null {
  const col = Math.floor((x - grid.originX) / grid.cellSize);
  const row = Math.floor((grid.originY - y) / grid.cellSize);
  if (!(col >= 0 && col < grid.width && row >= 0 && row < grid.height)) return null;
  return [row, col];
}

/**
 * Checks a simulation input completely before the run.
 * @param memoryLimitBytes bytes the run may use.
 * @throws Error with a message naming the input and the problem.
 */
export function checkSimulationInput(input: SimulationInput, memoryLimitBytes: number): void {
  const { dem } = input;
  if (!Number.isInteger(dem.width) || !Number.isInteger(dem.height) || dem.width < 1 || dem.height < 1) {
    throw new Error(`DEM size must be positive integers, got ${dem.width}×${dem.height}`);
  }
  if (!(input.durationS > 0) || !Number.isFinite(input.durationS)) throw new Error(`durationS must be a positive number of seconds, got ${input.durationS}`);
  const threads = input.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be a positive integer, got ${threads}`);
  const frameIntervalS = input.frameIntervalS ?? 0;
  if (!(frameIntervalS >= 0)) throw new Error(`frameIntervalS must be ≥ 0, got ${frameIntervalS}`);
  const cells = dem.width * dem.height;
  const optional = [input.rainFactor, input.infiltrationMmPerH, input.sewerStorageMm].filter((v) => v !== undefined && v !== null).length;
  const need = estimateMemoryBytes(cells, optional, frameCount(input.durationS, frameIntervalS));
  if (need > memoryLimitBytes) {
    throw new Error(`grid of ${dem.width}×${dem.height} cells needs about ${(need / GIB).toFixed(1)} GiB `
      + `(${(need / cells).toFixed(0)} bytes per cell), more than the ${(memoryLimitBytes / GIB).toFixed(1)} GiB available; use a coarser grid, a smaller area or fewer frames`);
  }
  checkDem(dem, input.nodata ?? 'reject');
  if (input.buildings) checkSameGrid(dem, input.buildings, 'buildings');
  if (input.rainFactor) { checkSameGrid(dem, input.rainFactor, 'rainFactor'); checkRasterValues(input.rainFactor, 'rainFactor', 0); }
  if (input.infiltrationMmPerH) { checkSameGrid(dem, input.infiltrationMmPerH, 'infiltrationMmPerH'); checkRasterValues(input.infiltrationMmPerH, 'infiltrationMmPerH', 0); }
  if (input.initialDepthM) { checkSameGrid(dem, input.initialDepthM, 'initialDepthM'); checkRasterValues(input.initialDepthM, 'initialDepthM', 0); }
  const n = input.manningN;
  if (typeof n === 'number') {
    if (!(n > 0) || !Number.isFinite(n)) throw new Error(`Manning n must be a positive number, got ${n}`);
  } else if (n !== undefined) {
    checkSameGrid(dem, n, 'manningN');
    checkRasterValues(n, 'manningN', Number.MIN_VALUE);
  }
  if (input.rainMmPerH) checkSeries(input.rainMmPerH, 'rain (mm/h)');
  if (input.sinkMmPerH !== undefined && !(input.sinkMmPerH >= 0)) throw new Error(`sinkMmPerH must be ≥ 0, got ${input.sinkMmPerH}`);
  if (input.sewerStorageMm !== undefined && !(input.sewerStorageMm >= 0)) throw new Error(`sewerStorageMm must be ≥ 0, got ${input.sewerStorageMm}`);
  for (const [k, inflow] of (input.inflows ?? []).entries()) {
    const label = `inflow ${inflow.id ?? k}`;
    if (cellOf(dem, inflow.x, inflow.y) === null) throw new Error(`${label} at (${inflow.x}, ${inflow.y}) lies outside the grid`);
    checkSeries(inflow.hydrographM3PerS, `${label} hydrograph (m³/s)`);
  }
  for (const gauge of input.gauges ?? []) {
    if (cellOf(dem, gauge.x, gauge.y) === null) throw new Error(`gauge ${gauge.id} at (${gauge.x}, ${gauge.y}) lies outside the grid`);
  }
  checkKernelParams(input);
  for (const [edge, b] of Object.entries(input.boundaries ?? {})) {
    if (b?.kind === 'normalDepth' && !((b.slope ?? 0) > 0)) throw new Error(`boundary ${edge}: normalDepth needs a slope > 0`);
  }
}

function checkKernelParams(input: SimulationInput): void {
  const p = { ...DEFAULT_KERNEL_PARAMS, ...input.kernel };
  if (!(p.theta > 0 && p.theta <= 1)) throw new Error(`kernel.theta must be in (0, 1], got ${p.theta}`);
  const alphaMax = maxStableCflAlpha(p.theta);
  if (!(p.cflAlpha > 0 && p.cflAlpha <= alphaMax)) {
    throw new Error(`kernel.cflAlpha must be in (0, ${alphaMax.toFixed(3)}] for theta ${p.theta} (2D stability, α ≤ √(θ/2)), got ${p.cflAlpha}`);
  }
  if (!(p.wetThresholdM > 0) || !(p.maxDtS > 0) || !(p.froudeMax > 0)) throw new Error('kernel.wetThresholdM, maxDtS and froudeMax must be > 0');
}
