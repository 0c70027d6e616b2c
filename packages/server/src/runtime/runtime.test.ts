import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobInfo, Problem, ProcessDescription, RunRecord } from '@tweeling/core';
import { verifyAuditChain } from '../audit/index.js';
import { seedDemoArea } from '../demo-datasets.js';
import { bearer, buildTestApp, FIXTURE_APPS, openTestDb, tokenFor, type TestDb } from '../../test/harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('OGC API Processes runtime (embedded queue)', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let analyst: string;
  let viewer: string;
  let dronten: string;
  beforeAll(async () => {
    db = await openTestDb();
    app = await buildTestApp(db, { extraAppDirs: [FIXTURE_APPS], env: { SYNC_WAIT_MS: '20000' } });
    await seedDemoArea({ db: db.kysely, clock: () => new Date() });
    analyst = await tokenFor(db, 'almere', 'analyst');
    viewer = await tokenFor(db, 'almere', 'viewer');
    dronten = await tokenFor(db, 'dronten', 'analyst');
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  const execute = (body: unknown, token = analyst, async = true) =>
    app.inject({ method: 'POST', url: '/api/v1/processes/gebouwen-telling/execution', headers: { ...bearer(token), ...(async ? { prefer: 'respond-async' } : {}) }, payload: body as object });
  const job = async (id: string, token = analyst) => JobInfo.parse((await app.inject({ method: 'GET', url: `/api/v1/jobs/${id}`, headers: bearer(token) })).json());
  async function untilFinal(id: string): Promise<JobInfo> {
    for (let i = 0; i < 400; i += 1) {
      const info = await job(id);
      if (['successful', 'failed', 'dismissed'].includes(info.status)) return info;
      await sleep(50);
    }
    throw new Error(`job ${id} did not finish`);
  }

  it('lists installed apps as processes and describes them with JSON Schema inputs', async () => {
    const list = (await app.inject({ method: 'GET', url: '/api/v1/processes' })).json() as { processes: { id: string }[] };
    expect(list.processes.map((p) => p.id)).toContain('gebouwen-telling');
    const description = ProcessDescription.parse((await app.inject({ method: 'GET', url: '/api/v1/processes/gebouwen-telling' })).json());
    expect(description.inputs.radiusM?.schema).toMatchObject({ type: 'number', minimum: 1 });
    expect((await app.inject({ method: 'GET', url: '/api/v1/processes/bestaat-niet' })).statusCode).toBe(404);
  });

  it('runs an async job to successful, serves results, the run record, PROV, and a rerun with identical hashes', async () => {
    const submitted = await execute({ inputs: { radiusM: 250, sampleSize: 4 } });
    expect(submitted.statusCode).toBe(201);
    expect(submitted.headers.location).toMatch(/\/api\/v1\/jobs\/[0-9a-f-]{36}$/);
    const { jobID } = JobInfo.parse(submitted.json());
    const done = await untilFinal(jobID);
    expect(done).toMatchObject({ status: 'successful', progress: 100 });

    const results = (await app.inject({ method: 'GET', url: `/api/v1/jobs/${jobID}/results`, headers: bearer(analyst) })).json() as Record<string, any>;
    expect(Object.keys(results.perUse)).toContain('wonen');
    expect(results.sample).toMatchObject({ kind: 'vector', dataset: expect.stringMatching(/^run-/), version: 1 });
    expect(results.sample.href).toMatch(/^http:\/\/.*\/api\/v1\/collections\/run-/);
    const sample = (await app.inject({ method: 'GET', url: `/api/v1/collections/${results.sample.dataset}/items`, headers: bearer(analyst) })).json();
    expect(sample.numberMatched).toBe(4);
    expect((await app.inject({ method: 'GET', url: `/api/v1/collections/${results.sample.dataset}/items`, headers: bearer(dronten) })).statusCode).toBe(404);

    const record = RunRecord.parse((await app.inject({ method: 'GET', url: `/api/v1/jobs/${jobID}/record`, headers: bearer(analyst) })).json());
    expect(record).toMatchObject({ app: { id: 'gebouwen-telling', version: '1.0.0' }, status: 'successful', who: { organisationId: 'almere' } });
    expect(record.app.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(record.datasets[0]).toMatchObject({ input: 'buildings', dataset: 'demo-gebouwen', version: 1, kind: 'vector' });
    expect(record.inputs.buildings).toEqual({ dataset: 'demo-gebouwen', version: 1 });
    expect(record.outputs.map((o) => o.output).sort()).toEqual(['perUse', 'sample']);

    const datasetProv = JSON.stringify((await app.inject({ method: 'GET', url: `/api/v1/datasets/${results.sample.dataset}/provenance`, headers: bearer(analyst) })).json());
    expect(datasetProv).toContain(jobID);
    const prov = (await app.inject({ method: 'GET', url: `/api/v1/jobs/${jobID}/provenance`, headers: bearer(analyst) })).json();
    expect(Object.keys(prov.activity)).toContain(`job:${jobID}`);
    expect(Object.keys(prov.entity)).toContain('dataset:demo-gebouwen/versions/1');

    const rerun = await app.inject({ method: 'POST', url: `/api/v1/jobs/${jobID}/rerun`, headers: bearer(analyst) });
    expect(rerun.statusCode).toBe(201);
    const rerunInfo = await untilFinal(JobInfo.parse(rerun.json()).jobID);
    expect(rerunInfo).toMatchObject({ status: 'successful', rerunOf: jobID, reproduced: true });
    const rerunRecord = RunRecord.parse((await app.inject({ method: 'GET', url: `/api/v1/jobs/${rerunInfo.jobID}/record`, headers: bearer(analyst) })).json());
    expect(rerunRecord.outputs.map((o) => o.hash).sort()).toEqual(record.outputs.map((o) => o.hash).sort());

    const usage = await db.kysely.selectFrom('usage_events').selectAll().where('job_id', '=', jobID).executeTakeFirstOrThrow();
    expect(usage).toMatchObject({ organisation_id: 'almere', app_id: 'gebouwen-telling' });
    expect(Number(usage.items)).toBeGreaterThan(1000);
  });

  it('answers a synchronous execution with the results document', async () => {
    const res = await execute({ inputs: { radiusM: 100, sampleSize: 0 } }, analyst, false);
    expect(res.statusCode).toBe(200);
    expect(res.json().perUse).toBeTypeOf('object');
  });

  it('validates inputs before queuing, naming each bad input', async () => {
    const res = await execute({ inputs: { radiusM: -5, sampleSize: 'veel', onbekend: 1 } });
    expect(res.statusCode).toBe(400);
    const paths = Problem.parse(res.json()).errors?.map((e) => e.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['inputs.radiusM', 'inputs.sampleSize', 'inputs.onbekend']));
    expect((await db.kysely.selectFrom('jobs').select('id').where('status', '=', 'accepted').execute()).length).toBe(0);
  });

  it('refuses datasets the caller may not read and callers without the right to run', async () => {
    const hidden = await execute({ inputs: { buildings: { dataset: 'bestaat-niet' } } });
    expect(hidden.statusCode).toBe(404);
    expect((await execute({ inputs: {} }, viewer)).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/v1/processes/gebouwen-telling/execution', payload: { inputs: {} } })).statusCode).toBe(401);
  });

  it('keeps jobs to their organisation', async () => {
    const { jobID } = JobInfo.parse((await execute({ inputs: { sampleSize: 0 } })).json());
    expect((await app.inject({ method: 'GET', url: `/api/v1/jobs/${jobID}`, headers: bearer(dronten) })).statusCode).toBe(404);
    const list = (await app.inject({ method: 'GET', url: '/api/v1/jobs', headers: bearer(dronten) })).json() as { jobs: unknown[] };
    expect(list.jobs).toEqual([]);
    await untilFinal(jobID);
  });

  it('cancels a running job; cancelling a finished job changes nothing', async () => {
    const { jobID } = JobInfo.parse((await execute({ inputs: { slowMs: 2000, sampleSize: 0 } })).json());
    for (let i = 0; i < 100 && (await job(jobID)).status !== 'running'; i += 1) await sleep(50);
    const dismissed = await app.inject({ method: 'DELETE', url: `/api/v1/jobs/${jobID}`, headers: bearer(analyst) });
    expect(dismissed.statusCode).toBe(200);
    expect(JobInfo.parse(dismissed.json()).status).toBe('dismissed');
    const again = await app.inject({ method: 'DELETE', url: `/api/v1/jobs/${jobID}`, headers: bearer(analyst) });
    expect(JobInfo.parse(again.json()).status).toBe('dismissed');
    expect((await app.inject({ method: 'GET', url: `/api/v1/jobs/${jobID}/results`, headers: bearer(analyst) })).statusCode).toBe(404);
    expect((await verifyAuditChain(db.kysely)).ok).toBe(true);
  });

  it('runs a chain as one job with a child job per step, feeding one step output to the next', async () => {
    const description = ProcessDescription.parse((await app.inject({ method: 'GET', url: '/api/v1/processes/steekproef-telling' })).json());
    expect(Object.keys(description.inputs)).toEqual(expect.arrayContaining(['trekSampleSize', 'trekBuildings', 'telRadiusM']));
    expect(Object.keys(description.inputs)).not.toContain('telBuildings');
    const submitted = await app.inject({ method: 'POST', url: '/api/v1/processes/steekproef-telling/execution', headers: { ...bearer(analyst), prefer: 'respond-async' }, payload: { inputs: { trekSampleSize: 8 } } });
    expect(submitted.statusCode).toBe(201);
    const chain = await untilFinal(JobInfo.parse(submitted.json()).jobID);
    expect(chain.status, chain.message).toBe('successful');
    const results = (await app.inject({ method: 'GET', url: `/api/v1/jobs/${chain.jobID}/results`, headers: bearer(analyst) })).json() as Record<string, any>;
    const counted = Object.values(results.telling as Record<string, { buildings: number }>).reduce((n, u) => n + u.buildings, 0);
    expect(counted).toBe(8);
    const record = RunRecord.parse((await app.inject({ method: 'GET', url: `/api/v1/jobs/${chain.jobID}/record`, headers: bearer(analyst) })).json());
    expect(record.outputs.map((o) => o.output).sort()).toEqual(['steekproef', 'telling']);
    const children = await db.kysely.selectFrom('jobs').select(['id', 'status']).where('parent_job_id', '=', chain.jobID).execute();
    expect(children.map((c) => c.status)).toEqual(['successful', 'successful']);
    const stepRecords = await Promise.all(children.map(async (c) => RunRecord.parse((await app.inject({ method: 'GET', url: `/api/v1/jobs/${c.id}/record`, headers: bearer(analyst) })).json())));
    expect(stepRecords.every((r) => r.parentJobId === chain.jobID)).toBe(true);
    // The second step read the sample the first step produced.
    expect(stepRecords.map((r) => r.datasets[0]?.dataset).sort()).toEqual(['demo-gebouwen', results.steekproef.dataset].sort());
    const rerun = await app.inject({ method: 'POST', url: `/api/v1/jobs/${chain.jobID}/rerun`, headers: bearer(analyst) });
    expect(await untilFinal(JobInfo.parse(rerun.json()).jobID)).toMatchObject({ status: 'successful', reproduced: true });
  });

  it('streams progress as Server-Sent Events until the job ends', async () => {
    const { jobID } = JobInfo.parse((await execute({ inputs: { slowMs: 30, sampleSize: 0 } })).json());
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${address}/api/v1/jobs/${jobID}/events`, { headers: bearer(analyst) });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await res.text();
    const events = text.split('\n\n').filter((e) => e.startsWith('event: status')).map((e) => JSON.parse(e.split('data: ')[1]!) as JobInfo);
    expect(events.at(-1)?.status).toBe('successful');
    expect(events.some((e) => e.status === 'running' && (e.progress ?? 0) > 0 && (e.progress ?? 0) < 100)).toBe(true);
  });
});
