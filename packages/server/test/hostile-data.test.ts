/**
 * Hostile data (issue 12, part 4): GeoTIFF compression bombs and absurd dimensions, TIFF headers with
 * arbitrary tag values, malformed GeoJSON (huge, out of range, self-intersecting, collapsing), path
 * traversal in dataset ids and upload names, and SQL/CQL injection in OGC API Features filters. Every
 * upload answers 2xx or 4xx problem+json, a refused one leaves nothing behind, and the server lives on.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from './harness.js';
import { HOSTILE_STRINGS } from './hostile/arbitrary.js';
import * as t from './hostile/tiff.js';
import { encodeSegment, expectHandled, openWorld, send, snapshot, type World } from './hostile/world.js';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 40);

describe('hostile data uploads and filters', () => {
  let world: World;
  let auth: Record<string, string>;
  beforeAll(async () => {
    world = await openWorld();
    auth = bearer(world.tokenFor(world.operations[0]!));
    for (const [id, kind] of [['fuzz-raster', 'raster'], ['fuzz-vlakken', 'vector']] as const) {
      const res = await world.app.inject({ method: 'POST', url: '/api/v1/datasets', headers: auth, payload: { id, title: { nl: id }, kind, licence: 'CC0-1.0', visibility: 'public' } });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => world?.close());

  /** Uploads and checks the answer; a refusal must leave every table as it was. */
  const upload = async (dataset: string, body: Buffer | string, contentType: string, extra: Record<string, string> = {}) => {
    const before = await snapshot(world.db);
    const res = await send(world.app, { method: 'POST', url: `/api/v1/datasets/${dataset}/versions`, headers: { ...auth, 'content-type': contentType, ...extra }, payload: body }, 60_000);
    expectHandled(res, `${contentType} upload of ${body.length} bytes`);
    if (res.statusCode >= 400) expect(await snapshot(world.db)).toEqual(before);
    return res;
  };
  const alive = async () => expect((await world.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);

  it('accepts the same grid stored uncompressed, LZW- or PackBits-compressed, with one content hash', async () => {
    const hashes: string[] = [];
    for (const file of [t.tiff(), t.lzwTiff(), t.packBitsTiff()]) {
      const res = await upload('fuzz-raster', file, 'image/tiff');
      expect(res.statusCode, res.body).toBeLessThan(300);
      hashes.push(res.json().version.contentHash);
    }
    expect(new Set(hashes).size).toBe(1);
  });

  it('refuses compression bombs (deflate, LZW, PackBits) and unboundable compressions (ZSTD) without decoding them', async () => {
    const started = Date.now();
    for (const [what, file, message] of [
      ['deflate: 64 MiB of zeros in 64 kB', t.recompressed(t.tiff(), 8, t.deflateBomb()), /zip-bom/],
      ['LZW: 380 MB in 150 kB', t.recompressed(t.tiff(), 5, t.lzwBomb(100_000)), /zip-bom/],
      ['PackBits: 268 MB in 4 MB (kills geotiff.js with a fatal V8 error)', t.recompressed(t.tiff(), 32773, t.packBitsBomb(4 * 1024 * 1024)), /zip-bom/],
      ['ZSTD: 128 MB in 4 kB of RLE blocks', t.recompressed(t.tiff(), 50000, t.zstdBomb(1000)), /compressie 50000/],
      ['LERC', t.recompressed(t.tiff(), 34887, Buffer.alloc(100)), /compressie 34887/],
    ] as const) {
      const res = await upload('fuzz-raster', file, 'image/tiff');
      expect(res.statusCode, what).toBe(400);
      expect(res.json().detail, what).toMatch(message);
    }
    expect(Date.now() - started).toBeLessThan(20_000);
    await alive();
  });

  it('refuses GeoTIFFs that declare absurd dimensions (10^9 × 10^9, 2^32−1 wide, zero) before allocating them', async () => {
    for (const [width, height] of [[1e9, 1e9], [2 ** 32 - 1, 1], [1, 2 ** 32 - 1], [0, 1e9], [5001, 5000], [1e9, 0]] as Array<[number, number]>) {
      const res = await upload('fuzz-raster', t.claimingSize(width, height), 'image/tiff');
      expect(res.statusCode, `${width} × ${height}`).toBe(400);
    }
    await alive();
  });

  it('answers TIFFs whose header tags hold arbitrary values with 2xx or 4xx', { timeout: 300_000 }, async () => {
    const tags = [256, 257, 258, 259, 273, 277, 278, 279];
    const value = fc.oneof(fc.constantFrom(0, 1, 2, 8, 16, 32, 64, 255, 65535, 2 ** 31, 2 ** 32 - 1, 5, 7, 8, 32773, 50000, 34887), fc.nat({ max: 2 ** 32 - 1 }));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...tags.map(String)), value, { minKeys: 1, maxKeys: 4 }), async (patch) => {
        const file = t.patchTiff(t.tiff(), Object.fromEntries(Object.entries(patch).map(([k, v]) => [Number(k), v])));
        await upload('fuzz-raster', file, 'image/tiff');
      }),
      { numRuns: RUNS },
    );
    await alive();
  });

  it('answers random bytes as a raster (GeoTIFF and ASCII grid) with 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('image/tiff', 'text/plain'), fc.boolean(), async (bytes, type, tiffMagic) => {
        const body = Buffer.concat([tiffMagic ? Buffer.from('II*\0\x08\0\0\0', 'latin1') : Buffer.alloc(0), Buffer.from(bytes)]);
        expect((await upload('fuzz-raster', body, type)).statusCode).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS },
    );
    const ascii = 'ncols 100000\nnrows 100000\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2 3\n';
    expect((await upload('fuzz-raster', ascii, 'text/plain')).statusCode).toBe(400);
  });

  /** Any geometry-ish thing: right and wrong types, nesting and numbers (huge, out of range, lat/lon swapped). */
  const coordinate = fc.oneof(fc.double({ min: -180, max: 180, noNaN: true }), fc.constantFrom(1e308, -1e308, 1000, -1000, 90.0000001, 5e-324, 0));
  const position = fc.array(coordinate, { minLength: 0, maxLength: 5 });
  const ring = fc.array(position, { minLength: 0, maxLength: 8 });
  const geometry = fc.oneof(
    fc.record({ type: fc.constant('Point'), coordinates: position }),
    fc.record({ type: fc.constantFrom('LineString', 'MultiPoint'), coordinates: ring }),
    fc.record({ type: fc.constantFrom('Polygon', 'MultiLineString'), coordinates: fc.array(ring, { maxLength: 3 }) }),
    fc.record({ type: fc.constant('MultiPolygon'), coordinates: fc.array(fc.array(ring, { maxLength: 2 }), { maxLength: 2 }) }),
    fc.record({ type: fc.constantFrom('GeometryCollection', 'Circle', '', 'point'), coordinates: fc.jsonValue({ maxDepth: 2 }) }),
    fc.jsonValue({ maxDepth: 3 }),
  );
  const feature = fc.oneof(
    { weight: 5, arbitrary: fc.record({ type: fc.constant('Feature'), geometry, properties: fc.oneof(fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 100))), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), fc.jsonValue({ maxDepth: 1 })) }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );

  it('answers arbitrary GeoJSON (wrong types, huge and out-of-range coordinates, bad properties) with 2xx or 4xx, refusals writing nothing', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(feature, { minLength: 0, maxLength: 4 }), fc.constantFrom('', '?crs=EPSG:28992', '?crs=EPSG:4326', '?crs=http://www.opengis.net/def/crs/EPSG/0/28992'), async (features, query) => {
        const res = await send(world.app, { method: 'POST', url: `/api/v1/datasets/fuzz-vlakken/versions${query}`, headers: { ...auth, 'content-type': 'application/geo+json' }, payload: { type: 'FeatureCollection', features } });
        expectHandled(res, JSON.stringify(features).slice(0, 300));
      }),
      { numRuns: RUNS * 2 },
    );
    // The same, with the snapshot check on each refusal (slower, so fewer runs).
    await fc.assert(
      fc.asyncProperty(fc.array(feature, { minLength: 1, maxLength: 3 }), async (features) => {
        await upload('fuzz-vlakken', JSON.stringify({ type: 'FeatureCollection', features }), 'application/geo+json');
      }),
      { numRuns: RUNS },
    );
  });

  it('repairs a self-intersecting polygon, refuses one that collapses to a line, and refuses NaN, Infinity and a million-and-one vertices', async () => {
    const polygon = (ring: number[][]) => JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: {} }] });
    const bowtie = await upload('fuzz-vlakken', polygon([[5.2, 52.3], [5.21, 52.31], [5.21, 52.3], [5.2, 52.31], [5.2, 52.3]]), 'application/geo+json');
    expect(bowtie.statusCode, bowtie.body).toBeLessThan(300);
    expect(bowtie.json().repaired).toEqual([0]);
    expect((await upload('fuzz-vlakken', polygon([[5.2, 52.3], [5.21, 52.31], [5.2, 52.3], [5.21, 52.31], [5.2, 52.3]]), 'application/geo+json')).statusCode).toBe(400);
    for (const literal of ['NaN', 'Infinity', '-Infinity', '1e999', '0x10']) {
      const res = await upload('fuzz-vlakken', `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[${literal},52]},"properties":{}}]}`, 'application/geo+json');
      expect(res.statusCode, literal).toBe(400);
    }
    const line = Array.from({ length: 1_000_001 }, (_, i) => [5 + i * 1e-7, 52]);
    const huge = await upload('fuzz-vlakken', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: line }, properties: {} }] }), 'application/geo+json');
    expect(huge.statusCode).toBe(400);
    expect(huge.json().detail).toMatch(/1000001/);
  });

  it('refuses path traversal in dataset ids and ignores file names sent with an upload', async () => {
    for (const id of ['../../etc/passwd', '..', 'a/../../b', '%2e%2e', 'a\u0000b', 'C:\\Windows', 'x'.repeat(101)]) {
      const res = await send(world.app, { method: 'POST', url: '/api/v1/datasets', headers: auth, payload: { id, title: { nl: 'x' }, kind: 'vector', licence: 'CC0-1.0', visibility: 'public' } });
      expectHandled(res, id);
      expect(res.statusCode, id).toBe(400);
    }
    for (const path of ['..%2f..%2fetc%2fpasswd', '..', '%2e%2e%2f%2e%2e', 'fuzz-punten%2f..%2f..%2fx', 'fuzz-punten/../../../etc/passwd']) {
      const res = await send(world.app, { method: 'POST', url: `/api/v1/datasets/${path}/versions`, headers: { ...auth, 'content-type': 'image/tiff' }, payload: t.tiff() });
      expectHandled(res, path);
      expect(res.statusCode, path).toBeGreaterThanOrEqual(400);
    }
    const named = await upload('fuzz-raster', t.tiff(t.heights(3)), 'image/tiff', { 'content-disposition': 'attachment; filename="../../../../etc/passwd"; filename*=UTF-8\'\'..%2f..%2fetc%2fcron.d%2fx' });
    expect(named.statusCode, named.body).toBe(201);
    expect(JSON.stringify(named.json())).not.toMatch(/passwd|cron/);
  });

  it('treats SQL and CQL in OGC API Features filters as data: no match, an unknown parameter, never more rows', async () => {
    const items = async (query: string) => {
      const res = await send(world.app, { method: 'GET', url: `/api/v1/collections/fuzz-punten/items?${query}` });
      expectHandled(res, query);
      return res;
    };
    expect((await items('naam=punt%201')).json().numberMatched).toBe(1);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 1000), "punt 1' OR '1'='1", "x' OR 1=1 --", "punt 1'; DELETE FROM features; --", '%', 'punt%', 'punt _'), fc.string()), async (value) => {
        const res = await items(`naam=${encodeSegment(value)}`);
        expect(res.statusCode).toBe(value.includes('\u0000') ? 400 : 200); // PostgreSQL text holds no NUL: refused
        if (res.statusCode === 200) expect(res.json().numberMatched, value).toBe(['punt 1', 'punt 2'].includes(value) ? 1 : 0); // a lone surrogate arrives as U+FFFD
      }),
      { numRuns: RUNS },
    );
    for (const key of ["naam'--", 'naam = naam OR 1', 'properties', 'filter', 'filter-lang', 'sortby', "naam')::int", '1=1']) {
      const res = await items(`${encodeURIComponent(key)}=${encodeURIComponent("naam = 'punt 1' OR 1=1")}`);
      expect(res.statusCode, key).toBe(400);
    }
    for (const bbox of ['1,2,3', "1,2,3,4'; DROP TABLE features; --", '-1e308,-1e308,1e308,1e308', '-200,-100,200,100', 'NaN,0,1,1', '1,1,0,0']) {
      expectHandled(await items(`bbox=${encodeURIComponent(bbox)}`), bbox);
    }
    expect((await items('')).json().numberMatched).toBe(2);
  });
});
