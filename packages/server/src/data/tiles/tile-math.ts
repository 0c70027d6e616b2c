/**
 * The WebMercatorQuad tile matrix set (OGC 17-083r4, the "Google" / OSM XYZ scheme): EPSG:3857,
 * tile (0, 0) at the north-west corner, 2^z × 2^z tiles at zoom z. And the tile contract both
 * producers keep: layer = collection id, extent 4096, buffer 64 units, MVT version 2.
 */
import { TweelingError } from '../../errors.js';
import { DATA_ERRORS } from '../errors.js';

/** Half the width of the EPSG:3857 world, metres (π × 6 378 137). */
export const WORLD_HALF_M = 20037508.342789244;
/** Tile coordinate units per tile side (the MVT default). */
export const TILE_EXTENT = 4096;
/** Geometry kept beyond the tile edge, in tile units, so lines and fills join without seams. */
export const TILE_BUFFER = 64;
/** Deepest zoom served (geojson-vt's limit; at 24 a tile is about 2 m wide). */
export const MAX_ZOOM = 24;
export const TILE_MATRIX_SET = 'WebMercatorQuad';
export const TILE_MATRIX_SET_URI = 'http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad';
export const MVT = 'application/vnd.mapbox-vector-tile';

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/** Checks that a tile exists at its zoom. @throws TWL_DATA_INVALID_QUERY */
export function assertTile({ z, x, y }: TileAddress): void {
  const n = 2 ** z;
  if (!Number.isInteger(z) || z < 0 || z > MAX_ZOOM || !Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= n || y >= n) {
    throw new TweelingError(DATA_ERRORS.INVALID_QUERY, `Tegel ${z}/${x}/${y} bestaat niet in ${TILE_MATRIX_SET} (zoom 0–${MAX_ZOOM}, x en y van 0 tot 2^zoom).`, [
      { path: 'params', message: 'tile outside the tile matrix' },
    ]);
  }
}

/** The tile's bounds in EPSG:3857, widened by `bufferUnits` tile units on every side. */
export function tileBounds({ z, x, y }: TileAddress, bufferUnits = 0): [number, number, number, number] {
  const size = (2 * WORLD_HALF_M) / 2 ** z;
  const margin = (size * bufferUnits) / TILE_EXTENT;
  const minX = -WORLD_HALF_M + x * size;
  const maxY = WORLD_HALF_M - y * size;
  return [minX - margin, maxY - size - margin, minX + size + margin, maxY + margin];
}
