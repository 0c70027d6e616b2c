/** The database a backup goes into: is it empty, wiping it (`--force`), and its foreign keys afterwards. */
import { sql, type Kysely } from 'kysely';
import { TweelingError } from '../errors.js';
import { ident, listForeignKeys, MIGRATIONS_TABLE, ownTableNames, qualified } from './backup-catalog.js';
import type { BackupMigration } from './backup-format.js';
import { DB_ERRORS } from './errors.js';
import type { Database } from './schema.js';

type Trx = Kysely<Database>;

/**
 * Refuses a database that holds any row, or migrations the backup does not have (a newer schema).
 * A database with the backup's migrations (or a first part of them) and no rows counts as empty.
 * @throws TWL_DB_RESTORE_NOT_EMPTY
 */
export async function assertEmpty(trx: Trx, backupMigrations: readonly BackupMigration[]): Promise<void> {
  const tables = await ownTableNames(trx);
  const withRows: string[] = [];
  for (const table of tables.filter((t) => t !== MIGRATIONS_TABLE)) {
    const found = await sql<{ any: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.raw(qualified(table))}) AS any`.execute(trx);
    if (found.rows[0]?.any) withRows.push(table);
  }
  if (withRows.length > 0) {
    const names = withRows.slice(0, 5).join(', ') + (withRows.length > 5 ? ` en ${withRows.length - 5} andere` : '');
    throw new TweelingError(
      DB_ERRORS.RESTORE_NOT_EMPTY,
      `De database is niet leeg: ${withRows.length} tabellen bevatten rijen (${names}). Herstel in een lege database (een nieuwe DATA_DIR of een lege PostgreSQL-database), of gebruik --force om eerst alles te verwijderen.`,
    );
  }
  if (!tables.includes(MIGRATIONS_TABLE)) return;
  const known = new Map(backupMigrations.map((m) => [m.id, m.checksum]));
  const applied = await trx.selectFrom('tweeling_migrations').select(['id', 'name', 'checksum']).orderBy('id').execute();
  const foreign = applied.filter((m) => known.get(m.id) !== m.checksum);
  if (foreign.length > 0) {
    throw new TweelingError(
      DB_ERRORS.RESTORE_NOT_EMPTY,
      `De database heeft al migraties die de backup niet heeft (${foreign.map((m) => `${m.id}-${m.name}`).join(', ')}). Herstel in een lege database, of gebruik --force om eerst alles te verwijderen.`,
    );
  }
}

const notExtensionMember = (catalog: string, oid: string) =>
  sql.raw(`NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`);

/**
 * Drops every object of the application in `public` (tables, views, sequences, routines, types),
 * leaving extensions such as PostGIS in place. Runs in the restore's transaction, so a failed restore
 * leaves the old database as it was.
 * @returns how many objects were dropped
 */
export async function dropEverything(trx: Trx): Promise<number> {
  const relations = await sql<{ name: string; kind: string }>`SELECT c.relname::text AS name, c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${notExtensionMember('pg_class', 'c.oid')}`.execute(trx);
  const routines = await sql<{ signature: string }>`SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND ${notExtensionMember('pg_proc', 'p.oid')}`.execute(trx);
  const types = await sql<{ name: string; kind: string }>`SELECT t.oid::regtype::text AS name, t.typtype::text AS kind FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    LEFT JOIN pg_class c ON c.oid = t.typrelid
    WHERE n.nspname = 'public' AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND c.relkind = 'c')) AND ${notExtensionMember('pg_type', 't.oid')}`.execute(trx);
  const drop = async (statement: string, names: string[]) => {
    if (names.length > 0) await sql.raw(`${statement} IF EXISTS ${names.join(', ')} CASCADE`).execute(trx);
  };
  const of = (kinds: string[]) => relations.rows.filter((r) => kinds.includes(r.kind)).map((r) => qualified(r.name));
  await drop('DROP VIEW', of(['v']));
  await drop('DROP MATERIALIZED VIEW', of(['m']));
  await drop('DROP FOREIGN TABLE', of(['f']));
  await drop('DROP TABLE', of(['r', 'p']));
  await drop('DROP SEQUENCE', of(['S']));
  await drop('DROP ROUTINE', routines.rows.map((r) => r.signature));
  await drop('DROP DOMAIN', types.rows.filter((t) => t.kind === 'd').map((t) => t.name));
  await drop('DROP TYPE', types.rows.filter((t) => t.kind !== 'd').map((t) => t.name));
  return relations.rows.length + routines.rows.length + types.rows.length;
}

/**
 * Checks every foreign key by query (rows were inserted with triggers, and so foreign-key checks,
 * switched off): a row whose key columns are all set must find its referenced row.
 * @returns how many foreign keys were checked
 * @throws TWL_DB_RESTORE_VERIFY_FAILED naming the first key with orphans
 */
export async function checkForeignKeys(trx: Trx): Promise<number> {
  const keys = await listForeignKeys(trx);
  for (const key of keys) {
    const set = key.columns.map((c) => `c.${ident(c)} IS NOT NULL`).join(' AND ');
    const match = key.columns.map((c, i) => `p.${ident(key.referencedColumns[i]!)} = c.${ident(c)}`).join(' AND ');
    const orphans = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.raw(qualified(key.table))} c
      WHERE ${sql.raw(set)} AND NOT EXISTS (SELECT 1 FROM ${sql.raw(qualified(key.references))} p WHERE ${sql.raw(match)})`.execute(trx);
    const n = orphans.rows[0]?.n ?? 0;
    if (n > 0) throw new TweelingError(DB_ERRORS.RESTORE_VERIFY_FAILED, `${n} rijen van ${key.table} verwijzen naar een ${key.references} die er niet is (${key.name}); er is niets hersteld.`);
  }
  return keys.length;
}
