/**
 * What a backup reads from the system catalogue, the same way on PGlite and PostgreSQL: the
 * application's tables (not PostGIS's own) in foreign-key order, their columns and keys, the
 * sequences, and each table's rows in a stable text form.
 */
import { sql, type Kysely } from 'kysely';
import type { BackupColumn, BackupSequence } from './backup-format.js';
import type { Database } from './schema.js';

/** A table as the backup sees it. Generated columns are left out: the database recomputes them. */
export interface TableInfo {
  name: string;
  columns: BackupColumn[];
  /** Columns with a collation (text): ordered byte-wise (`COLLATE "C"`) so both engines agree. */
  collatable: Set<string>;
  primaryKey: string[];
}

export interface ForeignKey {
  table: string;
  name: string;
  columns: string[];
  references: string;
  referencedColumns: string[];
}

type Trx = Kysely<Database>;

/** The table that records applied migrations: restored by running the migrations, not copied. */
export const MIGRATIONS_TABLE = 'tweeling_migrations';

/** A quoted SQL identifier. */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** `public."name"`. */
export const qualified = (name: string) => `public.${ident(name)}`;

const NOT_EXTENSION_MEMBER = (catalog: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;

/**
 * Fixes every setting that shapes the text form of values, for this transaction only: UTC, ISO
 * dates, shortest exact floats, hex bytea. Geometry's text form is hex EWKB whatever the settings.
 */
export async function fixTextSettings(trx: Trx): Promise<void> {
  await sql.raw(
    "SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres'; SET LOCAL extra_float_digits = 1; SET LOCAL bytea_output = 'hex'",
  ).execute(trx);
}

/** The names of the application's own tables in `public` (PostGIS's tables excluded), the migrations table included. */
export async function ownTableNames(trx: Trx): Promise<string[]> {
  const rows = await sql<{ name: string }>`SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${sql.raw(NOT_EXTENSION_MEMBER('pg_class', 'c.oid'))}
    ORDER BY 1`.execute(trx);
  return rows.rows.map((r) => r.name);
}

/** The application's tables (without the migrations table) in foreign-key order: referenced tables first. */
export async function listTables(trx: Trx): Promise<TableInfo[]> {
  const names = new Set((await ownTableNames(trx)).filter((n) => n !== MIGRATIONS_TABLE));
  const columns = await sql<{ table_name: string; column_name: string; column_type: string; collatable: boolean }>`
    SELECT c.relname::text AS table_name, a.attname::text AS column_name, format_type(a.atttypid, a.atttypmod) AS column_type, a.attcollation <> 0 AS collatable
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated NOT IN ('s', 'v')
    WHERE n.nspname = 'public' ORDER BY c.relname, a.attnum`.execute(trx);
  const keys = await sql<{ table_name: string; column_name: string }>`
    SELECT c.relname::text AS table_name, a.attname::text AS column_name
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
    WHERE con.contype = 'p' AND n.nspname = 'public' ORDER BY c.relname, k.ord`.execute(trx);
  const tables = new Map<string, TableInfo>();
  for (const row of columns.rows) {
    if (!names.has(row.table_name)) continue;
    const table = tables.get(row.table_name) ?? { name: row.table_name, columns: [], collatable: new Set<string>(), primaryKey: [] };
    table.columns.push({ name: row.column_name, type: row.column_type });
    if (row.collatable) table.collatable.add(row.column_name);
    tables.set(row.table_name, table);
  }
  for (const row of keys.rows) tables.get(row.table_name)?.primaryKey.push(row.column_name);
  return foreignKeyOrder([...tables.values()], await listForeignKeys(trx));
}

/** Every foreign key between the application's tables. */
export async function listForeignKeys(trx: Trx): Promise<ForeignKey[]> {
  const rows = await sql<{ table_name: string; name: string; ref_table: string; column_name: string; ref_column: string }>`
    SELECT c.relname::text AS table_name, con.conname::text AS name, p.relname::text AS ref_table, a.attname::text AS column_name, ra.attname::text AS ref_column
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_class p ON p.oid = con.confrelid
    CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, refnum, ord)
    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
    JOIN pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = k.refnum
    WHERE con.contype = 'f' AND n.nspname = 'public' ORDER BY 1, 2, k.ord`.execute(trx);
  const keys = new Map<string, ForeignKey>();
  for (const row of rows.rows) {
    const id = `${row.table_name}.${row.name}`;
    const key = keys.get(id) ?? { table: row.table_name, name: row.name, columns: [], references: row.ref_table, referencedColumns: [] };
    key.columns.push(row.column_name);
    key.referencedColumns.push(row.ref_column);
    keys.set(id, key);
  }
  return [...keys.values()];
}

/** Topological order (Kahn), ties by name; self-references are ignored, a cycle is appended by name. */
function foreignKeyOrder(tables: TableInfo[], keys: ForeignKey[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const needs = new Map(tables.map((t) => [t.name, new Set<string>()]));
  for (const key of keys) {
    if (key.table !== key.references && byName.has(key.references)) needs.get(key.table)?.add(key.references);
  }
  const order: TableInfo[] = [];
  const done = new Set<string>();
  const names = [...byName.keys()].sort();
  for (;;) {
    const next = names.find((n) => !done.has(n) && [...needs.get(n)!].every((r) => done.has(r)));
    if (next === undefined) break;
    done.add(next);
    order.push(byName.get(next)!);
  }
  for (const n of names) if (!done.has(n)) order.push(byName.get(n)!);
  return order;
}

/** The application's sequences and where they stand. */
export async function listSequences(trx: Trx): Promise<BackupSequence[]> {
  const names = await sql<{ name: string }>`SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'S' AND ${sql.raw(NOT_EXTENSION_MEMBER('pg_class', 'c.oid'))} ORDER BY 1`.execute(trx);
  const sequences: BackupSequence[] = [];
  for (const { name } of names.rows) {
    const state = await sql<{ last_value: string; is_called: boolean }>`SELECT last_value::text AS last_value, is_called FROM ${sql.raw(qualified(name))}`.execute(trx);
    sequences.push({ name, lastValue: state.rows[0]!.last_value, isCalled: state.rows[0]!.is_called });
  }
  return sequences;
}

/** Rows per FETCH never exceed this; the byte target below usually decides first. */
const MAX_FETCH_ROWS = 5_000;
/** Aim for about this many bytes of row lines per FETCH, so big rows (raster cells) come a few at a time. */
const TARGET_FETCH_BYTES = 8 * 1024 * 1024;
const CURSOR = 'tweeling_backup_rows';

/**
 * A table's rows as backup lines (JSON arrays of each column's text form or null), in primary-key
 * order with text compared byte-wise, fetched through a cursor in batches sized by the bytes seen so
 * far: the first FETCH takes one row. Must run inside a transaction with {@link fixTextSettings}.
 */
export async function* readRowLines(trx: Trx, table: TableInfo, columns: readonly string[] = table.columns.map((c) => c.name)): AsyncGenerator<string[]> {
  const select = columns.map((c, i) => `${ident(c)}::text AS c${i}`).join(', ');
  const order = table.primaryKey.length > 0
    ? table.primaryKey.map((c) => (table.collatable.has(c) ? `${ident(c)} COLLATE "C"` : ident(c)))
    : columns.map((c) => `${ident(c)}::text COLLATE "C"`);
  await sql.raw(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR SELECT ${select} FROM ${qualified(table.name)} ORDER BY ${order.join(', ')}`).execute(trx);
  try {
    let fetch = 1;
    for (;;) {
      const result = await sql.raw<Record<string, string | null>>(`FETCH FORWARD ${fetch} FROM ${CURSOR}`).execute(trx);
      if (result.rows.length === 0) return;
      let bytes = 0;
      const lines = result.rows.map((row) => {
        const line = JSON.stringify(columns.map((_, i) => row[`c${i}`] ?? null));
        bytes += line.length;
        return line;
      });
      yield lines;
      if (result.rows.length < fetch) return;
      fetch = Math.max(1, Math.min(MAX_FETCH_ROWS, fetch * 8, Math.floor(TARGET_FETCH_BYTES / (bytes / lines.length))));
    }
  } finally {
    await sql.raw(`CLOSE ${CURSOR}`).execute(trx).catch(() => undefined);
  }
}
