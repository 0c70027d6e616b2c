import type { FastifyInstance } from 'fastify';
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoArea } from '@tweeling/demo';
import type { Caller } from '@tweeling/core';
import { bearer, buildTestApp, openTestDb, TEST_ENGINES, tokenFor, type TestDb } from '../../../test/harness.js';
import { createDataset, importFeatures, RD_NEW, type IncomingFeature } from '../index.js';
import { TILE_PRODUCERS, type TileRequest } from './producer.js';

/** Tile units two encoders may differ by: each snaps to the 4096 grid after its own float maths. */
const TOLERANCE_UNITS = 2;

/** Tiles over the demo district (141000, 486000 RD ≈ 5.18° E, 52.36° N) at street zooms. */
function demoTiles(): Array<{ z: number; x: number; y: number }> {
  const lon = 5.1814;
  const lat = 52.3579;
  const out: Array<{ z: number; x: number; y: number }> = [];
  for (const z of [14, 15, 16, 17]) {
    const n = 2 ** z;
    const x = Math.floor(((lon + 180) / 360) * n);
    const y = Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * n);
    out.push({ z, x, y }, { z, x: x + 1, y }, { z, x, y: y + 1 });
  }
  return out;
}

type Ring = Array<{ x: number; y: number }>;
interface DecodedFeature { id: number; type: number; properties: Record<string, unknown>; rings: Ring[] }

function decode(bytes: Uint8Array): Record<string, { extent: number; features: DecodedFeature[] }> {
  const tile = new VectorTile(new Pbf(bytes));
  const layers: Record<string, { extent: number; features: DecodedFeature[] }> = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    const features: DecodedFeature[] = [];
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      features.push({ id: Number(f.id), type: f.type, properties: { ...f.properties }, rings: f.loadGeometry() as Ring[] });
    }
    layers[name] = { extent: layer.extent, features: features.sort((a, b) => a.id - b.id) };
  }
  return layers;
}

const near = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.abs(a.x - b.x) <= TOLERANCE_UNITS && Math.abs(a.y - b.y) <= TOLERANCE_UNITS;

/**
 * Whether two rings (or lines, or point lists) have the same vertices within the tolerance. A closed
 * polygon ring may start at another vertex in the other encoder, so its vertices are compared from
 * the matching start, cyclically.
 */
function sameRing(a: Ring, b: Ring, closed: boolean): boolean {
  if (a.length !== b.length) return false;
  const n = closed ? a.length - 1 : a.length;
  const starts = closed ? [...a.keys()].slice(0, n).filter((i) => near(a[i]!, b[0]!)) : [0];
  return starts.some((start) => [...Array(n).keys()].every((k) => near(a[(start + k) % n]!, b[k]!)));
}

/** Same layers, features, ids, properties and type; every ring's vertices within the tolerance. */
function expectEquivalent(a: Uint8Array, b: Uint8Array, what: string): number {
  const la = decode(a);
  const lb = decode(b);
  expect(Object.keys(la), what).toEqual(Object.keys(lb));
  let compared = 0;
  for (const [name, layer] of Object.entries(la)) {
    const other = lb[name]!;
    expect(layer.extent, what).toBe(other.extent);
    expect(layer.features.map((f) => f.id), `${what} ${name} ids`).toEqual(other.features.map((f) => f.id));
    layer.features.forEach((f, i) => {
      const g = other.features[i]!;
      expect(f.type, `${what} feature ${f.id}`).toBe(g.type);
      expect(f.properties, `${what} feature ${f.id}`).toEqual(g.properties);
      expect(f.rings.length, `${what} feature ${f.id} rings`).toBe(g.rings.length);
      f.rings.forEach((ring, r) => expect(sameRing(ring, g.rings[r]!, f.type === 3), `${what} feature ${f.id} ring ${r}`).toBe(true));
      compared++;
    });
  }
  return compared;
}

const steward: Caller = { anonymous: false, organisationId: 'almere', userId: null, tokenId: null, role: 'data-steward', permissions: ['data:write'] };
const actor = { organisationId: 'almere', userId: null, tokenId: null, label: 'test', requestId: null };

/** Imports demo layers (polygons, lines, points) into a test database as public datasets. */
async function seedLayers(db: TestDb) {
  const area = createDemoArea();
  const deps = { db: db.kysely, clock: () => new Date() };
  for (const [id, layer] of [['gebouwen', area.buildings], ['wegen', area.roads], ['bomen', area.trees]] as const) {
    await createDataset(deps, actor, { id, title: { nl: id }, kind: 'vector', licence: 'CC0-1.0', visibility: 'public', sharedWith: [], keywords: [], quality: {}, synthetic: true });
    await importFeatures(deps, steward, actor, id, layer.features as unknown as IncomingFeature[], { sourceCrs: RD_NEW, sourceFormat: 'geojson', sizeBytes: 0 });
  }
}

