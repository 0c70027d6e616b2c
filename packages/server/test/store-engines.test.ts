import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CataloguePage, Listing } from '@tweeling/core';
import { buildTestApp, FIXTURE_APPS, openTestDb, TEST_ENGINES, type TestDb } from './harness.js';

/** The store's SQL (generated tsvector columns, text search configurations, DISTINCT ON) on every engine. */
describe.each(TEST_ENGINES)('store catalogue on %s', (engine) => {
  let db: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openTestDb(engine);
    app = await buildTestApp(db, { extraAppDirs: [FIXTURE_APPS] });
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });
  const search = async (query: string) => CataloguePage.parse((await app.inject({ url: `/api/v1/apps?${query}` })).json());

  it('searches with Dutch stemming, English stemming and word prefixes', async () => {
    expect((await search('q=hoosb')).apps.map((a) => a.id)).toContain('gebouwen-telling');
    expect((await search('q=tellen')).apps.map((a) => a.id)).toContain('gebouwen-telling');
    expect((await search('q=gebouwen%20tellen')).apps[0]?.id).toBe('gebouwen-telling');
    expect((await search('q=counting%20buildings')).apps.map((a) => a.id)).toContain('gebouwen-telling');
    expect((await search('q=hitte')).apps.map((a) => a.id)).toContain('hittestress');
    expect((await search('q=zzzqqq')).total).toBe(0);
  });

  it('keeps listings in step with installed releases across restarts', async () => {
    const first = (await search('sort=newest')).total;
    await app.close();
    app = await buildTestApp(db, { extraAppDirs: [FIXTURE_APPS] });
    expect((await search('sort=newest')).total).toBe(first);
    const listing = Listing.parse((await app.inject({ url: '/api/v1/apps/gebouwen-telling' })).json());
    expect(listing.releases).toHaveLength(1);
  });
});
