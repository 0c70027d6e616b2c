import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/index.js';
import { openDatabase } from '../src/db/index.js';
import { copiedDataDir } from './harness.js';
import { runCli, startServer } from './processes.js';

/** kill -9 in the middle of writes: afterwards every change has its audit entry and the chain verifies. */
describe('killing the server mid-request', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('leaves the embedded database consistent', async () => {
    const { dataDir, dispose } = await copiedDataDir('kill');
    cleanups.push(dispose);
    const env = { DATA_DIR: dataDir, SEED_DEMO: 'false' };
    expect((await runCli(['seed', '--no-area'], env)).code).toBe(0);
    const admin = (await runCli(['token', 'create', '--org', 'almere', '--role', 'admin'], env)).stdout.trim();

    const server = await startServer(env);
    const requests = Array.from({ length: 60 }, (_, i) =>
      fetch(`${server.url}/api/v1/organisations/almere/members`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ email: `lid${i}@almere.demo`, name: `Lid ${i}`, role: 'viewer' }),
      }).then((r) => r.status, () => 'aborted' as const),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    await server.stop('SIGKILL');
    const outcomes = await Promise.all(requests);
    const succeeded = outcomes.filter((o) => o === 201).length;

    const db = await openDatabase({ dataDir });
    try {
      const members = await db.kysely
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['m.user_id', 'u.email'])
        .where('u.email', 'like', 'lid%@almere.demo')
        .execute();
      const audited = await db.kysely.selectFrom('audit_log').select('target_id').where('action', '=', 'member.create').execute();
      const auditedIds = new Set(audited.map((a) => a.target_id));
      // Every member that exists has its audit entry (change and entry committed together) …
      for (const member of members) expect(auditedIds.has(member.user_id), member.email).toBe(true);
      // … every answered 201 is durable …
      expect(members.length).toBeGreaterThanOrEqual(succeeded);
      // … and the chain verifies.
      expect((await verifyAuditChain(db.kysely)).ok).toBe(true);
    } finally {
      await db.close();
    }

    const again = await startServer(env);
    cleanups.push(() => again.stop('SIGKILL'));
    const health = await fetch(`${again.url}/api/v1/health`);
    expect(health.status).toBe(200);
  });
});
