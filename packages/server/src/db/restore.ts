/** `tweeling restore`: a checked backup into an empty database, in one transaction, verified before it commits. */
import { sql, type Kysely } from 'kysely';
import { TweelingError } from '../errors.js';
import type { AuditChainCheck, VerifiedBackup } from './backup.js';
import { fixTextSettings, ident, listTables, qualified, readRowLines, type TableInfo } from './backup-catalog.js';
import { TableDigest, type AuditHead, type BackupColumn, type BackupHeader } from './backup-format.js';
import { readBackup } from './backup-read.js';
import type { Db } from './connect.js';
import { DB_ERRORS } from './errors.js';
import { lockMigrations, migrateWithin, migrationChecksum } from './migrate.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { assertEmpty, checkForeignKeys, dropEverything } from './restore-target.js';
import type { Database } from './schema.js';

type Trx = Kysely<Database>;

/**
 * Refuses a backup whose migrations are not the first part of this build's migrations (a newer or
 * different schema): restoring it would need migrations this build does not have.
 * @returns the migrations of this build that the backup was made with
 * @throws TWL_DB_BACKUP_NEWER_SCHEMA
 */
export function backupMigrations(header: BackupHeader, migrations: readonly Migration[] = MIGRATIONS): Migration[] {
  header.migrations.forEach((m, i) => {
    const ours = migrations[i];
    if (!ours || ours.id !== m.id || migrationChecksum(ours) !== m.checksum) {
      throw new TweelingError(
        DB_ERRORS.BACKUP_NEWER_SCHEMA,
        `De backup is gemaakt met migratie ${m.id}-${m.name}, die deze Tweeling (${migrations.length} migraties, t/m ${migrations.at(-1)?.id ?? 0}) ${ours?.id === m.id ? 'anders kent' : 'niet kent'}. Herstel met de Tweeling-versie die de backup maakte (${header.toolVersion}) of een nieuwere.`,
      );
    }
  });
  return migrations.slice(0, header.migrations.length);
}

export interface RestoreOptions {
  /** Drop everything in the database first (in the same transaction). */
  force?: boolean;
  /** The audit room's chain check, run on the restored rows before commit. */
  auditChain?: AuditChainCheck;
  migrations?: readonly Migration[];
}

export interface RestoreReport {
  tables: number;
  rows: number;
  /** Objects dropped by `force`. */
  dropped: number;
  migrations: string[];
  foreignKeys: number;
  sequences: number;
  /** The chain as verified in the restored database (equal to the manifest's). */
  audit: AuditHead | null;
}

/**
 * Restores a backup that {@link verifyBackupFile} has checked into `db`, all or nothing, in one
 * transaction: refuse a database that is not empty (or, with `force`, drop everything), run the
 * backup's migrations, insert every row with triggers off (`session_replication_role = replica`:
 * the append-only audit log and the foreign keys allow rows in file order), set the sequences,
 * then verify before commit: every foreign key, each table's row count and SHA-256 recomputed from
 * the database, and the audit chain with the manifest's head hash.
 * @throws TWL_DB_RESTORE_NOT_EMPTY, TWL_DB_RESTORE_NOT_PERMITTED, TWL_DB_RESTORE_VERIFY_FAILED, TWL_DB_BACKUP_*
 */
