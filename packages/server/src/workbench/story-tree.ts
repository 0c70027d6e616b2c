import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { parentKindOf, STORY_TREE_KINDS, type Caller, type StoryTree, type StoryTreeKind, type StoryTreeNode, type StoryTreeNodeCreate, type StoryTreeNodeUpdate } from '@tweeling/core';
import { appendAudit, type Actor } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { editableUseCase, readableUseCase, type WorkbenchDeps } from './access.js';
import { WORKBENCH_ERRORS } from './errors.js';

type NodeRow = Selectable<Database['workbench_tree_nodes']>;

const toNode = (r: NodeRow): StoryTreeNode => ({ id: r.id, parentId: r.parent_id, kind: r.kind as StoryTreeKind, label: r.label, target: r.target, position: r.position, depth: STORY_TREE_KINDS.indexOf(r.kind as StoryTreeKind) });

/** Orders nodes depth first: each parent before its children, siblings by position, then label. */
export function depthFirst(rows: NodeRow[]): StoryTreeNode[] {
  const children = new Map<string | null, NodeRow[]>();
  for (const r of rows) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r]);
  const out: StoryTreeNode[] = [];
  const visit = (parent: string | null) => {
    const list = (children.get(parent) ?? []).sort((a, b) => a.position - b.position || a.label.localeCompare(b.label, 'nl'));
    for (const r of list) {
      out.push(toNode(r));
      visit(r.id);
    }
  };
  visit(null);
  return out;
}

/** The story tree of a readable use case. */
export async function getStoryTree(deps: WorkbenchDeps, caller: Caller, useCaseId: string): Promise<StoryTree> {
  await readableUseCase(deps.db, caller, useCaseId);
  const rows = await deps.db.selectFrom('workbench_tree_nodes').selectAll().where('use_case_id', '=', useCaseId).execute();
  return { useCaseId, nodes: depthFirst(rows) };
}

async function nodeOf(db: Kysely<Database>, useCaseId: string, id: string): Promise<NodeRow> {
  const row = await db.selectFrom('workbench_tree_nodes').selectAll().where('id', '=', id).where('use_case_id', '=', useCaseId).executeTakeFirst();
  if (!row) throw new TweelingError(WORKBENCH_ERRORS.NODE_NOT_FOUND, `Knoop ${id} hoort niet bij deze use case.`);
  return row;
}

const invalid = (path: string, message: string) => new TweelingError(WORKBENCH_ERRORS.INVALID_TREE, message, [{ path, message }]);

/**
 * Adds a node under a parent of the level above it (a vraag is a root; a doel hangs under a vraag,
 * a KPI under a doel, a maatregel under a KPI, an object under a maatregel). Only KPI nodes carry a target.
 * @throws TWL_WORKBENCH_INVALID_TREE naming `body.parentId` or `body.target`
 */
export async function addNode(deps: WorkbenchDeps, caller: Caller, actor: Actor, useCaseId: string, input: StoryTreeNodeCreate): Promise<StoryTreeNode> {
  if (input.target !== null && input.kind !== 'kpi') throw invalid('body.target', 'alleen een KPI heeft een streefwaarde');
  return deps.db.transaction().execute(async (trx) => {
    const useCase = await editableUseCase(trx, caller, useCaseId);
    const wanted = parentKindOf(input.kind);
    if (wanted === null && input.parentId !== null) throw invalid('body.parentId', 'een vraag staat bovenaan de boom en heeft geen ouder');
    if (wanted !== null) {
      if (input.parentId === null) throw invalid('body.parentId', `een ${input.kind} hangt onder een ${wanted}`);
      const parent = await trx.selectFrom('workbench_tree_nodes').select('kind').where('id', '=', input.parentId).where('use_case_id', '=', useCaseId).executeTakeFirst();
      if (!parent) throw invalid('body.parentId', 'deze knoop bestaat niet in deze use case');
      if (parent.kind !== wanted) throw invalid('body.parentId', `een ${input.kind} hangt onder een ${wanted}, niet onder een ${parent.kind}`);
    }
    const now = deps.clock();
    const row = await trx
      .insertInto('workbench_tree_nodes')
      .values({ id: randomUUID(), use_case_id: useCaseId, parent_id: input.parentId, kind: input.kind, label: input.label, target: input.target, position: input.position })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'story-tree.add', targetType: 'story-tree-node', targetId: row.id, organisationId: useCase.organisation_id, payload: input }, now);
    return toNode(row);
  });
}

/** Changes label, KPI target or order. @throws TWL_WORKBENCH_NODE_NOT_FOUND, TWL_WORKBENCH_INVALID_TREE */
export async function updateNode(deps: WorkbenchDeps, caller: Caller, actor: Actor, useCaseId: string, id: string, input: StoryTreeNodeUpdate): Promise<StoryTreeNode> {
  return deps.db.transaction().execute(async (trx) => {
    const useCase = await editableUseCase(trx, caller, useCaseId);
    const current = await nodeOf(trx, useCaseId, id);
    if (input.target != null && current.kind !== 'kpi') throw invalid('body.target', 'alleen een KPI heeft een streefwaarde');
    const now = deps.clock();
    const row = await trx.updateTable('workbench_tree_nodes').set(input).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'story-tree.update', targetType: 'story-tree-node', targetId: id, organisationId: useCase.organisation_id, payload: input }, now);
    return toNode(row);
  });
}

/** Removes a node with everything under it. @throws TWL_WORKBENCH_NODE_NOT_FOUND */
export async function deleteNode(deps: WorkbenchDeps, caller: Caller, actor: Actor, useCaseId: string, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const useCase = await editableUseCase(trx, caller, useCaseId);
    await nodeOf(trx, useCaseId, id);
    await trx.deleteFrom('workbench_tree_nodes').where('id', '=', id).execute();
    await appendAudit(trx, actor, { action: 'story-tree.delete', targetType: 'story-tree-node', targetId: id, organisationId: useCase.organisation_id }, deps.clock());
  });
}
