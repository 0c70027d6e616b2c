import type { FastifyInstance } from 'fastify';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConformanceDeclaration, Health, LandingPage, OPENAPI_MEDIA_TYPE, Problem } from '@tweeling/core';
import { bearer, buildTestApp, openTestDb, tokenFor, type TestDb } from '../../test/harness.js';

describe('HTTP foundation', () => {
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

  it('serves the OGC landing page with absolute links and the service-desc type OWSLib needs', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1', headers: { accept: '*/*', host: 'twin.example.nl:8443' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const page = LandingPage.parse(res.json());
    for (const link of page.links) expect(link.href).toMatch(/^http:\/\/twin\.example\.nl:8443\/api\/v1/);
    const rels = page.links.map((l) => l.rel);
    expect(rels).toEqual(expect.arrayContaining(['self', 'service-desc', 'conformance']));
    expect(page.links.find((l) => l.rel === 'service-desc')?.type).toBe(OPENAPI_MEDIA_TYPE);
  });

  it('answers HTML only when asked explicitly', async () => {
    const browser = await app.inject({ method: 'GET', url: '/api/v1', headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(browser.headers['content-type']).toMatch(/^text\/html/);
    expect(browser.body).toContain('<html lang="nl">');
    expect((await app.inject({ method: 'GET', url: '/api/v1?f=html' })).headers['content-type']).toMatch(/^text\/html/);
    expect((await app.inject({ method: 'GET', url: '/api/v1', headers: { accept: 'application/json, text/html;q=0.5' } })).headers['content-type']).toMatch(/^application\/json/);
    expect((await app.inject({ method: 'GET', url: '/api/v1/conformance', headers: { accept: '*/*' } })).headers['content-type']).toMatch(/^application\/json/);
    expect((await app.inject({ method: 'GET', url: '/api/v1?f=xml' })).statusCode).toBe(400);
  });

  it('declares OGC API Common conformance classes', async () => {
    const body = ConformanceDeclaration.parse((await app.inject({ method: 'GET', url: '/api/v1/conformance' })).json());
    expect(body.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core');
  });

  it('publishes a valid OpenAPI 3 document that lists every API route', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.headers['content-type']).toContain('application/vnd.oai.openapi+json');
    const spec = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(spec.openapi).toMatch(/^3\.0\./);
    const result = await new Validator().validate(spec);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const apiRoutes = app.routeTable.filter((r) => r.url.startsWith('/api/v1') && !r.url.startsWith('/api/v1/docs'));
    expect(apiRoutes.length).toBeGreaterThan(10);
    for (const route of apiRoutes) {
      const path = route.url.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '') || '/';
      const entry = spec.paths[path] ?? spec.paths[`${path}/`];
      expect(entry?.[route.method.toLowerCase()], `${route.method} ${route.url} in openapi.json`).toBeDefined();
    }
  });

  it('serves interactive docs at /api/v1/docs', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });

  it('reports health: database reachable and migrations current', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(Health.parse(res.json())).toMatchObject({ status: 'pass', database: { engine: 'pglite', reachable: true, migrationsCurrent: true } });
  });

  it('exposes Prometheus metrics with request durations by route', async () => {
    await app.inject({ method: 'GET', url: '/api/v1/conformance' });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/tweeling_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/conformance",status_code="200"\} \d+/);
    expect(res.body).toContain('tweeling_db_pool_connections{state="total"} 1');
    expect(res.body).toContain('tweeling_jobs{status="running"} 0');
  });

  it('turns unknown routes, bad JSON and oversize bodies into problem+json', async () => {
    const admin = await tokenFor(db, 'almere', 'admin');
    const notFound = await app.inject({ method: 'GET', url: '/api/v1/bestaat-niet' });
    expect(notFound.statusCode).toBe(404);
    expect(notFound.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Problem.parse(notFound.json()).code).toBe('TWL_NOT_FOUND');

    const url = '/api/v1/organisations/almere/members';
    const badJson = await app.inject({ method: 'POST', url, headers: { ...bearer(admin), 'content-type': 'application/json' }, payload: '{"email":' });
    expect(badJson.statusCode).toBe(400);
    expect(Problem.parse(badJson.json()).status).toBe(400);

    const huge = JSON.stringify({ email: 'a@b.nl', name: 'x'.repeat(2_000_000), role: 'viewer' });
    const tooLarge = await app.inject({ method: 'POST', url, headers: { ...bearer(admin), 'content-type': 'application/json' }, payload: huge });
    expect(tooLarge.statusCode).toBe(413);
    expect(Problem.parse(tooLarge.json()).code).toBe('TWL_PAYLOAD_TOO_LARGE');

    const wrongType = await app.inject({ method: 'POST', url, headers: { ...bearer(admin), 'content-type': 'text/csv' }, payload: 'a,b' });
    expect(wrongType.statusCode).toBe(415);
  });

  it('echoes a request id in every response and problem', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nergens', headers: { 'x-request-id': 'werkplaats-42' } });
    expect(res.headers['x-request-id']).toBe('werkplaats-42');
    expect(res.json().requestId).toBe('werkplaats-42');
  });

  it('serves the web app at /', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Tweeling');
  });
});
