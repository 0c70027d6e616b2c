import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RasterGrid } from '@tweeling/core';
import { encodeGeoTiff, formatAsciiGrid } from '@tweeling/sdk';
import { createDataset } from '../src/data/index.js';
import { openDatabase } from '../src/db/index.js';
import { seedDemo } from '../src/seed.js';
import { openTestDb, TEST_TMP } from './harness.js';
import { runCli } from './processes.js';

const grid = (bump: number): RasterGrid => {
  const data = new Float32Array(12 * 8).map((_, i) => -4 + i * 0.01);
  data[3] = (data[3] as number) + bump;
  return { width: 12, height: 8, originX: 141000, originY: 486008, cellSize: 1, crs: 'EPSG:28992', noData: null, data };
};

/** `tweeling data import` as an operator runs it, against an embedded database on disk. */
describe('tweeling data import', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  let env: Record<string, string>;
  let dir: string;
  beforeAll(async () => {
    const template = await openTestDb();
    await template.close();
    dir = join(TEST_TMP, `data-cli-${Date.now()}`);
    await mkdir(dir, { recursive: true });
    await cp(join(template.location.dataDir, 'pglite'), join(dir, 'pglite'), { recursive: true });
    cleanups.push(() => template.dispose(), () => rm(dir, { recursive: true, force: true }));
    const db = await openDatabase({ dataDir: dir });
    const deps = { db: db.kysely, clock: () => new Date() };
    await seedDemo(deps);
    const actor = { organisationId: 'almere', userId: null, tokenId: null, label: 'test', requestId: null };
    for (const [id, kind] of [['hoogte', 'raster'], ['punten', 'vector']] as const) {
      await createDataset(deps, actor, { id, title: { nl: id }, kind, licence: 'CC0-1.0', visibility: 'organisation', sharedWith: [], keywords: [], quality: {}, synthetic: false });
    }
    await db.close();
    env = { DATA_DIR: dir, SEED_DEMO: 'false' };
    await writeFile(join(dir, 'a.tif'), new Uint8Array(encodeGeoTiff(grid(0))));
    await writeFile(join(dir, 'b.asc'), formatAsciiGrid(grid(1)));
    const nan = grid(0);
    nan.data.fill(NaN);
    await writeFile(join(dir, 'nan.tif'), new Uint8Array(encodeGeoTiff(nan)));
    await writeFile(join(dir, 'p.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { n: 1 }, geometry: { type: 'Point', coordinates: [141000, 486000] } }] }));
  }, 60_000);
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('imports rasters and GeoJSON, prints version and hash, makes no version for the same file, and fails on bad input', async () => {
    const first = await runCli(['data', 'import', join(dir, 'a.tif'), '--dataset', 'hoogte'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.trim()).toMatch(/^hoogte@1 sha256:[0-9a-f]{64}$/);
    const again = await runCli(['data', 'import', join(dir, 'a.tif'), '--dataset', 'hoogte'], env);
    expect(again.stdout).toBe(first.stdout);
    expect(again.stderr).toMatch(/unchanged/);
    const changed = await runCli(['data', 'import', join(dir, 'b.asc'), '--dataset', 'hoogte', '--crs', 'EPSG:28992'], env);
    expect(changed.stdout.trim()).toMatch(/^hoogte@2 sha256:/);
    const vector = await runCli(['data', 'import', join(dir, 'p.geojson'), '--dataset', 'punten', '--crs', 'EPSG:28992'], env);
    expect(vector.stdout.trim()).toMatch(/^punten@1 sha256:/);

    const nan = await runCli(['data', 'import', join(dir, 'nan.tif'), '--dataset', 'hoogte'], env);
    expect(nan.code).toBe(1);
    expect(nan.stderr).toMatch(/TWL_DATA_INVALID_CONTENT: .*no-data or NaN/);
    const wrongKind = await runCli(['data', 'import', join(dir, 'a.tif'), '--dataset', 'punten'], env);
    expect(wrongKind.code).toBe(1);
    expect(wrongKind.stderr).toMatch(/TWL_DATA_WRONG_KIND/);
    expect((await runCli(['data', 'import', join(dir, 'a.png'), '--dataset', 'hoogte'], env)).stderr).toMatch(/TWL_DATA_UNSUPPORTED_FORMAT/);
  }, 120_000);
});
