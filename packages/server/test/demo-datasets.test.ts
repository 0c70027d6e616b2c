import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeGeoTiff } from '@tweeling/sdk';
import { createDemoArea, LAND_USE_CLASSES } from '@tweeling/demo';
import type { FastifyInstance } from 'fastify';
import { seedDemoArea } from '../src/demo-datasets.js';
import { rasterContentHash } from '../src/data/index.js';
import { buildTestApp, openTestDb, type TestDb } from './harness.js';

/** The demo area as published on first start: vector layers and the two rasters. */
describe('demo area datasets', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let firstSeedMs = 0;
  let seeded: string[] = [];
  beforeAll(async () => {
    db = await openTestDb();
    app = await buildTestApp(db);
    const started = performance.now();
    seeded = await seedDemoArea({ db: db.kysely, clock: () => new Date() });
    firstSeedMs = performance.now() - started;
    console.info(`demo area seeded in ${Math.round(firstSeedMs)} ms: ${seeded.join(', ')}`);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  it('publishes the vector layers and both rasters once, quickly', async () => {
    expect(seeded).toEqual(expect.arrayContaining(['demo-gebouwen', 'demo-hoogte', 'demo-landgebruik']));
    expect(firstSeedMs).toBeLessThan(30_000);
    expect(await seedDemoArea({ db: db.kysely, clock: () => new Date() })).toEqual([]);
  });

  it('serves the DEM and land use as public coverages with the demo grid and hashes', async () => {
    const area = createDemoArea();
    const dem = await app.inject({ method: 'GET', url: '/api/v1/collections/demo-hoogte' });
    expect(dem.json()).toMatchObject({ title: 'Hoogtemodel (demo)', itemType: 'coverage', raster: { width: 1000, height: 1000, originX: 140500, originY: 486500, cellSize: 1, dataType: 'float32' } });
    const landUse = (await app.inject({ method: 'GET', url: '/api/v1/datasets/demo-landgebruik' })).json();
    expect(landUse).toMatchObject({ title: { nl: 'Landgebruik (demo)' }, kind: 'raster', visibility: 'public', latestVersion: { raster: { dataType: 'uint8' }, itemCount: 1_000_000 } });
    for (const c of LAND_USE_CLASSES) expect(landUse.description.nl).toContain(`${c.code} = ${c.labelNl}`);
    expect(landUse.latestVersion.contentHash).toBe(rasterContentHash(area.landUse));
    const tiff = await app.inject({ method: 'GET', url: '/api/v1/collections/demo-hoogte/coverage?subset=x(141000:141010),y(486000:486010)' });
    const grid = await decodeGeoTiff(new Uint8Array(tiff.rawPayload).buffer);
    expect(grid).toMatchObject({ width: 10, height: 10, originX: 141000, originY: 486010 });
    expect(grid.data[0]).toBe(area.dem.data[490 * 1000 + 500]);
  });
});
