import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  CANVAS_SECTION_IDS,
  CANVAS_SECTION_SCHEMAS,
  CANVAS_SECTION_TITLES,
  type Caller,
  type Canvas,
  type CanvasComment,
  type CanvasContent,
  type CanvasFieldChange,
  type CanvasRevision,
  type CanvasSection,
  type CanvasSectionId,
} from '@tweeling/core';
import { appendAudit, type Actor } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { authorName, editableUseCase, readableUseCase, type WorkbenchDeps } from './access.js';
import { WORKBENCH_ERRORS } from './errors.js';

/** A stale edit: carries the newer section so the HTTP layer can answer 409 with it (nothing lost). */
export class CanvasConflictError extends TweelingError {
  constructor(readonly current: CanvasSection) {
    super(WORKBENCH_ERRORS.CANVAS_CONFLICT, `Dit canvasdeel is intussen gewijzigd (nu versie ${current.version}, door ${current.updatedBy ?? 'onbekend'}). Uw tekst is niet opgeslagen maar staat in 'yours'; voeg samen en stuur opnieuw met baseVersion ${current.version}.`);
  }
}

const emptyContent = (section: CanvasSectionId): CanvasContent => CANVAS_SECTION_SCHEMAS[section].parse({}) as CanvasContent;

async function readSection(db: Kysely<Database>, useCaseId: string, section: CanvasSectionId, forUpdate = false): Promise<CanvasSection> {
  let query = db.selectFrom('workbench_canvas_sections').selectAll().where('use_case_id', '=', useCaseId).where('section', '=', section);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  const title = CANVAS_SECTION_TITLES[section];
  if (!row) return { section, title, version: 0, content: emptyContent(section), updatedAt: null, updatedBy: null };
  // Fill questions added to the canvas after this version was saved.
  const content = { ...emptyContent(section), ...(row.content as CanvasContent) };
  return { section, title, version: row.version, content, updatedAt: new Date(row.updated_at).toISOString(), updatedBy: row.updated_by };
}

/** The whole canvas of a readable use case: every section, empty ones at version 0. */
export async function getCanvas(deps: WorkbenchDeps, caller: Caller, useCaseId: string): Promise<Canvas> {
  await readableUseCase(deps.db, caller, useCaseId);
  const sections = await Promise.all(CANVAS_SECTION_IDS.map((s) => readSection(deps.db, useCaseId, s)));
  return { useCaseId, sections };
}

/** One section of a readable use case's canvas. */
export async function getSection(deps: WorkbenchDeps, caller: Caller, useCaseId: string, section: CanvasSectionId): Promise<CanvasSection> {
  await readableUseCase(deps.db, caller, useCaseId);
  return readSection(deps.db, useCaseId, section);
}

/** Before/after of every question whose answers differ. */
export function diffContent(before: CanvasContent, after: CanvasContent): CanvasFieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .map((field) => ({ field, before: before[field] ?? [], after: after[field] ?? [] }))
    .filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
}

/**
 * Replaces the answers of one section, if `baseVersion` is still the current version
 * (optimistic concurrency); records the revision with its per-question diff and an audit entry.
 * @throws TWL_WORKBENCH_INVALID_CANVAS naming each bad question (`body.content.<question>`)
 * @throws CanvasConflictError (409) when someone saved a newer version first
 */
