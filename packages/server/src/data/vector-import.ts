import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { canonicalJson, GEOMETRY_TYPES, type Caller, type DatasetVersion, type ProblemFieldError } from '@tweeling/core';
import { appendAudit, type Actor } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { STORAGE_SRID, type ApiCrs } from './crs.js';
import { DATA_ERRORS } from './errors.js';
import { lockOwnedDataset, toVersion, type DataDeps } from './registry.js';

/** A GeoJSON feature as it arrives (not yet trusted). */
export interface IncomingFeature {
  type?: unknown;
  geometry?: unknown;
  properties?: unknown;
  id?: unknown;
}

/** Features inserted per statement: big enough to be fast, small enough for modest memory. */
const BATCH_SIZE = 2_000;
/** Above this many vertices in one geometry an import is refused (a hostile or broken file). */
const MAX_VERTICES_PER_FEATURE = 1_000_000;

/** Thrown inside the transaction to roll it back when the content equals the latest version. */
class Unchanged extends Error {
  constructor(readonly existing: DatasetVersion) {
    super('unchanged');
  }
}

/** Deepest nesting of arrays and objects in a feature's properties (hashing and storing them recurse). */
const MAX_PROPERTY_DEPTH = 32;

/** Whether a JSON value nests arrays/objects deeper than `max`, walked without recursion. */
function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (!current || typeof current !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

type Position = number[];

/** [minX, minY, maxX, maxY] of the first two coordinates a position may have. */
type Bounds = readonly [number, number, number, number];
/** Any CRS: finite, and far beyond every projected CRS used in the Netherlands, but no 1e308. */
const ANY_BOUNDS: Bounds = [-1e7, -1e7, 1e7, 1e7];

/** Where a position in the source CRS can lie: degrees for geographic CRSs (in their axis order). */
export function crsBounds(crs: { srid: number; latLonOrder: boolean }): Bounds {
  if (crs.srid !== 4326) return ANY_BOUNDS;
  return crs.latLonOrder ? [-90, -180, 90, 180] : [-180, -90, 180, 90];
}

function countValidPositions(coordinates: unknown, depth: number, bounds: Bounds): number {
  if (!Array.isArray(coordinates)) return -1;
  if (depth === 0) {
    const p = coordinates as Position;
    if (p.length < 2 || p.length > 4 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) return -1;
    return p[0]! >= bounds[0] && p[0]! <= bounds[2] && p[1]! >= bounds[1] && p[1]! <= bounds[3] ? 1 : -2;
  }
  let total = 0;
  for (const child of coordinates) {
    const n = countValidPositions(child, depth - 1, bounds);
    if (n < 0) return n;
    total += n;
  }
  return total;
}

const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

/** Checks one feature's shape; returns the problem or null. */
export function featureProblem(feature: IncomingFeature, bounds: Bounds = ANY_BOUNDS): string | null {
  if (!feature || typeof feature !== 'object' || feature.type !== 'Feature') return 'is not a GeoJSON Feature';
  const geometry = feature.geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown } | null;
  if (!geometry || typeof geometry !== 'object') return 'has no geometry';
  if (typeof geometry.type !== 'string' || !(GEOMETRY_TYPES as readonly string[]).includes(geometry.type)) return `has an unsupported geometry type '${String(geometry.type)}' (GeometryCollection is not supported)`;
  const count = countValidPositions(geometry.coordinates, DEPTH[geometry.type] ?? 0, bounds);
  if (count === -2) return `has coordinates outside [${bounds.join(', ')}], the range of its coordinate reference system`;
  if (count < 0) return `has ${geometry.type} coordinates that are not arrays of finite numbers`;
  if (count === 0) return 'has an empty geometry';
  if (count > MAX_VERTICES_PER_FEATURE) return `has ${count} vertices (at most ${MAX_VERTICES_PER_FEATURE})`;
  if (feature.properties !== undefined && feature.properties !== null && (typeof feature.properties !== 'object' || Array.isArray(feature.properties))) {
    return 'has properties that are not an object';
  }
  if (nestedDeeperThan(feature.properties, MAX_PROPERTY_DEPTH)) return `has properties nested deeper than ${MAX_PROPERTY_DEPTH} levels`;
  return null;
}

function attributeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'date' : 'string';
  return typeof value === 'boolean' ? 'boolean' : 'object';
}

/** Merges the types seen per attribute: integer + number = number, anything + null keeps the other. */
function mergeType(a: string | undefined, b: string): string {
  if (a === undefined || a === b || b === 'null') return a ?? b;
  if (a === 'null') return b;
  if ((a === 'integer' && b === 'number') || (a === 'number' && b === 'integer')) return 'number';
  if ((a === 'date' && b === 'string') || (a === 'string' && b === 'date')) return 'string';
  return 'string';
}

export interface VectorImportOptions {
  /** CRS of the coordinates in the file (GeoJSON: CRS84 unless stated). */
  sourceCrs: ApiCrs;
  sourceFormat: string;
  sizeBytes: number;
  /** Accept a collection without features (app outputs may be empty; uploads may not). */
  allowEmpty?: boolean;
}

export interface VectorImportResult {
  version: DatasetVersion;
  /** False when the content equals the latest version (no new version made). */
  created: boolean;
  /** Feature indexes (0-based) whose invalid geometry was repaired with ST_MakeValid. */
  repaired: number[];
}

async function insertBatch(trx: Kysely<Database>, datasetId: string, version: number, firstFid: number, batch: IncomingFeature[], srid: number) {
  const payload = JSON.stringify(batch.map((f) => ({ g: f.geometry, p: f.properties ?? {} })));
  await sql`
    INSERT INTO features (dataset_id, version, fid, geom, properties)
    SELECT ${datasetId}, ${version}, ${firstFid}::bigint + e.ord - 1,
           ST_Transform(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(e.f->>'g'), ${srid}::integer)), ${STORAGE_SRID}::integer),
           e.f->'p'
    FROM jsonb_array_elements(${payload}::jsonb) WITH ORDINALITY AS e(f, ord)`.execute(trx);
}

/** Repairs invalid geometries; refuses those whose repair changes their dimension (a polygon that collapses). */
async function repairGeometries(trx: Kysely<Database>, datasetId: string, version: number): Promise<number[]> {
  const invalid = await sql<{ fid: number; reason: string; dim_before: number; dim_after: number }>`
    SELECT fid, ST_IsValidReason(geom) AS reason, ST_Dimension(geom) AS dim_before, ST_Dimension(ST_MakeValid(geom)) AS dim_after
    FROM features WHERE dataset_id = ${datasetId} AND version = ${version} AND NOT ST_IsValid(geom) ORDER BY fid LIMIT 1000`.execute(trx);
  const broken = invalid.rows.filter((r) => Number(r.dim_after) !== Number(r.dim_before));
  if (broken.length > 0) {
    const errors: ProblemFieldError[] = broken.slice(0, 20).map((r) => ({ path: `features[${Number(r.fid) - 1}].geometry`, message: `invalid and not repairable: ${r.reason}` }));
    throw new TweelingError(DATA_ERRORS.INVALID_CONTENT, `${broken.length} geometrie(ën) zijn ongeldig en niet te herstellen; de eerste is object ${Number(broken[0]!.fid) - 1}.`, errors);
  }
  if (invalid.rows.length > 0) {
    await sql`UPDATE features SET geom = ST_CollectionExtract(ST_MakeValid(geom), ST_Dimension(geom) + 1)
              WHERE dataset_id = ${datasetId} AND version = ${version} AND NOT ST_IsValid(geom)`.execute(trx);
  }
  return invalid.rows.map((r) => Number(r.fid) - 1);
}

/**
 * Imports features as a new immutable version, all-or-nothing: validation, reprojection to RD New
 * (PostGIS/PROJ in the database), repair of invalid geometries, and a SHA-256 over the normalised
 * content. Content equal to the latest version makes no new version.
 * @throws TWL_DATA_INVALID_CONTENT naming the feature index; TWL_DATA_NOT_OWNER; TWL_DATA_WRONG_KIND
 */
