import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copiedDataDir } from './harness.js';
import { startServer, type RunningServer } from './processes.js';

const run = promisify(execFile);
/** Debian's python3 has OWSLib; another python3 may come first on PATH. */
const PYTHON = '/usr/bin/python3';

/** Real OGC clients (GDAL's OAPIF driver and gdalinfo, Python OWSLib) against a real server with the demo area. */
describe('OGC API Features with real clients', () => {
  let server: RunningServer;
  const cleanups: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    const { dataDir, dispose } = await copiedDataDir('ogc');
    cleanups.push(dispose);
    server = await startServer({ DATA_DIR: dataDir }, 120_000);
    cleanups.push(() => server.stop('SIGKILL'));
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('ogrinfo lists the demo collections with their feature counts', async () => {
    const { stdout, stderr } = await run('ogrinfo', ['-ro', '-al', '-so', `OAPIF:${server.url}/api/v1`], { timeout: 60_000 });
    expect(stdout).toMatch(/Layer name: demo-gebouwen[\s\S]*?Feature Count: 15\d\d/);
    // Coverage collections (the demo rasters) are no vector layers, and GDAL does not try to read them as such.
    expect(stdout).not.toContain('demo-hoogte');
    expect(stderr).not.toMatch(/ERROR/);
    for (const layer of ['demo-wegen', 'demo-bomen', 'demo-buurten', 'demo-voorzieningen']) expect(stdout).toContain(`Layer name: ${layer}`);
  });

  it('ogr2ogr copies every building into a GeoPackage', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tweeling-gpkg-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const gpkg = join(dir, 'out.gpkg');
    await run('ogr2ogr', ['-f', 'GPKG', gpkg, `OAPIF:${server.url}/api/v1`, 'demo-gebouwen'], { timeout: 120_000 });
    const api = (await (await fetch(`${server.url}/api/v1/collections/demo-gebouwen/items?limit=1`)).json()) as { numberMatched: number };
    const { stdout } = await run('ogrinfo', ['-ro', '-so', gpkg, 'demo-gebouwen']);
    expect(stdout).toContain(`Feature Count: ${api.numberMatched}`);
  });

  it('OWSLib lists collections and pages items', async () => {
    const script = `
import json, sys
from owslib.ogcapi.features import Features
w = Features(sys.argv[1])
ids = [c['id'] for c in w.collections()['collections']]
first = w.collection_items('demo-gebouwen', limit=50)
second = w.collection_items('demo-gebouwen', limit=50, offset=50)
print(json.dumps({'ids': ids, 'matched': first['numberMatched'], 'n1': first['numberReturned'], 'n2': second['numberReturned'],
  'firstIds': [f['id'] for f in first['features']][:2], 'secondIds': [f['id'] for f in second['features']][:2],
  'conformance': w.conformance()['conformsTo']}))
`;
    const { stdout } = await run(PYTHON, ['-c', script, `${server.url}/api/v1`], { timeout: 60_000 });
    const result = JSON.parse(stdout) as { ids: string[]; matched: number; n1: number; n2: number; firstIds: number[]; secondIds: number[]; conformance: string[] };
    expect(result.ids).toContain('demo-gebouwen');
    expect(result.matched).toBeGreaterThan(1400);
    expect([result.n1, result.n2]).toEqual([50, 50]);
    expect(result.firstIds).toEqual([1, 2]);
    expect(result.secondIds).toEqual([51, 52]);
    expect(result.conformance).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core');
  });

  it('gdalinfo reads coverage GeoTIFFs of the demo DEM with the right size and georeferencing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tweeling-coverage-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const info = async (query: string) => {
      const res = await fetch(`${server.url}/api/v1/collections/demo-hoogte/coverage${query}`);
      expect(res.headers.get('content-type')).toBe('image/tiff; application=geotiff');
      const file = join(dir, `dem-${Math.random().toString(36).slice(2)}.tif`);
      await writeFile(file, new Uint8Array(await res.arrayBuffer()));
      const { stdout } = await run('gdalinfo', ['-json', '-stats', file], { timeout: 60_000 });
      return JSON.parse(stdout) as { size: number[]; geoTransform: number[]; coordinateSystem: { wkt: string }; bands: Array<{ type: string; minimum: number; maximum: number }> };
    };
    const whole = await info('');
    expect(whole.size).toEqual([1000, 1000]);
    expect(whole.geoTransform).toEqual([140500, 1, 0, 486500, 0, -1]);
    expect(whole.coordinateSystem.wkt).toMatch(/Amersfoort \/ RD New[\s\S]*ID\["EPSG",28992\]\]$/);
    expect(whole.bands[0]!.type).toBe('Float32');
    expect(whole.bands[0]!.minimum).toBeGreaterThan(-8);
    expect(whole.bands[0]!.maximum).toBeLessThan(0);
    const part = await info('?subset=x(141000:141100),y(486000:486100)&scale-factor=2');
    expect(part.size).toEqual([50, 50]);
    expect(part.geoTransform).toEqual([141000, 2, 0, 486100, 0, -2]);
  });
});
