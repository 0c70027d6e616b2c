import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobInfo } from '@tweeling/core';
import { FIXTURE_APPS, openTestDb, type TestDb } from './harness.js';
import { runCli, startCli, startServer, type RunningServer } from './processes.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Many machines: an API server that only queues, and separate `tweeling worker` processes on PostgreSQL. */
describe('tweeling worker processes on PostgreSQL', () => {
  let pgDb: TestDb;
  let server: RunningServer;
  let token: string;
  let env: Record<string, string>;
  const workers: ReturnType<typeof startCli>[] = [];
  beforeAll(async () => {
    pgDb = await openTestDb('postgres');
    await pgDb.close();
    env = { DATABASE_URL: pgDb.location.databaseUrl!, APPS_DIR: FIXTURE_APPS, JOB_CONCURRENCY: '2', JOBS_PER_ORGANISATION: '100', JOB_STALE_AFTER_S: '8' };
    server = await startServer({ ...env, RUN_JOBS: 'false' }, 120_000);
    token = (await runCli(['token', 'create', '--org', 'almere', '--role', 'analyst'], env)).stdout.trim();
    workers.push(startCli(['worker'], env), startCli(['worker'], env));
  });
  afterAll(async () => {
    for (const w of workers) await w.stop('SIGKILL');
    await server?.stop('SIGKILL');
    await pgDb?.dispose();
  });

  const headers = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json', prefer: 'respond-async' });
  const submit = async (inputs: Record<string, unknown>) => {
    const res = await fetch(`${server.url}/api/v1/processes/gebouwen-telling/execution`, { method: 'POST', headers: headers(), body: JSON.stringify({ inputs }) });
    expect(res.status).toBe(201);
    return JobInfo.parse(await res.json()).jobID;
  };
  const status = async (id: string) => JobInfo.parse(await (await fetch(`${server.url}/api/v1/jobs/${id}`, { headers: headers() })).json());
  async function untilAllFinal(ids: string[], timeoutMs: number): Promise<JobInfo[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const infos = await Promise.all(ids.map(status));
      if (infos.every((i) => ['successful', 'failed', 'dismissed'].includes(i.status))) return infos;
      if (Date.now() > deadline) throw new Error(`not final: ${infos.filter((i) => i.status === 'running' || i.status === 'accepted').length}`);
      await sleep(300);
    }
  }

  it('completes 20 jobs, each exactly once, spread over both workers', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => submit({ slowMs: 50, sampleSize: i % 3, radiusM: 200 + i })));
    const infos = await untilAllFinal(ids, 120_000);
    expect(infos.map((i) => i.status)).toEqual(Array(20).fill('successful'));
    const admin = (await import('pg')).default;
    const client = new admin.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    const rows = (await client.query('SELECT worker, attempts FROM jobs WHERE id = ANY($1)', [ids])).rows as { worker: string; attempts: number }[];
    const records = (await client.query('SELECT count(*)::int AS n FROM run_records WHERE job_id = ANY($1)', [ids])).rows[0] as { n: number };
    await client.end();
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.worker)), JSON.stringify(rows)).toHaveProperty('size', 2);
    expect(records.n).toBe(20);
  });

  it('ends every job successful or failed when a worker is killed mid-job', async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, () => submit({ slowMs: 400, sampleSize: 0 })));
    for (let i = 0; i < 100 && !(await Promise.all(ids.map(status))).some((s) => s.status === 'running'); i += 1) await sleep(100);
    await workers[0]!.stop('SIGKILL');
    const infos = await untilAllFinal(ids, 120_000);
    for (const info of infos) expect(['successful', 'failed']).toContain(info.status);
    expect(infos.filter((i) => i.status === 'successful').length).toBeGreaterThan(0);
  });
});
