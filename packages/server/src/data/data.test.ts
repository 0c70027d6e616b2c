import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset, Problem } from '@tweeling/core';
import { verifyAuditChain } from '../audit/index.js';
import { bearer, buildTestApp, openTestDb, tokenFor, type TestDb } from '../../test/harness.js';

/** A small neighbourhood in RD New near Almere-Stad: two houses and a school. */
const houses = (height = 9) => ({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { gebruik: 'wonen', hoogteM: height, drempelM: 0.15 }, geometry: { type: 'Polygon', coordinates: [[[141000, 486000], [141010, 486000], [141010, 486008], [141000, 486008], [141000, 486000]]] } },
    { type: 'Feature', properties: { gebruik: 'wonen', hoogteM: height, drempelM: null }, geometry: { type: 'Polygon', coordinates: [[[141012, 486000], [141022, 486000], [141022, 486008], [141012, 486008], [141012, 486000]]] } },
    { type: 'Feature', properties: { gebruik: 'school', hoogteM: 12.5, drempelM: 0.2 }, geometry: { type: 'Polygon', coordinates: [[[141500, 486500], [141560, 486500], [141560, 486540], [141500, 486540], [141500, 486500]]] } },
  ],
});

describe('datasets and OGC API Features', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let steward: string;
  let viewer: string;
  let dronten: string;
  beforeAll(async () => {
    db = await openTestDb();
    app = await buildTestApp(db);
    steward = await tokenFor(db, 'almere', 'data-steward');
    viewer = await tokenFor(db, 'almere', 'viewer');
    dronten = await tokenFor(db, 'dronten', 'admin');
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  const register = (id: string, visibility: string, token = steward) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/datasets',
      headers: bearer(token),
      payload: { id, title: { nl: `Panden ${id}` }, kind: 'vector', licence: 'CC0-1.0', visibility, keywords: ['gebouwen'], quality: { positionalAccuracyM: 0.3, captureDate: '2026-01-01' } },
    });
  const upload = (id: string, body: unknown, query = '?crs=EPSG:28992', token = steward) =>
    app.inject({ method: 'POST', url: `/api/v1/datasets/${id}/versions${query}`, headers: { ...bearer(token), 'content-type': 'application/geo+json' }, payload: JSON.stringify(body) });

  it('registers a dataset and imports a first version with a content hash', async () => {
    expect((await register('panden', 'public')).statusCode).toBe(201);
    expect((await register('panden', 'public')).statusCode).toBe(409);
    expect((await register('panden-viewer', 'public', viewer)).statusCode).toBe(403);
    const res = await upload('panden', houses());
    expect(res.statusCode).toBe(201);
    const { version } = res.json() as { version: { version: number; contentHash: string; itemCount: number; bbox: number[]; geometryTypes: string[]; attributes: Record<string, string> } };
    expect(version).toMatchObject({ version: 1, itemCount: 3, geometryTypes: ['Polygon'], attributes: { gebruik: 'string', hoogteM: 'number', drempelM: 'number' } });
    expect(version.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(version.bbox).toEqual([141000, 486000, 141560, 486540]);
  });

  it('makes no new version for the same content, and a new one for changed content; old versions stay readable', async () => {
    const same = await upload('panden', houses());
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ created: false, version: { version: 1 } });
    const changed = await upload('panden', houses(10));
    expect(changed.statusCode).toBe(201);
    expect(changed.json()).toMatchObject({ created: true, version: { version: 2 } });
    const v1 = await app.inject({ method: 'GET', url: '/api/v1/collections/panden/items?version=1&crs=EPSG:28992' });
    expect(v1.json().features[0].properties.hoogteM).toBe(9);
    const latest = await app.inject({ method: 'GET', url: '/api/v1/collections/panden/items' });
    expect(latest.json().features[0].properties.hoogteM).toBe(10);
    const versions = await app.inject({ method: 'GET', url: '/api/v1/datasets/panden/versions' });
    expect((versions.json() as { versions: { version: number }[] }).versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it('names the feature index of bad content and stores nothing', async () => {
    const bad = houses();
    (bad.features[1]!.geometry.coordinates[0]![2] as unknown[])[0] = 'x';
    const res = await upload('panden', bad);
    expect(res.statusCode).toBe(400);
    const problem = Problem.parse(res.json());
    expect(problem.errors?.[0]?.path).toBe('features[1]');
    const dataset = Dataset.parse((await app.inject({ method: 'GET', url: '/api/v1/datasets/panden' })).json());
    expect(dataset.latestVersion?.version).toBe(2);
    expect((await upload('panden', { type: 'FeatureCollection', features: [] })).statusCode).toBe(400);
    expect((await upload('panden', houses(), '?crs=EPSG:9999')).json().code).toBe('TWL_DATA_UNKNOWN_CRS');
  });

  it('repairs a self-intersecting polygon and refuses one that collapses', async () => {
    await register('vlakken', 'organisation');
    const bowtie = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]]] } };
    const repaired = await upload('vlakken', { type: 'FeatureCollection', features: [houses().features[0], bowtie] });
    expect(repaired.statusCode).toBe(201);
    expect(repaired.json().repaired).toEqual([1]);
    const flat = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [20, 0], [0, 0]]] } };
    const refused = await upload('vlakken', { type: 'FeatureCollection', features: [houses().features[0], flat] });
    expect(refused.statusCode).toBe(400);
    expect(Problem.parse(refused.json()).errors?.[0]?.path).toBe('features[1].geometry');
  });

  it('reprojects: CRS84 by default, EPSG:4326 with latitude first, RD New on request', async () => {
    const crs84 = await app.inject({ method: 'GET', url: '/api/v1/collections/panden/items/1' });
    expect(crs84.headers['content-type']).toMatch(/application\/geo\+json/);
    expect(crs84.headers['content-crs']).toBe('<http://www.opengis.net/def/crs/OGC/1.3/CRS84>');
    const [lon, lat] = crs84.json().geometry.coordinates[0][0] as [number, number];
    expect(lon).toBeCloseTo(5.18, 1);
    expect(lat).toBeCloseTo(52.36, 1);
    const wgs = (await app.inject({ method: 'GET', url: '/api/v1/collections/panden/items/1?crs=http://www.opengis.net/def/crs/EPSG/0/4326' })).json();
    expect(wgs.geometry.coordinates[0][0]).toEqual([lat, lon]);
    const rd = (await app.inject({ method: 'GET', url: '/api/v1/collections/panden/items/1?crs=EPSG:28992' })).json();
    expect(rd.geometry.coordinates[0][0]).toEqual([141000, 486000]);
  });

  it('pages with absolute next links, filters by bbox and attribute, and rejects unknown parameters', async () => {
    const page = (await app.inject({ method: 'GET', url: '/api/v1/collections/panden/items?limit=2', headers: { host: 'tweeling.test' } })).json();
    expect(page).toMatchObject({ numberMatched: 3, numberReturned: 2 });
    const next = page.links.find((l: { rel: string }) => l.rel === 'next').href as string;
    expect(next).toMatch(/^http:\/\/tweeling\.test\/api\/v1\/collections\/panden\/items\?.*offset=2/);
    const second = (await app.inject({ method: 'GET', url: next.replace('http://tweeling.test', '') })).json();
    expect(second.numberReturned).toBe(1);
    expect(second.links.some((l: { rel: string }) => l.rel === 'next')).toBe(false);
    const inBox = (await app.inject({ method: 'GET', url: '/api/v1/collections/panden/items?bbox=141400,486400,141600,486600&bbox-crs=EPSG:28992' })).json();
    expect(inBox.features.map((f: { properties: { gebruik: string } }) => f.properties.gebruik)).toEqual(['school']);
    const schools = (await app.inject({ method: 'GET', url: '/api/v1/collections/panden/items?gebruik=school' })).json();
    expect(schools.numberMatched).toBe(1);
    expect((await app.inject({ method: 'GET', url: '/api/v1/collections/panden/items?kleur=rood' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/v1/collections/panden/items?bbox=1,2,3' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/v1/collections/panden/items?limit=0' })).statusCode).toBe(400);
    const queryables = (await app.inject({ method: 'GET', url: '/api/v1/collections/panden/queryables' })).json();
    expect(Object.keys(queryables.properties)).toEqual(expect.arrayContaining(['gebruik', 'hoogteM']));
  });

  it('never shows a dataset to a caller who may not see it', async () => {
    const hiddenIds = async (headers: Record<string, string>) =>
      ((await app.inject({ method: 'GET', url: '/api/v1/collections', headers })).json() as { collections: { id: string }[] }).collections.map((c) => c.id);
    expect(await hiddenIds(bearer(viewer))).toEqual(expect.arrayContaining(['panden', 'vlakken']));
    expect(await hiddenIds(bearer(dronten))).not.toContain('vlakken');
    expect(await hiddenIds({})).not.toContain('vlakken');
    expect((await app.inject({ method: 'GET', url: '/api/v1/collections/vlakken/items', headers: bearer(dronten) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/datasets/vlakken' })).statusCode).toBe(404);
    expect((await upload('vlakken', houses(), '?crs=EPSG:28992', dronten)).statusCode).toBe(404);
    expect((await upload('panden', houses(), '?crs=EPSG:28992', dronten)).json().code).toBe('TWL_DATA_NOT_OWNER');
  });

  it('describes a dataset as DCAT JSON-LD on request, and audits every version', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/datasets/panden', headers: { accept: 'application/ld+json' } });
    expect(res.headers['content-type']).toMatch(/application\/ld\+json/);
    expect(res.json()).toMatchObject({ '@type': 'dcat:Dataset', 'dct:identifier': 'panden' });
    const audit = await db.kysely.selectFrom('audit_log').select('target_id').where('action', '=', 'dataset.version.create').execute();
    expect(audit.map((a) => a.target_id)).toEqual(expect.arrayContaining(['panden@1', 'panden@2', 'vlakken@1']));
    expect((await verifyAuditChain(db.kysely)).ok).toBe(true);
  });
});
