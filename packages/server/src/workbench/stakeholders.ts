import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Caller, Stakeholder, StakeholderCreate, StakeholderRelation, StakeholderUpdate } from '@tweeling/core';
import { appendAudit, type Actor } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { editableUseCase, readableUseCase, type WorkbenchDeps } from './access.js';
import { WORKBENCH_ERRORS } from './errors.js';

type StakeholderRow = Selectable<Database['workbench_stakeholders']>;

const toStakeholder = (r: StakeholderRow): Stakeholder => ({
  id: r.id,
  useCaseId: r.use_case_id,
  name: r.name,
  group: r.group_name,
  relation: r.relation as StakeholderRelation,
  role: r.role,
  interests: r.interests,
  questions: r.questions,
  decisions: r.decisions,
  influence: r.influence,
  interest: r.interest,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** Stakeholders of a readable use case, most influential first. */
export async function listStakeholders(deps: WorkbenchDeps, caller: Caller, useCaseId: string): Promise<Stakeholder[]> {
  await readableUseCase(deps.db, caller, useCaseId);
  const rows = await deps.db.selectFrom('workbench_stakeholders').selectAll().where('use_case_id', '=', useCaseId).orderBy('influence', 'desc').orderBy('interest', 'desc').orderBy('name').execute();
  return rows.map(toStakeholder);
}

/** Adds a stakeholder to the register. */
export async function createStakeholder(deps: WorkbenchDeps, caller: Caller, actor: Actor, useCaseId: string, input: StakeholderCreate): Promise<Stakeholder> {
  return deps.db.transaction().execute(async (trx) => {
    const useCase = await editableUseCase(trx, caller, useCaseId);
    const now = deps.clock();
    const row = await trx
      .insertInto('workbench_stakeholders')
      .values({
        id: randomUUID(),
        use_case_id: useCaseId,
        name: input.name,
        group_name: input.group,
        relation: input.relation,
        role: input.role,
        interests: input.interests,
        questions: input.questions,
        decisions: input.decisions,
        influence: input.influence,
        interest: input.interest,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'stakeholder.create', targetType: 'stakeholder', targetId: row.id, organisationId: useCase.organisation_id, payload: input }, now);
    return toStakeholder(row);
  });
}

/** Changes the fields given. @throws TWL_WORKBENCH_STAKEHOLDER_NOT_FOUND */
export async function updateStakeholder(deps: WorkbenchDeps, caller: Caller, actor: Actor, useCaseId: string, id: string, input: StakeholderUpdate): Promise<Stakeholder> {
  return deps.db.transaction().execute(async (trx) => {
    const useCase = await editableUseCase(trx, caller, useCaseId);
    const now = deps.clock();
    const { group, ...rest } = input;
    const row = await trx
      .updateTable('workbench_stakeholders')
      .set({ ...rest, ...(group !== undefined ? { group_name: group } : {}), updated_at: now })
      .where('id', '=', id)
      .where('use_case_id', '=', useCaseId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new TweelingError(WORKBENCH_ERRORS.STAKEHOLDER_NOT_FOUND, `Belanghebbende ${id} hoort niet bij deze use case.`);
    await appendAudit(trx, actor, { action: 'stakeholder.update', targetType: 'stakeholder', targetId: id, organisationId: useCase.organisation_id, payload: input }, now);
    return toStakeholder(row);
  });
}

/** Removes a stakeholder (and its links from stories). @throws TWL_WORKBENCH_STAKEHOLDER_NOT_FOUND */
export async function deleteStakeholder(deps: WorkbenchDeps, caller: Caller, actor: Actor, useCaseId: string, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const useCase = await editableUseCase(trx, caller, useCaseId);
    const gone = await trx.deleteFrom('workbench_stakeholders').where('id', '=', id).where('use_case_id', '=', useCaseId).returning('id').executeTakeFirst();
    if (!gone) throw new TweelingError(WORKBENCH_ERRORS.STAKEHOLDER_NOT_FOUND, `Belanghebbende ${id} hoort niet bij deze use case.`);
    await appendAudit(trx, actor, { action: 'stakeholder.delete', targetType: 'stakeholder', targetId: id, organisationId: useCase.organisation_id }, deps.clock());
  });
}
