import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Db } from './connect.js';
import type { Database } from './schema.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

/** Arbitrary fixed key for the advisory lock that serialises migration runs across processes. */
const MIGRATION_LOCK_KEY = 7_001_001;

export interface MigrationStatus {
  applied: number;
  known: number;
  current: boolean;
}

/** SHA-256 of a migration's SQL, as recorded in `tweeling_migrations` (and in backups). */
export const migrationChecksum = (m: Migration) => createHash('sha256').update(m.sql).digest('hex');

/** Takes the migration lock until the end of the caller's transaction (re-entrant within it). */
export async function lockMigrations(trx: Kysely<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
}

const createMigrationsTable = (trx: Kysely<Database>) =>
  sql`CREATE TABLE IF NOT EXISTS tweeling_migrations (
      id integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`.execute(trx);

/**
 * Applies the given migrations that are not yet applied inside the caller's transaction, so that
 * they commit or roll back with the rest of it (a restore uses this: schema and rows, all or nothing).
 * @returns the names of the migrations applied now
 */
export async function migrateWithin(trx: Kysely<Database>, migrations: readonly Migration[]): Promise<string[]> {
  await lockMigrations(trx);
  await createMigrationsTable(trx);
  const applied = new Map((await trx.selectFrom('tweeling_migrations').select(['id', 'checksum']).execute()).map((r) => [r.id, r.checksum]));
  const appliedNow: string[] = [];
  for (const migration of migrations) {
    const done = applied.get(migration.id);
    if (done !== undefined) {
      if (done !== migrationChecksum(migration)) throw new Error(`Migration ${migration.id} (${migration.name}) was changed after it was applied; add a new migration instead`);
      continue;
    }
    await sql.raw(migration.sql).execute(trx);
    await trx.insertInto('tweeling_migrations').values({ id: migration.id, name: migration.name, checksum: migrationChecksum(migration) }).execute();
    appliedNow.push(`${migration.id}-${migration.name}`);
  }
  return appliedNow;
}

/**
 * Applies every migration not yet applied, each in its own transaction, under an advisory lock
 * so that several servers or workers starting at once apply each migration exactly once.
 * Idempotent: a second run applies nothing. Throws when an applied migration was changed.
 * @returns the names of the migrations applied now
 */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<string[]> {
  const appliedNow: string[] = [];
  await db.kysely.transaction().execute(async (trx) => {
    await lockMigrations(trx);
    await createMigrationsTable(trx);
  });
  for (const migration of migrations) {
    await db.kysely.transaction().execute(async (trx) => {
      await lockMigrations(trx);
      const done = await trx.selectFrom('tweeling_migrations').select(['checksum']).where('id', '=', migration.id).executeTakeFirst();
      if (done) {
        if (done.checksum !== migrationChecksum(migration)) {
          throw new Error(`Migration ${migration.id} (${migration.name}) was changed after it was applied; add a new migration instead`);
        }
        return;
      }
      await sql.raw(migration.sql).execute(trx);
      await trx.insertInto('tweeling_migrations').values({ id: migration.id, name: migration.name, checksum: migrationChecksum(migration) }).execute();
      appliedNow.push(`${migration.id}-${migration.name}`);
    });
  }
  return appliedNow;
}

/** How many migrations are applied versus known to this build. */
export async function migrationStatus(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationStatus> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('public.tweeling_migrations')::text AS t`.execute(db.kysely);
  let applied = 0;
  if (exists.rows[0]?.t) {
    const ids = new Set(migrations.map((m) => m.id));
    const rows = await db.kysely.selectFrom('tweeling_migrations').select('id').execute();
    applied = rows.filter((r) => ids.has(r.id)).length;
  }
  return { applied, known: migrations.length, current: applied === migrations.length };
}
