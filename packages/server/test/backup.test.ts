import { randomBytes } from 'node:crypto';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobInfo } from '@tweeling/core';
import { verifyAuditChain } from '../src/audit/index.js';
import { openDatabase, type Db } from '../src/db/index.js';
import { MIGRATIONS } from '../src/db/migrations/index.js';
import { seedDemoArea } from '../src/demo-datasets.js';
import { seedDemoWorkbench } from '../src/workbench/index.js';
import { bearer, buildTestApp, copiedDataDir, FIXTURE_APPS, TEST_ENGINES, TEST_POSTGRES_URL, TEST_TMP, tokenFor } from './harness.js';
import { runCli, type CliResult } from './processes.js';

/** Starting a fresh PGlite with PostGIS and migrating it takes a minute on a busy machine. */
const LONG = 480_000;

/** What the API serves from a database: a vector collection, a raster subset, a run's results and its output layer. */
async function served(db: Db, token: string, jobId: string): Promise<Record<string, string>> {
  const app = await buildTestApp(db, { extraAppDirs: [FIXTURE_APPS], env: { RUN_JOBS: 'false' } });
  try {
    const get = async (url: string, auth = false) => {
      const res = await app.inject({ method: 'GET', url, headers: auth ? bearer(token) : {} });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
      // JSON as text without its response time (the only thing that differs between two reads); rasters as bytes.
      return /json/.test(String(res.headers['content-type'])) ? res.body.replace(/"timeStamp":"[^"]*"/, '') : res.rawPayload.toString('base64');
    };
    const results = await get(`/api/v1/jobs/${jobId}/results`, true);
    const output = (JSON.parse(results) as { sample: { dataset: string } }).sample.dataset;
    return {
      gebouwen: await get('/api/v1/collections/demo-gebouwen/items?limit=100'),
      hoogte: await get('/api/v1/collections/demo-hoogte/coverage?subset=x(141000:141050),y(486000:486050)'),
      results,
      record: await get(`/api/v1/jobs/${jobId}/record`, true),
      output: await get(`/api/v1/collections/${output}/items`, true),
    };
  } finally {
    await app.close();
  }
}

