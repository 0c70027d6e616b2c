import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { Header } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Publication } from '@tweeling/core';
import { packAppFolder } from '../src/cli-app.js';
import { createOrganisation } from '../src/identity/index.js';
import { bearer, buildTestApp, copiedDataDir, openTestDb, TEST_TMP, tokenFor, type TestDb } from './harness.js';
import { runCli, startServer } from './processes.js';

const REGENTON = fileURLToPath(new URL('./fixtures/vendor-apps/regenton', import.meta.url));
const ALL_MET = { purpose: { met: true }, 'data-use': { met: true }, terms: { met: true }, outputs: { met: true } };

/** A gzip'd tar made entry by entry, to hand-craft what no honest packer writes. */
function rawTar(entries: Array<{ path: string; type?: 'File' | 'SymbolicLink' | 'Link'; content?: string; linkpath?: string }>): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const content = Buffer.from(entry.content ?? '');
    const header = new Header({ path: entry.path, type: entry.type ?? 'File', size: entry.type && entry.type !== 'File' ? 0 : content.length, mode: 0o644, mtime: new Date(0), ...(entry.linkpath ? { linkpath: entry.linkpath } : {}) });
    header.encode();
    blocks.push(header.block!);
    if (!entry.type || entry.type === 'File') blocks.push(content, Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

/** 210 MB of zeros in one tar entry, gzip'd to a few hundred kB. */
async function gzipBomb(): Promise<Buffer> {
  const size = 210 * 1024 * 1024;
  const header = new Header({ path: 'bom.bin', type: 'File', size, mode: 0o644, mtime: new Date(0) });
  header.encode();
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  gzip.write(header.block!);
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < size / zeros.length; i += 1) if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  gzip.end(Buffer.alloc(1024));
  await done;
  return Buffer.concat(out);
}

