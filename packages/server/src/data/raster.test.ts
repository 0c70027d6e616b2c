import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset, Problem, type RasterGrid } from '@tweeling/core';
import { decodeGeoTiff, encodeGeoTiff, formatAsciiGrid } from '@tweeling/sdk';
import { verifyAuditChain } from '../audit/index.js';
import { bearer, buildTestApp, openTestDb, tokenFor, type TestDb } from '../../test/harness.js';
import { MAX_RASTER_CELLS } from './raster-import.js';
import { readRasterVersion } from './coverage-grid.js';
import { datasetProvenance } from './provenance.js';

/** A 40 × 30 m height grid at 1 m in RD New near Almere: a slope with one no-data cell. */
function heights(bump = 0, crs = 'EPSG:28992'): RasterGrid<Float32Array> {
  const width = 40;
  const height = 30;
  const data = new Float32Array(width * height);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) data[r * width + c] = -4 + 0.01 * c - 0.02 * r;
  data[0] = -9999;
  data[5] = (data[5] as number) + bump;
  return { width, height, originX: 141000, originY: 486030, cellSize: 1, crs, noData: -9999, data };
}

const tiff = (grid: RasterGrid) => Buffer.from(encodeGeoTiff(grid));

/** Sets single-valued tags of the SDK's big-endian one-strip TIFF (value inline), appending `extra` bytes at the end. */
function patchTiff(bytes: Buffer, values: Record<number, number | 'end'>, extra: Buffer = Buffer.alloc(0)): Buffer {
  const out = Buffer.concat([bytes, extra]);
  const ifd = out.readUInt32BE(4);
  const entries = out.readUInt16BE(ifd);
  const seen = new Set<number>();
  for (let e = 0; e < entries; e++) {
    const at = ifd + 2 + 12 * e;
    const tag = out.readUInt16BE(at);
    if (!(tag in values)) continue;
    seen.add(tag);
    const value = values[tag] === 'end' ? bytes.length : (values[tag] as number);
    if (out.readUInt16BE(at + 2) === 3) out.writeUInt16BE(value, at + 8);
    else out.writeUInt32BE(value, at + 8);
  }
  expect([...seen].sort()).toEqual(Object.keys(values).map(Number).sort());
  return out;
}

/** A one-strip TIFF whose strip is a deflate stream of 64 MB of zeros where 4.8 kB were declared. */
function deflateBomb(): Buffer {
  const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024));
  return patchTiff(tiff(heights()), { 259: 8, 273: 'end', 279: bomb.length }, bomb);
}

/** A TIFF whose header claims `size × size` cells (big-endian, as the SDK writes them). */
function claimingSize(size: number): Buffer {
  const bytes = tiff(heights());
  const ifd = bytes.readUInt32BE(4);
  const entries = bytes.readUInt16BE(ifd);
  for (let e = 0; e < entries; e++) {
    const at = ifd + 2 + 12 * e;
    const tag = bytes.readUInt16BE(at);
    if (tag !== 256 && tag !== 257) continue;
    if (bytes.readUInt16BE(at + 2) === 3) bytes.writeUInt16BE(size, at + 8);
    else bytes.writeUInt32BE(size, at + 8);
  }
  return bytes;
}

