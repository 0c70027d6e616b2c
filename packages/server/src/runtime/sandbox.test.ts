import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobInfo } from '@tweeling/core';
import { bearer, buildTestApp, openTestDb, tokenFor, type TestDb } from '../../test/harness.js';
import { sandboxSupport } from './sandbox.js';

const HOSTILE_APPS = fileURLToPath(new URL('../../test/fixtures/hostile-apps', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Third-party app code runs in a sandbox process: a hostile app that reads secrets, writes outside
 * its folder, starts a process, opens a socket, loops forever or allocates without bound fails its
 * job with a clear reason, and the platform goes on serving.
 */
describe('app sandbox', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let analyst: string;
  const outside = join(tmpdir(), `tweeling-vijandig-${process.pid}.txt`);
  let linked: string;

  beforeAll(async () => {
    db = await openTestDb();
    // Installed through a link, as an operator may: the sandbox loads it by its real path.
    linked = await mkdtemp(join(tmpdir(), 'tweeling-linked-apps-'));
    await symlink(join(HOSTILE_APPS, 'vijandig'), join(linked, 'vijandig'), 'dir');
    app = await buildTestApp(db, { extraAppDirs: [linked], env: { WORKER_MEMORY_MB: '128', APP_CPU_LIMIT_S: '3', JOB_TIMEOUT_S: '60' } });
    analyst = await tokenFor(db, 'almere', 'analyst');
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
    await rm(outside, { force: true });
    await rm(linked, { recursive: true, force: true });
  });

  async function attack(name: string, extra: Record<string, unknown> = {}): Promise<JobInfo & { results?: unknown }> {
    const res = await app.inject({ method: 'POST', url: '/api/v1/processes/vijandig/execution', headers: { ...bearer(analyst), prefer: 'respond-async' }, payload: { inputs: { attack: name, ...extra } } });
    expect(res.statusCode, res.body).toBe(201);
    const { jobID } = JobInfo.parse(res.json());
    for (let i = 0; i < 600; i += 1) {
      const info = JobInfo.parse((await app.inject({ method: 'GET', url: `/api/v1/jobs/${jobID}`, headers: bearer(analyst) })).json());
      if (['successful', 'failed', 'dismissed'].includes(info.status)) {
        if (info.status !== 'successful') return info;
        const results = (await app.inject({ method: 'GET', url: `/api/v1/jobs/${jobID}/results`, headers: bearer(analyst) })).json() as unknown;
        return { ...info, results };
      }
      await sleep(100);
    }
    throw new Error(`attack ${name} did not finish`);
  }

  async function stillServing() {
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
  }

  it('runs a well-behaved third-party app and hands back its checked outputs', async () => {
    const info = await attack('none');
    expect(info.status, info.message ?? '').toBe('successful');
    expect(info.results).toMatchObject({ answer: 'rustig' });
  });

  it('refuses reading /etc/passwd', async () => {
    const info = await attack('read-passwd');
    expect(info.status).toBe('failed');
    expect(info.message).toMatch(/sandbox niet toestaat \(FileSystemRead: \/etc\/passwd\)/);
  });

  it("refuses reading the platform's own files (database folder, server code)", async () => {
    const dbFile = join(db.location.dataDir, 'pglite', 'PG_VERSION');
    expect(existsSync(dbFile)).toBe(true);
    expect((await attack('read-file', { path: dbFile })).message).toMatch(/FileSystemRead/);
    const config = fileURLToPath(new URL('../config.ts', import.meta.url));
    expect((await attack('read-file', { path: config })).message).toMatch(/FileSystemRead/);
  });

  it('refuses writing outside its scratch folder', async () => {
    const info = await attack('write-outside', { path: outside });
    expect(info.status).toBe('failed');
    expect(info.message).toMatch(/FileSystemWrite/);
    expect(existsSync(outside)).toBe(false);
  });

  it('refuses starting a process', async () => {
    const info = await attack('spawn');
    expect(info.status).toBe('failed');
    expect(info.message).toMatch(/sandbox niet toestaat \(ChildProcess\)/);
  });

  it.runIf(sandboxSupport().network !== null)('gives the app no network (fresh network namespace)', async () => {
    const info = await attack('socket');
    expect(info.status).toBe('failed');
    expect(info.message).toMatch(/geen netwerk|ENETUNREACH|ECONNREFUSED/);
  });

  it('stops an app that loops forever at its CPU-time limit', async () => {
    const info = await attack('loop');
    expect(info.status).toBe('failed');
    expect(info.message).toMatch(/rekentijd \(CPU-limiet\)/);
    await stillServing();
  });

  it('stops an app that allocates typed arrays without bound (outside the JavaScript heap)', async () => {
    const info = await attack('allocate');
    expect(info.status).toBe('failed');
    expect(info.message).toMatch(/geheugen/);
    await stillServing();
  });

  it('stops an app that fills its heap without bound', async () => {
    const info = await attack('heap');
    expect(info.status).toBe('failed');
    expect(info.message).toMatch(/geheugen|memory/i);
    await stillServing();
  });

  it('hands the app an environment without secrets', async () => {
    const info = await attack('env');
    expect(info.status).toBe('successful');
    const keys = JSON.parse((info.results as { answer: string }).answer) as string[];
    expect(keys.filter((k) => !k.startsWith('NODE_CHANNEL_'))).toEqual(['LANG', 'NODE_ENV', 'TZ']);
    expect(readFileSync('/proc/self/environ', 'utf8')).toContain('PATH'); // the host itself has an environment
  });

  it('does not let the app forge its run record: the host checks and hashes the outputs itself', async () => {
    // The app sends a made-up result over the channel (its own hash, a dataset never prepared): the
    // host keeps only the outputs, hashes them itself and lists only datasets it prepared.
    const info = await attack('forge');
    expect(info.status, info.message ?? '').toBe('successful');
    expect(info.results).toMatchObject({ answer: 'vervalst' });
    const record = (await app.inject({ method: 'GET', url: `/api/v1/jobs/${info.jobID}/provenance`, headers: bearer(analyst) })).body;
    expect(record).not.toContain('ff'.repeat(32));
    expect(record).not.toContain('geheim');
  });
});
