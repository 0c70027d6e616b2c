import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Statement, Subscription } from '@tweeling/core';
import { verifyAuditChain } from '../src/audit/index.js';
import { seedDemoArea } from '../src/demo-datasets.js';
import { bearer, buildTestApp, FIXTURE_APPS, openTestDb, TEST_TMP, tokenFor, type TestDb } from './harness.js';

/** Copies of the fixture app with other pricing: per run and by subscription. */
async function pricedApps(): Promise<string> {
  const dir = join(TEST_TMP, `store-billing-apps-${process.pid}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const variants = [
    { id: 'betaal-per-run', pricing: { kind: 'perRun', eurPerRun: 2.35 } },
    { id: 'met-abonnement', pricing: { kind: 'subscription', eurPerMonth: 125.5 } },
  ];
  for (const v of variants) {
    await cp(join(FIXTURE_APPS, 'gebouwen-telling'), join(dir, v.id), { recursive: true });
    const file = join(dir, v.id, 'tweeling.app.json');
    const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...manifest, ...v }));
  }
  return dir;
}

describe('store subscriptions and monthly statements', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let appsDir: string;
  const tokens: Record<string, string> = {};
  const month = new Date().toISOString().slice(0, 7);
  const run = async (appId: string) => {
    const res = await app.inject({ method: 'POST', url: `/api/v1/processes/${appId}/execution`, headers: bearer(tokens.analyst!), payload: { inputs: { sampleSize: 0 } } });
    expect(res.statusCode, res.body).toBe(200);
  };
  const statement = (who: string, query = `month=${month}`, org = 'almere') => app.inject({ method: 'GET', url: `/api/v1/organisations/${org}/statements?${query}`, headers: who ? bearer(tokens[who]!) : {} });

  beforeAll(async () => {
    db = await openTestDb();
    appsDir = await pricedApps();
    app = await buildTestApp(db, { extraAppDirs: [FIXTURE_APPS, appsDir], env: { SYNC_WAIT_MS: '30000' } });
    await seedDemoArea({ db: db.kysely, clock: () => new Date() });
    tokens.admin = await tokenFor(db, 'almere', 'admin');
    tokens.analyst = await tokenFor(db, 'almere', 'analyst');
    tokens.dronten = await tokenFor(db, 'dronten', 'admin');
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
    await rm(appsDir, { recursive: true, force: true });
  });

  it('subscribes once, ends a subscription, and refuses other organisations', async () => {
    const post = (who: string, appId: string, org = 'almere') => app.inject({ method: 'POST', url: `/api/v1/organisations/${org}/subscriptions`, headers: bearer(tokens[who]!), payload: { appId } });
    expect((await post('analyst', 'met-abonnement')).statusCode).toBe(403);
    expect((await post('dronten', 'met-abonnement')).statusCode).toBe(403);
    expect((await post('admin', 'bestaat-niet')).statusCode).toBe(404);
    const created = await post('admin', 'gebouwen-telling');
    expect(created.statusCode, created.body).toBe(201);
    expect(Subscription.parse(created.json())).toMatchObject({ organisationId: 'almere', appId: 'gebouwen-telling', endedAt: null });
    expect((await post('admin', 'gebouwen-telling')).json().code).toBe('TWL_STORE_SUBSCRIPTION_EXISTS');
    const end = () => app.inject({ method: 'DELETE', url: '/api/v1/organisations/almere/subscriptions/gebouwen-telling', headers: bearer(tokens.admin!) });
    expect((await end()).statusCode).toBe(200);
    expect((await end()).json().code).toBe('TWL_STORE_SUBSCRIPTION_NOT_FOUND');
    expect((await post('admin', 'met-abonnement')).statusCode).toBe(201);
    const list = await app.inject({ method: 'GET', url: '/api/v1/organisations/almere/subscriptions', headers: bearer(tokens.analyst!) });
    expect(Subscription.array().parse(list.json().subscriptions).map((s) => [s.appId, s.endedAt === null])).toEqual([['met-abonnement', true], ['gebouwen-telling', false]]);
  });

  it('sums exactly the metered runs of the month, priced per release, each line tracing its jobs', async () => {
    for (let i = 0; i < 3; i += 1) await run('betaal-per-run');
    await run('met-abonnement');
    await run('gebouwen-telling');
    const res = await statement('admin');
    expect(res.statusCode, res.body).toBe(200);
    const s = Statement.parse(res.json());
    const byKind = Object.fromEntries(s.lines.map((l) => [`${l.appId}:${l.kind}`, l]));
    expect(byKind['betaal-per-run:perRun']).toMatchObject({ quantity: 3, unitPriceEur: 2.35, amountEur: 7.05 });
    expect(byKind['met-abonnement:runsUnderSubscription']).toMatchObject({ quantity: 1, amountEur: 0 });
    expect(byKind['met-abonnement:subscription']).toMatchObject({ quantity: 1, amountEur: 125.5, jobIds: [] });
    expect(byKind['gebouwen-telling:free']).toMatchObject({ quantity: 1, amountEur: 0 });
    expect(s.runs).toBe(5);
    expect(s.totalEur).toBe(132.55);
    const metered = await db.kysely.selectFrom('usage_events').select('job_id').where('organisation_id', '=', 'almere').execute();
    expect(s.lines.flatMap((l) => l.jobIds).sort()).toEqual(metered.map((m) => m.job_id).sort());
    const csv = await app.inject({ method: 'GET', url: `/api/v1/organisations/almere/statements?month=${month}`, headers: { ...bearer(tokens.admin!), accept: 'text/csv' } });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = csv.body.trim().split('\r\n').map((r) => r.split(','));
    expect(rows[0]).toEqual(['month', 'organisation', 'app', 'version', 'kind', 'description', 'quantity', 'unitPriceEur', 'amountEur', 'jobIds']);
    expect(rows).toHaveLength(s.lines.length + 2);
    expect(rows.at(-1)?.[8]).toBe('132.55');
    expect(rows.find((r) => r[2] === 'betaal-per-run')?.slice(6, 9)).toEqual(['3', '2.35', '7.05']);
    const earlier = Statement.parse((await statement('admin', 'month=2020-01')).json());
    expect(earlier).toMatchObject({ lines: [], runs: 0, totalEur: 0 });
    expect((await verifyAuditChain(db.kysely)).ok).toBe(true);
  });

  it('is for the organisation\'s administrators only, and names a bad month', async () => {
    expect((await statement('analyst')).statusCode).toBe(403);
    expect((await statement('dronten')).statusCode).toBe(403);
    expect((await statement('')).statusCode).toBe(401);
    const bad = await statement('admin', 'month=2026-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toMatch(/month/);
    const dronten = Statement.parse((await statement('dronten', `month=${month}`, 'dronten')).json());
    expect(dronten.runs).toBe(0);
  });
});