export async function importFeatures(
  deps: DataDeps,
  caller: Caller,
  actor: Actor,
  datasetId: string,
  features: Iterable<IncomingFeature> | AsyncIterable<IncomingFeature>,
  options: VectorImportOptions,
): Promise<VectorImportResult> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const dataset = await lockOwnedDataset(trx, caller, datasetId);
      if (dataset.kind !== 'vector') throw new TweelingError(DATA_ERRORS.WRONG_KIND, `Dataset '${datasetId}' is een raster; upload een GeoTIFF of ASCII-grid.`);
      const version = (dataset.latest_version ?? 0) + 1;
      const now = deps.clock();
      await trx
        .insertInto('dataset_versions')
        .values({ dataset_id: datasetId, version, content_hash: '', item_count: 0, size_bytes: options.sizeBytes, crs: `EPSG:${STORAGE_SRID}`, bbox: null, attributes: '{}', raster: null, source_format: options.sourceFormat, created_by: actor.label, created_at: now })
        .execute();
      const hash = createHash('sha256');
      const attributes: Record<string, string> = {};
      const geometryTypes = new Set<string>();
      let batch: IncomingFeature[] = [];
      let index = 0;
      const bounds = crsBounds(options.sourceCrs);
      const flush = async () => {
        if (batch.length === 0) return;
        await insertBatch(trx, datasetId, version, index - batch.length + 1, batch, options.sourceCrs.srid).catch((error: unknown) => {
          // PROJ refuses coordinates outside the source CRS's range (a latitude of 1e308, say).
          if (/transform|project|latitude|longitude/i.test((error as Error).message)) {
            throw new TweelingError(DATA_ERRORS.INVALID_CONTENT, `Objecten ${index - batch.length}–${index - 1}: coördinaten liggen buiten het bereik van ${options.sourceCrs.uri} en zijn niet om te rekenen naar RD New.`, [{ path: 'features', message: (error as Error).message.slice(0, 200) }]);
          }
          throw error;
        });
        batch = [];
      };
      for await (const feature of features) {
        const problem = featureProblem(feature, bounds);
        if (problem) throw new TweelingError(DATA_ERRORS.INVALID_CONTENT, `Object ${index} ${problem}.`, [{ path: `features[${index}]`, message: problem }]);
        const properties = (feature.properties ?? {}) as Record<string, unknown>;
        for (const [key, value] of Object.entries(properties)) attributes[key] = mergeType(attributes[key], attributeType(value));
        geometryTypes.add((feature.geometry as { type: string }).type);
        hash.update(canonicalJson({ geometry: feature.geometry, properties }) + '\n');
        batch.push(feature);
        index += 1;
        if (batch.length >= BATCH_SIZE) await flush();
      }
      await flush();
      if (index === 0 && !options.allowEmpty) throw new TweelingError(DATA_ERRORS.INVALID_CONTENT, 'Het bestand bevat geen objecten.');
      const contentHash = hash.update(`crs:${options.sourceCrs.uri}`).digest('hex');
      if (dataset.latest_version) {
        const latest = await trx.selectFrom('dataset_versions').selectAll().where('dataset_id', '=', datasetId).where('version', '=', dataset.latest_version).executeTakeFirstOrThrow();
        if (latest.content_hash === contentHash) throw new Unchanged(toVersion(latest));
      }
      const repaired = await repairGeometries(trx, datasetId, version);
      const extent = await sql<{ bbox: number[] | null }>`
        SELECT ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)] AS bbox
        FROM (SELECT ST_Extent(geom)::geometry AS e FROM features WHERE dataset_id = ${datasetId} AND version = ${version}) q`.execute(trx);
      const row = await trx
        .updateTable('dataset_versions')
        .set({ content_hash: contentHash, item_count: index, bbox: extent.rows[0]?.bbox ?? null, geometry_types: [...geometryTypes].sort(), attributes: JSON.stringify(attributes) })
        .where('dataset_id', '=', datasetId)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx.updateTable('datasets').set({ latest_version: version }).where('id', '=', datasetId).execute();
      await appendAudit(trx, actor, { action: 'dataset.version.create', targetType: 'dataset', targetId: `${datasetId}@${version}`, payload: { contentHash, items: index, format: options.sourceFormat } }, now);
      return { version: toVersion(row), created: true, repaired };
    });
  } catch (error) {
    if (error instanceof Unchanged) return { version: error.existing, created: false, repaired: [] };
    throw error;
  }
}
