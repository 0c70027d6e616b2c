/**
 * The assessment grid: a north-up frame of square cells (layout of `RasterGrid` in @tweeling/core:
 * row-major, `i = row * width + col`, row 0 north), rasterisation of polygons by cell centre, and
 * resampling of input rasters onto the frame.
 */
import type { RasterGrid } from '@tweeling/core';
import { isNoData, rasteriseShapes, type GridFrame } from '@tweeling/sdk';

/** Largest grid the app builds, cells (7 functions × 2 states × 2 bytes + factors ≈ 60 bytes per cell). */
export const MAX_CELLS = 4_000_000;

/** A north-up raster frame: north-west corner, size in cells, square cells in m. */
/** The analysis grid (see GridFrame in the SDK). */
export type Frame = GridFrame;
export { rasteriseShapes };

/**
 * Smallest frame aligned to multiples of `cellSizeM` that covers the box.
 * @throws {RangeError} when the frame would exceed {@link MAX_CELLS}
 */
export function frameAround(minX: number, minY: number, maxX: number, maxY: number, cellSizeM: number): Frame {
  const x0 = Math.floor(minX / cellSizeM) * cellSizeM;
  const y1 = Math.ceil(maxY / cellSizeM) * cellSizeM;
  const width = Math.max(1, Math.ceil((maxX - x0) / cellSizeM));
  const height = Math.max(1, Math.ceil((y1 - minY) / cellSizeM));
  if (width * height > MAX_CELLS) throw new RangeError(`grid of ${width} × ${height} cells is too large; use a larger cellSizeM`);
  return { originX: x0, originY: y1, width, height, cellSizeM };
}

/** Centre of cell i, `[x, y]`. */
export function cellCentre(frame: Frame, i: number): [number, number] {
  const row = Math.floor(i / frame.width);
  const col = i - row * frame.width;
  return [frame.originX + (col + 0.5) * frame.cellSizeM, frame.originY - (row + 0.5) * frame.cellSizeM];
}

/** Index of the cell containing (x, y), −1 outside the frame. */
export function cellAt(frame: Frame, x: number, y: number): number {
  const col = Math.floor((x - frame.originX) / frame.cellSizeM);
  const row = Math.floor((frame.originY - y) / frame.cellSizeM);
  return col < 0 || row < 0 || col >= frame.width || row >= frame.height ? -1 : row * frame.width + col;
}

/**
 * Puts a raster onto the frame. A finer raster is aggregated (each source cell goes to the frame cell
 * holding its centre; `max` or `mean` of its valid values); a coarser or equal one is sampled at the
 * frame cell centres. No-data and cells without source data become NaN.
 *
 * @param mode - `max` for flood depth (the worst in the cell), `mean` for surface height
 */
export function resampleToFrame(grid: RasterGrid, frame: Frame, mode: 'max' | 'mean'): Float32Array {
  const out = new Float32Array(frame.width * frame.height).fill(NaN);
  const { width, height, originX, originY, cellSize, noData, data } = grid;
  if (cellSize < frame.cellSizeM) {
    const sum = new Float64Array(out.length);
    const count = new Uint32Array(out.length);
    for (let row = 0; row < height; row++) {
      const y = originY - (row + 0.5) * cellSize;
      for (let col = 0; col < width; col++) {
        const v = data[row * width + col] as number;
        if (isNoData(v, noData)) continue;
        const i = cellAt(frame, originX + (col + 0.5) * cellSize, y);
        if (i < 0) continue;
        if (mode === 'max') out[i] = count[i] === 0 ? v : Math.max(out[i] as number, v);
        else sum[i] = (sum[i] as number) + v;
        count[i] = (count[i] as number) + 1;
      }
    }
    if (mode === 'mean') for (let i = 0; i < out.length; i++) if ((count[i] as number) > 0) out[i] = (sum[i] as number) / (count[i] as number);
    return out;
  }
  for (let i = 0; i < out.length; i++) {
    const [x, y] = cellCentre(frame, i);
    const col = Math.floor((x - originX) / cellSize), row = Math.floor((originY - y) / cellSize);
    if (col < 0 || row < 0 || col >= width || row >= height) continue;
    const v = data[row * width + col] as number;
    if (!isNoData(v, noData)) out[i] = v;
  }
  return out;
}
