/**
 * Load: autocannon against the real server (`tweeling serve` in its own process) on the embedded
 * database and on PostgreSQL: the catalogue, feature items and job submission, 50 connections each,
 * BENCH_LOAD_S seconds (default 60). Printed, never asserted.
 */
import autocannon from 'autocannon';
import { fmt } from './harness.js';
import { jobCounts, startBenchServer, type BenchServer, type Engine } from './server.js';

export const CONNECTIONS = 50;

/** One kind of request the benchmark sends. */
export interface LoadTarget {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** What one answer holds, for the line before the run (proves the request does real work). */
  describe(body: unknown): string;
}

/** A 500 m × 500 m box in the middle of the demo area (RD New 140500–141500, 485500–486500). */
const DEMO_BBOX = '140750,485750,141250,486250';

export const TARGETS: LoadTarget[] = [
  {
    name: 'catalogue',
    method: 'GET',
    path: '/api/v1/apps?q=water',
    describe: (b) => `${(b as { total?: number }).total ?? '?'} apps match`,
  },
  {
    name: 'feature items',
    method: 'GET',
    path: `/api/v1/collections/demo-gebouwen/items?limit=100&bbox=${DEMO_BBOX}&bbox-crs=EPSG:28992`,
    describe: (b) => `${(b as { numberReturned?: number }).numberReturned ?? '?'} buildings per page`,
  },
  {
    name: 'job submission',
    method: 'POST',
    path: '/api/v1/processes/leeg/execution',
    body: JSON.stringify({ inputs: { n: 1 } }),
    headers: { 'content-type': 'application/json', prefer: 'respond-async' },
    describe: (b) => `job ${(b as { status?: string }).status ?? '?'}`,
  },
];

const headersFor = (server: BenchServer, target: LoadTarget) => ({ authorization: `Bearer ${server.token}`, ...target.headers });

/** One request first: a target that does not answer 2xx is reported and not loaded. */
export async function probe(server: BenchServer, target: LoadTarget): Promise<string | null> {
  const res = await fetch(`${server.url}${target.path}`, { method: target.method, headers: headersFor(server, target), body: target.body });
  const text = await res.text();
  if (!res.ok) {
    console.log(`    ${target.name}: ${target.method} ${target.path} answered ${res.status}, not loaded: ${text.slice(0, 300)}`);
    return null;
  }
  return target.describe(JSON.parse(text));
}

/** Runs autocannon (its answer is a thenable, not a Promise: awaited here). */
export async function cannon(options: autocannon.Options): Promise<autocannon.Result> {
  return await autocannon({ connections: CONNECTIONS, timeout: 10, ...options });
}

/** One line: sustained requests/s, latency p50/p99, non-2xx, errors and timeouts. */
export function summary(result: autocannon.Result): string {
  const codes = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, s]) => `${code}×${s.count ?? 0}`)
    .join(' ');
  return (
    `${fmt(result.requests.average)} req/s sustained (${fmt(result.requests.total)} in ${fmt(result.duration, 0)} s), ` +
    `latency p50 ${fmt(result.latency.p50)} ms, p99 ${fmt(result.latency.p99)} ms, ` +
    `non-2xx ${fmt(result.non2xx)}${codes ? ` (${codes})` : ''}, errors ${fmt(result.errors)} (timeouts ${fmt(result.timeouts)})`
  );
}

const sum = (counts: Record<string, number> | null, statuses: string[]) => (counts ? statuses.reduce((n, s) => n + (counts[s] ?? 0), 0) : Number.NaN);
const FINAL = ['successful', 'failed', 'dismissed'];
const ALL = ['accepted', 'running', ...FINAL];

/**
 * Waits until the server answers a health check within 100 ms (at most 30 s): autocannon stops
 * with requests in flight, and those must not weigh on the next target.
 */
export async function settle(server: BenchServer): Promise<void> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const started = performance.now();
    const ok = await fetch(`${server.url}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok && performance.now() - started < 100) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function loadTarget(server: BenchServer, target: LoadTarget, seconds: number): Promise<void> {
  await settle(server);
  const described = await probe(server, target);
  if (described === null) return;
  const before = await jobCounts(server);
  const result = await cannon({ url: `${server.url}${target.path}`, duration: seconds, method: target.method, headers: headersFor(server, target), body: target.body });
  console.log(`    ${target.name} (${target.method} ${target.path}; ${described}): ${summary(result)}`);
  if (target.method === 'POST') {
    const after = await jobCounts(server);
    if (!after) {
      console.log('      jobs: /metrics could not be read; finished and queued jobs unknown');
      return;
    }
    // Requests still in flight when autocannon stops may create jobs after it: count them from the database.
    console.log(
      `      jobs: ${fmt(sum(after, ALL) - sum(before, ALL))} created during the run, ${fmt(sum(after, FINAL) - sum(before, FINAL))} finished during it ` +
        `(${fmt(after.successful ?? 0)} successful, ${fmt(after.failed ?? 0)} failed in all); queue at the end: ${fmt(after.accepted ?? 0)} waiting, ${fmt(after.running ?? 0)} running`,
    );
    if ((after.failed ?? 0) > 0) console.log(`      why jobs failed: ${(await failureReasons(server)).join(' | ')}`);
  }
}

/** The distinct messages of (up to 100) failed jobs of the token's organisation. */
export async function failureReasons(server: BenchServer): Promise<string[]> {
  const res = await fetch(`${server.url}/api/v1/jobs?status=failed&limit=100`, { headers: { authorization: `Bearer ${server.token}` } });
  if (!res.ok) return [`the job list answered ${res.status}`];
  const { jobs } = (await res.json()) as { jobs: Array<{ message?: string }> };
  return [...new Set(jobs.map((j) => j.message ?? '?'))];
}

/** The load benchmark on one database: a fresh server, the three targets one after the other. */
async function loadOn(engine: Engine, seconds: number): Promise<void> {
  const server = await startBenchServer(engine);
  if (!server) {
    console.log('  PostgreSQL: not reachable, skipped');
    return;
  }
  console.log(`  ${server.label}:`);
  try {
    // Job submission last: the queue it leaves behind must not slow the reads.
    for (const target of TARGETS) await loadTarget(server, target, seconds);
  } finally {
    await server.stop();
  }
}

export async function benchLoad(seconds: number): Promise<void> {
  console.log(`Load (real server process, autocannon, ${CONNECTIONS} connections, ${seconds} s per target, analyst token, rate limits off)`);
  for (const engine of ['pglite', 'postgres'] as const) await loadOn(engine, seconds);
}