/** A vendor publishes an app package; the store operator reviews it; admitted, it runs in the sandbox. */
describe('publishing and the review queue', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let vendor: string;
  let vendorAnalyst: string;
  let operator: string;
  let almereAdmin: string;
  let analyst: string;
  let scratch: string;
  let approved: Publication;

  beforeAll(async () => {
    db = await openTestDb();
    app = await buildTestApp(db);
    await createOrganisation({ db: db.kysely, clock: () => new Date() }, { organisationId: null, userId: null, tokenId: null, label: 'test', requestId: null }, { id: 'regenwijs', name: 'Regenwijs B.V. (demo)', kind: 'leverancier', oin: null, cbsCode: null, mayAccredit: false });
    vendor = await tokenFor(db, 'regenwijs', 'admin');
    vendorAnalyst = await tokenFor(db, 'regenwijs', 'analyst');
    operator = await tokenFor(db, 'beheer', 'admin');
    almereAdmin = await tokenFor(db, 'almere', 'admin');
    analyst = await tokenFor(db, 'almere', 'analyst');
    scratch = await mkdtemp(join(tmpdir(), 'tweeling-publish-'));
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
    await rm(scratch, { recursive: true, force: true });
  });

  const publish = (token: string, payload: Buffer) =>
    app.inject({ method: 'POST', url: '/api/v1/publications', headers: { ...bearer(token), 'content-type': 'application/gzip' }, payload });
  const decide = (token: string, id: string, body: object) => app.inject({ method: 'POST', url: `/api/v1/publications/${id}/decision`, headers: bearer(token), payload: body });

  /** A copy of the regenton package with changes, packed. */
  async function variant(label: string, change: (dir: string) => Promise<void>): Promise<Buffer> {
    const dir = join(scratch, label);
    await cp(REGENTON, dir, { recursive: true });
    await change(dir);
    return packAppFolder(dir);
  }

  it('publishes, reviews and admits a vendor app, which then runs in the sandbox', async () => {
    const res = await publish(vendor, await packAppFolder(REGENTON));
    expect(res.statusCode, res.body).toBe(201);
    const submitted = Publication.parse(res.json());
    expect(res.headers.location).toBe(submitted.links[0]!.href);
    expect(submitted).toMatchObject({ appId: 'regenton', version: '1.0.0', publisher: 'regenwijs', status: 'pending', entry: 'index.mjs' });
    expect(submitted.checks.filter((c) => c.met === true).map((c) => c.criterion)).toEqual(['manifest', 'publisher', 'package', 'loads', 'documentation']);
    expect(submitted.checks.filter((c) => c.met === null)).toHaveLength(4);

    // Pending: not in the store, not runnable.
    expect((await app.inject({ method: 'GET', url: '/api/v1/processes/regenton', headers: bearer(analyst) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/apps?q=regenton' })).json().apps).toHaveLength(0);

    // The review queue: the operator sees it, another organisation does not.
    const queue = (await app.inject({ method: 'GET', url: '/api/v1/publications?status=pending', headers: bearer(operator) })).json().publications as Publication[];
    expect(queue.map((p) => p.id)).toContain(submitted.id);
    expect((await app.inject({ method: 'GET', url: '/api/v1/publications', headers: bearer(almereAdmin) })).json().publications).toHaveLength(0);
    expect((await app.inject({ method: 'GET', url: `/api/v1/publications/${submitted.id}`, headers: bearer(almereAdmin) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/publications/${submitted.id}/package`, headers: bearer(operator) })).headers['content-type']).toBe('application/gzip');

    // Only the store operator decides, and only with every criterion judged.
    expect((await decide(vendor, submitted.id, { decision: 'approve', criteria: ALL_MET })).statusCode).toBe(403);
    const incomplete = await decide(operator, submitted.id, { decision: 'approve', criteria: { purpose: { met: true } } });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().errors.map((e: { path: string }) => e.path)).toEqual(['criteria.data-use', 'criteria.terms', 'criteria.outputs']);
    const decided = await decide(operator, submitted.id, { decision: 'approve', criteria: ALL_MET, note: 'Helder en eerlijk beschreven.' });
    expect(decided.statusCode, decided.body).toBe(200);
    approved = Publication.parse(decided.json());
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'beheer' });
    expect((await decide(operator, submitted.id, { decision: 'approve', criteria: ALL_MET })).statusCode).toBe(409);

    // In the store, with its changelog, and runnable by any organisation.
    const listing = await app.inject({ method: 'GET', url: '/api/v1/apps/regenton' });
    expect(listing.statusCode, listing.body).toBe(200);
    expect(JSON.stringify(listing.json())).toContain('Eerste release');
    const run = await app.inject({ method: 'POST', url: '/api/v1/processes/regenton/execution', headers: bearer(analyst), payload: { inputs: { roofM2: 50, rainMm: 70, barrelL: 200 } } });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toEqual({ runoffL: 3150, keptL: 200, overflowL: 2950 });
    const jobs = (await app.inject({ method: 'GET', url: '/api/v1/jobs?processID=regenton', headers: bearer(analyst) })).json().jobs as Array<{ jobID: string }>;
    const provenance = (await app.inject({ method: 'GET', url: `/api/v1/jobs/${jobs[0]!.jobID}/provenance`, headers: bearer(analyst) })).body;
    expect(provenance).toContain(approved.codeHash);

    const actions = (await db.kysely.selectFrom('audit_log').select('action').where('target_id', '=', 'regenton').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['store.publication.submit', 'store.publication.approve']));
  });

  it('runs a published release again after its unpacked folder is gone (unpacked anew from the database)', async () => {
    await rm(join(TEST_TMP, 'packages', approved.packageSha256), { recursive: true, force: true });
    const run = await app.inject({ method: 'POST', url: '/api/v1/processes/regenton/execution', headers: bearer(analyst), payload: { inputs: { roofM2: 10, rainMm: 10, barrelL: 200 } } });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toEqual({ runoffL: 90, keptL: 90, overflowL: 0 });
  });

  it('keeps releases immutable and app ids with their publisher', async () => {
    const again = await publish(vendor, await packAppFolder(REGENTON));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('TWL_STORE_RELEASE_EXISTS');
    // Another vendor may not publish under an app id that belongs to regenwijs, nor as regenwijs.
    const stolen = await variant('stolen', async (dir) => {
      const manifest = JSON.parse(await (await import('node:fs/promises')).readFile(join(dir, 'tweeling.app.json'), 'utf8'));
      await writeFile(join(dir, 'tweeling.app.json'), JSON.stringify({ ...manifest, version: '2.0.0', publisher: 'tweeling-apps' }));
    });
    expect((await publish(vendor, stolen)).json().code).toBe('TWL_STORE_PUBLISHER_MISMATCH');
    const other = await tokenFor(db, 'tweeling-apps', 'admin');
    expect((await publish(other, stolen)).json().code).toBe('TWL_STORE_APP_ID_TAKEN');
    // Publishing takes an organisation administrator.
    expect((await publish(vendorAnalyst, await packAppFolder(REGENTON))).statusCode).toBe(403);
  });

  it('lists every problem of an invalid manifest', async () => {
    const broken = await variant('broken', async (dir) => {
      await writeFile(join(dir, 'tweeling.app.json'), JSON.stringify({ id: 'X', version: 'een', publisher: 'regenwijs' }));
    });
    const res = await publish(vendor, broken);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().code).toBe('TWL_STORE_MANIFEST_INVALID');
    expect(res.json().errors.length).toBeGreaterThan(5);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['tweeling.app.json.id', 'tweeling.app.json.version']));
  });

  it('refuses unsafe or broken packages with the reason, leaving nothing behind', async () => {
    const manifest = await (await import('node:fs/promises')).readFile(join(REGENTON, 'tweeling.app.json'), 'utf8');
    const before = await db.kysely.selectFrom('app_packages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const cases: Array<[string, Buffer, RegExp]> = [
      ['traversal', rawTar([{ path: 'tweeling.app.json', content: manifest }, { path: '../../evil.mjs', content: 'x' }]), /Ongeldig pad/],
      ['absolute', rawTar([{ path: '/etc/cron.d/evil', content: 'x' }]), /Ongeldig pad/],
      ['symlink', rawTar([{ path: 'tweeling.app.json', content: manifest }, { path: 'index.mjs', type: 'SymbolicLink', linkpath: '/etc/passwd' }]), /gewone bestanden/],
      ['hardlink', rawTar([{ path: 'tweeling.app.json', content: manifest }, { path: 'index.mjs', type: 'Link', linkpath: 'tweeling.app.json' }]), /gewone bestanden/],
      ['not gzip', Buffer.from('dit is geen pakket'), /geen gzip/],
      ['no manifest', rawTar([{ path: 'index.mjs', content: 'export default 1' }]), /geen tweeling\.app\.json/],
      ['gzip bomb', await gzipBomb(), /groter dan 200 MB/],
    ];
    for (const [label, payload, reason] of cases) {
      const res = await publish(vendor, payload);
      expect(res.statusCode, label).toBe(400);
      expect(res.json().detail, label).toMatch(reason);
    }
    const lies = await variant('lies', async (dir) => {
      await writeFile(join(dir, 'index.mjs'), "import { readFileSync } from 'node:fs';\nreadFileSync('/etc/passwd');\nexport default {};\n");
    });
    const refused = await publish(vendor, lies);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toMatch(/laadt niet in de sandbox.*FileSystemRead: \/etc\/passwd/);
    const impostor = await variant('impostor', async (dir) => {
      await writeFile(join(dir, 'index.mjs'), "export default { tweelingApp: 1, manifest: { id: 'wateroverlast', version: '9.9.9' } };\n");
    });
    expect((await publish(vendor, impostor)).json().detail).toMatch(/exporteert wateroverlast@9\.9\.9/);
    const linked = await variant('linked', async (dir) => {
      await symlink('/etc/passwd', join(dir, 'wachtwoorden.txt'));
    });
    expect((await publish(vendor, linked)).json().detail).toMatch(/gewone bestanden/);
    const after = await db.kysely.selectFrom('app_packages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('rejects with reasons; a rejected release does not run and may be submitted again', async () => {
    const v2 = await variant('v2', async (dir) => {
      const fs = await import('node:fs/promises');
      const manifest = JSON.parse(await fs.readFile(join(dir, 'tweeling.app.json'), 'utf8'));
      await writeFile(join(dir, 'tweeling.app.json'), JSON.stringify({ ...manifest, version: '1.1.0' }));
    });
    const submitted = Publication.parse((await publish(vendor, v2)).json());
    expect((await decide(operator, submitted.id, { decision: 'reject', criteria: { outputs: { met: false } } })).statusCode).toBe(400);
    const rejected = await decide(operator, submitted.id, { decision: 'reject', criteria: { outputs: { met: false, note: 'Overloop wordt niet afgetrokken van de opvang.' } }, note: 'Zie uitkomsten.' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', note: 'Zie uitkomsten.' });
    expect(rejected.json().checks.find((c: { criterion: string }) => c.criterion === 'outputs')).toMatchObject({ met: false, detail: 'Overloop wordt niet afgetrokken van de opvang.' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/processes/regenton', headers: bearer(analyst) })).json().version).toBe('1.0.0');
    expect((await publish(vendor, v2)).statusCode).toBe(201);
  });

  it('publishes with `tweeling app publish` against a running server', async () => {
    const { dataDir, dispose } = await copiedDataDir('publish-cli');
    const env = { DATA_DIR: dataDir, SEED_DEMO: 'false' };
    expect((await runCli(['seed', '--no-area'], env)).code).toBe(0);
    const token = (await runCli(['token', 'create', '--org', 'tweeling-apps', '--role', 'admin'], env)).stdout.trim();
    expect(token).toMatch(/^twl_/);
    const server = await startServer(env);
    try {
      const leeg = await variant('cli', async (dir) => {
        const fs = await import('node:fs/promises');
        const manifest = JSON.parse(await fs.readFile(join(dir, 'tweeling.app.json'), 'utf8'));
        await writeFile(join(dir, 'tweeling.app.json'), JSON.stringify({ ...manifest, id: 'regenton-cli', publisher: 'tweeling-apps' }));
      });
      expect(leeg.length).toBeGreaterThan(100);
      const published = await runCli(['app', 'publish', join(scratch, 'cli'), '--server', server.url, '--token', token], {});
      expect(published.code, published.stderr).toBe(0);
      expect(published.stdout).toMatch(/regenton-cli@1\.0\.0 \(stable\) — pending/);
      expect(published.stdout).toMatch(/✓ loads/);
      const refused = await runCli(['app', 'publish', join(scratch, 'cli'), '--server', server.url, '--token', token], {});
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/409 .*al ingediend of gepubliceerd/);
    } finally {
      await server.stop();
      await dispose();
    }
  }, 180_000);
});
