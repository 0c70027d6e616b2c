import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { PgliteDialect } from './pglite-dialect.js';
import { lockDataDir } from './pglite-lock.js';

/** Which database engine backs this instance. */
export type DbEngine = 'pglite' | 'postgres';

/** An open database: the Kysely handle plus what the service needs to know about the engine. */
export interface Db {
  engine: DbEngine;
  kysely: Kysely<Database>;
  /** Connection pool figures for /metrics (PGlite has one connection). */
  poolStats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://…`; when absent the embedded PGlite database under `dataDir` is used. */
  databaseUrl?: string | undefined;
  /** Folder for the embedded database (`<dataDir>/pglite`). */
  dataDir: string;
  /** Maximum PostgreSQL connections (default 10). */
  poolSize?: number;
  /** Called when an idle PostgreSQL connection fails (e.g. the server restarted). */
  onPoolError?: (error: Error) => void;
}

const INT8_OID = 20;

/**
 * Opens the database. PostgreSQL returns bigint (`count(*)`) as a string and PGlite as a number:
 * both are normalised here to a JS number (safe below 2^53, which counts and sequences stay under).
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPglite(join(options.dataDir, 'pglite'));
}

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<Db> {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types, connectionTimeoutMillis: 10_000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (error) => options.onPoolError?.(error));
  // Nor may a checked-out one between queries (pg-pool listens only to idle clients): its next query fails instead.
  pool.on('connect', (client) => client.on('error', (error) => options.onPoolError?.(error)));
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: 'postgres',
    kysely,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => kysely.destroy(),
  };
}

async function openPglite(dir: string): Promise<Db> {
  await mkdir(dir, { recursive: true });
  const unlock = await lockDataDir(dir);
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const pglite = await PGlite.create({ dataDir: dir, extensions: { postgis } }).catch(async (error: unknown) => {
    await unlock();
    throw error;
  });
  const kysely = new Kysely<Database>({ dialect: new PgliteDialect(pglite) });
  let closed = false;
  return {
    engine: 'pglite',
    kysely,
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    close: async () => {
      if (closed) return;
      closed = true;
      await kysely.destroy();
      await pglite.close();
      await unlock();
    },
  };
}
