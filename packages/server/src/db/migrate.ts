import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './connect.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

/** Arbitrary fixed key for the advisory lock that serialises migration runs across processes. */
const MIGRATION_LOCK_KEY = 7_001_001;

export interface MigrationStatus {
  applied: number;
  known: number;
  current: boolean;
}

const checksum = (m: Migration) => createHash('sha256').update(m.sql).digest('hex');

/**
 * Applies every migration not yet applied, each in its own transaction, under an advisory lock
 * so that several servers or workers starting at once apply each migration exactly once.
 * Idempotent: a second run applies nothing. Throws when an applied migration was changed.
 * @returns the names of the migrations applied now
 */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<string[]> {
  const appliedNow: string[] = [];
  await db.kysely.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS tweeling_migrations (
      id integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`.execute(trx);
  });
  for (const migration of migrations) {
    await db.kysely.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
      const done = await trx.selectFrom('tweeling_migrations').select(['checksum']).where('id', '=', migration.id).executeTakeFirst();
      if (done) {
        if (done.checksum !== checksum(migration)) {
          throw new Error(`Migration ${migration.id} (${migration.name}) was changed after it was applied; add a new migration instead`);
        }
        return;
      }
      await sql.raw(migration.sql).execute(trx);
      await trx.insertInto('tweeling_migrations').values({ id: migration.id, name: migration.name, checksum: checksum(migration) }).execute();
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
