import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_TMP } from './harness.js';
import { startServer, type RunningServer } from './processes.js';

const run = promisify(execFile);
/** Debian's python3 has OWSLib; another python3 may come first on PATH. */
const PYTHON = '/usr/bin/python3';

/** Real OGC clients (GDAL's OAPIF driver, Python OWSLib) against a real server with the demo area. */
describe('OGC API Features with real clients', () => {
  let server: RunningServer;
  const cleanups: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    const template = await openTestDb();
    await template.close();
    const dataDir = join(TEST_TMP, `ogc-${Date.now()}`);
    await cp(join(template.location.dataDir, 'pglite'), join(dataDir, 'pglite'), { recursive: true });
    cleanups.push(() => template.dispose(), () => rm(dataDir, { recursive: true, force: true }));
    server = await startServer({ DATA_DIR: dataDir }, 120_000);
    cleanups.push(() => server.stop('SIGKILL'));
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('ogrinfo lists the demo collections with their feature counts', async () => {
    const { stdout } = await run('ogrinfo', ['-ro', '-al', '-so', `OAPIF:${server.url}/api/v1`], { timeout: 60_000 });
    expect(stdout).toMatch(/Layer name: demo-gebouwen[\s\S]*?Feature Count: 15\d\d/);
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
});