describe.skipIf(!TEST_ENGINES.includes('postgres'))('vector tiles: ST_AsMVT and the JS encoder give equivalent tiles', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb('postgres');
    await seedApp(db);
    await seedLayers(db);
  }, 120_000);
  afterAll(async () => db?.dispose());

  it('for buildings, roads and trees at zoom 14–17', async () => {
    let features = 0;
    let tiles = 0;
    for (const datasetId of ['gebouwen', 'wegen', 'bomen']) {
      for (const t of demoTiles()) {
        const request: TileRequest = { datasetId, version: 1, ...t };
        const [pg, js] = [await TILE_PRODUCERS.postgis(db.kysely, request), await TILE_PRODUCERS.js(db.kysely, request)];
        expect(pg.byteLength === 0, `${datasetId} ${t.z}/${t.x}/${t.y} empty`).toBe(js.byteLength === 0);
        if (pg.byteLength === 0) continue;
        tiles++;
        features += expectEquivalent(pg, js, `${datasetId} ${t.z}/${t.x}/${t.y}`);
      }
    }
    expect(tiles).toBeGreaterThan(20);
    expect(features).toBeGreaterThan(1000);
  });
});

/** The organisations the datasets belong to (the app seeds them; the equivalence test needs no app). */
async function seedApp(db: TestDb) {
  const app = await buildTestApp(db);
  await app.close();
}

describe('vector tiles over HTTP (PGlite, JS encoder)', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let token: string;
  beforeAll(async () => {
    db = await openTestDb();
    app = await buildTestApp(db);
    await seedLayers(db);
    token = await tokenFor(db, 'almere', 'data-steward');
    await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: bearer(token), payload: { id: 'intern', title: { nl: 'Intern' }, kind: 'vector', licence: 'CC0-1.0', visibility: 'organisation', keywords: [], quality: {} } });
    const features = createDemoArea().buildings.features;
    await app.inject({ method: 'POST', url: '/api/v1/datasets/intern/versions?crs=EPSG:28992', headers: { ...bearer(token), 'content-type': 'application/geo+json' }, payload: JSON.stringify({ type: 'FeatureCollection', features }) });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  const [tile] = demoTiles().filter((t) => t.z === 16);
  const url = (id: string, t = tile!) => `/api/v1/collections/${id}/tiles/WebMercatorQuad/${t.z}/${t.x}/${t.y}`;

  it('serves a tile with caching headers, and 304 for a matching ETag', async () => {
    const res = await app.inject({ method: 'GET', url: url('gebouwen') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const layers = decode(new Uint8Array(res.rawPayload));
    expect(layers.gebouwen!.features.length).toBeGreaterThan(10);
    expect(layers.gebouwen!.features[0]!.properties).toHaveProperty('use');
    const again = await app.inject({ method: 'GET', url: url('gebouwen'), headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const pinned = await app.inject({ method: 'GET', url: `${url('gebouwen')}?version=1` });
    expect(pinned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(pinned.headers.etag).toBe(etag);
    expect((await app.inject({ method: 'GET', url: url('gebouwen'), headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
  });

  it('answers 204 for an empty tile and 400 for a tile outside the matrix', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/collections/gebouwen/tiles/WebMercatorQuad/10/0/0' })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/v1/collections/gebouwen/tiles/WebMercatorQuad/2/4/0' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/v1/collections/gebouwen/tiles/WebMercatorQuad/25/0/0' })).statusCode).toBe(400);
  });

  it('never serves tiles of a dataset the caller may not see, not even a 304', async () => {
    const own = await app.inject({ method: 'GET', url: url('intern'), headers: bearer(token) });
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toMatch(/^private/);
    const anonymous = await app.inject({ method: 'GET', url: url('intern'), headers: { 'if-none-match': own.headers.etag as string } });
    expect(anonymous.statusCode).toBe(404);
    expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await app.inject({ method: 'GET', url: '/api/v1/collections/intern/tiles' })).statusCode).toBe(404);
  });

  it('describes the tileset with a URL template', async () => {
    const res = (await app.inject({ method: 'GET', url: '/api/v1/collections/gebouwen/tiles' })).json();
    const item = res.tilesets[0].links.find((l: { rel: string }) => l.rel === 'item');
    expect(item.href).toMatch(/\/collections\/gebouwen\/tiles\/WebMercatorQuad\/\{tileMatrix\}\/\{tileCol\}\/\{tileRow\}$/);
    expect(res.tilesets[0].tileMatrixSetURI).toBe('http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad');
  });
});
