import type { ApiTokenRotate, ApiTokenRotated, Role } from '@tweeling/core';
import { appendAudit, type Actor } from '../audit/index.js';
import { TweelingError } from '../errors.js';
import { DAY_MS, inactiveReason, insertToken, tokenLifetimeDays, toApiToken } from './api-tokens.js';
import type { ServiceDeps } from './context.js';
import { IDENTITY_ERRORS } from './errors.js';

/**
 * Replaces a token by a new one with the same organisation, name, role and member, and a new
 * secret (shown once). The old secret is revoked at once (`graceMinutes` 0, the default) or keeps
 * working until the end of the grace period (its expiry is brought forward, never extended), so a
 * client can switch without a gap. The new token is valid as long as the old one was given (at most
 * TOKEN_MAX_DAYS) unless `expiresInDays` says otherwise. One transaction, one audit entry.
 * @throws TWL_IDENTITY_TOKEN_NOT_FOUND, TWL_IDENTITY_TOKEN_NOT_ACTIVE (revoked or expired: create a
 *   new token instead), TWL_IDENTITY_MEMBER_NOT_FOUND / TWL_IDENTITY_ROLE_TOO_HIGH (the member left or
 *   lost the role), TWL_IDENTITY_TOKEN_LIFETIME_TOO_LONG
 */
export async function rotateToken(deps: ServiceDeps, actor: Actor, organisationId: string, tokenId: string, input: ApiTokenRotate): Promise<ApiTokenRotated> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom('api_tokens').selectAll().where('id', '=', tokenId).where('organisation_id', '=', organisationId).forUpdate().executeTakeFirst();
    if (!old) throw new TweelingError(IDENTITY_ERRORS.TOKEN_NOT_FOUND, 'Deze token bestaat niet in deze organisatie.');
    const inactive = inactiveReason(old, now, deps.tokenMaxDays);
    if (inactive) throw new TweelingError(IDENTITY_ERRORS.TOKEN_NOT_ACTIVE, `${inactive.detail} Een ingetrokken of verlopen token kan niet worden vervangen; maak een nieuwe token.`);

    const oldDays = old.expires_at ? Math.max(1, Math.round((new Date(old.expires_at).getTime() - new Date(old.created_at).getTime()) / DAY_MS)) : undefined;
    const days = input.expiresInDays !== undefined ? tokenLifetimeDays(deps, input.expiresInDays) : Math.min(oldDays ?? tokenLifetimeDays(deps, undefined), deps.tokenMaxDays ?? Infinity);
    const created = await insertToken(trx, now, organisationId, { name: old.name, role: old.role as Role, userId: old.user_id, days });

    const graceMinutes = input.graceMinutes;
    const graceEnd = new Date(now.getTime() + graceMinutes * 60_000);
    const expires = old.expires_at && new Date(old.expires_at).getTime() < graceEnd.getTime() ? new Date(old.expires_at) : graceEnd;
    const previous = await trx
      .updateTable('api_tokens')
      .set(graceMinutes === 0 ? { revoked_at: now } : { expires_at: expires })
      .where('id', '=', old.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const payload = { newTokenId: created.row.id, graceMinutes, expiresInDays: days };
    await appendAudit(trx, actor, { action: 'token.rotate', targetType: 'api-token', targetId: old.id, organisationId, payload }, now);
    return { ...toApiToken(created.row), token: created.token, previous: toApiToken(previous) };
  });
}
