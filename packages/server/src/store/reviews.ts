import { randomUUID } from 'node:crypto';
import type { Caller, Review, ReviewCreate, UseCaseId } from '@tweeling/core';
import { appendAudit, type Actor } from '../audit/index.js';
import { TweelingError } from '../errors.js';
import { STORE_ERRORS } from './errors.js';
import { visibleRelease, type StoreDeps } from './visibility.js';

/** Most reviews returned in one list. */
const MAX_REVIEWS = 200;
/** PostgreSQL error code of a unique violation. */
const UNIQUE_VIOLATION = '23505';

/** Reviews of an app the caller may see, newest first. @throws TWL_STORE_APP_NOT_FOUND */
export async function listReviews(deps: StoreDeps, caller: Caller, appId: string, limit = MAX_REVIEWS): Promise<Review[]> {
  await visibleRelease(deps.db, caller, appId);
  const rows = await deps.db
    .selectFrom('store_reviews as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .selectAll('r')
    .select('o.name as organisation_name')
    .where('r.app_id', '=', appId)
    .orderBy('r.created_at', 'desc')
    .limit(Math.min(limit, MAX_REVIEWS))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    appId: r.app_id,
    appVersion: r.app_version,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    rating: r.rating,
    text: r.body,
    useCase: (r.use_case ?? null) as UseCaseId | null,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/**
 * Adds the caller's organisation's review. Only an organisation with a successful (metered) run of
 * the app may review it, once; the review records the newest version it ran.
 * @throws TWL_STORE_APP_NOT_FOUND, TWL_STORE_REVIEW_WITHOUT_RUN (403), TWL_STORE_REVIEW_EXISTS (409)
 */
export async function createReview(deps: StoreDeps, caller: Caller, actor: Actor, appId: string, input: ReviewCreate): Promise<Review> {
  const org = caller.organisationId;
  await visibleRelease(deps.db, caller, appId);
  if (!org) throw new TweelingError(STORE_ERRORS.REVIEW_WITHOUT_RUN, 'Alleen een organisatie kan een beoordeling geven.');
  const now = deps.clock();
  const id = randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    const ran = await trx
      .selectFrom('jobs')
      .select('app_version')
      .where('app_id', '=', appId)
      .where('organisation_id', '=', org)
      .where('status', '=', 'successful')
      .where((eb) => eb.exists(eb.selectFrom('usage_events as u').select('u.job_id').whereRef('u.job_id', '=', 'jobs.id')))
      .orderBy('finished_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!ran) throw new TweelingError(STORE_ERRORS.REVIEW_WITHOUT_RUN, `Uw organisatie heeft '${appId}' nog niet met succes gebruikt; alleen gebruikers kunnen een beoordeling geven.`);
    const existing = await trx.selectFrom('store_reviews').select('id').where('app_id', '=', appId).where('organisation_id', '=', org).executeTakeFirst();
    if (existing) throw new TweelingError(STORE_ERRORS.REVIEW_EXISTS, `Uw organisatie heeft '${appId}' al beoordeeld.`);
    await trx
      .insertInto('store_reviews')
      .values({ id, app_id: appId, app_version: ran.app_version, organisation_id: org, rating: input.rating, body: input.text, use_case: input.useCase ?? null, created_at: now })
      .execute();
    await appendAudit(trx, actor, { action: 'store.review.create', targetType: 'app', targetId: appId, payload: input }, now);
  }).catch((error: unknown) => {
    // Two reviews racing past the check: the unique (app, organisation) constraint decides.
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new TweelingError(STORE_ERRORS.REVIEW_EXISTS, `Uw organisatie heeft '${appId}' al beoordeeld.`);
    throw error;
  });
  const [review] = (await listReviews(deps, caller, appId)).filter((r) => r.id === id);
  return review!;
}
