import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canonicalJson, type Accreditation, type AccreditationCreate, type AccreditationStatement, type Caller } from '@tweeling/core';
import { appendAudit, type Actor } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { STORE_ERRORS } from './errors.js';
import { publicKeys, signStatement, verifyStatement } from './signing.js';
import { visibleRelease, type StoreDeps } from './visibility.js';

/** Longest validity of an accreditation. */
const MAX_VALIDITY_MS = 5 * 365.25 * 86_400_000;

/** SHA-256 (hex) of the canonical JSON of a manifest: what an accreditation pins besides the code hash. */
export const manifestHash = (manifest: unknown) => createHash('sha256').update(canonicalJson(manifest)).digest('hex');

interface Row {
  id: string;
  app_id: string;
  app_version: string;
  accreditor_id: string;
  statement: unknown;
  signature: string;
  key_id: string;
}

/**
 * Checks one stored accreditation now: the signature over the statement, that the statement still
 * names this row's app, version and accreditor, and that the release's code and manifest are those
 * that were signed (a changed release or an edited row → `invalid`); then the expiry.
 */
function statusOf(row: Row, keys: Map<string, string>, release: { code_hash: string; manifest: unknown } | undefined, now: Date): Accreditation['status'] {
  const s = row.statement as AccreditationStatement;
  const intact =
    verifyStatement(s, row.signature, keys.get(row.key_id)) &&
    s.appId === row.app_id && s.appVersion === row.app_version && s.accreditorId === row.accreditor_id &&
    release !== undefined && s.codeHash === release.code_hash && s.manifestHash === manifestHash(release.manifest);
  if (!intact) return 'invalid';
  return Date.parse(s.expiresAt) <= now.getTime() ? 'expired' : 'valid';
}

/** Accreditations of the given apps with their status, newest first (all apps when `appIds` is undefined). */
async function loadAccreditations(db: Kysely<Database>, appIds: string[] | undefined, now: Date): Promise<Accreditation[]> {
  if (appIds && appIds.length === 0) return [];
  let query = db
    .selectFrom('store_accreditations as a')
    .innerJoin('organisations as o', 'o.id', 'a.accreditor_id')
    .innerJoin('app_releases as r', (j) => j.onRef('r.app_id', '=', 'a.app_id').onRef('r.version', '=', 'a.app_version'))
    .select(['a.id', 'a.app_id', 'a.app_version', 'a.accreditor_id', 'a.statement', 'a.signature', 'a.key_id', 'o.name', 'r.code_hash', 'r.manifest'])
    .orderBy('a.created_at', 'desc');
  if (appIds) query = query.where('a.app_id', 'in', appIds);
  const rows = await query.execute();
  const keys = await publicKeys(db);
  return rows.map((row) => ({
    id: row.id,
    statement: row.statement as AccreditationStatement,
    accreditorName: row.name,
    signature: row.signature,
    keyId: row.key_id,
    publicKey: keys.get(row.key_id) ?? '',
    status: statusOf(row, keys, row, now),
  }));
}

/** Number of valid accreditations per app id (of the given apps, or of all when `appIds` is undefined). */
export async function validAccreditationCounts(db: Kysely<Database>, appIds: string[] | undefined, now: Date): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const a of await loadAccreditations(db, appIds, now)) if (a.status === 'valid') counts.set(a.statement.appId, (counts.get(a.statement.appId) ?? 0) + 1);
  return counts;
}

/** Accreditations of an app the caller may see, with their signature status. @throws TWL_STORE_APP_NOT_FOUND */
export async function listAccreditations(deps: StoreDeps, caller: Caller, appId: string): Promise<Accreditation[]> {
  const visible = await visibleRelease(deps.db, caller, appId);
  const all = await loadAccreditations(deps.db, [appId], deps.clock());
  // Accreditations of releases the caller may not see (a beta of another publisher) stay hidden.
  const versions = new Set(visible.versions);
  return all.filter((a) => versions.has(a.statement.appVersion));
}

/**
 * Signs an accreditation of a release by the caller's organisation, which must be allowed to
 * accredit (`mayAccredit`). One transaction: the key (at first use), the row and the audit entry.
 * @throws TWL_STORE_NOT_ACCREDITOR, TWL_STORE_APP_NOT_FOUND, TWL_STORE_RELEASE_NOT_FOUND, TWL_STORE_INVALID_EXPIRY
 */
export async function createAccreditation(deps: StoreDeps, caller: Caller, actor: Actor, appId: string, input: AccreditationCreate): Promise<Accreditation> {
  const org = caller.organisationId
    ? await deps.db.selectFrom('organisations').select(['id', 'name', 'may_accredit']).where('id', '=', caller.organisationId).executeTakeFirst()
    : undefined;
  if (!org?.may_accredit) throw new TweelingError(STORE_ERRORS.NOT_ACCREDITOR, 'Alleen organisaties die mogen accrediteren (kennisinstellingen met die rol) kunnen een accreditatie ondertekenen.');
  const visible = await visibleRelease(deps.db, caller, appId);
  const version = input.version ?? visible.newestStable;
  if (!version || !visible.versions.includes(version)) {
    throw new TweelingError(STORE_ERRORS.RELEASE_NOT_FOUND, version ? `App '${appId}' heeft geen release ${version}.` : `App '${appId}' heeft geen stabiele release.`, [{ path: 'body.version', message: 'no such release' }]);
  }
  const now = deps.clock();
  const expires = Date.parse(input.expiresAt);
  if (expires <= now.getTime() || expires - now.getTime() > MAX_VALIDITY_MS) {
    throw new TweelingError(STORE_ERRORS.INVALID_EXPIRY, 'De vervaldatum moet in de toekomst liggen en hooguit vijf jaar vooruit.', [{ path: 'body.expiresAt', message: 'must be in the future and at most 5 years ahead' }]);
  }
  return deps.db.transaction().execute(async (trx) => {
    const release = await trx.selectFrom('app_releases').select(['code_hash', 'manifest']).where('app_id', '=', appId).where('version', '=', version).executeTakeFirstOrThrow();
    const statement: AccreditationStatement = {
      appId, appVersion: version, codeHash: release.code_hash, manifestHash: manifestHash(release.manifest),
      accreditorId: org.id, scope: input.scope, issuedAt: now.toISOString(), expiresAt: new Date(expires).toISOString(),
    };
    const { signature, keyId } = await signStatement(trx, statement, now, deps.secretKey);
    const id = randomUUID();
    await trx.insertInto('store_accreditations').values({ id, app_id: appId, app_version: version, accreditor_id: org.id, statement: JSON.stringify(statement), signature, key_id: keyId, created_at: now }).execute();
    await appendAudit(trx, actor, { action: 'store.accreditation.create', targetType: 'app', targetId: `${appId}@${version}`, payload: { statement, signature, keyId } }, now);
    const publicKey = (await trx.selectFrom('store_signing_keys').select('public_key').where('id', '=', keyId).executeTakeFirstOrThrow()).public_key;
    return { id, statement, accreditorName: org.name, signature, keyId, publicKey, status: 'valid' as const };
  });
}
