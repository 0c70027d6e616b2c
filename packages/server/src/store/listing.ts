import { deprecationsOf } from './channels.js';
import type { AppManifest, Caller, Listing, ListingRelease } from '@tweeling/core';
import { TweelingError } from '../errors.js';
import { listAccreditations } from './accreditations.js';
import { visibleEntries } from './catalogue.js';
import { STORE_ERRORS } from './errors.js';
import { listReviews } from './reviews.js';
import { appStats } from './stats.js';
import { trustBreakdown } from './trust.js';
import { visibleRelease, type StoreDeps } from './visibility.js';

/** Reviews shown on the store page; the rest via GET /apps/{id}/reviews. */
const PAGE_REVIEWS = 20;

/**
 * The store page of an app: the newest release the caller may see (manifest, model card,
 * requirements, limitations, service level, price), every visible release with its changelog, the
 * trust breakdown, accreditations, reviews, usage and the competing apps for the same use cases.
 * @throws TWL_STORE_APP_NOT_FOUND (also for a beta the caller may not see)
 */
export async function getListing(deps: StoreDeps, caller: Caller, appId: string): Promise<Listing> {
  const visible = await visibleRelease(deps.db, caller, appId);
  const entries = await visibleEntries(deps, caller);
  const entry = entries.find((e) => e.id === appId);
  if (!entry) throw new TweelingError(STORE_ERRORS.APP_NOT_FOUND, `App '${appId}' bestaat niet of is niet zichtbaar voor u.`);
  const releaseRows = await deps.db
    .selectFrom('store_releases as s')
    .innerJoin('app_releases as r', (j) => j.onRef('r.app_id', '=', 's.app_id').onRef('r.version', '=', 's.version'))
    .select(['s.version', 's.channel', 's.published_at', 's.changelog', 'r.code_hash', 'r.manifest'])
    .where('s.app_id', '=', appId)
    .where('s.version', 'in', visible.versions)
    .orderBy('s.version_key', 'desc')
    .execute();
  const manifest = releaseRows.find((r) => r.version === visible.newest)!.manifest as AppManifest;
  const deprecations = await deprecationsOf(deps, appId);
  const releases: ListingRelease[] = releaseRows.map((r) => ({
    version: r.version,
    channel: r.channel as ListingRelease['channel'],
    publishedAt: new Date(r.published_at).toISOString(),
    codeHash: r.code_hash,
    changelog: r.changelog,
    deprecation: deprecations.has(r.version) ? { sunset: deprecations.get(r.version)!.sunset, successor: deprecations.get(r.version)!.successor, note: deprecations.get(r.version)!.note } : null,
  }));
  const stats = (await appStats(deps.db, [appId], deps.clock())).get(appId)!;
  const { relevance: _relevance, ...summary } = entry;
  return {
    ...summary,
    manifest,
    releases,
    trust: trustBreakdown(manifest, { reproduced: stats.reproduced, reviews: stats.reviews.count, accreditations: stats.accreditations }),
    accreditations: await listAccreditations(deps, caller, appId),
    reviewList: await listReviews(deps, caller, appId, PAGE_REVIEWS),
    competitors: entries
      .filter((e) => e.id !== appId && e.useCases.some((u) => entry.useCases.includes(u)))
      .map((e) => ({ id: e.id, name: e.name, useCases: e.useCases, trustLevel: e.trustLevel })),
  };
}