const headOf = (run: CliResult) => /kop ([0-9a-f]{64})/.exec(run.stdout)?.[1];
/** `table rows sha256:…` for every table, as `backup --verify` lists them. */
const hashes = async (file: string) => {
  const run = await runCli(['backup', '--verify', file], {});
  expect(run.code, run.stderr).toBe(0);
  return run.stdout.split('\n').filter((l) => /sha256:/.test(l)).map((l) => l.trim().replace(/\s+/g, ' ')).sort();
};

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `tweeling backup` and `tweeling restore` as an operator runs them, on both engines and across them. */
describe('backup and restore', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  const dir = join(TEST_TMP, `backup-${randomBytes(4).toString('hex')}`);
  const file = join(dir, 'tweeling.backup');
  let source: { dataDir: string; dispose: () => Promise<void> };
  let token = '';
  let jobId = '';
  let reference: Record<string, string> = {};
  let head = '';
  let backupRun: CliResult;

  /** A fresh, bare PostgreSQL database (no PostGIS, no tables), dropped after the tests. */
  async function freshPostgres(): Promise<string> {
    const name = `tweeling_backup_${randomBytes(5).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    cleanups.push(() => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = `/${name}`;
    return url.toString();
  }

  beforeAll(async () => {
    source = await copiedDataDir('backup-source');
    cleanups.push(source.dispose, () => rm(dir, { recursive: true, force: true }));
    const db = await openDatabase({ dataDir: source.dataDir });
    try {
      const deps = { db: db.kysely, clock: () => new Date() };
      const app = await buildTestApp(db, { extraAppDirs: [FIXTURE_APPS], env: { SYNC_WAIT_MS: '60000' } });
      await seedDemoArea(deps);
      await seedDemoWorkbench(deps);
      token = await tokenFor(db, 'almere', 'analyst');
      const run = await app.inject({ method: 'POST', url: '/api/v1/processes/gebouwen-telling/execution', headers: bearer(token), payload: { inputs: { radiusM: 400, sampleSize: 3 } } });
      expect(run.statusCode, run.body).toBe(200);
      jobId = /\/jobs\/([0-9a-f-]{36})/.exec(String(run.headers.location))?.[1] ?? '';
      const info = JobInfo.parse((await app.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}`, headers: bearer(token) })).json());
      expect(info.status).toBe('successful');
      await app.close();
      const chain = await verifyAuditChain(db.kysely);
      expect(chain.ok).toBe(true);
      head = chain.headHash;
      reference = await served(db, token, jobId);
    } finally {
      await db.close();
    }
    backupRun = await runCli(['backup', file], { DATA_DIR: source.dataDir }, LONG);
  }, LONG);

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }, LONG);

  it('writes one gzip file whose manifest holds every table, the run and the audit head; --verify checks it without a database', async () => {
    expect(backupRun.code, backupRun.stderr).toBe(0);
    expect(headOf(backupRun)).toBe(head);
    const lines = gunzipSync(await readFile(file)).toString('utf8').trimEnd().split('\n');
    const header = JSON.parse(lines[0]!) as { format: string; engine: string; migrations: { id: number }[]; tables: string[] };
    expect(header).toMatchObject({ format: 'tweeling-backup', engine: 'pglite' });
    expect(header.migrations.map((m) => m.id)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(header.tables.indexOf('organisations')).toBeLessThan(header.tables.indexOf('datasets'));
    expect(header.tables.indexOf('jobs')).toBeLessThan(header.tables.indexOf('run_records'));
    const manifest = (JSON.parse(lines.at(-1)!) as { manifest: { tables: Record<string, { rows: number }>; audit: { headHash: string } } }).manifest;
    for (const table of ['jobs', 'run_records', 'usage_events', 'raster_grids', 'features', 'workbench_use_cases', 'api_tokens', 'app_releases']) expect(manifest.tables[table]?.rows, table).toBeGreaterThan(0);
    expect(manifest.audit.headHash).toBe(head);

    const verified = await runCli(['backup', '--verify', file], { DATA_DIR: join(dir, 'not-opened') });
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/aantallen en SHA-256 per tabel en van de hele inhoud kloppen/);
    expect(headOf(verified)).toBe(head);
    await expect(stat(join(dir, 'not-opened'))).rejects.toThrow();
    expect((await runCli(['backup', file], { DATA_DIR: source.dataDir })).stderr).toMatch(/bestaat al/);
  }, LONG);

  it('restores into a fresh DATA_DIR with the same audit head, counts and hashes, serves the same data, and then refuses to restore over it', async () => {
    const dataDir = join(dir, 'restored');
    const restored = await runCli(['restore', file], { DATA_DIR: dataDir }, LONG);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/aantallen en SHA-256 van elke tabel gelijk aan de backup/);
    expect(headOf(restored)).toBe(head);
    const db = await openDatabase({ dataDir });
    try {
      expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: true, headHash: head });
      expect(await served(db, token, jobId)).toEqual(reference);
    } finally {
      await db.close();
    }

    const refused = await runCli(['restore', file], { DATA_DIR: dataDir }, LONG);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/TWL_DB_RESTORE_NOT_EMPTY: De database is niet leeg: \d+ tabellen bevatten rijen/);
  }, LONG);

  it.skipIf(!TEST_ENGINES.includes('postgres'))('restores the embedded backup into a fresh PostgreSQL database with identical table hashes; --force replaces a non-empty one', async () => {
    const databaseUrl = await freshPostgres();
    const env = { DATABASE_URL: databaseUrl, DATA_DIR: join(dir, 'unused') };
    const restored = await runCli(['restore', file], env, LONG);
    expect(restored.code, restored.stderr).toBe(0);
    expect(headOf(restored)).toBe(head);
    // PostgreSQL 15 gives the same text form, so the same SHA-256 per table, as PGlite's PostgreSQL 18.
    const fromPostgres = join(dir, 'from-postgres.backup');
    expect((await runCli(['backup', fromPostgres], env, LONG)).code).toBe(0);
    expect(await hashes(fromPostgres)).toEqual(await hashes(file));
    const db = await openDatabase({ databaseUrl, dataDir: join(dir, 'unused') });
    try {
      expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: true, headHash: head });
      expect(await served(db, token, jobId)).toEqual(reference);
    } finally {
      await db.close();
    }

    const refused = await runCli(['restore', file], env, LONG);
    expect(refused.stderr).toMatch(/TWL_DB_RESTORE_NOT_EMPTY/);
    const forced = await runCli(['restore', '--force', fromPostgres], env, LONG);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/eerst verwijderd: \d+ objecten/);
    expect(headOf(forced)).toBe(head);
  }, LONG);

  it('refuses a truncated or corrupted file and a file from a newer migration set, and writes nothing', async () => {
    const bytes = await readFile(file);
    const truncated = join(dir, 'truncated.backup');
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const freshDir = join(dir, 'never-created');
    const cut = await runCli(['restore', truncated], { DATA_DIR: freshDir });
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/TWL_DB_BACKUP_INVALID: Backupbestand .* beschadigd of onvolledig .* Er is niets hersteld\./);
    await expect(stat(freshDir)).rejects.toThrow();

    const corrupted = join(dir, 'corrupted.backup');
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length * 0.7)]! ^= 0x5a;
    await writeFile(corrupted, flipped);
    const bad = await runCli(['restore', corrupted], { DATA_DIR: freshDir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/TWL_DB_BACKUP_INVALID: Backupbestand .*(beschadigd|klopt niet)/);
    await expect(stat(freshDir)).rejects.toThrow();

    // A well-formed gzip whose content was changed: one organisation renamed.
    const lines = gunzipSync(bytes).toString('utf8').split('\n');
    const row = lines.findIndex((l) => l.startsWith('["almere",'));
    lines[row] = lines[row]!.replace('Gemeente Almere', 'Gemeente Almare');
    const tampered = join(dir, 'tampered.backup');
    await writeFile(tampered, gzipSync(lines.join('\n')));
    const changed = await runCli(['restore', tampered], { DATA_DIR: freshDir });
    expect(changed.stderr).toMatch(/TWL_DB_BACKUP_INVALID: .*klopt niet met/);
    await expect(stat(freshDir)).rejects.toThrow();

    // The original content with one more migration in its header, as a newer Tweeling would write it.
    lines[row] = lines[row]!.replace('Gemeente Almare', 'Gemeente Almere');
    const header = JSON.parse(lines[0]!) as { migrations: { id: number; name: string; checksum: string }[] };
    header.migrations.push({ id: MIGRATIONS.at(-1)!.id + 1, name: 'toekomst', checksum: 'ab'.repeat(32) });
    lines[0] = JSON.stringify(header);
    const newer = join(dir, 'newer.backup');
    await writeFile(newer, gzipSync(lines.join('\n')));
    const refused = await runCli(['restore', newer], { DATA_DIR: freshDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/TWL_DB_BACKUP_NEWER_SCHEMA: De backup is gemaakt met migratie \d+-toekomst, die deze Tweeling .* niet kent/);
    await expect(stat(freshDir)).rejects.toThrow();

    if (!TEST_ENGINES.includes('postgres')) return;
    const databaseUrl = await freshPostgres();
    for (const bad of [truncated, corrupted, tampered, newer]) {
      const run = await runCli(['restore', bad], { DATABASE_URL: databaseUrl });
      expect(run.stderr).toMatch(/TWL_DB_BACKUP_(INVALID|NEWER_SCHEMA)/);
    }
    const target = new pg.Client({ connectionString: databaseUrl });
    await target.connect();
    const tables = (await target.query(`SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'`)).rows[0] as { n: number };
    await target.end();
    expect(tables.n).toBe(0);
  }, LONG);
});
