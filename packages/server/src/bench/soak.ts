/**
 * Soak: BENCH_SOAK_S seconds (default 600) of mixed load at a moderate rate (BENCH_SOAK_RATE
 * requests/s, default 20) against the real server on the embedded database, sampling the server
 * process's resident memory every 10 s. The slope over the second half says whether memory stays flat.
 */
import { fmt } from './harness.js';
import { cannon, failureReasons, probe, summary, TARGETS } from './load.js';
import { jobCounts, rssMb, startBenchServer } from './server.js';

const SAMPLE_EVERY_MS = 10_000;
const CONNECTIONS = 10;

/** Least-squares slope of y over x. */
export function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? Number.NaN : sxy / sxx;
}

export async function benchSoak(seconds: number, rate: number): Promise<void> {
  console.log(`Soak (real server process, PGlite, ${fmt(seconds)} s of mixed load at ${fmt(rate)} req/s over ${CONNECTIONS} connections; server RSS every ${SAMPLE_EVERY_MS / 1000} s)`);
  const server = await startBenchServer('pglite');
  if (!server) return;
  try {
    const [catalogue, items, jobs] = TARGETS as [(typeof TARGETS)[number], (typeof TARGETS)[number], (typeof TARGETS)[number]];
    for (const target of [catalogue, items, jobs]) if ((await probe(server, target)) === null) return;
    // Twenty requests a round: ten feature pages, nine catalogue searches, one job (the queue must keep up).
    const round = [...Array.from({ length: 9 }, () => [items, catalogue]).flat(), items, jobs];
    const requests = round.map((t) => ({ method: t.method, path: t.path, body: t.body, headers: { authorization: `Bearer ${server.token}`, ...t.headers } }));

    const started = Date.now();
    const samples: Array<[number, number]> = [[0, await rssMb(server.pid)]];
    const timer = setInterval(() => {
      const at = (Date.now() - started) / 1000;
      void rssMb(server.pid).then((mb) => samples.push([at, mb]));
    }, SAMPLE_EVERY_MS);
    const result = await cannon({ url: server.url, connections: CONNECTIONS, overallRate: rate, duration: seconds, requests }).finally(() => clearInterval(timer));
    samples.sort((a, b) => a[0] - b[0]);
    const end = (Date.now() - started) / 1000;
    if (end - samples[samples.length - 1]![0] >= 1) samples.push([end, await rssMb(server.pid)]);

    console.log(`  ${server.label}: ${summary(result)}`);
    const counts = await jobCounts(server);
    if (counts) console.log(`  jobs: ${fmt(counts.successful ?? 0)} successful, ${fmt(counts.failed ?? 0)} failed; queue at the end: ${fmt(counts.accepted ?? 0)} waiting, ${fmt(counts.running ?? 0)} running`);
    if ((counts?.failed ?? 0) > 0) console.log(`  why jobs failed: ${(await failureReasons(server)).join(' | ')}`);
    console.log(`  RSS samples (s: MB): ${samples.map(([t, mb]) => `${fmt(t)}: ${fmt(mb, 1)}`).join(', ')}`);
    const secondHalf = samples.filter(([t]) => t >= seconds / 2).map(([t, mb]): [number, number] => [t / 60, mb]);
    const mbs = samples.map(([, mb]) => mb);
    console.log(
      `  RSS: min ${fmt(Math.min(...mbs), 1)} MB, max ${fmt(Math.max(...mbs), 1)} MB; slope over the second half ${fmt(slope(secondHalf), 2)} MB/min (${secondHalf.length} samples)`,
    );
  } finally {
    await server.stop();
  }
}
