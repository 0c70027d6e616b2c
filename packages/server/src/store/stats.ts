import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { validAccreditationCounts } from './accreditations.js';

/** Per-app figures shared by the catalogue and the listing. */
export interface AppStats {
  usage: { organisations: number; runs: number };
  reviews: { count: number; averageRating: number | null };
  reproduced: boolean;
  accreditations: number;
}

/** Above this many apps the figures are aggregated for all apps instead of an IN list. */
const MAX_IN_LIST = 200;

/** Rounds a mean rating to one decimal. */
const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/**
 * Usage (metered runs and distinct organisations, from `usage_events`), reviews, reproduced reruns
 * and valid accreditations of the given apps. Only aggregates leave this function: which
 * organisation ran what stays private.
 */
export async function appStats(db: Kysely<Database>, appIds: string[], now: Date): Promise<Map<string, AppStats>> {
  const stats = new Map<string, AppStats>(appIds.map((id) => [id, { usage: { organisations: 0, runs: 0 }, reviews: { count: 0, averageRating: null }, reproduced: false, accreditations: 0 }]));
  if (appIds.length === 0) return stats;
  // A long IN list costs more than aggregating every app; rows of apps not asked for are skipped below.
  const few = appIds.length <= MAX_IN_LIST;
  const [usage, reviews, reproduced, accredited] = await Promise.all([
    db
      .selectFrom('usage_events')
      .select((eb) => ['app_id', eb.fn.count<string>('organisation_id').distinct().as('organisations'), eb.fn.countAll<string>().as('runs')])
      .$if(few, (q) => q.where('app_id', 'in', appIds))
      .groupBy('app_id')
      .execute(),
    db
      .selectFrom('store_reviews')
      .select((eb) => ['app_id', eb.fn.countAll<string>().as('count'), eb.fn.avg<string>('rating').as('average')])
      .$if(few, (q) => q.where('app_id', 'in', appIds))
      .groupBy('app_id')
      .execute(),
    db.selectFrom('jobs').select('app_id').distinct().$if(few, (q) => q.where('app_id', 'in', appIds)).where('reproduced', '=', true).execute(),
    validAccreditationCounts(db, few ? appIds : undefined, now),
  ]);
  const known = (id: string) => stats.get(id);
  for (const u of usage) if (known(u.app_id)) stats.get(u.app_id)!.usage = { organisations: Number(u.organisations), runs: Number(u.runs) };
  for (const r of reviews) if (known(r.app_id)) stats.get(r.app_id)!.reviews = { count: Number(r.count), averageRating: oneDecimal(Number(r.average)) };
  for (const r of reproduced) if (known(r.app_id)) stats.get(r.app_id)!.reproduced = true;
  for (const [id, count] of accredited) if (known(id)) stats.get(id)!.accreditations = count;
  return stats;
}
