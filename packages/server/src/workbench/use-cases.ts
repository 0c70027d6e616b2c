import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import {
  allowedStatusTransitions,
  type Caller,
  type UseCase,
  type UseCaseCreate,
  type UseCaseRoleAssignment,
  type UseCaseStatus,
  type UseCaseTeamMember,
  type UseCaseUpdate,
  type UseCaseVisibility,
} from '@tweeling/core';
import { appendAudit, type Actor } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { editableUseCase, isOwnOrganisation, mayRead, readableUseCase, requireManager, type WorkbenchDeps } from './access.js';
import { WORKBENCH_ERRORS } from './errors.js';

type UseCaseRow = Selectable<Database['workbench_use_cases']>;

async function teamOf(db: Kysely<Database>, useCaseId: string): Promise<UseCaseTeamMember[]> {
  const rows = await db
    .selectFrom('workbench_team as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.user_id', 't.role', 'u.name'])
    .where('t.use_case_id', '=', useCaseId)
    .orderBy('t.role')
    .orderBy('u.name')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, role: r.role as UseCaseTeamMember['role'], name: r.name }));
}

async function toUseCase(db: Kysely<Database>, caller: Caller, row: UseCaseRow): Promise<UseCase> {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    title: row.title,
    summary: row.summary,
    vocabularyId: row.vocabulary_id as UseCase['vocabularyId'],
    status: row.status as UseCaseStatus,
    visibility: row.visibility as UseCaseVisibility,
    // Names of civil servants stay inside their own organisation.
    team: isOwnOrganisation(caller, row) ? await teamOf(db, row.id) : [],
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Use cases the caller may read (public ones and their own organisation's), newest change first. */
export async function listUseCases(deps: WorkbenchDeps, caller: Caller, filter: { organisationId?: string | undefined; vocabularyId?: string | undefined } = {}): Promise<UseCase[]> {
  let query = deps.db.selectFrom('workbench_use_cases').selectAll();
  if (!caller.permissions.includes('platform:admin')) {
    query = query.where((eb) => (caller.organisationId ? eb.or([eb('visibility', '=', 'public'), eb('organisation_id', '=', caller.organisationId)]) : eb('visibility', '=', 'public')));
  }
  if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId);
  if (filter.vocabularyId) query = query.where('vocabulary_id', '=', filter.vocabularyId);
  const rows = await query.orderBy('updated_at', 'desc').limit(500).execute();
  return Promise.all(rows.filter((r) => mayRead(caller, r)).map((r) => toUseCase(deps.db, caller, r)));
}

/** One use case the caller may read. @throws TWL_WORKBENCH_USE_CASE_NOT_FOUND */
export async function getUseCase(deps: WorkbenchDeps, caller: Caller, id: string): Promise<UseCase> {
  await readableUseCase(deps.db, caller, id);
  const row = await deps.db.selectFrom('workbench_use_cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return toUseCase(deps.db, caller, row);
}

/** Checks that every named person is a member of the organisation. @throws TWL_WORKBENCH_TEAM_MEMBER_UNKNOWN */
async function assertMembers(db: Kysely<Database>, organisationId: string, team: UseCaseRoleAssignment[]): Promise<void> {
  const ids = [...new Set(team.map((t) => t.userId))];
  if (ids.length === 0) return;
  const found = await db.selectFrom('memberships').select('user_id').where('organisation_id', '=', organisationId).where('user_id', 'in', ids).execute();
  const known = new Set(found.map((f) => f.user_id));
  const errors = team.flatMap((t, i) => (known.has(t.userId) ? [] : [{ path: `body.team.${i}.userId`, message: 'geen lid van de organisatie' }]));
  if (errors.length > 0) throw new TweelingError(WORKBENCH_ERRORS.TEAM_MEMBER_UNKNOWN, 'Teamleden moeten lid zijn van de organisatie die de use case bezit.', errors);
}

async function writeTeam(db: Kysely<Database>, useCaseId: string, team: UseCaseRoleAssignment[]): Promise<void> {
  await db.deleteFrom('workbench_team').where('use_case_id', '=', useCaseId).execute();
  const unique = [...new Map(team.map((t) => [`${t.userId}|${t.role}`, t])).values()];
  if (unique.length > 0) await db.insertInto('workbench_team').values(unique.map((t) => ({ use_case_id: useCaseId, user_id: t.userId, role: t.role }))).execute();
}

/**
 * Creates a use case of the caller's organisation, in phase `verkennen`. A person acting through
 * their own token becomes use-case owner when the team names no owner.
 */
export async function createUseCase(deps: WorkbenchDeps, caller: Caller, actor: Actor, input: UseCaseCreate): Promise<UseCase> {
  const organisationId = caller.organisationId;
  if (!organisationId) throw new TweelingError(WORKBENCH_ERRORS.FORBIDDEN, 'Alleen een organisatie kan een use case starten.');
  const team = [...input.team];
  if (caller.userId && !team.some((t) => t.role === 'use-case-owner')) team.push({ userId: caller.userId, role: 'use-case-owner' });
  return deps.db.transaction().execute(async (trx) => {
    await assertMembers(trx, organisationId, team);
    const now = deps.clock();
    const id = randomUUID();
    const row = await trx
      .insertInto('workbench_use_cases')
      .values({ id, organisation_id: organisationId, title: input.title, summary: input.summary, vocabulary_id: input.vocabularyId, status: 'verkennen', visibility: input.visibility, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeTeam(trx, id, team);
    await appendAudit(trx, actor, { action: 'use-case.create', targetType: 'use-case', targetId: id, organisationId, payload: input }, now);
    return toUseCase(trx, caller, row);
  });
}

/** Changes title, summary, vocabulary link or visibility. @throws TWL_WORKBENCH_NOT_IN_TEAM unless owner, projectleider or admin */
export async function updateUseCase(deps: WorkbenchDeps, caller: Caller, actor: Actor, id: string, input: UseCaseUpdate): Promise<UseCase> {
  return deps.db.transaction().execute(async (trx) => {
    const current = await editableUseCase(trx, caller, id);
    await requireManager(trx, caller, id, 'De use case wijzigen');
    const now = deps.clock();
    const row = await trx
      .updateTable('workbench_use_cases')
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.summary !== undefined ? { summary: input.summary } : {}),
        ...(input.vocabularyId !== undefined ? { vocabulary_id: input.vocabularyId } : {}),
        ...(input.visibility !== undefined ? { visibility: input.visibility } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'use-case.update', targetType: 'use-case', targetId: id, organisationId: current.organisation_id, payload: input }, now);
    return toUseCase(trx, caller, row);
  });
}

/**
 * Moves the use case one phase forward or back in the cycle.
 * @throws TWL_WORKBENCH_STATUS_TRANSITION for any other move (naming the allowed ones)
 */
export async function changeStatus(deps: WorkbenchDeps, caller: Caller, actor: Actor, id: string, status: UseCaseStatus): Promise<UseCase> {
  return deps.db.transaction().execute(async (trx) => {
    const current = await editableUseCase(trx, caller, id);
    await requireManager(trx, caller, id, 'De fase wijzigen');
    const { status: from } = await trx.selectFrom('workbench_use_cases').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    const allowed = allowedStatusTransitions(from as UseCaseStatus);
    if (!allowed.includes(status)) {
      throw new TweelingError(WORKBENCH_ERRORS.STATUS_TRANSITION, `Van '${from}' kan de use case alleen naar ${allowed.map((s) => `'${s}'`).join(' of ')}.`, [
        { path: 'body.status', message: `van '${from}' alleen naar ${allowed.join(' of ')}` },
      ]);
    }
    const now = deps.clock();
    const row = await trx.updateTable('workbench_use_cases').set({ status, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'use-case.status', targetType: 'use-case', targetId: id, organisationId: current.organisation_id, payload: { from, to: status } }, now);
    return toUseCase(trx, caller, row);
  });
}

/** Replaces the team. @throws TWL_WORKBENCH_TEAM_MEMBER_UNKNOWN, TWL_WORKBENCH_NOT_IN_TEAM */
export async function setTeam(deps: WorkbenchDeps, caller: Caller, actor: Actor, id: string, team: UseCaseRoleAssignment[]): Promise<UseCase> {
  return deps.db.transaction().execute(async (trx) => {
    const current = await editableUseCase(trx, caller, id);
    await requireManager(trx, caller, id, 'Het team samenstellen');
    await assertMembers(trx, current.organisation_id, team);
    await writeTeam(trx, id, team);
    const now = deps.clock();
    const row = await trx.updateTable('workbench_use_cases').set({ updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'use-case.team', targetType: 'use-case', targetId: id, organisationId: current.organisation_id, payload: team }, now);
    return toUseCase(trx, caller, row);
  });
}
