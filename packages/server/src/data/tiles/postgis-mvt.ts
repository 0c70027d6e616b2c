/** Tiles by PostGIS `ST_AsMVT`/`ST_AsMVTGeom` (PostgreSQL; PGlite's PostGIS lacks protobuf). */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { STORAGE_SRID } from '../crs.js';
import type { TileRequest } from './producer.js';
import { TILE_BUFFER, TILE_EXTENT, tileBounds } from './tile-math.js';

/**
 * The tile as PostGIS encodes it: geometries transformed to EPSG:3857, clipped to the tile plus
 * {@link TILE_BUFFER} and snapped to the {@link TILE_EXTENT} grid; `properties` (jsonb) become the
 * feature's tags, `fid` its id.
 */
export async function postgisTile(db: Kysely<Database>, t: TileRequest): Promise<Uint8Array> {
  const [a, b, c, d] = tileBounds(t);
  const [ea, eb, ec, ed] = tileBounds(t, TILE_BUFFER);
  const result = await sql<{ mvt: Uint8Array | null }>`
    WITH q AS (
      SELECT f.fid, f.properties,
             ST_AsMVTGeom(ST_Transform(f.geom, 3857), ST_MakeEnvelope(${a}::float8, ${b}::float8, ${c}::float8, ${d}::float8, 3857)::box2d,
                          ${TILE_EXTENT}::integer, ${TILE_BUFFER}::integer, true) AS geom
      FROM features f
      WHERE f.dataset_id = ${t.datasetId} AND f.version = ${t.version}
        AND f.geom && ST_Transform(ST_Segmentize(ST_MakeEnvelope(${ea}::float8, ${eb}::float8, ${ec}::float8, ${ed}::float8, 3857), ${(ec - ea) / 16}::float8), ${STORAGE_SRID}::integer)
      ORDER BY f.fid
    )
    SELECT ST_AsMVT(q, ${t.datasetId}::text, ${TILE_EXTENT}::integer, 'geom', 'fid') AS mvt FROM q WHERE q.geom IS NOT NULL`.execute(db);
  const mvt = result.rows[0]?.mvt;
  return mvt ? new Uint8Array(mvt) : new Uint8Array(0);
}
