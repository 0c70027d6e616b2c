import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { storySentence, type Caller, type ProblemFieldError, type UserStory, type UserStoryCreate, type UserStoryUpdate } from '@tweeling/core';
import { appendAudit, type Actor } from '../audit/index.js';
import { getDataset } from '../data/index.js';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { editableUseCase, readableUseCase, type WorkbenchDeps } from './access.js';
import { WORKBENCH_ERRORS } from './errors.js';

type StoryRow = Selectable<Database['workbench_stories']>;

async function toStories(db: Kysely<Database>, rows: StoryRow[]): Promise<UserStory[]> {
  const ids = rows.map((r) => r.id);
  const [stakeholders, nodes] = ids.length
    ? await Promise.all([
        db.selectFrom('workbench_story_stakeholders').selectAll().where('story_id', 'in', ids).execute(),
        db.selectFrom('workbench_story_nodes').selectAll().where('story_id', 'in', ids).execute(),
      ])
    : [[], []];
  return rows.map((r) => ({
    id: r.id,
    useCaseId: r.use_case_id,
    asA: r.as_a,
    iWant: r.i_want,
    soThat: r.so_that,
    because: r.because,
    text: storySentence({ asA: r.as_a, iWant: r.i_want, soThat: r.so_that, because: r.because }),
    stakeholderIds: stakeholders.filter((s) => s.story_id === r.id).map((s) => s.stakeholder_id).sort(),
    indicators: r.indicators,
    dataNeeds: r.data_needs,
    treeNodeIds: nodes.filter((n) => n.story_id === r.id).map((n) => n.node_id).sort(),
    appIds: r.app_ids,
    datasetIds: r.dataset_ids,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

/** User stories of a readable use case, oldest first (the order of the workshop). */
export async function listStories(deps: WorkbenchDeps, caller: Caller, useCaseId: string): Promise<UserStory[]> {
  await readableUseCase(deps.db, caller, useCaseId);
  const rows = await deps.db.selectFrom('workbench_stories').selectAll().where('use_case_id', '=', useCaseId).orderBy('created_at').orderBy('id').execute();
  return toStories(deps.db, rows);
}

/**
 * Checks the links of a story: stakeholders and tree nodes of the same use case, datasets the caller
 * may see. Collects every bad link with its path.
 * @throws TWL_WORKBENCH_INVALID_LINK
 */
async function checkLinks(deps: WorkbenchDeps, caller: Caller, useCaseId: string, input: { stakeholderIds?: string[] | undefined; treeNodeIds?: string[] | undefined; datasetIds?: string[] | undefined }): Promise<void> {
  const errors: ProblemFieldError[] = [];
  const within = async (table: 'workbench_stakeholders' | 'workbench_tree_nodes', ids: string[] | undefined, field: string) => {
    if (!ids?.length) return;
    const found = new Set((await deps.db.selectFrom(table).select('id').where('use_case_id', '=', useCaseId).where('id', 'in', ids).execute()).map((r) => r.id));
    ids.forEach((id, i) => found.has(id) || errors.push({ path: `body.${field}.${i}`, message: 'hoort niet bij deze use case' }));
  };
  await within('workbench_stakeholders', input.stakeholderIds, 'stakeholderIds');
  await within('workbench_tree_nodes', input.treeNodeIds, 'treeNodeIds');
  for (const [i, id] of (input.datasetIds ?? []).entries()) {
    const visible = await getDataset(deps, caller, id).then(() => true, () => false);
    if (!visible) errors.push({ path: `body.datasetIds.${i}`, message: 'dataset bestaat niet of is niet zichtbaar voor u' });
  }
  if (errors.length) throw new TweelingError(WORKBENCH_ERRORS.INVALID_LINK, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
}

async function writeLinks(db: Kysely<Database>, storyId: string, input: { stakeholderIds?: string[] | undefined; treeNodeIds?: string[] | undefined }): Promise<void> {
  if (input.stakeholderIds) {
    await db.deleteFrom('workbench_story_stakeholders').where('story_id', '=', storyId).execute();
    const ids = [...new Set(input.stakeholderIds)];
    if (ids.length) await db.insertInto('workbench_story_stakeholders').values(ids.map((id) => ({ story_id: storyId, stakeholder_id: id }))).execute();
  }
  if (input.treeNodeIds) {
    await db.deleteFrom('workbench_story_nodes').where('story_id', '=', storyId).execute();
    const ids = [...new Set(input.treeNodeIds)];
    if (ids.length) await db.insertInto('workbench_story_nodes').values(ids.map((id) => ({ story_id: storyId, node_id: id }))).execute();
  }
}

/** Adds a user story with its links. @throws TWL_WORKBENCH_INVALID_LINK */
export async function createStory(deps: WorkbenchDeps, caller: Caller, actor: Actor, useCaseId: string, input: UserStoryCreate): Promise<UserStory> {
  return deps.db.transaction().execute(async (trx) => {
    const useCase = await editableUseCase(trx, caller, useCaseId);
    await checkLinks({ ...deps, db: trx }, caller, useCaseId, input);
    const now = deps.clock();
    const row = await trx
      .insertInto('workbench_stories')
      .values({
        id: randomUUID(),
        use_case_id: useCaseId,
        as_a: input.asA,
        i_want: input.iWant,
        so_that: input.soThat,
        because: input.because,
        indicators: input.indicators,
        data_needs: input.dataNeeds,
        app_ids: input.appIds,
        dataset_ids: input.datasetIds,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeLinks(trx, row.id, input);
    await appendAudit(trx, actor, { action: 'story.create', targetType: 'user-story', targetId: row.id, organisationId: useCase.organisation_id, payload: input }, now);
    return (await toStories(trx, [row]))[0]!;
  });
}

/** Changes the fields given (links given are replaced). @throws TWL_WORKBENCH_STORY_NOT_FOUND, TWL_WORKBENCH_INVALID_LINK */
export async function updateStory(deps: WorkbenchDeps, caller: Caller, actor: Actor, useCaseId: string, id: string, input: UserStoryUpdate): Promise<UserStory> {
  return deps.db.transaction().execute(async (trx) => {
    const useCase = await editableUseCase(trx, caller, useCaseId);
    await checkLinks({ ...deps, db: trx }, caller, useCaseId, input);
    const now = deps.clock();
    const row = await trx
      .updateTable('workbench_stories')
      .set({
        as_a: input.asA,
        i_want: input.iWant,
        so_that: input.soThat,
        because: input.because,
        indicators: input.indicators,
        data_needs: input.dataNeeds,
        app_ids: input.appIds,
        dataset_ids: input.datasetIds,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('use_case_id', '=', useCaseId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new TweelingError(WORKBENCH_ERRORS.STORY_NOT_FOUND, `User story ${id} hoort niet bij deze use case.`);
    await writeLinks(trx, id, input);
    await appendAudit(trx, actor, { action: 'story.update', targetType: 'user-story', targetId: id, organisationId: useCase.organisation_id, payload: input }, now);
    return (await toStories(trx, [row]))[0]!;
  });
}

/** Removes a user story. @throws TWL_WORKBENCH_STORY_NOT_FOUND */
export async function deleteStory(deps: WorkbenchDeps, caller: Caller, actor: Actor, useCaseId: string, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const useCase = await editableUseCase(trx, caller, useCaseId);
    const gone = await trx.deleteFrom('workbench_stories').where('id', '=', id).where('use_case_id', '=', useCaseId).returning('id').executeTakeFirst();
    if (!gone) throw new TweelingError(WORKBENCH_ERRORS.STORY_NOT_FOUND, `User story ${id} hoort niet bij deze use case.`);
    await appendAudit(trx, actor, { action: 'story.delete', targetType: 'user-story', targetId: id, organisationId: useCase.organisation_id }, deps.clock());
  });
}
