import type { Kysely, Selectable } from 'kysely';
import { ROLES, ROLE_PERMISSIONS, type ApiToken, type ApiTokenCreate, type ApiTokenCreated, type Caller, type Permission, type Role } from '@tweeling/core';
import type { Database } from '../db/index.js';
import { appendAudit, type Actor } from '../audit/index.js';
import { TweelingError, type ErrorDefinition } from '../errors.js';
import { iso, isoRequired, type ServiceDeps } from './context.js';
import { IDENTITY_ERRORS } from './errors.js';
import { getOrganisation } from './organisations.js';
import { generateToken, hashToken, looksLikeToken } from './tokens.js';

export const DAY_MS = 86_400_000;
/** Validity of a new token when none is asked for (capped by TOKEN_MAX_DAYS). */
const DEFAULT_DAYS = 365;
/** last_used_at is refreshed at most this often, so reads do not turn into writes. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Rank of a role: a lower index is more powerful (admin first). */
const rank = (role: Role) => ROLES.indexOf(role);

export function toApiToken(row: Selectable<Database['api_tokens']>): ApiToken {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    userId: row.user_id,
    name: row.name,
    role: row.role as Role,
    prefix: row.prefix,
    createdAt: isoRequired(row.created_at),
    expiresAt: iso(row.expires_at),
    revokedAt: iso(row.revoked_at),
    lastUsedAt: iso(row.last_used_at),
  };
}

/** Tokens of an organisation (never their secrets), newest first. */
export async function listTokens({ db }: ServiceDeps, organisationId: string): Promise<ApiToken[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().where('organisation_id', '=', organisationId).orderBy('created_at', 'desc').execute();
  return rows.map(toApiToken);
}

/**
 * Validity in days of a new token: the one asked for, else the default; never more than
 * TOKEN_MAX_DAYS. @throws TWL_IDENTITY_TOKEN_LIFETIME_TOO_LONG when more is asked for
 */
export function tokenLifetimeDays(deps: ServiceDeps, asked: number | undefined): number {
  const max = deps.tokenMaxDays;
  if (asked === undefined) return Math.min(DEFAULT_DAYS, max ?? DEFAULT_DAYS);
  if (max !== undefined && asked > max) {
    throw new TweelingError(IDENTITY_ERRORS.TOKEN_LIFETIME_TOO_LONG, `Een token is op dit platform hooguit ${max} dagen geldig (TOKEN_MAX_DAYS); gevraagd: ${asked}.`, [
      { path: 'body.expiresInDays', message: `at most ${max}` },
    ]);
  }
  return asked;
}

/**
 * Why a token no longer works at `now` (revoked, expired, or older than TOKEN_MAX_DAYS), or null.
 * The texts are the problem details a caller sees.
 */
export function inactiveReason(row: { revoked_at: Date | string | null; expires_at: Date | string | null; created_at: Date | string }, now: Date, maxDays: number | undefined): { error: ErrorDefinition; detail: string } | null {
  if (row.revoked_at && new Date(row.revoked_at).getTime() <= now.getTime()) return { error: IDENTITY_ERRORS.TOKEN_REVOKED, detail: 'Deze token is ingetrokken.' };
  if (row.expires_at && new Date(row.expires_at).getTime() <= now.getTime()) {
    return { error: IDENTITY_ERRORS.TOKEN_EXPIRED, detail: `Deze token is verlopen op ${new Date(row.expires_at).toISOString()}.` };
  }
  if (maxDays !== undefined && new Date(row.created_at).getTime() + maxDays * DAY_MS <= now.getTime()) {
    return { error: IDENTITY_ERRORS.TOKEN_EXPIRED, detail: `Deze token is ouder dan de maximale geldigheid van ${maxDays} dagen op dit platform; maak een nieuwe token.` };
  }
  return null;
}

/**
 * Inserts a token row with a fresh secret inside the caller's transaction. A token acting for a
 * member cannot have a higher role than that member. @throws TWL_IDENTITY_MEMBER_NOT_FOUND, TWL_IDENTITY_ROLE_TOO_HIGH
 */
