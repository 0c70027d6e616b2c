/**
 * Content hashes of outputs and input datasets (SHA-256, hex), the basis of "a rerun gives identical
 * output hashes". Canonical forms, each prefixed with a format tag so kinds never collide:
 * - raster: canonical JSON of the metadata (`tweeling-raster/1`: size, origin, cell size, CRS,
 *   no-data, cell type), a newline, then the raw cells as little-endian bytes;
 * - features: canonical JSON (sorted keys) of `{ format: 'tweeling-features/1', crs, features }`;
 * - values and time series: canonical JSON of `{ format, value }`.
 * NaN in JSON values is refused (it has no JSON form), NaN raster cells are hashed as their bits.
 */
import { createHash } from 'node:crypto';
import type { FeatureCollection } from 'geojson';
import { canonicalJson, type RasterGrid } from '@tweeling/core';
import { assertRasterGrid, rasterDataType } from './raster-check.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The cells of a raster as little-endian bytes (a copy only on big-endian hosts). */
function littleEndianBytes(data: RasterGrid['data']): Uint8Array {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const size = data.BYTES_PER_ELEMENT;
  if (LITTLE_ENDIAN || size === 1) return bytes;
  const swapped = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += size) {
    for (let j = 0; j < size; j++) swapped[i + j] = bytes[i + size - 1 - j] as number;
  }
  return swapped;
}

/**
 * SHA-256 of a raster: metadata and raw cells (see the module comment).
 *
 * @throws {RasterFormatError} when the grid is inconsistent
 */
export function hashRaster(grid: RasterGrid): string {
  assertRasterGrid(grid);
  const meta = canonicalJson({
    format: 'tweeling-raster/1',
    width: grid.width,
    height: grid.height,
    originX: grid.originX,
    originY: grid.originY,
    cellSize: grid.cellSize,
    crs: grid.crs,
    noData: grid.noData !== null && Number.isNaN(grid.noData) ? 'NaN' : grid.noData,
    dataType: rasterDataType(grid.data),
  });
  return createHash('sha256').update(meta + '\n').update(littleEndianBytes(grid.data)).digest('hex');
}

/**
 * SHA-256 of a feature collection in the given CRS (canonical JSON, keys sorted).
 *
 * @throws {Error} when a value has no JSON form (NaN, Infinity, bigint, circular)
 */
export function hashFeatures(collection: FeatureCollection, crs: string): string {
  return createHash('sha256').update(canonicalJson({ format: 'tweeling-features/1', crs, features: collection })).digest('hex');
}

/**
 * SHA-256 of a plain JSON output value or a time series.
 *
 * @throws {Error} when the value has no JSON form
 */
export function hashJsonValue(value: unknown, format: 'value' | 'timeSeries' = 'value'): string {
  return createHash('sha256').update(canonicalJson({ format: `tweeling-${format.toLowerCase()}/1`, value })).digest('hex');
}
