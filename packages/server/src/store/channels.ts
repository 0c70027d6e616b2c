/**
 * Release channels after publication: the publisher invites tester organisations to its beta
 * releases and deprecates releases with a sunset date and successor; organisations see which apps
 * they use have a newer release, with what changed.
 */
import type { BetaTester, Caller, Deprecation, DeprecationCreate, UpdateAvailable } from '@tweeling/core';
import { appendAudit, type Actor } from '../audit/index.js';
import { TweelingError } from '../errors.js';
import { PUBLISHING_ERRORS } from './publishing-errors.js';
import { STORE_ERRORS } from './errors.js';
import { versionKey } from './sync.js';
import { visibleRelease, type StoreDeps } from './visibility.js';

/** The app's publisher (or a platform administrator) only. @throws TWL_STORE_APP_NOT_FOUND, TWL_STORE_NOT_PUBLISHER */
async function assertPublisher(deps: StoreDeps, caller: Caller, appId: string): Promise<void> {
  const listing = await deps.db.selectFrom('store_listings').select('publisher_id').where('app_id', '=', appId).executeTakeFirst();
  const mayManage = listing && (listing.publisher_id === caller.organisationId || caller.permissions.includes('platform:admin'));
  if (!listing || (!mayManage && !(await visibleRelease(deps.db, caller, appId).then(() => true, () => false)))) {
    throw new TweelingError(STORE_ERRORS.APP_NOT_FOUND, `App '${appId}' bestaat niet of is niet zichtbaar voor u.`);
  }
  if (!mayManage) throw new TweelingError(PUBLISHING_ERRORS.NOT_PUBLISHER, `Alleen de uitgever van '${appId}' beheert haar releases.`);
}

export async function listBetaTesters(deps: StoreDeps, caller: Caller, appId: string): Promise<BetaTester[]> {
  await assertPublisher(deps, caller, appId);
  const rows = await deps.db
    .selectFrom('app_beta_testers as t')
    .innerJoin('organisations as o', 'o.id', 't.organisation_id')
    .select(['t.organisation_id', 'o.name', 't.invited_at'])
    .where('t.app_id', '=', appId)
    .orderBy('t.invited_at')
    .execute();
  return rows.map((r) => ({ organisationId: r.organisation_id, organisationName: r.name, invitedAt: new Date(r.invited_at).toISOString() }));
}

/** Invites an organisation to the app's beta releases (idempotent). @throws TWL_STORE_ORGANISATION_NOT_FOUND */
export async function inviteBetaTester(deps: StoreDeps, caller: Caller, actor: Actor, appId: string, organisationId: string): Promise<BetaTester[]> {
  await assertPublisher(deps, caller, appId);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst();
    if (!org) throw new TweelingError(STORE_ERRORS.ORGANISATION_NOT_FOUND, `Organisatie '${organisationId}' bestaat niet.`);
    const added = await trx.insertInto('app_beta_testers').values({ app_id: appId, organisation_id: organisationId, invited_at: now }).onConflict((oc) => oc.columns(['app_id', 'organisation_id']).doNothing()).returning('app_id').execute();
    if (added.length > 0) await appendAudit(trx, actor, { action: 'store.beta.invite', targetType: 'app', targetId: appId, payload: { organisation: organisationId } }, now);
  });
  return listBetaTesters(deps, caller, appId);
}

export async function removeBetaTester(deps: StoreDeps, caller: Caller, actor: Actor, appId: string, organisationId: string): Promise<BetaTester[]> {
  await assertPublisher(deps, caller, appId);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('app_beta_testers').where('app_id', '=', appId).where('organisation_id', '=', organisationId).returning('app_id').execute();
    if (removed.length > 0) await appendAudit(trx, actor, { action: 'store.beta.remove', targetType: 'app', targetId: appId, payload: { organisation: organisationId } }, now);
  });
  return listBetaTesters(deps, caller, appId);
}

const toDeprecation = (r: { app_id: string; version: string; sunset: string; successor: string | null; note: string | null; announced_at: Date | string }): Deprecation => ({
  appId: r.app_id,
  version: r.version,
  sunset: r.sunset,
  successor: r.successor,
  note: r.note,
  announcedAt: new Date(r.announced_at).toISOString(),
});

