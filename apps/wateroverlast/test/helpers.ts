/** Test helpers: small synthetic rasters on an RD-like georeference. */
import type { RasterGrid } from '@tweeling/core';
import { createHash } from 'node:crypto';

/** A Float64 raster of `ny` rows × `nx` cols whose values come from `f(row, col)`. */
export function raster(nx: number, ny: number, cellSize: number, f: (row: number, col: number) => number): RasterGrid<Float64Array> {
  const data = new Float64Array(nx * ny);
  for (let r = 0; r < ny; r++) for (let c = 0; c < nx; c++) data[r * nx + c] = f(r, c);
  return { width: nx, height: ny, originX: 150000, originY: 480000 + ny * cellSize, cellSize, crs: 'EPSG:28992', noData: null, data };
}

/** CRS coordinates of the centre of cell (row, col) of `grid`. */
export function centre(grid: RasterGrid, row: number, col: number): { x: number; y: number } {
  return { x: grid.originX + (col + 0.5) * grid.cellSize, y: grid.originY - (row + 0.5) * grid.cellSize };
}

/** SHA-256 of a typed array's bytes. */
export function hashOf(a: ArrayBufferView): string {
  return createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');
}

/** Deterministic bumpy terrain (no randomness): gentle slope plus ripples, m. */
export function bumpy(row: number, col: number): number {
  return 0.002 * col + 0.001 * row + 0.05 * Math.sin(col * 0.7) * Math.cos(row * 0.45) + 0.03 * Math.sin((row + col) * 0.23);
}
