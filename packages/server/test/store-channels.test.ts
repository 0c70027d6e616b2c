import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobInfo, Listing, UpdateAvailable } from '@tweeling/core';
import { bearer, buildTestApp, FIXTURE_APPS, openTestDb, TEST_TMP, tokenFor, type TestDb } from './harness.js';

const DIR = join(TEST_TMP, `channel-apps-${process.pid}`);

/** Releases of the app `kanaal` by dronten, made from the `leeg` fixture app. */
async function release(version: string, channel: 'stable' | 'beta'): Promise<void> {
  const app = join(DIR, `kanaal-${version}`);
  await cp(join(FIXTURE_APPS, 'leeg'), app, { recursive: true });
  const manifest = JSON.parse(await readFile(join(app, 'tweeling.app.json'), 'utf8')) as Record<string, unknown>;
  Object.assign(manifest, { id: 'kanaal', version, channel, publisher: 'dronten', name: { nl: 'Kanaaltest' } });
  await writeFile(join(app, 'tweeling.app.json'), JSON.stringify(manifest));
  await writeFile(join(app, 'CHANGELOG.md'), `# Wijzigingen\n\n## ${version}\n\n- Wijziging in ${version}.\n`);
}

/** Beta testers, deprecation with sunset and successor, and "update available". */
describe('store: release channels', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let dronten: string;
  let almereAdmin: string;
  let almere: string;
  let zuiderzeeland: string;
  let firstJob: string;

  beforeAll(async () => {
    await rm(DIR, { recursive: true, force: true });
    await mkdir(DIR, { recursive: true });
    db = await openTestDb();
    // Almere uses 1.0.0 while it is the only release …
    await release('1.0.0', 'stable');
    const before = await buildTestApp(db, { extraAppDirs: [DIR] });
    almere = await tokenFor(db, 'almere', 'analyst');
    const run = await before.inject({ method: 'POST', url: '/api/v1/processes/kanaal/execution', headers: { ...bearer(almere), prefer: 'respond-async' }, payload: { inputs: { n: 4 } } });
    firstJob = JobInfo.parse(run.json()).jobID;
    for (let i = 0; i < 100 && JobInfo.parse((await before.inject({ method: 'GET', url: `/api/v1/jobs/${firstJob}`, headers: bearer(almere) })).json()).status !== 'successful'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await before.close();
    // … then dronten ships 1.1.0 and a 2.0.0 beta.
    await release('1.1.0', 'stable');
    await release('2.0.0-beta.1', 'beta');
    app = await buildTestApp(db, { extraAppDirs: [DIR] });
    dronten = await tokenFor(db, 'dronten', 'admin');
    almereAdmin = await tokenFor(db, 'almere', 'admin');
    zuiderzeeland = await tokenFor(db, 'zuiderzeeland', 'analyst');
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
    await rm(DIR, { recursive: true, force: true });
  });

  const versions = async (token: string) => (Listing.parse((await app.inject({ method: 'GET', url: '/api/v1/apps/kanaal', headers: bearer(token) })).json())).releases.map((r) => r.version);
  const processVersion = async (token: string) => (await app.inject({ method: 'GET', url: '/api/v1/processes/kanaal', headers: bearer(token) })).json().version as string;

  it('tells an organisation that a newer release of an app it uses is out, with what changed', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/organisations/almere/updates', headers: bearer(almere) });
    expect(res.statusCode, res.body).toBe(200);
    const [update] = res.json().updates as UpdateAvailable[];
    expect(update).toMatchObject({ appId: 'kanaal', inUse: '1.0.0', available: '1.1.0', deprecation: null });
    expect(update!.changelog).toEqual([{ version: '1.1.0', changelog: '- Wijziging in 1.1.0.' }]);
    expect((await app.inject({ method: 'GET', url: '/api/v1/organisations/almere/updates', headers: bearer(zuiderzeeland) })).statusCode).toBe(403);
  });

  it('shows a beta only to its publisher and the organisations it invited', async () => {
    expect(await versions(almere)).toEqual(['1.1.0', '1.0.0']);
    expect(await versions(dronten)).toEqual(['2.0.0-beta.1', '1.1.0', '1.0.0']);
    expect(await processVersion(almere)).toBe('1.1.0');

    // Only the publisher manages testers.
    expect((await app.inject({ method: 'PUT', url: '/api/v1/apps/kanaal/beta-testers/almere', headers: bearer(almereAdmin) })).statusCode).toBe(403);
    const invited = await app.inject({ method: 'PUT', url: '/api/v1/apps/kanaal/beta-testers/almere', headers: bearer(dronten) });
    expect(invited.statusCode, invited.body).toBe(200);
    expect(invited.json().testers.map((t: { organisationId: string }) => t.organisationId)).toEqual(['almere']);
    expect((await app.inject({ method: 'PUT', url: '/api/v1/apps/kanaal/beta-testers/bestaat-niet', headers: bearer(dronten) })).statusCode).toBe(404);

    expect(await versions(almere)).toEqual(['2.0.0-beta.1', '1.1.0', '1.0.0']);
    expect(await processVersion(almere)).toBe('2.0.0-beta.1');
    const search = (await app.inject({ method: 'GET', url: '/api/v1/apps?q=kanaaltest', headers: bearer(zuiderzeeland) })).json();
    expect(search.apps.map((a: { version: string }) => a.version)).toEqual(['1.1.0']);
    expect(await versions(zuiderzeeland)).toEqual(['1.1.0', '1.0.0']);

    const removed = await app.inject({ method: 'DELETE', url: '/api/v1/apps/kanaal/beta-testers/almere', headers: bearer(dronten) });
    expect(removed.json().testers).toEqual([]);
    expect(await processVersion(almere)).toBe('1.1.0');
    const actions = (await db.kysely.selectFrom('audit_log').select('action').where('target_id', '=', 'kanaal').execute()).map((a) => a.action);
    expect(actions).toEqual(['store.beta.invite', 'store.beta.remove']);
  });

  it('deprecates releases: after the sunset no new runs, but recorded runs stay re-runnable', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const put = (version: string, body: object, token = dronten) => app.inject({ method: 'PUT', url: `/api/v1/apps/kanaal/releases/${version}/deprecation`, headers: bearer(token), payload: body });
    expect((await put('1.0.0', { sunset: '2020-01-01' })).statusCode).toBe(400);
    expect((await put('1.0.0', { sunset: today, successor: '0.5.0' })).json().code).toBe('TWL_STORE_INVALID_DEPRECATION');
    expect((await put('9.9.9', { sunset: today })).statusCode).toBe(404);
    expect((await put('1.0.0', { sunset: today }, almereAdmin)).statusCode).toBe(403);
    const deprecated = await put('1.0.0', { sunset: today, successor: '1.1.0', note: 'Gebruik 1.1.0.' });
    expect(deprecated.statusCode, deprecated.body).toBe(200);
    expect(deprecated.json()).toMatchObject({ appId: 'kanaal', version: '1.0.0', sunset: today, successor: '1.1.0' });

    const listing = Listing.parse((await app.inject({ method: 'GET', url: '/api/v1/apps/kanaal', headers: bearer(almere) })).json());
    expect(listing.releases.find((r) => r.version === '1.0.0')!.deprecation).toEqual({ sunset: today, successor: '1.1.0', note: 'Gebruik 1.1.0.' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/organisations/almere/updates', headers: bearer(almere) })).json().updates[0].deprecation).toMatchObject({ sunset: today, successor: '1.1.0' });

    // Retire the newest stable release too: a new run is refused with 410, naming the successor …
    expect((await put('1.1.0', { sunset: today, successor: '2.0.0-beta.1' })).statusCode).toBe(200);
    const refused = await app.inject({ method: 'POST', url: '/api/v1/processes/kanaal/execution', headers: bearer(almere), payload: { inputs: { n: 1 } } });
    expect(refused.statusCode).toBe(410);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json().detail).toMatch(/kanaal@2\.0\.0-beta\.1/);
    // … while the recorded 1.0.0 run still re-runs with identical outputs.
    const rerun = await app.inject({ method: 'POST', url: `/api/v1/jobs/${firstJob}/rerun`, headers: { ...bearer(almere), prefer: 'respond-async' } });
    expect(rerun.statusCode, rerun.body).toBe(201);
  });
});
