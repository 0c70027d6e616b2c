import fp from 'fastify-plugin';

export interface StorePluginOptions {
  publicUrl: string | undefined;
}

/** The App Store room (catalogue, listings, fit check, trust, reviews, releases, metering). */
export const storePlugin = fp<StorePluginOptions>(
  async () => {
    // Routes arrive with the store issue; the room is registered so its tables migrate with the rest.
  },
  { name: 'tweeling-store', fastify: '5.x', dependencies: ['tweeling-db', 'tweeling-identity', 'tweeling-data', 'tweeling-runtime'] },
);
