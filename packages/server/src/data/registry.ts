import type { Kysely, Selectable } from 'kysely';
import type { Caller, Dataset, DatasetCreate, DatasetVersion, RasterInfo } from '@tweeling/core';
import { appendAudit, type Actor } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { DATA_ERRORS } from './errors.js';
import { visibleTo } from './visibility.js';

/** What data services need: the database and a clock. */
export interface DataDeps {
  db: Kysely<Database>;
  clock: () => Date;
}

type DatasetRow = Selectable<Database['datasets']>;
type VersionRow = Selectable<Database['dataset_versions']>;

export function toVersion(row: VersionRow): DatasetVersion {
  return {
    datasetId: row.dataset_id,
    version: row.version,
    contentHash: row.content_hash,
    itemCount: Number(row.item_count),
    sizeBytes: Number(row.size_bytes),
    crs: row.crs,
    bbox: row.bbox && row.bbox.length === 4 ? (row.bbox.map(Number) as [number, number, number, number]) : null,
    geometryTypes: row.geometry_types as DatasetVersion['geometryTypes'],
    attributes: (row.attributes ?? {}) as DatasetVersion['attributes'],
    raster: (row.raster ?? null) as RasterInfo | null,
    sourceFormat: row.source_format,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

function toDataset(row: DatasetRow, latest: VersionRow | undefined): Dataset {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    title: row.title as Dataset['title'],
    description: (row.description ?? null) as Dataset['description'],
    kind: row.kind as Dataset['kind'],
    licence: row.licence,
    visibility: row.visibility as Dataset['visibility'],
    sharedWith: row.shared_with,
    keywords: row.keywords,
    source: row.source,
    lineage: row.lineage,
    quality: (row.quality ?? {}) as Dataset['quality'],
    synthetic: row.synthetic,
    latestVersion: latest ? toVersion(latest) : null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

async function withLatest(db: Kysely<Database>, rows: DatasetRow[]): Promise<Dataset[]> {
  if (rows.length === 0) return [];
  const versions = await db
    .selectFrom('dataset_versions as v')
    .innerJoin('datasets as d', (join) => join.onRef('d.id', '=', 'v.dataset_id').onRef('d.latest_version', '=', 'v.version'))
    .selectAll('v')
    .where('v.dataset_id', 'in', rows.map((r) => r.id))
    .execute();
  const byId = new Map(versions.map((v) => [v.dataset_id, v]));
  return rows.map((row) => toDataset(row, byId.get(row.id)));
}

export interface DatasetFilter {
  kind?: 'vector' | 'raster' | undefined;
  organisationId?: string | undefined;
  keyword?: string | undefined;
}

/** Datasets the caller may see, by id. */
export async function listDatasets({ db }: DataDeps, caller: Caller, filter: DatasetFilter = {}): Promise<Dataset[]> {
  let query = db.selectFrom('datasets').selectAll().where(visibleTo(caller));
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId);
  if (filter.keyword) query = query.where((eb) => eb(eb.val(filter.keyword), '=', eb.fn.any('keywords')));
  return withLatest(db, await query.orderBy('id').execute());
}

/** One dataset the caller may see. @throws TWL_DATA_DATASET_NOT_FOUND (also when it exists but is hidden) */
export async function getDataset({ db }: DataDeps, caller: Caller, id: string): Promise<Dataset> {
  const row = await db.selectFrom('datasets').selectAll().where('id', '=', id).where(visibleTo(caller)).executeTakeFirst();
  if (!row) throw new TweelingError(DATA_ERRORS.DATASET_NOT_FOUND, `Dataset '${id}' bestaat niet of is niet zichtbaar voor u.`);
  const [dataset] = await withLatest(db, [row]);
  return dataset!;
}

/** Versions of a dataset the caller may see, newest first. */
export async function listVersions(deps: DataDeps, caller: Caller, id: string): Promise<DatasetVersion[]> {
  await getDataset(deps, caller, id);
  const rows = await deps.db.selectFrom('dataset_versions').selectAll().where('dataset_id', '=', id).orderBy('version', 'desc').execute();
  return rows.map(toVersion);
}

/** Version numbers are PostgreSQL integers: a larger one cannot exist (and would make the query fail). */
const MAX_VERSION = 2_147_483_647;

/** One version (or the latest) of a visible dataset. @throws TWL_DATA_VERSION_NOT_FOUND */
export async function getVersion(deps: DataDeps, caller: Caller, id: string, version?: number): Promise<DatasetVersion> {
  const dataset = await getDataset(deps, caller, id);
  const wanted = version ?? dataset.latestVersion?.version;
  const row = wanted && wanted <= MAX_VERSION
    ? await deps.db.selectFrom('dataset_versions').selectAll().where('dataset_id', '=', id).where('version', '=', wanted).executeTakeFirst()
    : undefined;
  if (!row) throw new TweelingError(DATA_ERRORS.VERSION_NOT_FOUND, wanted ? `Dataset '${id}' heeft geen versie ${wanted}.` : `Dataset '${id}' heeft nog geen versie.`);
  return toVersion(row);
}

/** Registers a dataset owned by the actor's organisation (content follows as versions). */
export async function createDataset(deps: DataDeps, actor: Actor & { organisationId: string }, input: DatasetCreate): Promise<Dataset> {
  return deps.db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom('datasets').select('id').where('id', '=', input.id).executeTakeFirst();
    if (clash) throw new TweelingError(DATA_ERRORS.DATASET_EXISTS, `Er is al een dataset met id '${input.id}'.`);
    const row = await trx
      .insertInto('datasets')
      .values({
        id: input.id,
        organisation_id: actor.organisationId,
        title: JSON.stringify(input.title),
        description: input.description ? JSON.stringify(input.description) : null,
        kind: input.kind,
        licence: input.licence,
        visibility: input.visibility,
        shared_with: input.sharedWith,
        keywords: input.keywords,
        source: input.source ?? null,
        lineage: input.lineage ?? null,
        quality: JSON.stringify(input.quality),
        synthetic: input.synthetic,
        latest_version: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'dataset.create', targetType: 'dataset', targetId: input.id, payload: input }, deps.clock());
    return toDataset(row, undefined);
  });
}

/**
 * The dataset row, locked for a new version, after checking the caller's organisation owns it.
 * @throws TWL_DATA_DATASET_NOT_FOUND (not visible), TWL_DATA_NOT_OWNER (visible but someone else's)
 */
export async function lockOwnedDataset(trx: Kysely<Database>, caller: Caller, id: string): Promise<DatasetRow> {
  const row = await trx.selectFrom('datasets').selectAll().where('id', '=', id).where(visibleTo(caller)).forUpdate().executeTakeFirst();
  if (!row) throw new TweelingError(DATA_ERRORS.DATASET_NOT_FOUND, `Dataset '${id}' bestaat niet of is niet zichtbaar voor u.`);
  if (row.organisation_id !== caller.organisationId) {
    throw new TweelingError(DATA_ERRORS.NOT_OWNER, `Alleen ${row.organisation_id} kan nieuwe versies van '${id}' maken.`);
  }
  return row;
}
