import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobInfo, Statement } from '@tweeling/core';
import { buildingsGeoJson, dataInvariantViolations, scratchApps, seededDataDir, until, withEmbedded } from './fault-helpers.js';
import { startServer, type RunningServer } from './processes.js';

const FINAL = ['successful', 'failed', 'dismissed'];

/**
 * kill -9 of the server (embedded database, embedded job queue) while jobs run and while monthly
 * statements are being produced. Afterwards no job stays "running", each job's run record and
 * usage are there exactly once, statements are unchanged and the audit chain verifies.
 */
describe('kill -9 during a job run and a statement run (embedded database)', () => {
  let ctx: Awaited<ReturnType<typeof seededDataDir>>;
  let appsDir: string;
  let env: Record<string, string>;
  let server: RunningServer | undefined;
  const jobs: Record<'retried' | 'once', string> = { retried: '', once: '' };
  beforeAll(async () => {
    ctx = await seededDataDir('fault-jobs');
    // gebouwen-telling is idempotent (retried after a crash); eenmalig-telling is the same app declared not idempotent.
    appsDir = await scratchApps('fault-jobs', ['gebouwen-telling'], [{ from: 'gebouwen-telling', id: 'eenmalig-telling', manifest: { idempotent: false } }]);
    env = { DATA_DIR: ctx.dataDir, SEED_DEMO: 'false', APPS_DIR: appsDir, JOB_CONCURRENCY: '2', JOBS_PER_ORGANISATION: '4' };
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await ctx?.dispose();
    if (appsDir) await rm(appsDir, { recursive: true, force: true });
  });

  const headers = (token: string, type = 'application/json') => ({ authorization: `Bearer ${token}`, 'content-type': type });
  const job = async (id: string) => JobInfo.parse(await (await fetch(`${server!.url}/api/v1/jobs/${id}`, { headers: headers(ctx.analyst) })).json());
  const submit = async (processId: string) => {
    const inputs = { slowMs: 1_000, sampleSize: 3, centreX: 140_050, centreY: 485_050, radiusM: 400, buildings: { dataset: 'fout-gebouwen' } };
    const res = await fetch(`${server!.url}/api/v1/processes/${processId}/execution`, { method: 'POST', headers: { ...headers(ctx.analyst), prefer: 'respond-async' }, body: JSON.stringify({ inputs }) });
    expect(res.status, await res.clone().text()).toBe(201);
    return JobInfo.parse(await res.json()).jobID;
  };
  const month = new Date().toISOString().slice(0, 7);
  const statement = (accept: string) => fetch(`${server!.url}/api/v1/organisations/almere/statements?month=${month}`, { headers: { ...headers(ctx.admin), accept } });

  it('ends a job cut off by kill -9 successful (idempotent app, retried) or failed with a clear reason, never running', async () => {
    server = await startServer(env, 120_000);
    const register = await fetch(`${server.url}/api/v1/datasets`, { method: 'POST', headers: headers(ctx.admin), body: JSON.stringify({ id: 'fout-gebouwen', title: { nl: 'Panden' }, kind: 'vector', licence: 'CC0-1.0' }) });
    expect(register.status).toBe(201);
    const upload = await fetch(`${server.url}/api/v1/datasets/fout-gebouwen/versions?crs=EPSG:28992`, { method: 'POST', headers: headers(ctx.admin, 'application/geo+json'), body: JSON.stringify(buildingsGeoJson(200)) });
    expect(upload.status).toBe(201);

    jobs.retried = await submit('gebouwen-telling');
    jobs.once = await submit('eenmalig-telling');
    // Both run (ten steps of a second each) when the server is killed.
    await until('both jobs running', async () => ((await Promise.all([job(jobs.retried), job(jobs.once)])).every((j) => j.status === 'running' && (j.progress ?? 0) > 0) ? true : undefined), 90_000, 100);
    await server.stop('SIGKILL');

    server = await startServer(env, 120_000);
    const [retried, once] = await until('both jobs final', async () => {
      const infos = await Promise.all([job(jobs.retried), job(jobs.once)]);
      return infos.every((i) => FINAL.includes(i.status)) ? infos : undefined;
    }, 120_000, 250);
    expect(retried!.status, retried!.message).toBe('successful');
    expect(once!.status).toBe('failed');
    expect(once!.message).toMatch(/stopte tijdens de uitvoering.*niet als herhaalbaar/);

    const record = await fetch(`${server.url}/api/v1/jobs/${jobs.retried}/record`, { headers: headers(ctx.analyst) });
    expect(record.status).toBe(200);
    expect(((await record.json()) as { jobId: string }).jobId).toBe(jobs.retried);
    expect((await fetch(`${server.url}/api/v1/jobs/${jobs.retried}/results`, { headers: headers(ctx.analyst) })).status).toBe(200);
    // The failed job has no outputs, and asking for them is a clean 4xx, not a server error.
    for (const path of ['results', 'record', 'provenance']) {
      const res = await fetch(`${server.url}/api/v1/jobs/${jobs.once}/${path}`, { headers: headers(ctx.analyst) });
      expect(res.status, `${path}: ${res.status}`).toBeLessThan(500);
    }
  }, 300_000);

  it('changes nothing when killed during statement runs; the statement afterwards is the same', async () => {
    const before = Statement.parse(await (await statement('application/json')).json());
    const csvBefore = await (await statement('text/csv')).text();
    expect(before.runs).toBeGreaterThanOrEqual(1);
    const auditBefore = await (await fetch(`${server!.url}/api/v1/audit?limit=50`, { headers: headers(ctx.admin) })).json();

    const runs = Array.from({ length: 40 }, (_, i) => statement(i % 2 ? 'text/csv' : 'application/json').then((r) => r.status, () => 'aborted' as const));
    await new Promise((resolve) => setTimeout(resolve, 30));
    await server!.stop('SIGKILL');
    const outcomes = await Promise.all(runs);
    expect(outcomes, 'some statement runs were cut off').toContain('aborted');

    server = await startServer(env, 120_000);
    expect(Statement.parse(await (await statement('application/json')).json())).toEqual(before);
    expect(await (await statement('text/csv')).text()).toBe(csvBefore);
    expect(await (await fetch(`${server.url}/api/v1/audit?limit=50`, { headers: headers(ctx.admin) })).json()).toEqual(auditBefore);
    await server.stop('SIGKILL');
    server = undefined;

    await withEmbedded(ctx.dataDir, async (db) => {
      const rows = await db.selectFrom('jobs').select(['id', 'status', 'attempts']).execute();
      expect(rows.filter((r) => r.status === 'running' || r.status === 'accepted')).toEqual([]);
      expect(rows.find((r) => r.id === jobs.retried)?.attempts).toBe(2);
      const records = await db.selectFrom('run_records').select('job_id').execute();
      const usage = await db.selectFrom('usage_events').select('job_id').execute();
      // The retried job: one run record and one usage event (the cut-off attempt left none).
      expect(records.filter((r) => r.job_id === jobs.retried)).toHaveLength(1);
      expect(usage.filter((u) => u.job_id === jobs.retried)).toHaveLength(1);
      expect(usage.filter((u) => u.job_id === jobs.once)).toHaveLength(0);
      expect(await dataInvariantViolations(db)).toEqual([]);
    });
  }, 300_000);
});
