import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, openTestDb, type TestDb } from '../../test/harness.js';

/** Fills `:param` segments with plausible values so the route matches. */
const concrete = (url: string) =>
  url.replace(/:orgId/g, 'almere').replace(/:(\w*[iI]d)/g, '00000000-0000-4000-8000-000000000000').replace(/:\w+/g, 'x');

describe('route table (deny by default)', () => {
  let db: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openTestDb();
    app = await buildTestApp(db);
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  it('declares access for every route', () => {
    expect(app.routeTable.length).toBeGreaterThan(10);
    for (const route of app.routeTable) expect(route.access, `${route.method} ${route.url}`).toBeDefined();
  });

  it('refuses to boot with a route that declares no access', async () => {
    const { default: Fastify } = await import('fastify');
    const bare = Fastify();
    const { installAccessControl } = await import('./access.js');
    installAccessControl(bare, () => ({ db: db.kysely, clock: () => new Date() }), { isThirdPartyPublicRoute: () => false });
    expect(() => bare.get('/api/v1/vergeten', async () => 'oops')).toThrow(/no access declaration/);
    await bare.close();
  });

  it('answers 401 to an anonymous caller on every route that is not public', async () => {
    const protectedRoutes = app.routeTable.filter((r) => !('public' in r.access));
    expect(protectedRoutes.length).toBeGreaterThan(5);
    for (const route of protectedRoutes) {
      const res = await app.inject({ method: route.method as 'GET', url: concrete(route.url), payload: ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});
