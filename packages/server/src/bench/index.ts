/**
 * `npm run bench -w packages/server`: figures the issues ask for, printed, never asserted.
 * BENCH_ONLY picks benches by name, comma-separated (features, jobs, load, soak); without it the
 * in-process benches run (features, jobs). Sizes: BENCH_BUILDINGS (default 100 000), BENCH_JOBS
 * (default 200), BENCH_LOAD_S (seconds per load target, default 60), BENCH_SOAK_S (default 600;
 * 0 skips the soak) and BENCH_SOAK_RATE (requests/s during the soak, default 20).
 */
import { benchFeatures } from './features.js';
import { benchPglite, benchPostgres, type BenchDb } from './harness.js';
import { benchJobs } from './jobs.js';
import { benchLoad } from './load.js';
import { benchSoak } from './soak.js';

const buildings = Number(process.env.BENCH_BUILDINGS ?? 100_000);
const jobs = Number(process.env.BENCH_JOBS ?? 200);
const loadS = Number(process.env.BENCH_LOAD_S ?? 60);
const soakS = Number(process.env.BENCH_SOAK_S ?? 600);
const soakRate = Number(process.env.BENCH_SOAK_RATE ?? 20);

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

const BENCHES: Record<string, () => Promise<void>> = {
  features: () => onEach(`OGC API Features (${buildings.toLocaleString('en-US')} buildings)`, (db) => benchFeatures(db, buildings)),
  jobs: () => onEach(`Jobs (embedded queue, ${jobs} trivial jobs)`, (db) => benchJobs(db, jobs)),
  load: () => benchLoad(loadS),
  soak: async () => {
    if (soakS > 0) await benchSoak(soakS, soakRate);
    else console.log('Soak: skipped (BENCH_SOAK_S=0)');
  },
};

const only = (process.env.BENCH_ONLY ?? 'features,jobs').split(',').map((name) => name.trim()).filter(Boolean);
const unknown = only.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`BENCH_ONLY: unknown bench ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
for (const name of only) await BENCHES[name]!();
