import type { RasterArray, RasterGrid } from '@tweeling/core';

/** Thrown when a raster file or grid cannot be read, written or used: corrupt, empty, inconsistent. */
export class RasterFormatError extends Error {
  override name = 'RasterFormatError';
}

/**
 * Whether cell value `v` is "no data" for a grid with no-data marker `noData`.
 * NaN always counts as no data, also when `noData` is null.
 */
export function isNoData(v: number, noData: number | null): boolean {
  return Number.isNaN(v) || (noData !== null && v === noData);
}

/**
 * Checks that a grid is self-consistent: positive integer size, `data.length === width * height`,
 * finite origin and a positive finite cell size, a CRS of the form `EPSG:<code>`.
 *
 * @param grid - the grid to check
 * @param what - how to name the grid in error messages, e.g. a file path
 * @throws {RasterFormatError} naming the first inconsistency
 */
export function assertRasterGrid(grid: RasterGrid, what = 'raster'): void {
  const { width, height, originX, originY, cellSize, crs, data } = grid;
  if (!Number.isInteger(width) || width <= 0 || !Number.isInteger(height) || height <= 0) {
    throw new RasterFormatError(`${what}: width and height must be positive integers, got ${width} × ${height}`);
  }
  if (data.length !== width * height) {
    throw new RasterFormatError(
      `${what}: size mismatch, ${width} × ${height} = ${width * height} cells but data holds ${data.length} values`,
    );
  }
  if (!Number.isFinite(originX) || !Number.isFinite(originY)) {
    throw new RasterFormatError(`${what}: origin must be finite, got (${originX}, ${originY})`);
  }
  if (!Number.isFinite(cellSize) || cellSize <= 0) {
    throw new RasterFormatError(`${what}: cell size must be a positive number, got ${cellSize}`);
  }
  if (!/^EPSG:\d+$/.test(crs)) {
    throw new RasterFormatError(`${what}: CRS must look like EPSG:<code>, got ${JSON.stringify(crs)}`);
  }
}

/**
 * Throws when no cell of the grid holds data (every value is NaN or the no-data marker);
 * such a raster is almost always a broken export rather than a real input.
 *
 * @throws {RasterFormatError}
 */
export function assertHasData(grid: RasterGrid, what = 'raster'): void {
  const { data, noData } = grid;
  for (let i = 0; i < data.length; i++) {
    if (!isNoData(data[i] as number, noData)) return;
  }
  throw new RasterFormatError(`${what}: every one of its ${data.length} cells is no-data or NaN`);
}

/** Name of the element type of a raster array, as in `RasterInfo.dataType`. */
export function rasterDataType(data: RasterArray): 'float32' | 'float64' | 'int16' | 'int32' | 'uint8' | 'uint16' {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Uint8Array) return 'uint8';
  return 'uint16';
}
