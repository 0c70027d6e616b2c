import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Publication } from '@tweeling/core';
import { packAppFolder } from '../src/cli-app.js';
import { openDatabase } from '../src/db/index.js';
import { createOrganisation } from '../src/identity/index.js';
import { seedDemo } from '../src/seed.js';
import { dataInvariantViolations, sleep, withEmbedded } from './fault-helpers.js';
import { copiedDataDir, TEST_TMP, tokenFor } from './harness.js';
import { startServer, type RunningServer } from './processes.js';

const REGENTON = fileURLToPath(new URL('./fixtures/vendor-apps/regenton', import.meta.url));
const ALL_MET = { purpose: { met: true }, 'data-use': { met: true }, terms: { met: true }, outputs: { met: true } };
/** Versions submitted while the server is killed. */
const CUT_OFF = ['1.0.1', '1.0.2', '1.0.3'];

/**
 * kill -9 of the server (embedded database) while a vendor submits app packages and the store
 * operator approves one: afterwards every submission is there whole (package, checks, audit entry)
 * or not at all, an approval is there with its release and audit entry or not at all, the audit
 * chain verifies, and the cut-off submissions go through after the restart.
 */
describe('kill -9 during publishing (embedded database)', () => {
  let dataDir: string;
  let dispose: () => Promise<void>;
  let vendor: string;
  let operator: string;
  let env: Record<string, string>;
  const packages = new Map<string, Buffer>();
  beforeAll(async () => {
    ({ dataDir, dispose } = await copiedDataDir('fault-publish'));
    const db = await openDatabase({ dataDir });
    try {
      const deps = { db: db.kysely, clock: () => new Date() };
      await seedDemo(deps);
      await createOrganisation(deps, { organisationId: null, userId: null, tokenId: null, label: 'test', requestId: null }, { id: 'regenwijs', name: 'Regenwijs B.V. (demo)', kind: 'leverancier', oin: null, cbsCode: null, mayAccredit: false });
      vendor = await tokenFor(db, 'regenwijs', 'admin');
      operator = await tokenFor(db, 'beheer', 'admin');
    } finally {
      await db.close();
    }
    for (const version of ['1.0.0', ...CUT_OFF]) {
      const dir = join(TEST_TMP, `fault-publish-regenton-${version}-${Date.now().toString(36)}`);
      await cp(REGENTON, dir, { recursive: true });
      const manifest = join(dir, 'tweeling.app.json');
      await writeFile(manifest, JSON.stringify({ ...(JSON.parse(await readFile(manifest, 'utf8')) as object), version }, null, 2));
      packages.set(version, await packAppFolder(dir));
      await rm(dir, { recursive: true, force: true });
    }
    env = { DATA_DIR: dataDir, SEED_DEMO: 'false', RUN_JOBS: 'false' };
  });
  afterAll(async () => {
    await dispose?.();
  });

  const submit = (server: RunningServer, version: string) =>
    fetch(`${server.url}/api/v1/publications`, { method: 'POST', headers: { authorization: `Bearer ${vendor}`, 'content-type': 'application/gzip' }, body: packages.get(version)! });
  const approve = (server: RunningServer, id: string) =>
    fetch(`${server.url}/api/v1/publications/${id}/decision`, { method: 'POST', headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' }, body: JSON.stringify({ decision: 'approve', criteria: ALL_MET, note: 'Voldoet.' }) });
  const publications = async (server: RunningServer) =>
    ((await (await fetch(`${server.url}/api/v1/publications`, { headers: { authorization: `Bearer ${vendor}` } })).json()) as { publications: Publication[] }).publications;

  it('leaves every submission and approval whole or absent, and publishing works after the restart', async () => {
    const server = await startServer(env, 120_000);
    try {
      const started = Date.now();
      const res = await submit(server, '1.0.0');
      const submitMs = Date.now() - started;
      expect(res.status, await res.clone().text()).toBe(201);
      const first = Publication.parse(await res.json());

      // The operator approves 1.0.0 while three more versions are submitted (each checked in the sandbox); kill -9 half-way.
      const answered = [approve(server, first.id), ...CUT_OFF.map((v) => submit(server, v))].map((p) => p.then((r) => r.status, () => 'aborted' as const));
      await sleep(submitMs / 2);
      await server.stop('SIGKILL');
      const outcomes = await Promise.all(answered);
      console.info(`publishing killed after ${Math.round(submitMs / 2)} ms: approval ${outcomes[0]}, submissions ${outcomes.slice(1).join(', ')}`);
      expect(outcomes.slice(1), `a submission takes ${submitMs} ms`).toContain('aborted');
    } finally {
      await server.stop('SIGKILL');
    }

    const again = await startServer(env, 120_000);
    try {
      // Every submission that is there can be read whole, package included; the cut-off ones can be submitted (again).
      for (const publication of await publications(again)) {
        expect((await fetch(`${again.url}/api/v1/publications/${publication.id}/package`, { headers: { authorization: `Bearer ${vendor}` } })).status).toBe(200);
      }
      const present = new Set((await publications(again)).map((p) => p.version));
      for (const version of CUT_OFF.filter((v) => !present.has(v))) expect((await submit(again, version)).status).toBe(201);
      // 1.0.0 is approved (and runnable, and in the store) or still pending and can be approved now.
      const current = (await publications(again)).find((p) => p.version === '1.0.0')!;
      if (current.status === 'pending') expect((await approve(again, current.id)).status).toBe(200);
      expect((await fetch(`${again.url}/api/v1/processes/regenton`)).status).toBe(200);
      expect((await fetch(`${again.url}/api/v1/apps/regenton`)).status).toBe(200);
      expect((await publications(again)).map((p) => p.version).sort()).toEqual(['1.0.0', ...CUT_OFF]);
    } finally {
      await again.stop('SIGKILL');
    }

    await withEmbedded(dataDir, async (db) => {
      const rows = await db.selectFrom('app_publications as a').leftJoin('app_packages as p', 'p.sha256', 'a.package_sha256').select(['a.version', 'a.status', 'p.sha256']).where('a.app_id', '=', 'regenton').execute();
      expect(rows.filter((r) => !r.sha256), 'publications without their package').toEqual([]);
      const audit = await db.selectFrom('audit_log').select('action').where('target_id', '=', 'regenton').execute();
      const releases = await db.selectFrom('app_releases').select('version').where('app_id', '=', 'regenton').execute();
      // One audit entry per submission and per approval, and a release exactly for each approval.
      expect(audit.filter((a) => a.action === 'store.publication.submit')).toHaveLength(rows.length);
      expect(audit.filter((a) => a.action === 'store.publication.approve')).toHaveLength(rows.filter((r) => r.status === 'approved').length);
      expect(releases.map((r) => r.version).sort()).toEqual(rows.filter((r) => r.status === 'approved').map((r) => r.version).sort());
      expect(await dataInvariantViolations(db)).toEqual([]);
    });
  }, 300_000);
});
