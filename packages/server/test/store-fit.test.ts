import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FitCheck } from '@tweeling/core';
import { seedDemoArea } from '../src/demo-datasets.js';
import { bearer, buildTestApp, FIXTURE_APPS, openTestDb, tokenFor, type TestDb } from './harness.js';

/** A square building footprint in RD New at (x, y), with the given properties. */
const building = (x: number, y: number, properties: Record<string, unknown>) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 10, y], [x + 10, y + 10], [x, y + 10], [x, y]]] },
});

describe('store fit check on the demo area (reference apps)', () => {
  let db: TestDb;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  const fit = async (appId: string, who?: string, query = '') => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/apps/${appId}/fit${query}`, headers: who ? bearer(tokens[who]!) : {} });
    expect(res.statusCode, res.body).toBe(200);
    return FitCheck.parse(res.json());
  };

  beforeAll(async () => {
    db = await openTestDb();
    app = await buildTestApp(db, { extraAppDirs: [FIXTURE_APPS] });
    await seedDemoArea({ db: db.kysely, clock: () => new Date() });
    tokens.almere = await tokenFor(db, 'almere', 'data-steward');
    tokens.dronten = await tokenFor(db, 'dronten', 'analyst');
    tokens.beheer = await tokenFor(db, 'beheer', 'admin');
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  it.each(['hittestress', 'groen-3-30-300'])('%s fits almere on the demo area, with the demo datasets suggested', async (appId) => {
    const result = await fit(appId, 'almere');
    expect(result.organisationId).toBe('almere');
    expect(result.area.bbox).not.toBeNull();
    expect(result.requirements.filter((r) => r.verdict !== 'ok').map((r) => `${r.requirement}: ${r.message}`)).toEqual([]);
    expect(result.verdict).toBe('ok');
    expect(result.hardware.verdict).toBe('ok');
    expect(result.inputs.buildings).toEqual({ dataset: 'demo-gebouwen', version: 1 });
    expect(result.inputs.trees).toEqual({ dataset: 'demo-bomen', version: 1 });
    if (appId === 'hittestress') {
      expect(result.inputs.dem).toEqual({ dataset: 'demo-hoogte', version: 1 });
      expect(result.inputs.landUse).toEqual({ dataset: 'demo-landgebruik', version: 1 });
    }
  });

  it('names a missing required attribute, and keeps an organisation\'s private dataset to itself', async () => {
    const create = await app.inject({
      method: 'POST', url: '/api/v1/datasets', headers: bearer(tokens.almere!),
      payload: { id: 'almere-panden-zonder-hoogte', title: { nl: 'Panden zonder hoogte' }, kind: 'vector', licence: 'CC0-1.0', keywords: ['gebouwen'] },
    });
    expect(create.statusCode, create.body).toBe(201);
    const upload = await app.inject({
      method: 'POST', url: '/api/v1/datasets/almere-panden-zonder-hoogte/versions?crs=EPSG:28992', headers: { ...bearer(tokens.almere!), 'content-type': 'application/geo+json' },
      payload: { type: 'FeatureCollection', features: [building(140600, 485600, { id: 'a', use: 'wonen' }), building(141400, 486400, { id: 'b', use: 'wonen' })] },
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const result = await fit('hittestress', 'almere');
    const buildings = result.requirements.find((r) => r.requirement === 'buildings')!;
    const own = buildings.candidates.find((c) => c.dataset === 'almere-panden-zonder-hoogte');
    expect(own?.verdict).toBe('fail');
    expect(own?.reasons.filter((r) => r.verdict === 'fail').map((r) => r.message)).toEqual([expect.stringContaining("'heightM'")]);
    expect(buildings.best).toBe('demo-gebouwen');
    const other = await fit('hittestress', 'dronten');
    expect(other.requirements.flatMap((r) => r.candidates.map((c) => c.dataset))).not.toContain('almere-panden-zonder-hoogte');
    expect((await fit('hittestress')).requirements.flatMap((r) => r.candidates.map((c) => c.dataset))).not.toContain('almere-panden-zonder-hoogte');
  });

  it('checks another organisation only for platform administrators', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/apps/hittestress/fit?organisation=almere', headers: bearer(tokens.dronten!) });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('TWL_STORE_ORGANISATION_FORBIDDEN');
    expect((await app.inject({ method: 'GET', url: '/api/v1/apps/hittestress/fit?organisation=almere' })).statusCode).toBe(403);
    expect((await fit('hittestress', 'beheer', '?organisation=almere')).organisationId).toBe('almere');
    expect((await app.inject({ method: 'GET', url: '/api/v1/apps/hittestress/fit?organisation=nergens', headers: bearer(tokens.beheer!) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/apps/bestaat-niet/fit' })).statusCode).toBe(404);
    const anonymous = await fit('groen-3-30-300');
    expect(anonymous.organisationId).toBeNull();
    expect(anonymous.verdict).toBe('ok');
  });
});

describe('store fit check without data', () => {
  let db: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openTestDb();
    app = await buildTestApp(db, { extraAppDirs: [FIXTURE_APPS] });
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  it('gives ✗ with reasons for an organisation without datasets, and suggests nothing', async () => {
    const token = await tokenFor(db, 'dronten', 'analyst');
    const res = await app.inject({ method: 'GET', url: '/api/v1/apps/hittestress/fit', headers: bearer(token) });
    expect(res.statusCode, res.body).toBe(200);
    const result = FitCheck.parse(res.json());
    expect(result.verdict).toBe('fail');
    expect(result.area.bbox).toBeNull();
    const dem = result.requirements.find((r) => r.requirement === 'dem')!;
    expect(dem).toMatchObject({ verdict: 'fail', best: null, candidates: [] });
    expect(dem.message).toMatch(/Geen raster/);
    expect(result.inputs).toEqual({});
  });
});
