import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, openDatabase, type Db } from '../db/index.js';

/** PostgreSQL the benchmarks use when reachable (a fresh database per run, dropped afterwards). */
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDb {
  db: Db;
  label: string;
  dispose(): Promise<void>;
}

/** A fresh embedded database in a temporary folder. */
export async function benchPglite(): Promise<BenchDb> {
  const dir = await mkdtemp(join(tmpdir(), 'tweeling-bench-'));
  const db = await openDatabase({ dataDir: dir });
  await migrate(db);
  return { db, label: 'PGlite (embedded)', dispose: async () => { await db.close(); await rm(dir, { recursive: true, force: true }); } };
}

/** A fresh, uniquely named PostgreSQL database (its URL and how to drop it), or null when no server answers. */
export async function createBenchDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const name = `tweeling_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A fresh PostgreSQL database, or null when no server answers. */
export async function benchPostgres(): Promise<BenchDb | null> {
  const created = await createBenchDatabase();
  if (!created) return null;
  const db = await openDatabase({ databaseUrl: created.url, dataDir: tmpdir() });
  await migrate(db);
  return {
    db,
    label: 'PostgreSQL',
    dispose: async () => {
      await db.close();
      await created.drop();
    },
  };
}

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
