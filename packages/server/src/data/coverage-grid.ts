/**
 * Raster versions as grids: reading a stored version (for the Coverages API and for apps through the
 * runtime, without HTTP), cutting a window out of it, and downsampling.
 *
 * Layout as in `RasterGrid`: row-major, `i = row * width + col`, row 0 the northern row.
 */
import type { Caller, RasterArray, RasterGrid, RasterInfo } from '@tweeling/core';
import { TweelingError } from '../errors.js';
import { DATA_ERRORS } from './errors.js';
import { cellsToArray } from './raster-cells.js';
import { getDataset, getVersion, type DataDeps } from './registry.js';

/** A stored raster version: its grid plus which version it is and its content hash. */
export interface RasterVersion {
  grid: RasterGrid;
  version: number;
  contentHash: string;
}

/**
 * Reads one version (default: the latest) of a raster dataset the caller may see, cells included.
 * This is what the runtime hands to apps, so apps read rasters without going over HTTP.
 * @throws TWL_DATA_DATASET_NOT_FOUND (absent or not visible), TWL_DATA_VERSION_NOT_FOUND, TWL_DATA_WRONG_KIND (a vector dataset)
 * @example
 * const { grid } = await readRasterVersion(deps, caller, 'demo-hoogte');
 */
export async function readRasterVersion(deps: DataDeps, caller: Caller, datasetId: string, version?: number): Promise<RasterVersion> {
  const dataset = await getDataset(deps, caller, datasetId);
  if (dataset.kind !== 'raster') throw new TweelingError(DATA_ERRORS.WRONG_KIND, `Dataset '${datasetId}' is geen raster.`);
  const meta = await getVersion(deps, caller, datasetId, version);
  const info = meta.raster as RasterInfo;
  const row = await deps.db.selectFrom('raster_grids').select('cells').where('dataset_id', '=', datasetId).where('version', '=', meta.version).executeTakeFirstOrThrow();
  const data = cellsToArray(row.cells, info);
  const grid: RasterGrid = { width: info.width, height: info.height, originX: info.originX, originY: info.originY, cellSize: info.cellSize, crs: info.crs, noData: info.noData, data };
  return { grid, version: meta.version, contentHash: meta.contentHash };
}

/** A window of whole cells: columns `col0 ≤ c < col1`, rows `row0 ≤ r < row1`. */
export interface CellWindow {
  col0: number;
  col1: number;
  row0: number;
  row1: number;
}

/**
 * The cells a box `[minX, minY, maxX, maxY]` (grid CRS) touches, clipped to the grid; null when
 * the box misses the grid. Cells are included when the box overlaps them at all.
 */
export function windowFor(grid: Pick<RasterGrid, 'width' | 'height' | 'originX' | 'originY' | 'cellSize'>, box: readonly [number, number, number, number]): CellWindow | null {
  const [minX, minY, maxX, maxY] = box;
  const { originX, originY, cellSize, width, height } = grid;
  // A tiny epsilon keeps an edge that lies exactly on a cell boundary from pulling in the next cell.
  const eps = cellSize * 1e-9;
  const col0 = Math.max(0, Math.floor((minX - originX + eps) / cellSize));
  const col1 = Math.min(width, Math.ceil((maxX - originX - eps) / cellSize));
  const row0 = Math.max(0, Math.floor((originY - maxY + eps) / cellSize));
  const row1 = Math.min(height, Math.ceil((originY - minY - eps) / cellSize));
  return col0 < col1 && row0 < row1 ? { col0, col1, row0, row1 } : null;
}

/** A new grid holding just the window's cells, with its origin moved to the window's corner. */
export function cropGrid(grid: RasterGrid, w: CellWindow): RasterGrid {
  const width = w.col1 - w.col0;
  const height = w.row1 - w.row0;
  const data = new (grid.data.constructor as new (n: number) => RasterArray)(width * height);
  for (let r = 0; r < height; r++) {
    const from = (w.row0 + r) * grid.width + w.col0;
    data.set(grid.data.subarray(from, from + width), r * width);
  }
  return { ...grid, width, height, originX: grid.originX + w.col0 * grid.cellSize, originY: grid.originY - w.row0 * grid.cellSize, data };
}

/** How a downsampled cell gets its value. */
export type Resampling = 'nearest' | 'mean';

/**
 * Downsamples by a whole factor `k`: each output cell covers `k × k` input cells (fewer at the east
 * and south edges), so the output is `ceil(width / k) × ceil(height / k)` with cell size `k × cellSize`
 * and the same origin.
 * - `nearest`: the value of the input cell nearest the output cell's centre (any type; the only
 *   sensible choice for class codes such as land use).
 * - `mean`: the mean of the block's cells that hold data (no-data and NaN ignored); no-data when
 *   none does. Integer grids are rounded to the nearest integer.
 */
export function downsample(grid: RasterGrid, k: number, method: Resampling): RasterGrid {
  if (k === 1) return grid;
  const width = Math.ceil(grid.width / k);
  const height = Math.ceil(grid.height / k);
  const out = new (grid.data.constructor as new (n: number) => RasterArray)(width * height);
  const integer = !(grid.data instanceof Float32Array || grid.data instanceof Float64Array);
  const fill = grid.noData ?? NaN;
  for (let r = 0; r < height; r++) {
    const r0 = r * k;
    const r1 = Math.min(grid.height, r0 + k);
    for (let c = 0; c < width; c++) {
      const c0 = c * k;
      const c1 = Math.min(grid.width, c0 + k);
      if (method === 'nearest') {
        out[r * width + c] = grid.data[Math.min(r1 - 1, r0 + (k >> 1)) * grid.width + Math.min(c1 - 1, c0 + (k >> 1))] as number;
        continue;
      }
      let sum = 0;
      let n = 0;
      for (let rr = r0; rr < r1; rr++) {
        for (let cc = c0; cc < c1; cc++) {
          const v = grid.data[rr * grid.width + cc] as number;
          if (Number.isNaN(v) || v === grid.noData) continue;
          sum += v;
          n++;
        }
      }
      out[r * width + c] = n === 0 ? fill : integer ? Math.round(sum / n) : sum / n;
    }
  }
  return { ...grid, width, height, cellSize: grid.cellSize * k, data: out };
}
