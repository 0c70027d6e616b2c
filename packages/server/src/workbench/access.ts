import type { Kysely } from 'kysely';
import { USE_CASE_MANAGER_ROLES, type Caller, type UseCaseRole } from '@tweeling/core';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { WORKBENCH_ERRORS } from './errors.js';

/** What workbench services need: the database and a clock (tests pass a fixed one). */
export interface WorkbenchDeps {
  db: Kysely<Database>;
  clock: () => Date;
}

/** The use-case row as the access checks need it. */
export interface UseCaseAccessRow {
  id: string;
  organisation_id: string;
  visibility: string;
}

const isPlatformAdmin = (caller: Caller) => caller.permissions.includes('platform:admin');

/** Whether the caller may read the use case: public ones, their own organisation's, or as platform admin. */
export const mayRead = (caller: Caller, row: UseCaseAccessRow) =>
  row.visibility === 'public' || row.organisation_id === caller.organisationId || isPlatformAdmin(caller);

/** Whether the caller belongs to the owning organisation (and so sees its team and may edit). */
export const isOwnOrganisation = (caller: Caller, row: UseCaseAccessRow) => row.organisation_id === caller.organisationId;

/**
 * Loads a use case the caller may read, optionally locking it for an edit.
 * @throws TWL_WORKBENCH_USE_CASE_NOT_FOUND when it does not exist or is private to another organisation
 */
export async function readableUseCase(db: Kysely<Database>, caller: Caller, id: string, forUpdate = false): Promise<UseCaseAccessRow> {
  let query = db.selectFrom('workbench_use_cases').select(['id', 'organisation_id', 'visibility']).where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row || !mayRead(caller, row)) throw new TweelingError(WORKBENCH_ERRORS.USE_CASE_NOT_FOUND, `Use case ${id} bestaat niet of is niet zichtbaar voor u.`);
  return row;
}

/**
 * Loads and locks a use case the caller may edit: it must belong to the caller's organisation
 * (a public use case of another organisation can be read, not changed).
 * @throws TWL_WORKBENCH_USE_CASE_NOT_FOUND, TWL_WORKBENCH_FORBIDDEN
 */
export async function editableUseCase(db: Kysely<Database>, caller: Caller, id: string): Promise<UseCaseAccessRow> {
  const row = await readableUseCase(db, caller, id, true);
  if (!isOwnOrganisation(caller, row)) throw new TweelingError(WORKBENCH_ERRORS.FORBIDDEN, 'Alleen de eigen organisatie kan deze use case wijzigen; andere organisaties kunnen hem lezen en ervan leren.');
  return row;
}

/**
 * Requires the caller to hold one of `roles` in the use-case team, or to be an admin of the owning
 * organisation (who can always step in, e.g. when the owner has left).
 * @throws TWL_WORKBENCH_NOT_IN_TEAM
 */
export async function requireTeamRole(db: Kysely<Database>, caller: Caller, useCaseId: string, roles: readonly UseCaseRole[], task: string): Promise<void> {
  if (caller.role === 'admin') return;
  if (caller.userId) {
    const held = await db
      .selectFrom('workbench_team')
      .select('role')
      .where('use_case_id', '=', useCaseId)
      .where('user_id', '=', caller.userId)
      .where('role', 'in', [...roles])
      .executeTakeFirst();
    if (held) return;
  }
  throw new TweelingError(WORKBENCH_ERRORS.NOT_IN_TEAM, `${task} kan alleen met een van de rollen ${roles.join(', ')} in het usecaseteam (of als beheerder van de organisatie).`);
}

/** Requires a managing role: use-case owner or projectleider (or organisation admin). */
export const requireManager = (db: Kysely<Database>, caller: Caller, useCaseId: string, task: string) =>
  requireTeamRole(db, caller, useCaseId, USE_CASE_MANAGER_ROLES, task);

/** A readable name of who acts: the person's name when the token acts for one, else the token. */
export async function authorName(db: Kysely<Database>, caller: Caller): Promise<string> {
  if (caller.userId) {
    const user = await db.selectFrom('users').select('name').where('id', '=', caller.userId).executeTakeFirst();
    if (user) return user.name;
  }
  return caller.tokenId ? `token:${caller.tokenId}` : 'onbekend';
}
