import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { clipToRdArea, STORAGE_SRID, type ApiCrs } from './crs.js';
import { DATA_ERRORS } from './errors.js';

/** One page of features, already as GeoJSON text per geometry. */
export interface FeatureRow {
  fid: number;
  properties: Record<string, unknown>;
  geometry: string;
}

export interface FeatureQuery {
  datasetId: string;
  version: number;
  limit: number;
  offset: number;
  /** Bounding box in `bboxCrs` axis order. */
  bbox?: [number, number, number, number] | undefined;
  bboxCrs: ApiCrs;
  /** Output CRS. */
  crs: ApiCrs;
  /** Attribute equality filters (`?gebruik=wonen`), compared as text. */
  equals: Record<string, string>;
  /** Features in the version; known from its metadata, it spares a count when nothing is filtered. */
  itemCount?: number;
}

function outputGeometry(crs: ApiCrs): RawBuilder<string> {
  if (crs.srid === STORAGE_SRID) return sql<string>`ST_AsGeoJSON(geom, ${crs.precision}::integer)`;
  const transformed = sql`ST_Transform(geom, ${crs.srid}::integer)`;
  return crs.latLonOrder
    ? sql<string>`ST_AsGeoJSON(ST_FlipCoordinates(${transformed}), ${crs.precision}::integer)`
    : sql<string>`ST_AsGeoJSON(${transformed}, ${crs.precision}::integer)`;
}

/** The bbox as a polygon in the storage CRS (a lat/lon-ordered bbox is swapped first). */
function bboxInStorage(bbox: [number, number, number, number], crs: ApiCrs): RawBuilder<unknown> {
  const [a, b, c, d] = crs.latLonOrder ? [bbox[1], bbox[0], bbox[3], bbox[2]] : bbox;
  if (a > c || (b > d && !crs.latLonOrder)) {
    throw new TweelingError(DATA_ERRORS.INVALID_QUERY, 'bbox: de minimumwaarden moeten vóór de maximumwaarden staan.', [{ path: 'querystring.bbox', message: 'min > max' }]);
  }
  if (crs.srid === STORAGE_SRID) return sql`ST_MakeEnvelope(${a}::float8, ${b}::float8, ${c}::float8, ${d}::float8, ${STORAGE_SRID}::integer)`;
  // A lon/lat bbox is cut to RD New's area first (PROJ fails far from it); one that misses it matches nothing.
  const clipped = clipToRdArea([a, b, c, d]);
  if (!clipped) return sql`NULL::geometry`;
  const [x0, y0, x1, y1] = clipped;
  return sql`ST_Transform(ST_MakeEnvelope(${x0}::float8, ${y0}::float8, ${x1}::float8, ${y1}::float8, ${crs.srid}::integer), ${STORAGE_SRID}::integer)`;
}

function where(q: FeatureQuery): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`dataset_id = ${q.datasetId}`, sql`version = ${q.version}`];
  if (q.bbox) parts.push(sql`geom && ${bboxInStorage(q.bbox, q.bboxCrs)}`);
  for (const [key, value] of Object.entries(q.equals)) parts.push(sql`properties->>${key} = ${value}`);
  return sql.join(parts, sql` AND `);
}

/** A page of features plus how many match in all. */
export async function queryFeatures(db: Kysely<Database>, q: FeatureQuery): Promise<{ rows: FeatureRow[]; numberMatched: number }> {
  if (!q.bbox && Object.keys(q.equals).length === 0 && q.itemCount !== undefined) {
    // Unfiltered: fids of a version are 1…n in import order, so a page is a key range (no OFFSET
    // scan, no count) — the difference between a fast and a slow last page of a big collection.
    const rows = await sql<FeatureRow>`
      SELECT fid, properties, ${outputGeometry(q.crs)} AS geometry FROM features
      WHERE dataset_id = ${q.datasetId} AND version = ${q.version} AND fid > ${q.offset} AND fid <= ${q.offset + q.limit}
      ORDER BY fid`.execute(db);
    return { rows: rows.rows.map((r) => ({ ...r, fid: Number(r.fid) })), numberMatched: q.itemCount };
  }
  const filter = where(q);
  const rows = await sql<FeatureRow>`
    SELECT fid, properties, ${outputGeometry(q.crs)} AS geometry FROM features
    WHERE ${filter} ORDER BY fid LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  const count = await sql<{ n: number }>`SELECT count(*) AS n FROM features WHERE ${filter}`.execute(db);
  return { rows: rows.rows.map((r) => ({ ...r, fid: Number(r.fid) })), numberMatched: Number(count.rows[0]?.n ?? 0) };
}

/** One feature by id. @throws TWL_DATA_FEATURE_NOT_FOUND */
export async function getFeature(db: Kysely<Database>, datasetId: string, version: number, fid: number, crs: ApiCrs): Promise<FeatureRow> {
  const result = await sql<FeatureRow>`
    SELECT fid, properties, ${outputGeometry(crs)} AS geometry FROM features
    WHERE dataset_id = ${datasetId} AND version = ${version} AND fid = ${fid}`.execute(db);
  const row = result.rows[0];
  if (!row) throw new TweelingError(DATA_ERRORS.FEATURE_NOT_FOUND, `Object ${fid} bestaat niet in '${datasetId}'.`);
  return { ...row, fid: Number(row.fid) };
}

/** A storage-CRS bbox as CRS84 (the bbox of the transformed box, so it contains the data). */
export async function bboxToCrs84(db: Kysely<Database>, bbox: readonly number[]): Promise<[number, number, number, number]> {
  const [a, b, c, d] = bbox.map(Number);
  const result = await sql<{ b: number[] }>`
    SELECT ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)] AS b
    FROM (SELECT ST_Transform(ST_MakeEnvelope(${a}::float8, ${b}::float8, ${c}::float8, ${d}::float8, ${STORAGE_SRID}::integer), 4326) AS e) q`.execute(db);
  return result.rows[0]!.b.map(Number) as [number, number, number, number];
}