describe('raster datasets and OGC API Coverages', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let steward: string;
  let dronten: string;
  beforeAll(async () => {
    db = await openTestDb();
    app = await buildTestApp(db);
    steward = await tokenFor(db, 'almere', 'data-steward');
    dronten = await tokenFor(db, 'dronten', 'admin');
    for (const [id, kind, visibility] of [['hoogte', 'raster', 'public'], ['geheim', 'raster', 'organisation'], ['panden', 'vector', 'public']] as const) {
      const res = await app.inject({
        method: 'POST', url: '/api/v1/datasets', headers: bearer(steward),
        payload: { id, title: { nl: `Test ${id}` }, kind, licence: 'CC0-1.0', visibility, keywords: [], quality: { resolutionM: 1 } },
      });
      expect(res.statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  const upload = (id: string, body: Buffer | string, contentType = 'image/tiff', query = '', token = steward) =>
    app.inject({ method: 'POST', url: `/api/v1/datasets/${id}/versions${query}`, headers: { ...bearer(token), 'content-type': contentType }, payload: body });
  const versionCount = async (id: string) => (await db.kysely.selectFrom('dataset_versions').select('version').where('dataset_id', '=', id).execute()).length;
  const gridCount = async () => (await db.kysely.selectFrom('raster_grids').select('version').execute()).length;

  it('imports a GeoTIFF as a version with metadata, cell count, bbox and content hash', async () => {
    const res = await upload('hoogte', tiff(heights()));
    expect(res.statusCode).toBe(201);
    const { version, created } = res.json() as { created: boolean; version: Dataset['latestVersion'] };
    expect(created).toBe(true);
    expect(version).toMatchObject({
      version: 1, itemCount: 1200, crs: 'EPSG:28992', bbox: [141000, 486000, 141040, 486030], sourceFormat: 'geotiff',
      raster: { width: 40, height: 30, originX: 141000, originY: 486030, cellSize: 1, crs: 'EPSG:28992', noData: -9999, dataType: 'float32' },
    });
    expect(version?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const audit = await db.kysely.selectFrom('audit_log').select('target_id').where('action', '=', 'dataset.version.create').execute();
    expect(audit.map((a) => a.target_id)).toContain('hoogte@1');
  });

  it('makes no new version for the same file, nor for the same grid as an ASCII grid; a changed file makes one', async () => {
    const first = (await app.inject({ method: 'GET', url: '/api/v1/datasets/hoogte' })).json() as Dataset;
    const same = await upload('hoogte', tiff(heights()), 'image/tiff; application=geotiff');
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ created: false, version: { version: 1, contentHash: first.latestVersion?.contentHash } });
    const ascii = await upload('hoogte', formatAsciiGrid(heights()), 'text/plain');
    expect(ascii.statusCode).toBe(200);
    expect(ascii.json()).toMatchObject({ created: false, version: { version: 1 } });
    const changed = await upload('hoogte', tiff(heights(0.5)), 'application/octet-stream', '?format=geotiff');
    expect(changed.statusCode).toBe(201);
    expect(changed.json()).toMatchObject({ created: true, version: { version: 2 } });
    expect(changed.json().version.contentHash).not.toBe(first.latestVersion?.contentHash);
  });

  it('accepts deflate-compressed GeoTIFFs and Cloud Optimized GeoTIFFs written by GDAL', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tweeling-cog-'));
    try {
      const plain = join(dir, 'plain.tif');
      await writeFile(plain, tiff(heights(0.5)));
      const run = promisify(execFile);
      await run('gdal_translate', ['-q', '-co', 'COMPRESS=DEFLATE', '-co', 'TILED=YES', '-co', 'BLOCKXSIZE=16', '-co', 'BLOCKYSIZE=16', plain, join(dir, 'deflate.tif')]);
      await run('gdal_translate', ['-q', '-of', 'COG', '-co', 'COMPRESS=DEFLATE', plain, join(dir, 'cog.tif')]);
      for (const name of ['deflate.tif', 'cog.tif']) {
        const res = await upload('hoogte', await readFile(join(dir, name)));
        expect(res.statusCode, `${name}: ${res.body}`).toBe(200);
        expect(res.json()).toMatchObject({ created: false, version: { version: 2 } });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('serves every version through the coverage endpoint as a georeferenced GeoTIFF', async () => {
    const v1 = await app.inject({ method: 'GET', url: '/api/v1/collections/hoogte/coverage?version=1' });
    expect(v1.statusCode).toBe(200);
    expect(v1.headers['content-type']).toBe('image/tiff; application=geotiff');
    const old = await decodeGeoTiff(new Uint8Array(v1.rawPayload).buffer);
    expect(old).toMatchObject({ width: 40, height: 30, originX: 141000, originY: 486030, cellSize: 1, crs: 'EPSG:28992', noData: -9999 });
    expect(old.data[5]).toBeCloseTo(-3.95, 5);
    const latest = await decodeGeoTiff(new Uint8Array((await app.inject({ method: 'GET', url: '/api/v1/collections/hoogte/coverage' })).rawPayload).buffer);
    expect(latest.data[5]).toBeCloseTo(-3.45, 5);
    const { grid, version } = await readRasterVersion({ db: db.kysely, clock: () => new Date() }, { anonymous: true, organisationId: null, userId: null, tokenId: null, role: null, permissions: [] }, 'hoogte', 1);
    expect(version).toBe(1);
    expect(Array.from(grid.data)).toEqual(Array.from(heights().data));
  });

  it('clips by subset and bbox, downsamples by scale-factor, and describes the domain', async () => {
    const get = async (query: string) => {
      const res = await app.inject({ method: 'GET', url: `/api/v1/collections/hoogte/coverage?version=1&${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return decodeGeoTiff(new Uint8Array(res.rawPayload).buffer);
    };
    const sub = await get('subset=x(141010:141020),y(486000:486005)');
    expect(sub).toMatchObject({ width: 10, height: 5, originX: 141010, originY: 486005 });
    expect(sub.data[0]).toBeCloseTo(heights().data[25 * 40 + 10] as number, 5);
    const rd = await get('bbox=141010.5,486000,141020,486005&bbox-crs=EPSG:28992');
    expect(rd).toMatchObject({ width: 10, height: 5, originX: 141010 });
    const wgs = await get('bbox=5.18,52.3,5.19,52.4');
    expect(wgs.width).toBeGreaterThan(0);
    const coarse = await get('scale-factor=4');
    expect(coarse).toMatchObject({ width: 10, height: 8, cellSize: 4, originX: 141000, originY: 486030 });
    expect(coarse.data[1]).toBeCloseTo(heights().data[2 * 40 + 6] as number, 5);
    const mean = await get('scale-factor=2&resampling=mean');
    const d = heights().data;
    expect(mean.data[1]).toBeCloseTo(((d[2] as number) + (d[3] as number) + (d[42] as number) + (d[43] as number)) / 4, 5);
    expect(mean.data[0]).toBeCloseTo(((d[1] as number) + (d[40] as number) + (d[41] as number)) / 3, 5);
    for (const bad of ['subset=z(1:2)', 'subset=x(5:1)', 'bbox=1,2,3', 'scale-factor=0', 'scale-factor=1.5', 'subset=x(0:10)', 'bbox=1,2,3,4&subset=x(1:2)']) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/collections/hoogte/coverage?${bad}` });
      expect(res.statusCode, bad).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const domain = (await app.inject({ method: 'GET', url: '/api/v1/collections/hoogte/coverage/domainset' })).json();
    expect(domain.generalGrid.axis[0]).toMatchObject({ axisLabel: 'X', lowerBound: 141000, upperBound: 141040, resolution: 1 });
    expect(domain.generalGrid.gridLimits.axis[1]).toMatchObject({ upperBound: 29 });
    const range = (await app.inject({ method: 'GET', url: '/api/v1/collections/hoogte/coverage/rangetype' })).json();
    expect(range.field[0].nilValues[0].value).toBe(-9999);
  });

  it('lists raster datasets as coverage collections and keeps them out of feature routes', async () => {
    await upload('panden', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [141000, 486000] } }] }), 'application/geo+json', '?crs=EPSG:28992');
    const list = (await app.inject({ method: 'GET', url: '/api/v1/collections' })).json() as { collections: { id: string; itemType: string }[] };
    expect(list.collections.find((c) => c.id === 'hoogte')?.itemType).toBe('coverage');
    expect(list.collections.find((c) => c.id === 'panden')?.itemType).toBe('feature');
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/collections/hoogte' })).json();
    expect(doc.raster).toMatchObject({ width: 40, height: 30, cellSize: 1, noData: -9999, crs: 'EPSG:28992' });
    expect(doc.links.map((l: { rel: string }) => l.rel)).toContain('http://www.opengis.net/def/rel/ogc/1.0/coverage');
    expect(doc.extent.spatial.grid).toEqual([{ cellsCount: 40, resolution: 1 }, { cellsCount: 30, resolution: 1 }]);
    expect((await app.inject({ method: 'GET', url: '/api/v1/collections/hoogte/items' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/collections/panden/coverage' })).statusCode).toBe(404);
    const conformance = (await app.inject({ method: 'GET', url: '/api/v1/conformance' })).json().conformsTo as string[];
    expect(conformance).toContain('http://www.opengis.net/spec/ogcapi-coverages-1/1.0/conf/core');
  });

  it('refuses bad rasters with a problem naming what is wrong, and stores nothing', async () => {
    const before = { versions: await versionCount('hoogte'), grids: await gridCount() };
    const allNaN = heights();
    allNaN.data.fill(NaN);
    const wrongSize = 'ncols 3\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2 3\n4 5\n';
    const cases: Array<[string, Buffer | string, string, string, string | RegExp]> = [
      ['empty file', Buffer.alloc(0), 'image/tiff', 'TWL_DATA_INVALID_CONTENT', /empty/],
      ['corrupt file', Buffer.from('II*\0 certainly not a tiff, just text pretending to be one'), 'image/tiff', 'TWL_DATA_INVALID_CONTENT', /GeoTIFF/],
      ['all NaN', tiff(allNaN), 'image/tiff', 'TWL_DATA_INVALID_CONTENT', /no-data or NaN/],
      ['absurd size', claimingSize(60_000), 'image/tiff', 'TWL_DATA_RASTER_TOO_LARGE', String(MAX_RASTER_CELLS)],
      ['deflate bomb', deflateBomb(), 'image/tiff', 'TWL_DATA_INVALID_CONTENT', /blok 0 pakt uit tot meer dan de 4800 bytes/],
      ['wrong CRS', tiff(heights(0, 'EPSG:4326')), 'image/tiff', 'TWL_DATA_CRS_NOT_SUPPORTED', /EPSG:4326.*herprojecteren/],
      ['ASCII size mismatch', wrongSize, 'text/plain', 'TWL_DATA_INVALID_CONTENT', /size mismatch/],
      ['ASCII absurd size', 'ncols 100000\nnrows 100000\nxllcorner 0\nyllcorner 0\ncellsize 1\n1\n', 'text/plain', 'TWL_DATA_RASTER_TOO_LARGE', /10000000000 cellen/],
    ];
    for (const [what, body, type, code, detail] of cases) {
      const res = await upload('hoogte', body, type);
      expect(res.statusCode, what).toBe(400);
      const problem = Problem.parse(res.json());
      expect(problem.code, what).toBe(code);
      expect(problem.detail, what).toMatch(detail);
    }
    expect((await upload('hoogte', tiff(heights()), 'image/tiff', '?crs=EPSG:4326')).json().code).toBe('TWL_DATA_CRS_NOT_SUPPORTED');
    expect((await upload('hoogte', tiff(heights()), 'application/octet-stream')).json().code).toBe('TWL_DATA_INVALID_QUERY');
    expect((await upload('panden', tiff(heights()))).json().code).toBe('TWL_DATA_WRONG_KIND');
    expect((await upload('hoogte', JSON.stringify({ type: 'FeatureCollection', features: [] }), 'application/geo+json')).json().code).toBe('TWL_DATA_WRONG_KIND');
    expect((await upload('hoogte', tiff(heights(1)), 'image/tiff', '', dronten)).json().code).toBe('TWL_DATA_NOT_OWNER');
    expect(await versionCount('hoogte')).toBe(before.versions);
    expect(await gridCount()).toBe(before.grids);
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
  });

  it('hides private rasters from other organisations and anonymous callers', async () => {
    expect((await upload('geheim', tiff(heights()))).statusCode).toBe(201);
    expect((await app.inject({ method: 'GET', url: '/api/v1/collections/geheim/coverage', headers: bearer(steward) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/collections/geheim/coverage' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/collections/geheim/coverage/domainset', headers: bearer(dronten) })).statusCode).toBe(404);
    const ids = ((await app.inject({ method: 'GET', url: '/api/v1/collections', headers: bearer(dronten) })).json() as { collections: { id: string }[] }).collections.map((c) => c.id);
    expect(ids).not.toContain('geheim');
    expect((await verifyAuditChain(db.kysely)).ok).toBe(true);
  });

  it('describes provenance as PROV-JSON: versions with hashes, imports, agents, revisions', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/datasets/hoogte/provenance', headers: { host: 'tweeling.test' } });
    expect(res.statusCode).toBe(200);
    const prov = res.json();
    expect(prov.prefix.dataset).toBe('http://tweeling.test/api/v1/datasets/');
    const versions = ((await app.inject({ method: 'GET', url: '/api/v1/datasets/hoogte/versions' })).json() as { versions: { version: number; contentHash: string; createdBy: string }[] }).versions;
    expect(versions.length).toBe(2);
    for (const v of versions) {
      expect(prov.entity[`dataset:hoogte/versions/${v.version}`]).toMatchObject({ 'prov:type': 'tweeling:RasterDataset', 'tweeling:contentHash': `sha256:${v.contentHash}`, 'tweeling:itemCount': 1200 });
      expect(prov.activity[`dataset:hoogte/versions/${v.version}/import`]).toMatchObject({ 'prov:type': 'tweeling:Import', 'tweeling:sourceFormat': 'geotiff' });
      expect(Object.values(prov.wasGeneratedBy)).toContainEqual(expect.objectContaining({ 'prov:entity': `dataset:hoogte/versions/${v.version}`, 'prov:activity': `dataset:hoogte/versions/${v.version}/import` }));
      expect(prov.agent[v.createdBy]).toMatchObject({ 'prov:type': 'prov:SoftwareAgent' });
    }
    expect(prov.agent['org:almere']).toEqual({ 'prov:type': 'prov:Organization' });
    expect(Object.values(prov.wasAttributedTo)).toContainEqual({ 'prov:entity': 'dataset:hoogte/versions/2', 'prov:agent': 'org:almere' });
    expect(Object.values(prov.actedOnBehalfOf)).toContainEqual(expect.objectContaining({ 'prov:responsible': 'org:almere' }));
    expect(Object.values(prov.wasDerivedFrom)).toEqual([expect.objectContaining({ 'prov:generatedEntity': 'dataset:hoogte/versions/2', 'prov:usedEntity': 'dataset:hoogte/versions/1', 'prov:type': 'prov:Revision' })]);
    expect((await app.inject({ method: 'GET', url: '/api/v1/datasets/geheim/provenance' })).statusCode).toBe(404);
    const withRun = await datasetProvenance({ db: db.kysely, clock: () => new Date() }, { anonymous: true, organisationId: null, userId: null, tokenId: null, role: null, permissions: [] }, 'hoogte', 'http://x/api/v1', async (_id, v) => (v === 2 ? { jobId: 'job-1', appId: 'wateroverlast' } : null));
    expect(withRun.activity['job:job-1']).toMatchObject({ 'prov:type': 'tweeling:AppRun', 'tweeling:appId': 'wateroverlast' });
    expect(Object.values(withRun.wasGeneratedBy)).toContainEqual({ 'prov:entity': 'dataset:hoogte/versions/2', 'prov:activity': 'job:job-1' });
    expect(Object.keys(withRun.activity).filter((a) => a.startsWith('job:'))).toEqual(['job:job-1']);
  });
});
