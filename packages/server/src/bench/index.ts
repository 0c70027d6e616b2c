/**
 * `npm run bench -w packages/server`: figures the issues ask for, printed, never asserted.
 * BENCH_BUILDINGS (default 100 000) and BENCH_JOBS (default 200) set the sizes.
 */
import { benchFeatures } from './features.js';
import { benchPglite, benchPostgres, type BenchDb } from './harness.js';
import { benchJobs } from './jobs.js';

const buildings = Number(process.env.BENCH_BUILDINGS ?? 100_000);
const jobs = Number(process.env.BENCH_JOBS ?? 200);

async function onEach(label: string, work: (db: BenchDb) => Promise<void>): Promise<void> {
  console.log(label);
  for (const open of [benchPglite, benchPostgres]) {
    const target = await open();
    if (!target) {
      console.log('  PostgreSQL: not reachable, skipped');
      continue;
    }
    try {
      await work(target);
    } finally {
      await target.dispose();
    }
  }
}

await onEach(`OGC API Features (${buildings.toLocaleString('en-US')} buildings)`, (db) => benchFeatures(db, buildings));
await onEach(`Jobs (embedded queue, ${jobs} trivial jobs)`, (db) => benchJobs(db, jobs));
