import { afterAll, describe, expect, it } from 'vitest';
import { copiedDataDir } from './harness.js';
import { runCli, startServer } from './processes.js';

/** `tweeling token create` under TOKEN_MAX_DAYS and `tweeling token rotate`, as an operator runs them. */
describe('tweeling token rotate', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('caps new tokens at TOKEN_MAX_DAYS and rotates a token: new secret printed once, old one revoked or kept for a grace period', async () => {
    const { dataDir, dispose } = await copiedDataDir('token-cli');
    cleanups.push(dispose);
    const env = { DATA_DIR: dataDir, SEED_DEMO: 'false', TOKEN_MAX_DAYS: '30' };
    expect((await runCli(['seed', '--no-area'], env, 120_000)).code).toBe(0);

    // Each command opens the embedded database (seconds); refusals over HTTP are in src/identity/token-rotation.test.ts.
    const tooLong = await runCli(['token', 'create', '--org', 'almere', '--role', 'analyst', '--expires-days', '31'], env);
    expect(tooLong.code).not.toBe(0);
    expect(tooLong.stderr).toContain('hooguit 30 dagen');

    const create = async () => {
      const run = await runCli(['token', 'create', '--org', 'almere', '--role', 'analyst', '--name', 'GIS-koppeling'], env);
      expect(run.code).toBe(0);
      const id = /^token ([0-9a-f-]{36}) for almere/m.exec(run.stderr)?.[1];
      const until = /valid until (\S+);/.exec(run.stderr)?.[1];
      expect(Date.parse(until!) - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
      expect(Date.parse(until!) - Date.now()).toBeLessThanOrEqual(30 * 86_400_000);
      return { id: id!, token: run.stdout.trim() };
    };
    const first = await create();
    const second = await create();

    const rotated = await runCli(['token', 'rotate', first.id, '--org', 'almere'], env);
    expect(rotated.code).toBe(0);
    expect(rotated.stderr).toMatch(new RegExp(`replaces ${first.id} \\(revoked at `));
    const firstNew = rotated.stdout.trim();
    expect(firstNew).toMatch(/^twl_[A-Za-z0-9_-]{40,}$/);
    expect(firstNew).not.toBe(first.token);

    const graceful = await runCli(['token', 'rotate', second.id, '--org', 'almere', '--grace-minutes', '10'], env);
    expect(graceful.code).toBe(0);
    expect(graceful.stderr).toMatch(new RegExp(`replaces ${second.id} \\(valid until `));
    const secondNew = graceful.stdout.trim();


    const server = await startServer(env);
    cleanups.push(() => server.stop('SIGKILL'));
    const me = (token: string) => fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await me(firstNew)).status).toBe(200);
    const old = await me(first.token);
    expect(old.status).toBe(401);
    expect(((await old.json()) as { code: string }).code).toBe('TWL_IDENTITY_TOKEN_REVOKED');
    expect((await me(second.token)).status).toBe(200); // still within its 10-minute grace period
    expect((await me(secondNew)).status).toBe(200);
  }, 480_000);
});