/**
 * Deprecates a release: from the sunset date it takes no new runs (recorded runs stay re-runnable).
 * Announcing again replaces the sunset and successor.
 * @throws TWL_STORE_RELEASE_NOT_FOUND, TWL_STORE_INVALID_DEPRECATION (400)
 */
export async function deprecateRelease(deps: StoreDeps, caller: Caller, actor: Actor, appId: string, version: string, input: DeprecationCreate): Promise<Deprecation> {
  await assertPublisher(deps, caller, appId);
  const now = deps.clock();
  const today = now.toISOString().slice(0, 10);
  if (input.sunset < today) throw new TweelingError(PUBLISHING_ERRORS.INVALID_DEPRECATION, `De einddatum ${input.sunset} ligt in het verleden; kies vandaag (${today}) of later.`, [{ path: 'body.sunset', message: 'in the past' }]);
  const releases = await deps.db.selectFrom('app_releases').select('version').where('app_id', '=', appId).execute();
  const versions = new Set(releases.map((r) => r.version));
  if (!versions.has(version)) throw new TweelingError(STORE_ERRORS.RELEASE_NOT_FOUND, `Release ${appId}@${version} bestaat niet.`);
  if (input.successor !== undefined && (!versions.has(input.successor) || versionKey(input.successor) <= versionKey(version))) {
    throw new TweelingError(PUBLISHING_ERRORS.INVALID_DEPRECATION, `De opvolger moet een nieuwere release van ${appId} zijn (niet ${input.successor}).`, [{ path: 'body.successor', message: 'not a newer release of this app' }]);
  }
  const values = { app_id: appId, version, sunset: input.sunset, successor: input.successor ?? null, note: input.note ?? null, announced_at: now };
  const row = await deps.db.transaction().execute(async (trx) => {
    const saved = await trx.insertInto('app_deprecations').values(values)
      .onConflict((oc) => oc.columns(['app_id', 'version']).doUpdateSet({ sunset: values.sunset, successor: values.successor, note: values.note, announced_at: now }))
      .returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'store.release.deprecate', targetType: 'app', targetId: appId, payload: { version, ...input } }, now);
    return saved;
  });
  return toDeprecation(row);
}

/** Deprecations of an app's releases by version. */
export async function deprecationsOf(deps: StoreDeps, appId: string): Promise<Map<string, Deprecation>> {
  const rows = await deps.db.selectFrom('app_deprecations').selectAll().where('app_id', '=', appId).execute();
  return new Map(rows.map((r) => [r.version, toDeprecation(r)]));
}

/**
 * Apps the organisation uses (ran successfully) whose newest stable release it may see is newer
 * than the newest release it ran, with the changelog of every release in between.
 */
export async function updatesFor(deps: StoreDeps, caller: Caller, organisationId: string): Promise<UpdateAvailable[]> {
  const ran = await deps.db.selectFrom('jobs').select(['app_id', 'app_version']).distinct().where('organisation_id', '=', organisationId).where('status', '=', 'successful').where('parent_job_id', 'is', null).execute();
  const inUse = new Map<string, string>();
  for (const { app_id, app_version } of ran) {
    const current = inUse.get(app_id);
    if (!current || versionKey(app_version) > versionKey(current)) inUse.set(app_id, app_version);
  }
  const viewer: Caller = { ...caller, organisationId };
  const updates: UpdateAvailable[] = [];
  for (const [appId, version] of [...inUse].sort(([a], [b]) => a.localeCompare(b))) {
    const visible = await visibleRelease(deps.db, viewer, appId).catch(() => null);
    if (!visible?.newestStable || versionKey(visible.newestStable) <= versionKey(version)) continue;
    const newer = await deps.db.selectFrom('store_releases').select(['version', 'changelog', 'version_key']).where('app_id', '=', appId).where('channel', '=', 'stable')
      .where('version_key', '>', versionKey(version)).where('version', 'in', visible.versions).orderBy('version_key', 'desc').execute();
    updates.push({
      appId,
      inUse: version,
      available: visible.newestStable,
      changelog: newer.map((r) => ({ version: r.version, changelog: r.changelog })),
      deprecation: (await deprecationsOf(deps, appId)).get(version) ?? null,
    });
  }
  return updates;
}
