import { fileURLToPath } from 'node:url';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createToken } from '../identity/index.js';
import { seedDemo } from '../seed.js';
import { fmt, percentile, type BenchDb } from './harness.js';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/apps', import.meta.url));

/** Job throughput (trivial jobs/s) and queue latency (submit → running) of the embedded queue. */
export async function benchJobs(target: BenchDb, jobs: number): Promise<void> {
  const deps = { db: target.db.kysely, clock: () => new Date() };
  await seedDemo(deps);
  const { token } = await createToken(deps, { organisationId: 'almere', userId: null, tokenId: null, label: 'bench', requestId: null }, 'almere', { name: 'bench', role: 'analyst', expiresInDays: 1 });
  const app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent', JOBS_PER_ORGANISATION: '1000' }),
    db: target.db,
    closeDb: false,
    logger: false,
    extraAppDirs: [FIXTURES],
  });
  try {
    const headers = { authorization: `Bearer ${token}`, prefer: 'respond-async' };
    const started = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < jobs; i += 1) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/processes/leeg/execution', headers, payload: { inputs: { n: i } } });
      ids.push((res.json() as { jobID: string }).jobID);
    }
    for (;;) {
      const open = await target.db.kysely.selectFrom('jobs').select('id').where('status', 'in', ['accepted', 'running']).execute();
      if (open.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    const rows = await target.db.kysely.selectFrom('jobs').select(['status', 'created_at', 'started_at']).where('id', 'in', ids).execute();
    const failed = rows.filter((r) => r.status !== 'successful').length;
    const waits = rows.map((r) => new Date(r.started_at!).getTime() - new Date(r.created_at).getTime());
    console.log(`  ${target.label}: ${fmt(jobs)} trivial jobs in ${fmt(seconds, 1)} s = ${fmt(jobs / seconds, 1)} jobs/s (${failed} not successful)`);
    console.log(`  ${target.label}: queue latency submit → running: p50 ${fmt(percentile(waits, 50))} ms, p95 ${fmt(percentile(waits, 95))} ms (all jobs submitted at once)`);
  } finally {
    await app.close();
  }
}
