import { appendFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAppFolder } from '../src/runtime/index.js';
import { addVariant, asciiGrid, buildingsGeoJson, dataInvariantViolations, dirBytes, killDuringStart, scratchApps, seededDataDir, until, withEmbedded } from './fault-helpers.js';
import { startServer } from './processes.js';

/** Features in the upload that is killed: ~7 MB in the tables, seconds to store. */
const FEATURES = 20_000;
/** Apps installed after the one whose registration warning triggers the kill (registered in name order). */
const NEW_APPS = Array.from({ length: 20 }, (_, i) => `z-telling-${String(i).padStart(2, '0')}`);
/** Table bytes written by the upload's transaction before the kill. */
const GROWN_BYTES = 2 * 1024 * 1024;

/**
 * kill -9 of the server (embedded database) in the middle of a large dataset upload, and in the
 * middle of registering app releases at start-up. Afterwards nothing half-written is visible, the
 * audit chain verifies, and the restarted server serves. The tests run in order on one data
 * directory: the start-up test relies on the releases the upload test's starts registered.
 */
describe('kill -9 during an upload and during start-up (embedded database)', () => {
  let ctx: Awaited<ReturnType<typeof seededDataDir>>;
  let appsDir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    ctx = await seededDataDir('fault-upload');
    appsDir = await scratchApps('fault-upload', ['gebouwen-telling'], [{ from: 'gebouwen-telling', id: 'a-telling' }]);
    env = { DATA_DIR: ctx.dataDir, SEED_DEMO: 'false', APPS_DIR: appsDir, RUN_JOBS: 'false' };
  });
  afterAll(async () => {
    await ctx?.dispose();
    if (appsDir) await rm(appsDir, { recursive: true, force: true });
  });

  const headers = (type: string) => ({ authorization: `Bearer ${ctx.admin}`, 'content-type': type });
  const register = (url: string, id: string, kind: 'vector' | 'raster') =>
    fetch(`${url}/api/v1/datasets`, { method: 'POST', headers: headers('application/json'), body: JSON.stringify({ id, title: { nl: id }, kind, licence: 'CC0-1.0' }) });
  const upload = (url: string, id: string, body: string, type: string) =>
    fetch(`${url}/api/v1/datasets/${id}/versions${type === 'text/plain' ? '' : '?crs=EPSG:28992'}`, { method: 'POST', headers: headers(type), body }).then(
      (r) => r.status,
      () => 'aborted' as const,
    );

  it('shows no partial dataset version after kill -9 mid-upload', async () => {
    const server = await startServer(env, 120_000);
    try {
      for (const [id, kind] of [['fout-vector', 'vector'], ['fout-raster', 'raster']] as const) expect((await register(server.url, id, kind)).status).toBe(201);
      // The table files of the embedded database grow while the upload's transaction inserts rows
      // (relations are extended on disk before commit): the kill comes once 2 MB of them are written.
      const tables = join(ctx.dataDir, 'pglite', 'base');
      const before = await dirBytes(tables);
      let answered = false;
      const vector = upload(server.url, 'fout-vector', JSON.stringify(buildingsGeoJson(FEATURES, 3)), 'application/geo+json').finally(() => (answered = true));
      const raster = upload(server.url, 'fout-raster', asciiGrid(300, 300), 'text/plain');
      const grown = await until('the upload writing rows', async () => (answered ? 'answered' : (await dirBytes(tables)) - before >= GROWN_BYTES ? 'writing' : undefined), 120_000, 50);
      expect(grown, 'the upload was answered before 2 MB of it reached the disk').toBe('writing');
      await server.stop('SIGKILL');
      const outcomes = { vector: await vector, raster: await raster };
      expect(outcomes.vector).toBe('aborted');

      await withEmbedded(ctx.dataDir, async (db) => {
        expect(await dataInvariantViolations(db)).toEqual([]);
        const versions = await db.selectFrom('dataset_versions').select(['dataset_id', 'version', 'item_count']).where('dataset_id', 'in', ['fout-vector', 'fout-raster']).execute();
        // Nothing was answered, so nothing may be there (a version is only visible when committed whole).
        expect(versions.filter((v) => v.dataset_id === 'fout-vector')).toEqual([]);
        if (outcomes.raster !== 201) expect(versions.filter((v) => v.dataset_id === 'fout-raster')).toEqual([]);
        const features = await db.selectFrom('features').select((eb) => eb.fn.countAll<number>().as('n')).where('dataset_id', '=', 'fout-vector').executeTakeFirstOrThrow();
        expect(Number(features.n)).toBe(0);
      });
    } finally {
      await server.stop('SIGKILL');
    }

    const again = await startServer(env, 120_000);
    try {
      expect((await fetch(`${again.url}/api/v1/health`)).status).toBe(200);
      const versions = await fetch(`${again.url}/api/v1/datasets/fout-vector/versions`, { headers: headers('application/json') });
      expect(versions.status).toBe(200);
      expect(((await versions.json()) as { versions: unknown[] }).versions).toEqual([]);
      // The same upload now goes through whole and is served.
      expect(await upload(again.url, 'fout-vector', JSON.stringify(buildingsGeoJson(2_000, 3)), 'application/geo+json')).toBe(201);
      const items = await fetch(`${again.url}/api/v1/collections/fout-vector/items?limit=1`, { headers: headers('application/json') });
      expect(items.status).toBe(200);
      expect(((await items.json()) as { numberMatched: number }).numberMatched).toBe(2_000);
    } finally {
      await again.stop('SIGKILL');
    }
  }, 300_000);

  it('completes app-release registration after kill -9 during start-up (there is no publish flow yet)', async () => {
    // The earlier starts registered gebouwen-telling and a-telling. Now a-telling's code changes
    // without a version bump (registration warns, then updates it) and twenty apps after it are new.
    await appendFile(join(appsDir, 'a-telling', 'index.mjs'), '\n// gewijzigd na registratie\n');
    for (const id of NEW_APPS) await addVariant(appsDir, 'gebouwen-telling', id);
    const killed = await killDuringStart(env, /a-telling@1\.0\.0 changed without a new version number/);
    expect(killed.killedAtPattern, killed.output).toBe(true);
    const registeredAtKill = await withEmbedded(ctx.dataDir, async (db) => {
      expect(await dataInvariantViolations(db)).toEqual([]);
      return (await db.selectFrom('app_releases').select('app_id').where('app_id', 'in', NEW_APPS).execute()).length;
    });
    console.info(`start-up killed during registration: ${registeredAtKill} of ${NEW_APPS.length} new releases registered`);

    const server = await startServer(env, 120_000);
    try {
      const list = (await (await fetch(`${server.url}/api/v1/processes`)).json()) as { processes: Array<{ id: string }> };
      expect(list.processes.map((p) => p.id)).toEqual(expect.arrayContaining(['a-telling', 'gebouwen-telling', ...NEW_APPS]));
    } finally {
      await server.stop('SIGKILL');
    }
    const expected = await loadAppFolder(join(appsDir, 'a-telling'));
    await withEmbedded(ctx.dataDir, async (db) => {
      const releases = await db.selectFrom('app_releases').select(['app_id', 'version', 'code_hash']).where('app_id', 'in', ['a-telling', ...NEW_APPS]).orderBy('app_id').execute();
      expect(releases.map((r) => `${r.app_id}@${r.version}`)).toEqual(['a-telling', ...NEW_APPS].map((id) => `${id}@1.0.0`));
      expect(releases[0]!.code_hash).toBe(expected!.codeHash);
      expect(await dataInvariantViolations(db)).toEqual([]);
    });
  }, 300_000);
});
