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

/** Beta releases are visible only to their publisher; stable ones to everyone. */
const mayRun = (manifest: AppManifest, caller: Caller) => manifest.channel === 'stable' || manifest.publisher === caller.organisationId;

/** The newest release of every app the caller may see, by app id. */
export async function listReleases(db: Kysely<Database>, caller: Caller): Promise<Release[]> {
  const rows = await db.selectFrom('app_releases').select(['manifest', 'code_hash', 'module']).execute();
  const newest = new Map<string, Release>();
  for (const row of rows) {
    const manifest = row.manifest as AppManifest;
    if (!mayRun(manifest, caller)) continue;
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
    if (row && manifest && mayRun(manifest, caller)) return { manifest, codeHash: row.code_hash, module: row.module };
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
