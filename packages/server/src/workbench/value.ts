import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Caller, MapView, MapViewCreate, ValueItem, ValueItemCreate, ValueItemUpdate } from '@tweeling/core';
import { appendAudit, type Actor } from '../audit/index.js';
import { getDataset } from '../data/index.js';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { getJob } from '../runtime/jobs-store.js';
import { authorName, editableUseCase, readableUseCase, type WorkbenchDeps } from './access.js';
import { WORKBENCH_ERRORS } from './errors.js';

type ValueRow = Selectable<Database['workbench_value_items']>;

const toValueItem = (r: ValueRow): ValueItem => ({
  id: r.id,
  useCaseId: r.use_case_id,
  stakeholderId: r.stakeholder_id,
  dimension: r.dimension as ValueItem['dimension'],
  kind: r.kind as ValueItem['kind'],
  description: r.description,
  amountEur: r.amount_eur,
  status: r.status as ValueItem['status'],
  note: r.note,
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** The waardecase of a readable use case, by corner of the value triangle. */
export async function listValueItems(deps: WorkbenchDeps, caller: Caller, useCaseId: string): Promise<ValueItem[]> {
  await readableUseCase(deps.db, caller, useCaseId);
  const rows = await deps.db.selectFrom('workbench_value_items').selectAll().where('use_case_id', '=', useCaseId).orderBy('dimension').orderBy('kind').orderBy('description').execute();
  return rows.map(toValueItem);
}

/** Adds a cost or benefit. @throws TWL_WORKBENCH_INVALID_LINK for a stakeholder of another use case */
export async function addValueItem(deps: WorkbenchDeps, caller: Caller, actor: Actor, useCaseId: string, input: ValueItemCreate): Promise<ValueItem> {
  return deps.db.transaction().execute(async (trx) => {
    const useCase = await editableUseCase(trx, caller, useCaseId);
    if (input.stakeholderId) {
      const found = await trx.selectFrom('workbench_stakeholders').select('id').where('id', '=', input.stakeholderId).where('use_case_id', '=', useCaseId).executeTakeFirst();
      if (!found) throw new TweelingError(WORKBENCH_ERRORS.INVALID_LINK, 'body.stakeholderId: geen belanghebbende van deze use case', [{ path: 'body.stakeholderId', message: 'geen belanghebbende van deze use case' }]);
    }
    const now = deps.clock();
    const row = await trx
      .insertInto('workbench_value_items')
      .values({ id: randomUUID(), use_case_id: useCaseId, stakeholder_id: input.stakeholderId, dimension: input.dimension, kind: input.kind, description: input.description, amount_eur: input.amountEur, status: input.status, note: input.note, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'value-item.create', targetType: 'value-item', targetId: row.id, organisationId: useCase.organisation_id, payload: input }, now);
    return toValueItem(row);
  });
}

/** Revisits a cost or benefit. @throws TWL_WORKBENCH_VALUE_ITEM_NOT_FOUND */
export async function updateValueItem(deps: WorkbenchDeps, caller: Caller, actor: Actor, useCaseId: string, id: string, input: ValueItemUpdate): Promise<ValueItem> {
  return deps.db.transaction().execute(async (trx) => {
    const useCase = await editableUseCase(trx, caller, useCaseId);
    const now = deps.clock();
    const row = await trx
      .updateTable('workbench_value_items')
      .set({ status: input.status, note: input.note, amount_eur: input.amountEur, updated_at: now })
      .where('id', '=', id)
      .where('use_case_id', '=', useCaseId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new TweelingError(WORKBENCH_ERRORS.VALUE_ITEM_NOT_FOUND, `Post ${id} hoort niet bij deze use case.`);
    await appendAudit(trx, actor, { action: 'value-item.update', targetType: 'value-item', targetId: id, organisationId: useCase.organisation_id, payload: input }, now);
    return toValueItem(row);
  });
}

const toMapView = (r: Selectable<Database['workbench_map_views']>): MapView => ({
  ...(r.view as MapViewCreate),
  id: r.id,
  useCaseId: r.use_case_id,
  title: r.title,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
});

/**
 * Saves a map view. Layers must be datasets the caller may see; the scenario must be a run of the
 * caller's organisation (another organisation's run → 403, as for decisions).
 */
export async function saveMapView(deps: WorkbenchDeps, caller: Caller, actor: Actor, useCaseId: string, input: MapViewCreate): Promise<MapView> {
  return deps.db.transaction().execute(async (trx) => {
    const useCase = await editableUseCase(trx, caller, useCaseId);
    const errors = [];
    for (const [i, layer] of input.layers.entries()) {
      if (!(await getDataset({ ...deps, db: trx }, caller, layer.dataset).then(() => true, () => false))) errors.push({ path: `body.layers.${i}.dataset`, message: 'dataset bestaat niet of is niet zichtbaar voor u' });
    }
    if (errors.length) throw new TweelingError(WORKBENCH_ERRORS.INVALID_LINK, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
    if (input.jobId) {
      const own = await getJob(trx, caller.organisationId, input.jobId).then(() => true, () => false);
      if (!own) {
        const elsewhere = await trx.selectFrom('jobs').select('id').where('id', '=', input.jobId).executeTakeFirst();
        const [definition, message] = elsewhere ? [WORKBENCH_ERRORS.RUN_FORBIDDEN, 'run van een andere organisatie'] : [WORKBENCH_ERRORS.RUN_NOT_CITABLE, 'run bestaat niet'];
        throw new TweelingError(definition, `body.jobId: ${message}`, [{ path: 'body.jobId', message }]);
      }
    }
    const now = deps.clock();
    const { title, ...view } = input;
    const row = await trx
      .insertInto('workbench_map_views')
      .values({ id: randomUUID(), use_case_id: useCaseId, title, view: JSON.stringify(view), created_by: await authorName(trx, caller), created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'map-view.create', targetType: 'map-view', targetId: row.id, organisationId: useCase.organisation_id, payload: input }, now);
    return toMapView(row);
  });
}

/** Saved map views of a readable use case, newest first. */
export async function listMapViews(deps: WorkbenchDeps, caller: Caller, useCaseId: string): Promise<MapView[]> {
  await readableUseCase(deps.db, caller, useCaseId);
  const rows = await deps.db.selectFrom('workbench_map_views').selectAll().where('use_case_id', '=', useCaseId).orderBy('created_at', 'desc').execute();
  return rows.map(toMapView);
}

/** One saved map view (the link a workshop opens). @throws TWL_WORKBENCH_MAP_VIEW_NOT_FOUND */
export async function getMapView(deps: WorkbenchDeps, caller: Caller, useCaseId: string, id: string): Promise<MapView> {
  await readableUseCase(deps.db, caller, useCaseId);
  const row = await deps.db.selectFrom('workbench_map_views').selectAll().where('id', '=', id).where('use_case_id', '=', useCaseId).executeTakeFirst();
  if (!row) throw new TweelingError(WORKBENCH_ERRORS.MAP_VIEW_NOT_FOUND, `Kaartbeeld ${id} hoort niet bij deze use case.`);
  return toMapView(row);
}
