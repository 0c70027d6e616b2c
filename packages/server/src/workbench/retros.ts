import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ActionUpdate, Caller, Lesson, Retrospective, RetrospectiveCreate, RetroAxis, WorkbenchAction } from '@tweeling/core';
import { appendAudit, type Actor } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { authorName, editableUseCase, mayRead, readableUseCase, type WorkbenchDeps } from './access.js';
import { WORKBENCH_ERRORS } from './errors.js';

type ActionRow = Selectable<Database['workbench_actions']>;
type LessonRow = Selectable<Database['workbench_lessons']> & { use_case_title: string; organisation_id: string; use_case_visibility: string };

const dateOnly = (value: Date | string) => (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

const toAction = (r: ActionRow): WorkbenchAction => ({
  id: r.id,
  useCaseId: r.use_case_id,
  retrospectiveId: r.retrospective_id,
  description: r.description,
  owner: r.owner,
  dueOn: r.due_on === null ? null : dateOnly(r.due_on),
  status: r.status as WorkbenchAction['status'],
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/**
 * A lesson as the caller may see it: a lesson shared from a use case the caller may not read (private
 * to another organisation) keeps its text, not the use case's id and title.
 */
const toLesson = (r: LessonRow, caller?: Caller): Lesson => {
  const hidden = caller !== undefined && !mayRead(caller, { id: r.use_case_id, organisation_id: r.organisation_id, visibility: r.use_case_visibility });
  return {
    id: r.id,
    useCaseId: hidden ? null : r.use_case_id,
    useCaseTitle: hidden ? null : r.use_case_title,
    organisationId: r.organisation_id,
    retrospectiveId: r.retrospective_id,
    axis: r.axis as RetroAxis,
    text: r.text,
    shared: r.shared,
    createdAt: new Date(r.created_at).toISOString(),
  };
};

const lessonQuery = (db: Kysely<Database>) =>
  db.selectFrom('workbench_lessons as l').innerJoin('workbench_use_cases as u', 'u.id', 'l.use_case_id').selectAll('l').select(['u.title as use_case_title', 'u.organisation_id', 'u.visibility as use_case_visibility']);

/** Retrospectives of a readable use case, newest first, with their actions and lessons. */
export async function listRetrospectives(deps: WorkbenchDeps, caller: Caller, useCaseId: string): Promise<Retrospective[]> {
  await readableUseCase(deps.db, caller, useCaseId);
  const rows = await deps.db.selectFrom('workbench_retrospectives').selectAll().where('use_case_id', '=', useCaseId).orderBy('held_on', 'desc').orderBy('created_at', 'desc').execute();
  const actions = await deps.db.selectFrom('workbench_actions').selectAll().where('use_case_id', '=', useCaseId).orderBy('created_at').execute();
  const lessons = await lessonQuery(deps.db).where('l.use_case_id', '=', useCaseId).orderBy('l.created_at').execute();
  return rows.map((r) => ({
    id: r.id,
    useCaseId: r.use_case_id,
    heldOn: dateOnly(r.held_on),
    axes: r.axes as Retrospective['axes'],
    actions: actions.filter((a) => a.retrospective_id === r.id).map(toAction),
    lessons: lessons.filter((l) => l.retrospective_id === r.id).map((l) => toLesson(l)),
    recordedBy: r.recorded_by,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** Records a retrospective with its actions and lessons, all or nothing. */
export async function recordRetrospective(deps: WorkbenchDeps, caller: Caller, actor: Actor, useCaseId: string, input: RetrospectiveCreate): Promise<Retrospective> {
  const id = await deps.db.transaction().execute(async (trx) => {
    const useCase = await editableUseCase(trx, caller, useCaseId);
    const now = deps.clock();
    const retroId = randomUUID();
    await trx.insertInto('workbench_retrospectives').values({ id: retroId, use_case_id: useCaseId, held_on: input.heldOn, axes: JSON.stringify(input.axes), recorded_by: await authorName(trx, caller), created_at: now }).execute();
    if (input.actions.length) {
      await trx
        .insertInto('workbench_actions')
        .values(input.actions.map((a) => ({ id: randomUUID(), use_case_id: useCaseId, retrospective_id: retroId, description: a.description, owner: a.owner, due_on: a.dueOn, status: 'open', created_at: now, updated_at: now })))
        .execute();
    }
    if (input.lessons.length) {
      await trx
        .insertInto('workbench_lessons')
        .values(input.lessons.map((l) => ({ id: randomUUID(), use_case_id: useCaseId, retrospective_id: retroId, axis: l.axis, text: l.text, shared: l.shared, created_at: now })))
        .execute();
    }
    await appendAudit(trx, actor, { action: 'retrospective.record', targetType: 'retrospective', targetId: retroId, organisationId: useCase.organisation_id, payload: input }, now);
    return retroId;
  });
  return (await listRetrospectives(deps, caller, useCaseId)).find((r) => r.id === id)!;
}

/** Actions of a readable use case: open ones first, by due date. */
export async function listActions(deps: WorkbenchDeps, caller: Caller, useCaseId: string): Promise<WorkbenchAction[]> {
  await readableUseCase(deps.db, caller, useCaseId);
  const rows = await deps.db.selectFrom('workbench_actions').selectAll().where('use_case_id', '=', useCaseId).orderBy('status', 'desc').orderBy(sql`due_on NULLS LAST`).orderBy('created_at').execute();
  return rows.map(toAction);
}

/** Changes status, owner or due date of an action. @throws TWL_WORKBENCH_ACTION_NOT_FOUND */
export async function updateAction(deps: WorkbenchDeps, caller: Caller, actor: Actor, useCaseId: string, id: string, input: ActionUpdate): Promise<WorkbenchAction> {
  return deps.db.transaction().execute(async (trx) => {
    const useCase = await editableUseCase(trx, caller, useCaseId);
    const now = deps.clock();
    const row = await trx
      .updateTable('workbench_actions')
      .set({ status: input.status, owner: input.owner, due_on: input.dueOn, updated_at: now })
      .where('id', '=', id)
      .where('use_case_id', '=', useCaseId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new TweelingError(WORKBENCH_ERRORS.ACTION_NOT_FOUND, `Actie ${id} hoort niet bij deze use case.`);
    await appendAudit(trx, actor, { action: 'action.update', targetType: 'action', targetId: id, organisationId: useCase.organisation_id, payload: input }, now);
    return toAction(row);
  });
}

/** Shares a lesson with all organisations, or stops sharing it. @throws TWL_WORKBENCH_LESSON_NOT_FOUND */
export async function shareLesson(deps: WorkbenchDeps, caller: Caller, actor: Actor, useCaseId: string, id: string, shared: boolean): Promise<Lesson> {
  return deps.db.transaction().execute(async (trx) => {
    const useCase = await editableUseCase(trx, caller, useCaseId);
    const updated = await trx.updateTable('workbench_lessons').set({ shared }).where('id', '=', id).where('use_case_id', '=', useCaseId).returning('id').executeTakeFirst();
    if (!updated) throw new TweelingError(WORKBENCH_ERRORS.LESSON_NOT_FOUND, `Les ${id} hoort niet bij deze use case.`);
    await appendAudit(trx, actor, { action: 'lesson.share', targetType: 'lesson', targetId: id, organisationId: useCase.organisation_id, payload: { shared } }, deps.clock());
    return toLesson(await lessonQuery(trx).where('l.id', '=', id).executeTakeFirstOrThrow());
  });
}

/**
 * Searches lessons learned: those shared with all organisations, plus the caller's own. Matches the
 * Dutch full-text form of the words (so "samenwerken" finds "samenwerking"), or the literal text.
 */
export async function searchLessons(deps: WorkbenchDeps, caller: Caller, filter: { q?: string | undefined; axis?: RetroAxis | undefined }): Promise<Lesson[]> {
  let query = lessonQuery(deps.db).where((eb) => (caller.organisationId ? eb.or([eb('l.shared', '=', true), eb('u.organisation_id', '=', caller.organisationId)]) : eb('l.shared', '=', true)));
  if (filter.axis) query = query.where('l.axis', '=', filter.axis);
  const q = filter.q?.trim();
  if (q) {
    const literal = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where(sql<boolean>`(to_tsvector('dutch', l.text) @@ plainto_tsquery('dutch', ${q}) OR l.text ILIKE ${literal})`);
  }
  const rows = await query.orderBy('l.created_at', 'desc').limit(200).execute();
  return rows.map((r) => toLesson(r, caller));
}