export async function insertToken(
  trx: Kysely<Database>,
  now: Date,
  organisationId: string,
  input: { name: string; role: Role; userId: string | null; days: number },
): Promise<{ row: Selectable<Database['api_tokens']>; token: string }> {
  if (input.userId) {
    const membership = await trx.selectFrom('memberships').select('role').where('organisation_id', '=', organisationId).where('user_id', '=', input.userId).executeTakeFirst();
    if (!membership) throw new TweelingError(IDENTITY_ERRORS.MEMBER_NOT_FOUND, 'De token kan alleen voor een lid van deze organisatie zijn.');
    if (rank(input.role) < rank(membership.role as Role)) {
      throw new TweelingError(IDENTITY_ERRORS.ROLE_TOO_HIGH, `Dit lid heeft rol ${membership.role}; een token voor dit lid kan geen hogere rol krijgen.`);
    }
  }
  const secret = generateToken();
  const row = await trx
    .insertInto('api_tokens')
    .values({
      id: secret.id,
      organisation_id: organisationId,
      user_id: input.userId,
      name: input.name,
      role: input.role,
      token_hash: secret.hash,
      prefix: secret.prefix,
      created_at: now,
      expires_at: new Date(now.getTime() + input.days * DAY_MS),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { row, token: secret.token };
}

/**
 * Creates a token; the secret is returned once and only its SHA-256 is stored.
 * @throws TWL_IDENTITY_MEMBER_NOT_FOUND, TWL_IDENTITY_ROLE_TOO_HIGH, TWL_IDENTITY_TOKEN_LIFETIME_TOO_LONG
 */
export async function createToken(deps: ServiceDeps, actor: Actor, organisationId: string, input: ApiTokenCreate): Promise<ApiTokenCreated> {
  await getOrganisation(deps, organisationId);
  const days = tokenLifetimeDays(deps, input.expiresInDays);
  const now = deps.clock();
  const created = await deps.db.transaction().execute(async (trx) => {
    const inserted = await insertToken(trx, now, organisationId, { name: input.name, role: input.role, userId: input.userId ?? null, days });
    const payload = { name: input.name, role: input.role, userId: input.userId ?? null, expiresInDays: days };
    await appendAudit(trx, actor, { action: 'token.create', targetType: 'api-token', targetId: inserted.row.id, organisationId, payload }, now);
    return inserted;
  });
  return { ...toApiToken(created.row), token: created.token };
}

/** Revokes a token of the organisation; revoking twice is a no-op. @throws TWL_IDENTITY_TOKEN_NOT_FOUND */
export async function revokeToken(deps: ServiceDeps, actor: Actor, organisationId: string, tokenId: string): Promise<ApiToken> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('api_tokens').selectAll().where('id', '=', tokenId).where('organisation_id', '=', organisationId).forUpdate().executeTakeFirst();
    if (!row) throw new TweelingError(IDENTITY_ERRORS.TOKEN_NOT_FOUND, 'Deze token bestaat niet in deze organisatie.');
    if (row.revoked_at) return toApiToken(row);
    const now = deps.clock();
    const updated = await trx.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', tokenId).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'token.revoke', targetType: 'api-token', targetId: tokenId, organisationId }, now);
    return toApiToken(updated);
  });
}

/** The caller of a request without a token. */
export const ANONYMOUS: Caller = Object.freeze({
  anonymous: true,
  organisationId: null,
  userId: null,
  tokenId: null,
  role: null,
  permissions: [],
}) as Caller;

/** Permissions of a role in an organisation, including what the organisation itself allows. */
export function permissionsFor(role: Role, organisation: { may_accredit: boolean; is_operator: boolean }): Permission[] {
  const permissions = [...ROLE_PERMISSIONS[role]];
  if (organisation.may_accredit && (role === 'admin' || role === 'analyst')) permissions.push('accredit');
  if (organisation.is_operator && role === 'admin') permissions.push('platform:admin');
  return permissions;
}

/**
 * Resolves a bearer token to its caller.
 * @throws TWL_IDENTITY_TOKEN_INVALID, TWL_IDENTITY_TOKEN_EXPIRED, TWL_IDENTITY_TOKEN_REVOKED (all 401)
 */
export async function authenticate({ db, clock, tokenMaxDays }: ServiceDeps, token: string): Promise<Caller> {
  if (!looksLikeToken(token)) throw new TweelingError(IDENTITY_ERRORS.TOKEN_INVALID, 'Deze token is onbekend.');
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('organisations as o', 'o.id', 't.organisation_id')
    .select(['t.id', 't.organisation_id', 't.user_id', 't.role', 't.created_at', 't.expires_at', 't.revoked_at', 't.last_used_at', 'o.may_accredit', 'o.is_operator'])
    .where('t.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) throw new TweelingError(IDENTITY_ERRORS.TOKEN_INVALID, 'Deze token is onbekend.');
  const now = clock();
  const inactive = inactiveReason(row, now, tokenMaxDays);
  if (inactive) throw new TweelingError(inactive.error, inactive.detail);
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > LAST_USED_RESOLUTION_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  const role = row.role as Role;
  return {
    anonymous: false,
    organisationId: row.organisation_id,
    userId: row.user_id,
    tokenId: row.id,
    role,
    permissions: permissionsFor(role, row),
  };
}
