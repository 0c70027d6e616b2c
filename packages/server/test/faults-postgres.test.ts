import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Health } from '@tweeling/core';
import { seedDemo } from '../src/seed.js';
import { sleep, until } from './fault-helpers.js';
import { openTestDb, TEST_POSTGRES_URL, tokenFor, type TestDb } from './harness.js';
import { startServer, type RunningServer } from './processes.js';

/** How long the database is gone: new connections refused, existing ones terminated over and over. */
const OUTAGE_MS = 3_000;

interface Outcome {
  what: string;
  status: number | 'hung' | 'connection error';
  problem: boolean;
  retryAfter: string | null;
  at: number;
}

/**
 * The server loses its PostgreSQL database for a few seconds while requests run: requests fail
 * cleanly (problem+json, 503 with Retry-After, never a 500, a hang or a crash) and the service
 * recovers by itself.
 */
describe('losing the PostgreSQL connection for a few seconds', () => {
  let pgDb: TestDb;
  let server: RunningServer;
  let admin: string;
  let name: string;
  let superuser: pg.Client;
  beforeAll(async () => {
    pgDb = await openTestDb('postgres');
    await seedDemo({ db: pgDb.kysely, clock: () => new Date() });
    admin = await tokenFor(pgDb, 'almere', 'admin');
    await pgDb.close();
    name = new URL(pgDb.location.databaseUrl!).pathname.slice(1);
    superuser = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await superuser.connect();
    // RUN_JOBS stays on: the embedded queue polls the database every 250 ms through the outage.
    server = await startServer({ DATABASE_URL: pgDb.location.databaseUrl!, SEED_DEMO: 'false' }, 120_000);
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    if (superuser) {
      await superuser.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`).catch(() => undefined);
      await superuser.end();
    }
    await pgDb?.dispose();
  });

  const auth = () => ({ authorization: `Bearer ${admin}`, 'content-type': 'application/json' });
  let counter = 0;
  const requests: Array<[string, () => Promise<Response>]> = [
    ['datasets', () => fetch(`${server.url}/api/v1/datasets`, { signal: AbortSignal.timeout(20_000) })],
    ['members', () => fetch(`${server.url}/api/v1/organisations/almere/members`, { headers: auth(), signal: AbortSignal.timeout(20_000) })],
    ['member.create', () => fetch(`${server.url}/api/v1/organisations/almere/members`, {
      method: 'POST', headers: auth(), signal: AbortSignal.timeout(20_000),
      body: JSON.stringify({ email: `storing${(counter += 1)}@almere.demo`, name: `Storing ${counter}`, role: 'viewer' }),
    })],
    ['health', () => fetch(`${server.url}/api/v1/health`, { signal: AbortSignal.timeout(20_000) })],
  ];
  const attempt = async (what: string, call: () => Promise<Response>): Promise<Outcome> => {
    try {
      const res = await call();
      const type = res.headers.get('content-type') ?? '';
      await res.arrayBuffer();
      return { what, status: res.status, problem: type.startsWith('application/problem+json') || (what === 'health' && type.startsWith('application/json')), retryAfter: res.headers.get('retry-after'), at: Date.now() };
    } catch (error) {
      return { what, status: (error as Error).name === 'TimeoutError' ? 'hung' : 'connection error', problem: false, retryAfter: null, at: Date.now() };
    }
  };

  it('fails requests cleanly during the outage and recovers without a restart', async () => {
    for (const [what, call] of requests) expect((await attempt(what, call)).status, what).toBeLessThan(300);

    const outcomes: Outcome[] = [];
    let traffic = true;
    const loops = requests.map(async ([what, call]) => {
      while (traffic) {
        outcomes.push(await attempt(what, call));
        await sleep(50);
      }
    });

    await superuser.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    const outageStart = Date.now();
    let healthDuring: { status: number; body?: Health } | undefined;
    while (Date.now() - outageStart < OUTAGE_MS) {
      await superuser.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      if (!healthDuring && Date.now() - outageStart > 1_000) {
        const res = await fetch(`${server.url}/api/v1/health`, { signal: AbortSignal.timeout(20_000) }).catch(() => undefined);
        healthDuring = res ? { status: res.status, body: Health.parse(await res.json()) } : { status: 0 };
      }
      await sleep(100);
    }
    await superuser.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    const outageEnd = Date.now();

    expect(server.child.exitCode, server.output().slice(-3000)).toBeNull();
    // The service recovers by itself: health, reads and writes work again without a restart.
    await until('health 200 after the outage', async () => ((await attempt('health', requests[3]![1])).status === 200 ? true : undefined), 30_000, 200);
    const recoveredMs = Date.now() - outageEnd;
    traffic = false;
    await Promise.all(loops);
    for (const [what, call] of requests) expect((await attempt(what, call)).status, `${what} after the outage`).toBeLessThan(300);

    expect(healthDuring?.status).toBe(503);
    expect(healthDuring?.body?.database.reachable).toBe(false);

    const failed = outcomes.filter((o) => o.status !== 'hung' && o.status !== 'connection error' && o.status >= 400);
    const summary = JSON.stringify({ recoveredMs, total: outcomes.length, byStatus: outcomes.reduce<Record<string, number>>((m, o) => ({ ...m, [`${o.what} ${o.status}`]: (m[`${o.what} ${o.status}`] ?? 0) + 1 }), {}) });
    // Never a hang, a dropped connection or a 500 …
    expect(outcomes.filter((o) => typeof o.status !== 'number' || o.status >= 500 && o.status !== 503), summary).toEqual([]);
    // … the outage was felt, and every failure is a problem+json answer; a 503 says when to retry.
    expect(failed.length, summary).toBeGreaterThan(0);
    expect(failed.filter((o) => !o.problem), summary).toEqual([]);
    expect(failed.filter((o) => o.status === 503 && o.what !== 'health' && !o.retryAfter), summary).toEqual([]);
    console.info(`PostgreSQL outage of ${OUTAGE_MS} ms: ${summary}`);
  }, 120_000);
});
