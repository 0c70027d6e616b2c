/** Vector tiles: one contract (tile-math.ts), two producers (ST_AsMVT on PostgreSQL, geojson-vt + vt-pbf on PGlite). */
export { tileRoutes, tileEtag } from './tile-routes.js';
export { producerFor, TILE_PRODUCERS, type TileProducer, type TileRequest } from './producer.js';
export { TILE_EXTENT, TILE_BUFFER, MVT, tileBounds } from './tile-math.js';
