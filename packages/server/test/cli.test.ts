import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { Health, Problem } from '@tweeling/core';
import { openDatabase } from '../src/db/index.js';
import { copiedDataDir, openTestDb, TEST_TMP, type TestDb } from './harness.js';
import { runCli, startServer } from './processes.js';

/** Real processes on a real port: what a newcomer and an operator do with the CLI. */
describe('tweeling CLI and server processes', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('creates a token with the CLI that can add a member over HTTP; a viewer token cannot; the audit chain verifies and tampering is caught', async () => {
    const { dataDir, dispose } = await copiedDataDir('cli');
    cleanups.push(dispose);
    const env = { DATA_DIR: dataDir, SEED_DEMO: 'false' };

    expect((await runCli(['seed', '--no-area'], env)).code).toBe(0);
    const adminRun = await runCli(['token', 'create', '--org', 'almere', '--role', 'admin'], env);
    expect(adminRun.code).toBe(0);
    const admin = adminRun.stdout.trim();
    expect(admin).toMatch(/^twl_[A-Za-z0-9_-]{40,}$/);
    const viewer = (await runCli(['token', 'create', '--org', 'almere', '--role', 'viewer'], env)).stdout.trim();
    expect((await runCli(['token', 'create', '--org', 'almere', '--role', 'baas'], env)).code).not.toBe(0);

    const server = await startServer(env);
    cleanups.push(() => server.stop('SIGKILL'));
    const post = (token: string, email: string) =>
      fetch(`${server.url}/api/v1/organisations/almere/members`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ email, name: 'Nieuwe collega', role: 'analyst' }),
      });
    expect((await post(admin, 'collega@almere.demo')).status).toBe(201);
    const refused = await post(viewer, 'ander@almere.demo');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Problem.parse(await refused.json()).code).toBe('TWL_IDENTITY_FORBIDDEN');

    const inUse = await runCli(['audit', 'verify'], env);
    expect(inUse.code).not.toBe(0);
    expect(inUse.stderr).toMatch(/in use by process/);

    expect(await server.stop('SIGTERM')).toBe(0);
    const verified = await runCli(['audit', 'verify'], env);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/audit chain OK: \d+ entries/);

    const db = await openDatabase({ dataDir });
    // Someone with database rights switches the append-only guard off and rewrites history.
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(db.kysely);
    await sql`UPDATE audit_log SET action = 'member.delete' WHERE seq = 3`.execute(db.kysely);
    await db.close();
    const broken = await runCli(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/BROKEN at entry 3/);
  });

  it('serves the same API on PostgreSQL when DATABASE_URL is set', async () => {
    const pgDb: TestDb = await openTestDb('postgres');
    await pgDb.close();
    cleanups.push(() => pgDb.dispose());
    const server = await startServer({ DATABASE_URL: pgDb.location.databaseUrl, DATA_DIR: join(TEST_TMP, 'unused') });
    cleanups.push(() => server.stop('SIGKILL'));
    const health = Health.parse(await (await fetch(`${server.url}/api/v1/health`)).json());
    expect(health).toMatchObject({ status: 'pass', database: { engine: 'postgres', migrationsCurrent: true } });
    const orgs = (await (await fetch(`${server.url}/api/v1/organisations`)).json()) as { organisations: { id: string }[] };
    expect(orgs.organisations.map((o) => o.id)).toContain('almere');
    expect(await server.stop('SIGTERM')).toBe(0);
  });
});
