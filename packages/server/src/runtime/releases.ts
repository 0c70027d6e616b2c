import type { Kysely } from 'kysely';
import { toProcessDescription, type AppManifest, type Caller, type ProcessDescription } from '@tweeling/core';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { RUNTIME_ERRORS } from './errors.js';

export interface Release {
  manifest: AppManifest;
  codeHash: string;
  module: string;
}

/** Orders semantic versions (without pre-release precedence subtleties: 1.2.10 > 1.2.9). */
function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((p) => Number(p));
  const pb = b.split(/[.+-]/).map((p) => Number(p));
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (Number.isFinite(d) && d !== 0) return d;
  }
  return 0;
}

/** Apps whose beta releases the caller's organisation was invited to test. */
async function betaInvitations(db: Kysely<Database>, caller: Caller): Promise<Set<string>> {
  if (!caller.organisationId) return new Set();
  const rows = await db.selectFrom('app_beta_testers').select('app_id').where('organisation_id', '=', caller.organisationId).execute();
  return new Set(rows.map((r) => r.app_id));
}

/** Beta releases are visible only to their publisher and invited tester organisations; stable ones to everyone. */
const mayRun = (manifest: AppManifest, caller: Caller, invited: Set<string>) =>
  manifest.channel === 'stable' || manifest.publisher === caller.organisationId || invited.has(manifest.id);

/** The newest release of every app the caller may see, by app id. */
export async function listReleases(db: Kysely<Database>, caller: Caller): Promise<Release[]> {
  const rows = await db.selectFrom('app_releases').select(['manifest', 'code_hash', 'module']).execute();
  const invited = await betaInvitations(db, caller);
  const newest = new Map<string, Release>();
  for (const row of rows) {
    const manifest = row.manifest as AppManifest;
    if (!mayRun(manifest, caller, invited)) continue;
    const current = newest.get(manifest.id);
    if (!current || compareVersions(manifest.version, current.manifest.version) > 0) newest.set(manifest.id, { manifest, codeHash: row.code_hash, module: row.module });
  }
  return [...newest.values()].sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
}

/**
 * One release: a given version, or the newest the caller may see.
 * @throws TWL_RUNTIME_PROCESS_NOT_FOUND (also for a beta of another publisher)
 */
export async function getRelease(db: Kysely<Database>, caller: Caller, appId: string, version?: string): Promise<Release> {
  if (version) {
    const row = await db.selectFrom('app_releases').select(['manifest', 'code_hash', 'module']).where('app_id', '=', appId).where('version', '=', version).executeTakeFirst();
    const manifest = row?.manifest as AppManifest | undefined;
    if (row && manifest && mayRun(manifest, caller, await betaInvitations(db, caller))) return { manifest, codeHash: row.code_hash, module: row.module };
  } else {
    const release = (await listReleases(db, caller)).find((r) => r.manifest.id === appId);
    if (release) return release;
  }
  throw new TweelingError(RUNTIME_ERRORS.PROCESS_NOT_FOUND, `Proces '${appId}${version ? `@${version}` : ''}' bestaat niet.`);
}

/** OGC process description with absolute links. */
export function describeProcess(release: Release, base: string, lang: 'nl' | 'en' = 'nl'): ProcessDescription {
  const description = toProcessDescription(release.manifest, { lang });
  const self = `${base}/processes/${release.manifest.id}`;
  return {
    ...description,
    links: [
      { href: self, rel: 'self', type: 'application/json', title: 'Procesbeschrijving' },
      { href: `${self}/execution`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/execute', type: 'application/json', title: 'Uitvoeren' },
    ],
  };
}

/**
 * Refuses a new run of a release past its sunset date, naming its successor. Reruns of recorded
 * runs do not come here: they stay possible, so decisions remain reproducible.
 * @throws TWL_RUNTIME_RELEASE_RETIRED (410)
 */
export async function assertNotRetired(db: Kysely<Database>, release: Release, today: string): Promise<void> {
  const deprecation = await db.selectFrom('app_deprecations').select(['sunset', 'successor']).where('app_id', '=', release.manifest.id).where('version', '=', release.manifest.version).executeTakeFirst();
  if (deprecation && deprecation.sunset <= today) {
    const successor = deprecation.successor ? ` Gebruik ${release.manifest.id}@${deprecation.successor}.` : '';
    throw new TweelingError(RUNTIME_ERRORS.RELEASE_RETIRED, `${release.manifest.id}@${release.manifest.version} is sinds ${deprecation.sunset} uit gebruik genomen en neemt geen nieuwe runs aan.${successor} Bestaande runs blijven herhaalbaar.`);
  }
}
