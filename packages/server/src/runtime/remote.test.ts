import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobInfo, RunRecord } from '@tweeling/core';
import { bearer, buildTestApp, copiedDataDir, FIXTURE_APPS, openTestDb, tokenFor, type TestDb } from '../../test/harness.js';
import { runCli, startServer, type RunningServer } from '../../test/processes.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A vendor's OGC API Processes server (here: another Tweeling) offered as apps in this store. */
describe('remote apps', () => {
  let vendor: RunningServer;
  let db: TestDb;
  let app: FastifyInstance;
  let admin: string;
  let analyst: string;
  const cleanups: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    const { dataDir, dispose } = await copiedDataDir('vendor');
    cleanups.push(dispose);
    const env = { DATA_DIR: dataDir, SEED_DEMO: 'false', APPS_DIR: FIXTURE_APPS };
    await runCli(['seed', '--no-area'], env);
    process.env.TWEELING_REMOTE_TOKEN_VENDOR = (await runCli(['token', 'create', '--org', 'tweeling-apps', '--role', 'analyst'], env)).stdout.trim();
    vendor = await startServer(env, 120_000);
    cleanups.push(() => vendor.stop('SIGKILL'));
    db = await openTestDb();
    app = await buildTestApp(db, { env: { REMOTE_ALLOW_PRIVATE: 'true' } });
    admin = await tokenFor(db, 'almere', 'admin');
    analyst = await tokenFor(db, 'almere', 'analyst');
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  const registration = () => ({ id: 'leverancier-leeg', url: `${vendor.url}/api/v1`, processId: 'leeg', useCases: ['wateroverlast'], licence: 'MIT', authEnv: 'TWEELING_REMOTE_TOKEN_VENDOR' });
  const run = async (inputs: Record<string, unknown>) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/processes/leverancier-leeg/execution', headers: { ...bearer(analyst), prefer: 'respond-async' }, payload: { inputs } });
    expect(res.statusCode, res.body).toBe(201);
    const { jobID } = JobInfo.parse(res.json());
    for (let i = 0; i < 200; i += 1) {
      const info = JobInfo.parse((await app.inject({ method: 'GET', url: `/api/v1/jobs/${jobID}`, headers: bearer(analyst) })).json());
      if (['successful', 'failed', 'dismissed'].includes(info.status)) return info;
      await sleep(100);
    }
    throw new Error('remote job did not finish');
  };

  it('refuses remote servers in private networks unless the operator allows them (SSRF)', async () => {
    const strictDb = await openTestDb();
    const strict = await buildTestApp(strictDb);
    const res = await strict.inject({ method: 'POST', url: '/api/v1/remote-processes', headers: bearer(await tokenFor(strictDb, 'almere', 'admin')), payload: registration() });
    await strict.close();
    await strictDb.dispose();
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toMatch(/privé-netwerk/);
  });

  it('registers a remote process from its OGC description, runs it through this platform and records the run', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/v1/remote-processes', headers: bearer(analyst), payload: registration() })).statusCode).toBe(403);
    const registered = await app.inject({ method: 'POST', url: '/api/v1/remote-processes', headers: bearer(admin), payload: registration() });
    expect(registered.statusCode, registered.body).toBe(201);
    expect(registered.json()).toMatchObject({ id: 'leverancier-leeg', inputs: { n: { schema: { type: 'integer' } } } });
    const listed = (await app.inject({ method: 'GET', url: '/api/v1/processes' })).json() as { processes: { id: string }[] };
    expect(listed.processes.map((p) => p.id)).toContain('leverancier-leeg');

    const info = await run({ n: 42 });
    expect(info.status, info.message).toBe('successful');
    const results = (await app.inject({ method: 'GET', url: `/api/v1/jobs/${info.jobID}/results`, headers: bearer(analyst) })).json();
    expect(results).toEqual({ n: 42 });
    const record = RunRecord.parse((await app.inject({ method: 'GET', url: `/api/v1/jobs/${info.jobID}/record`, headers: bearer(analyst) })).json());
    expect(record.outputs).toEqual([{ output: 'n', kind: 'value', hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(await db.kysely.selectFrom('usage_events').select('job_id').where('job_id', '=', info.jobID).executeTakeFirst()).toBeTruthy();
    const bad = await app.inject({ method: 'POST', url: '/api/v1/processes/leverancier-leeg/execution', headers: bearer(analyst), payload: { inputs: { n: 'veel' } } });
    expect(bad.statusCode).toBe(400);
  });

  it('fails the job with a clear message when the remote server is unreachable', async () => {
    await vendor.stop('SIGKILL');
    const info = await run({ n: 1 });
    expect(info.status).toBe('failed');
    expect(info.message).toMatch(/niet bereikbaar/);
  });
});
