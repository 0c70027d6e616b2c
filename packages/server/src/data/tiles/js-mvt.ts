/**
 * Tiles by the JS encoder (PGlite): PostGIS clips and transforms the features to the tile, then
 * geojson-vt cuts them to tile coordinates and vt-pbf writes the protobuf.
 */
import GeoJSONVT, { type LegacyFeature, type LegacyTile } from 'geojson-vt';
import { sql, type Kysely } from 'kysely';
import { fromGeojsonVt } from 'vt-pbf';
import type { Database } from '../../db/index.js';
import { STORAGE_SRID } from '../crs.js';
import type { TileRequest } from './producer.js';
import { TILE_BUFFER, TILE_EXTENT, tileBounds } from './tile-math.js';

/**
 * ST_AsMVTGeom snaps to the tile grid before it drops what lies outside the buffer, so it keeps a point
 * at -64.3 units (snapped to -64); geojson-vt clips before it rounds. Clipping half a unit further out
 * gives the same points (lines and polygons are clipped at the buffer itself, as slivers would
 * otherwise differ).
 */
const SNAP_MARGIN = 0.5;
/** Decimals of the lon/lat handed to geojson-vt: 1e-9° is about 0.1 mm, far below a tile unit at zoom 24. */
const LONLAT_DECIMALS = 9;

type Point = [number, number];

/** Twice the signed area of a ring, in tile units². */
function ringArea2(ring: Point[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  return sum;
}

/**
 * Drops what snapping to the tile grid collapsed, as ST_AsMVTGeom does: polygon rings without area
 * (slivers cut off at the buffer edge) and lines that shrank to one point. A feature left with
 * nothing is dropped.
 */
function dropCollapsed(tile: LegacyTile | null): LegacyFeature[] {
  if (!tile) return [];
  return tile.features.flatMap((f): LegacyFeature[] => {
    if (f.type === 1) return [f];
    const rings = f.geometry.filter((ring) => (f.type === 3 ? ringArea2(ring) !== 0 : ring.some((p) => p[0] !== ring[0]![0] || p[1] !== ring[0]![1])));
    return rings.length === 0 ? [] : [{ ...f, geometry: rings }];
  });
}

/**
 * The tile as geojson-vt + vt-pbf encode it, under the same contract as `postgisTile`: features
 * clipped (ST_ClipByBox2D in EPSG:3857) to the tile plus the buffer, no simplification
 * (tolerance 0, as ST_AsMVTGeom does none), `fid` as id, `properties` as tags.
 */
export async function jsTile(db: Kysely<Database>, t: TileRequest): Promise<Uint8Array> {
  const [a, b, c, d] = tileBounds(t, TILE_BUFFER + 1);
  const result = await sql<{ fid: number; properties: Record<string, unknown>; geometry: string }>`
    WITH clipped AS (
      SELECT f.fid, f.properties,
             ST_ClipByBox2D(ST_Transform(f.geom, 3857), ST_MakeEnvelope(${a}::float8, ${b}::float8, ${c}::float8, ${d}::float8, 3857)::box2d) AS g
      FROM features f
      WHERE f.dataset_id = ${t.datasetId} AND f.version = ${t.version}
        AND f.geom && ST_Transform(ST_Segmentize(ST_MakeEnvelope(${a}::float8, ${b}::float8, ${c}::float8, ${d}::float8, 3857), ${(c - a) / 16}::float8), ${STORAGE_SRID}::integer)
    )
    SELECT fid, properties, ST_AsGeoJSON(ST_Transform(g, 4326), ${LONLAT_DECIMALS}::integer) AS geometry
    FROM clipped WHERE NOT ST_IsEmpty(g) ORDER BY fid`.execute(db);
  if (result.rows.length === 0) return new Uint8Array(0);
  const features = result.rows.map((r) => ({ type: 'Feature' as const, id: Number(r.fid), properties: r.properties, geometry: JSON.parse(r.geometry) as GeoJSON.Geometry }));
  const isPoint = (f: (typeof features)[number]) => f.geometry.type === 'Point' || f.geometry.type === 'MultiPoint';
  const cut = (subset: typeof features, buffer: number): LegacyFeature[] => {
    if (subset.length === 0) return [];
    const index = new GeoJSONVT({ type: 'FeatureCollection', features: subset }, { maxZoom: t.z, indexMaxZoom: 0, tolerance: 0, extent: TILE_EXTENT, buffer });
    return dropCollapsed(index.getTile(t.z, t.x, t.y));
  };
  const tileFeatures = [...cut(features.filter(isPoint), TILE_BUFFER + SNAP_MARGIN), ...cut(features.filter((f) => !isPoint(f)), TILE_BUFFER)]
    .sort((p, q) => Number(p.id) - Number(q.id));
  if (tileFeatures.length === 0) return new Uint8Array(0);
  const tile: LegacyTile = { features: tileFeatures };
  // @types/vt-pbf describes the tiles of geojson-vt 3; geojson-vt 5's getTile() returns the same legacy shape.
  return fromGeojsonVt({ [t.datasetId]: tile as unknown as Parameters<typeof fromGeojsonVt>[0][string] }, { version: 2, extent: TILE_EXTENT });
}
