import fp from 'fastify-plugin';
import { billingRoutes } from './billing-routes.js';
import { publishingRoutes } from './publishing-routes.js';
import { channelRoutes } from './channel-routes.js';
import { storeRoutes } from './routes.js';
import { syncListings } from './sync.js';

export { searchCatalogue, useCaseCounts } from './catalogue.js';
export { getListing } from './listing.js';
export { fitCheck } from './fit.js';
export { createReview, listReviews } from './reviews.js';
export { createAccreditation, listAccreditations } from './accreditations.js';
export { syncListings } from './sync.js';
export { listSubscriptions, monthlyStatement, subscribe, unsubscribe } from './billing.js';
export { STORE_ERRORS } from './errors.js';
export { decidePublication, listPublications, reviewCriteria, submitPublication } from './publishing.js';
export type { StoreDeps } from './visibility.js';

export interface StorePluginOptions {
  publicUrl: string | undefined;
  /** TWEELING_SECRET_KEY: the signing key is kept encrypted with it. */
  secretKey?: string | undefined;
}

/**
 * The App Store room: catalogue search with facets, use cases, listings, the fit check, reviews and
 * signed accreditations, subscriptions and monthly statements. At boot it derives the listings from the releases the runtime room has just
 * registered (`syncListings`), so it is registered after the runtime.
 */
export const storePlugin = fp<StorePluginOptions>(
  async (app, options) => {
    const count = await syncListings(app.db.kysely, app.clock());
    app.log.debug({ releases: count }, 'store listings synchronised');
    await app.register(storeRoutes({ secretKey: options.secretKey }), { prefix: '/api/v1' });
    await app.register(billingRoutes(), { prefix: '/api/v1' });
    await app.register(publishingRoutes({ publicUrl: options.publicUrl }), { prefix: '/api/v1' });
    await app.register(channelRoutes(), { prefix: '/api/v1' });
  },
  { name: 'tweeling-store', fastify: '5.x', dependencies: ['tweeling-db', 'tweeling-identity', 'tweeling-data', 'tweeling-runtime'] },
);
