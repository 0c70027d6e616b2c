import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobInfo } from '@tweeling/core';
import { bearer, buildTestApp, FIXTURE_APPS, openTestDb, tokenFor, type TestDb } from '../../test/harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An app that throws or runs out of memory fails its own job; the server and its workers go on. */
describe('failing apps', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let analyst: string;
  beforeAll(async () => {
    db = await openTestDb();
    app = await buildTestApp(db, { extraAppDirs: [FIXTURE_APPS], env: { WORKER_MEMORY_MB: '96' } });
    analyst = await tokenFor(db, 'almere', 'analyst');
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  async function run(process: string, inputs: Record<string, unknown>): Promise<JobInfo> {
    const res = await app.inject({ method: 'POST', url: `/api/v1/processes/${process}/execution`, headers: { ...bearer(analyst), prefer: 'respond-async' }, payload: { inputs } });
    const { jobID } = JobInfo.parse(res.json());
    for (let i = 0; i < 600; i += 1) {
      const info = JobInfo.parse((await app.inject({ method: 'GET', url: `/api/v1/jobs/${jobID}`, headers: bearer(analyst) })).json());
      if (['successful', 'failed', 'dismissed'].includes(info.status)) return info;
      await sleep(100);
    }
    throw new Error(`${process} did not finish`);
  }

  it('fails the job with the app error when the app throws', async () => {
    const info = await run('stuk', { mode: 'throw' });
    expect(info.status).toBe('failed');
    expect(info.message).toMatch(/deling door nul in cel \(12, 7\)/);
  });

  it('fails the job when the app runs out of memory, and the next job still runs', async () => {
    const info = await run('stuk', { mode: 'oom' });
    expect(info.status).toBe('failed');
    expect(info.message).toMatch(/memory|geheugen/i);
    expect((await run('leeg', { n: 3 })).status).toBe('successful');
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
  });
});
