import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Caller } from '@tweeling/core';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { STORE_ERRORS } from './errors.js';

/** What store services need: the database and a clock. */
export interface StoreDeps {
  db: Kysely<Database>;
  clock: () => Date;
  /** TWEELING_SECRET_KEY: encrypts the signing key at rest (see signing.ts). */
  secretKey?: string;
}

/**
 * Which releases a caller may see: stable ones, and beta ones of the caller's own organisation or
 * of apps it was invited to test
 * (the runtime's rule in `runtime/releases.ts`). Used by every store query, so that a beta never
 * shows in another organisation's search, facets, counts or by id.
 */
export function releaseVisibleTo(caller: Caller): RawBuilder<SqlBool> {
  // Refers to store_releases by the alias `r`, which every store query uses.
  const org = caller.organisationId;
  return org
    ? sql<SqlBool>`(r.channel = 'stable' OR r.publisher_id = ${org} OR EXISTS (SELECT 1 FROM app_beta_testers t WHERE t.app_id = r.app_id AND t.organisation_id = ${org}))`
    : sql<SqlBool>`r.channel = 'stable'`;
}

/** The releases of one app a caller may see. */
export interface VisibleApp {
  appId: string;
  publisherId: string;
  /** Visible versions, newest first. */
  versions: string[];
  newest: string;
  newestStable: string | undefined;
}

/** @throws TWL_STORE_APP_NOT_FOUND when the app does not exist or the caller may see none of its releases */
export async function visibleRelease(db: Kysely<Database>, caller: Caller, appId: string): Promise<VisibleApp> {
  const rows = await db
    .selectFrom('store_releases as r')
    .innerJoin('store_listings as l', 'l.app_id', 'r.app_id')
    .select(['r.version', 'r.channel', 'r.publisher_id'])
    .where('r.app_id', '=', appId)
    .where('l.state', '=', 'listed')
    .where(releaseVisibleTo(caller))
    .orderBy('r.version_key', 'desc')
    .execute();
  const newest = rows[0];
  if (!newest) throw new TweelingError(STORE_ERRORS.APP_NOT_FOUND, `App '${appId}' bestaat niet of is niet zichtbaar voor u.`);
  return {
    appId,
    publisherId: newest.publisher_id,
    versions: rows.map((r) => r.version),
    newest: newest.version,
    newestStable: rows.find((r) => r.channel === 'stable')?.version,
  };
}
