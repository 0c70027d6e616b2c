/**
 * One tile contract, two producers. PostGIS in PGlite is built without protobuf, so `ST_AsMVT` fails
 * there; PostgreSQL uses `ST_AsMVT`, PGlite the JS encoder (geojson-vt + vt-pbf). Both encode the
 * same contract (see tile-math.ts) and are tested to give equivalent tiles.
 */
import type { Kysely } from 'kysely';
import type { Database, DbEngine } from '../../db/index.js';
import { jsTile } from './js-mvt.js';
import { postgisTile } from './postgis-mvt.js';
import type { TileAddress } from './tile-math.js';

/** What to put in a tile: one version of one vector dataset; the layer is named after the dataset. */
export interface TileRequest extends TileAddress {
  datasetId: string;
  version: number;
}

/** Makes a Mapbox Vector Tile; an empty array means the tile holds nothing. */
export type TileProducer = (db: Kysely<Database>, request: TileRequest) => Promise<Uint8Array>;

export const TILE_PRODUCERS: Record<'postgis' | 'js', TileProducer> = { postgis: postgisTile, js: jsTile };

/** The producer for a database engine: ST_AsMVT on PostgreSQL, the JS encoder on PGlite. */
export function producerFor(engine: DbEngine): TileProducer {
  return engine === 'postgres' ? TILE_PRODUCERS.postgis : TILE_PRODUCERS.js;
}