export async function restoreBackup(db: Db, checked: VerifiedBackup, options: RestoreOptions = {}): Promise<RestoreReport> {
  const { header, manifest } = checked;
  const migrations = backupMigrations(header, options.migrations);
  const failed = (detail: string) => new TweelingError(DB_ERRORS.RESTORE_VERIFY_FAILED, `${detail}; er is niets hersteld.`);
  return db.kysely.transaction().execute(async (trx) => {
    await lockMigrations(trx);
    const dropped = options.force ? await dropEverything(trx) : 0;
    if (!options.force) await assertEmpty(trx, header.migrations);
    await migrateWithin(trx, migrations);
    await replicaMode(trx, db.engine);
    await fixTextSettings(trx);
    const tables = new Map((await listTables(trx)).map((t) => [t.name, t]));
    const missing = header.tables.filter((t) => !tables.has(t));
    if (missing.length > 0) throw failed(`het schema na de migraties heeft geen tabel ${missing.join(', ')}`);
    const inserted = await insertRows(trx, checked, tables);
    for (const s of checked.sequences) {
      await sql`SELECT setval(${qualified(s.name)}::text::regclass, ${s.lastValue}::text::bigint, ${s.isCalled ? 'true' : 'false'}::text::boolean)`.execute(trx);
    }
    await sql`SET LOCAL session_replication_role = origin`.execute(trx);
    const foreignKeys = await checkForeignKeys(trx);
    let rows = 0;
    for (const table of tables.values()) {
      const want = manifest.tables[table.name] ?? { rows: 0, sha256: null };
      const columns = inserted.get(table.name) ?? table.columns.map((c) => c.name);
      const digest = new TableDigest(columns);
      for await (const lines of readRowLines(trx, table, columns)) digest.add(lines);
      const found = digest.result();
      if (found.rows !== want.rows) throw failed(`tabel ${table.name} heeft na herstel ${found.rows} rijen, de backup ${want.rows}`);
      if (want.sha256 !== null && found.sha256 !== want.sha256) throw failed(`de inhoud van tabel ${table.name} na herstel verschilt van de backup (SHA-256)`);
      rows += found.rows;
    }
    const audit = options.auditChain ? await options.auditChain(trx) : null;
    if (audit && manifest.audit && (audit.ok !== manifest.audit.ok || audit.entries !== manifest.audit.entries || audit.headHash !== manifest.audit.headHash)) {
      throw failed(`de auditketen na herstel (${audit.entries} entries, kop ${audit.headHash}) is niet die van de backup (${manifest.audit.entries}, kop ${manifest.audit.headHash})`);
    }
    return { tables: header.tables.length, rows, dropped, migrations: migrations.map((m) => `${m.id}-${m.name}`), foreignKeys, sequences: checked.sequences.length, audit };
  });
}

/** Switches triggers (the audit log's guards, foreign-key checks) off until the end of the transaction. */
async function replicaMode(trx: Trx, engine: Db['engine']): Promise<void> {
  try {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
  } catch (error) {
    throw new TweelingError(
      DB_ERRORS.RESTORE_NOT_PERMITTED,
      `Herstellen vraagt het recht om session_replication_role te zetten (superuser, of GRANT SET ON PARAMETER session_replication_role) op ${engine === 'postgres' ? 'PostgreSQL' : 'de database'}: ${(error as Error).message}`,
    );
  }
}

/**
 * Reads the file a second time and inserts each batch of rows with one statement: the batch goes in
 * as one JSON text parameter, each column cast from its text form to the column's type.
 * @returns per table the columns that were inserted
 */
async function insertRows(trx: Trx, checked: VerifiedBackup, tables: Map<string, TableInfo>): Promise<Map<string, string[]>> {
  const inserted = new Map<string, string[]>();
  let statement = '';
  for await (const event of readBackup(checked.file, { validateRows: false })) {
    const changed = (event.kind === 'header' && JSON.stringify(event.header) !== JSON.stringify(checked.header)) || (event.kind === 'manifest' && JSON.stringify(event.manifest) !== JSON.stringify(checked.manifest));
    if (changed) {
      throw new TweelingError(DB_ERRORS.BACKUP_INVALID, `Backupbestand ${checked.file} is veranderd sinds de controle; er is niets hersteld.`);
    } else if (event.kind === 'table') {
      statement = insertStatement(tables.get(event.table)!, event.columns);
      inserted.set(event.table, event.columns.map((c) => c.name));
    } else if (event.kind === 'rows') {
      await sql`${sql.raw(statement)} FROM json_array_elements(${`[${event.lines.join(',')}]`}::text::json) AS r`.execute(trx);
    }
  }
  return inserted;
}

function insertStatement(table: TableInfo, columns: BackupColumn[]): string {
  const types = new Map(table.columns.map((c) => [c.name, c.type]));
  const mismatch = columns.filter((c) => types.get(c.name) !== c.type).map((c) => `${c.name} (${c.type} in de backup, ${types.get(c.name) ?? 'ontbreekt'} hier)`);
  const extra = table.columns.filter((c) => !columns.some((b) => b.name === c.name)).map((c) => c.name);
  if (mismatch.length > 0 || extra.length > 0) {
    throw new TweelingError(DB_ERRORS.RESTORE_VERIFY_FAILED, `Tabel ${table.name} past niet bij de backup: ${[...mismatch, ...extra.map((e) => `${e} ontbreekt in de backup`)].join('; ')}; er is niets hersteld.`);
  }
  const names = columns.map((c) => ident(c.name)).join(', ');
  const values = columns.map((c, i) => `(r->>${i})::${c.type}`).join(', ');
  return `INSERT INTO ${qualified(table.name)} (${names}) SELECT ${values}`;
}