export async function putSection(
  deps: WorkbenchDeps,
  caller: Caller,
  actor: Actor,
  useCaseId: string,
  section: CanvasSectionId,
  input: { baseVersion: number; content: Record<string, unknown> },
): Promise<CanvasSection> {
  const parsed = CANVAS_SECTION_SCHEMAS[section].safeParse(input.content);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: ['body', 'content', ...i.path.map(String)].join('.'), message: i.message }));
    throw new TweelingError(WORKBENCH_ERRORS.INVALID_CANVAS, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  }
  const content = parsed.data as CanvasContent;
  return deps.db.transaction().execute(async (trx) => {
    const useCase = await editableUseCase(trx, caller, useCaseId);
    const current = await readSection(trx, useCaseId, section, true);
    if (current.version !== input.baseVersion) throw new CanvasConflictError(current);
    const changes = diffContent(current.content, content);
    if (changes.length === 0) return current;
    const now = deps.clock();
    const author = await authorName(trx, caller);
    const version = current.version + 1;
    const values = { content: JSON.stringify(content), version, updated_by: author, updated_at: now };
    if (current.version === 0) await trx.insertInto('workbench_canvas_sections').values({ use_case_id: useCaseId, section, ...values }).execute();
    else await trx.updateTable('workbench_canvas_sections').set(values).where('use_case_id', '=', useCaseId).where('section', '=', section).execute();
    await trx
      .insertInto('workbench_canvas_revisions')
      .values({ use_case_id: useCaseId, section, version, content: JSON.stringify(content), changes: JSON.stringify(changes), author, author_user_id: caller.userId, created_at: now })
      .execute();
    await trx.updateTable('workbench_use_cases').set({ updated_at: now }).where('id', '=', useCaseId).execute();
    await appendAudit(trx, actor, { action: 'canvas.update', targetType: 'canvas-section', targetId: `${useCaseId}/${section}`, organisationId: useCase.organisation_id, payload: { version, changes } }, now);
    return { section, title: CANVAS_SECTION_TITLES[section], version, content, updatedAt: now.toISOString(), updatedBy: author };
  });
}

/** Edits of a readable use case's canvas, newest first (optionally one section). */
export async function canvasHistory(deps: WorkbenchDeps, caller: Caller, useCaseId: string, section?: CanvasSectionId): Promise<CanvasRevision[]> {
  await readableUseCase(deps.db, caller, useCaseId);
  let query = deps.db.selectFrom('workbench_canvas_revisions').selectAll().where('use_case_id', '=', useCaseId);
  if (section) query = query.where('section', '=', section);
  const rows = await query.orderBy('created_at', 'desc').orderBy('version', 'desc').limit(1000).execute();
  return rows.map((r) => ({
    section: r.section as CanvasSectionId,
    version: r.version,
    changes: r.changes as CanvasFieldChange[],
    author: r.author,
    authorUserId: r.author_user_id,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

const toComment = (r: { id: string; section: string; body: string; author: string; author_user_id: string | null; created_at: Date }): CanvasComment => ({
  id: r.id,
  section: r.section as CanvasSectionId,
  body: r.body,
  author: r.author,
  authorUserId: r.author_user_id,
  createdAt: new Date(r.created_at).toISOString(),
});

/** Comments on one section of a readable use case, oldest first. */
export async function listComments(deps: WorkbenchDeps, caller: Caller, useCaseId: string, section: CanvasSectionId): Promise<CanvasComment[]> {
  await readableUseCase(deps.db, caller, useCaseId);
  const rows = await deps.db.selectFrom('workbench_comments').selectAll().where('use_case_id', '=', useCaseId).where('section', '=', section).orderBy('created_at').execute();
  return rows.map(toComment);
}

/** Adds a comment to one section (own organisation only). */
export async function addComment(deps: WorkbenchDeps, caller: Caller, actor: Actor, useCaseId: string, section: CanvasSectionId, body: string): Promise<CanvasComment> {
  return deps.db.transaction().execute(async (trx) => {
    const useCase = await editableUseCase(trx, caller, useCaseId);
    const now = deps.clock();
    const row = await trx
      .insertInto('workbench_comments')
      .values({ id: randomUUID(), use_case_id: useCaseId, section, body, author: await authorName(trx, caller), author_user_id: caller.userId, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'canvas.comment', targetType: 'canvas-comment', targetId: row.id, organisationId: useCase.organisation_id, payload: { section, body } }, now);
    return toComment(row);
  });
}
