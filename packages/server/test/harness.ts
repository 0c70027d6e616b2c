import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Role } from '@tweeling/core';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { migrate, openDatabase, type Db } from '../src/db/index.js';
import { MIGRATIONS } from '../src/db/migrations/index.js';
import { createToken } from '../src/identity/index.js';
import { seedDemo } from '../src/seed.js';

/** Scratch space for test databases (git-ignored). */
export const TEST_TMP = fileURLToPath(new URL('../../../.test-tmp/', import.meta.url));
/** The machine's PostgreSQL, as an administrator (trust auth). */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type Engine = 'pglite' | 'postgres';
export interface TestDb extends Db {
  /** Closes the database and throws it away. */
  dispose(): Promise<void>;
  /** DATA_DIR (PGlite) or DATABASE_URL (PostgreSQL) of this database, for child processes. */
  location: { dataDir: string; databaseUrl?: string };
}

const migrationsKey = createHash('sha256').update(MIGRATIONS.map((m) => m.sql).join('\n')).digest('hex').slice(0, 12);

const exists = (path: string) => stat(path).then(() => true, () => false);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A migrated PGlite data directory to copy from. Starting PGlite with PostGIS and migrating takes
 * ~10 s; copying the result and reopening it takes ~2 s. Built once per migration set, under a
 * lock directory so parallel test workers do not build it twice.
 */
async function pgliteTemplate(): Promise<string> {
  const dir = join(TEST_TMP, `template-${migrationsKey}`);
  const ready = join(dir, 'READY');
  if (await exists(ready)) return dir;
  await mkdir(TEST_TMP, { recursive: true });
  const lock = join(TEST_TMP, `template-${migrationsKey}.lock`);
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      if (await exists(ready)) return dir;
      await sleep(250);
    }
  }
  try {
    if (await exists(ready)) return dir;
    await rm(dir, { recursive: true, force: true });
    const db = await openDatabase({ dataDir: dir });
    await migrate(db);
    await db.close();
    await mkdir(ready);
    return dir;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** A fresh, migrated, empty database of the given engine, private to the caller. */
export async function openTestDb(engine: Engine = 'pglite'): Promise<TestDb> {
  const name = `tweeling_test_${randomBytes(6).toString('hex')}`;
  if (engine === 'pglite') {
    const template = await pgliteTemplate();
    const dataDir = join(TEST_TMP, name);
    await cp(join(template, 'pglite'), join(dataDir, 'pglite'), { recursive: true });
    const db = await openDatabase({ dataDir });
    return {
      ...db,
      location: { dataDir },
      dispose: async () => {
        await db.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const db = await openDatabase({ databaseUrl, dataDir: TEST_TMP });
  await migrate(db);
  return {
    ...db,
    location: { dataDir: join(TEST_TMP, name), databaseUrl },
    dispose: async () => {
      await db.close();
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Which engines the DB-layer tests run on: both unless TEST_ENGINES narrows it (e.g. `pglite`). */
export const TEST_ENGINES: Engine[] = (process.env.TEST_ENGINES?.split(',') as Engine[] | undefined) ?? ['pglite', 'postgres'];

export const fixedClock = (iso = '2026-11-26T12:00:00.000Z') => () => new Date(iso);

/** The whole server on a test database (seeded with the demo organisations), without listening. */
export async function buildTestApp(db: Db, options: { clock?: () => Date; env?: Record<string, string>; extraAppDirs?: string[] } = {}) {
  const deps = { db: db.kysely, clock: options.clock ?? (() => new Date()) };
  await seedDemo(deps);
  // In-process tests fire thousands of requests from one address and token: rate limits off unless a
  // test sets them (src/http/security.test.ts does).
  const noLimits = { RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0', RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '0' };
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: TEST_TMP, ...noLimits, ...options.env });
  return buildApp({ config, db, closeDb: false, logger: false, extraAppDirs: options.extraAppDirs ?? [], ...(options.clock ? { clock: options.clock } : {}) });
}

/** Folder with the test apps (plain ES modules on @tweeling/sdk). */
export const FIXTURE_APPS = fileURLToPath(new URL('./fixtures/apps', import.meta.url));

/** A token for an organisation and role, made the way `tweeling token create` makes it. */
export async function tokenFor(db: Db, organisationId: string, role: Role, expiresInDays = 30): Promise<string> {
  const created = await createToken(
    { db: db.kysely, clock: () => new Date() },
    { organisationId, userId: null, tokenId: null, label: 'test', requestId: null },
    organisationId,
    { name: `test ${role}`, role, expiresInDays },
  );
  return created.token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * A DATA_DIR holding a private copy of the migrated template, for tests that start real server or
 * CLI processes (which open the embedded database themselves).
 * @returns the folder and a function that removes it
 */
export async function copiedDataDir(label: string): Promise<{ dataDir: string; dispose: () => Promise<void> }> {
  const template = await pgliteTemplate();
  const dataDir = join(TEST_TMP, `${label}-${randomBytes(4).toString('hex')}`);
  await cp(join(template, 'pglite'), join(dataDir, 'pglite'), { recursive: true });
  return { dataDir, dispose: () => rm(dataDir, { recursive: true, force: true }) };
}
