/** `tweeling backup`: the whole database in one streamed, self-checking file, and checking such a file. */
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { COMMON_ERRORS, TweelingError } from '../errors.js';
import { VERSION } from '../version.js';
import { fixTextSettings, listSequences, listTables, MIGRATIONS_TABLE, readRowLines } from './backup-catalog.js';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupWriter,
  TableDigest,
  type AuditHead,
  type BackupHeader,
  type BackupManifest,
  type BackupMigration,
  type BackupSequence,
  type TableDigestResult,
} from './backup-format.js';
import { readBackup } from './backup-read.js';
import type { Db } from './connect.js';
import { DB_ERRORS } from './errors.js';
import type { Database } from './schema.js';

/** Verifies the audit chain in the given (transaction's) database; the audit room's `verifyAuditChain`. */
export type AuditChainCheck = (db: Kysely<Database>) => Promise<AuditHead>;

export interface BackupOptions {
  /** Records the verified audit chain head in the manifest (the CLI passes the audit room's check). */
  auditChain?: AuditChainCheck;
  clock?: () => Date;
}

export interface BackupSummary {
  file: string;
  header: BackupHeader;
  manifest: BackupManifest;
  /** Size of the compressed file. */
  bytes: number;
}

/**
 * Writes every application table, the sequences and a manifest (row count and SHA-256 per table,
 * the audit chain head) to `file`, from one consistent snapshot (REPEATABLE READ, READ ONLY), read
 * through a cursor in batches and gzip-streamed, so memory stays flat however large the database.
 * The file appears only when complete (written as `<file>.<pid>.partial`, then renamed).
 * @throws TWL_CONFLICT when `file` exists
 */
export async function writeBackup(db: Db, file: string, options: BackupOptions = {}): Promise<BackupSummary> {
  if (await stat(file).then(() => true, () => false)) throw new TweelingError(COMMON_ERRORS.CONFLICT, `${file} bestaat al; kies een andere naam of verwijder het eerst.`);
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  const writer = new BackupWriter(partial);
  try {
    const result = await db.kysely.transaction().execute(async (trx) => {
      await sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`.execute(trx);
      await fixTextSettings(trx);
      const tables = await listTables(trx);
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        toolVersion: VERSION,
        engine: db.engine,
        serverVersion: (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(trx)).rows[0]!.v,
        createdAt: (options.clock ?? (() => new Date()))().toISOString(),
        migrations: await appliedMigrations(trx),
        tables: tables.map((t) => t.name),
      };
      await writer.write([JSON.stringify(header)]);
      const digests: Record<string, TableDigestResult> = {};
      for (const table of tables) {
        await writer.write([JSON.stringify({ table: table.name, columns: table.columns })]);
        const digest = new TableDigest(table.columns.map((c) => c.name));
        for await (const lines of readRowLines(trx, table)) {
          digest.add(lines);
          await writer.write(lines);
        }
        digests[table.name] = digest.result();
      }
      const sequences: BackupSequence[] = await listSequences(trx);
      await writer.write([JSON.stringify({ sequences })]);
      const audit = options.auditChain ? await options.auditChain(trx) : null;
      const manifest: BackupManifest = { tables: digests, audit: audit && { ok: audit.ok, entries: audit.entries, headHash: audit.headHash }, bodySha256: writer.bodySha256() };
      return { header, manifest };
    });
    await writer.finish(JSON.stringify({ manifest: result.manifest }));
    await rename(partial, file);
    return { file, ...result, bytes: (await stat(file)).size };
  } catch (error) {
    await writer.abort();
    await rm(partial, { force: true });
    throw error;
  }
}

async function appliedMigrations(trx: Kysely<Database>): Promise<BackupMigration[]> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass(${`public.${MIGRATIONS_TABLE}`})::text AS t`.execute(trx);
  if (!exists.rows[0]?.t) return [];
  return trx.selectFrom('tweeling_migrations').select(['id', 'name', 'checksum']).orderBy('id').execute();
}

/** What checking a backup file found; every count and hash agrees with the manifest. */
export interface VerifiedBackup {
  file: string;
  header: BackupHeader;
  manifest: BackupManifest;
  sequences: BackupSequence[];
  /** Rows in all tables together. */
  rows: number;
  /** The audit log's links as found in the file: seq 1, 2, … each naming the previous entry's hash. */
  auditLinks: { entries: number; headHash: string | null } | null;
}

export interface VerifyBackupOptions {
  /** Called with the header as soon as it is read, e.g. to refuse a newer migration set before reading on. */
  onHeader?: (header: BackupHeader) => void;
}

/**
 * Reads a backup file through without opening a database and checks it: gzip integrity, structure,
 * every table's row count and SHA-256 against the manifest, the SHA-256 of the whole body, and the
 * audit log's hash links up to the head hash the manifest names.
 * @throws TWL_DB_BACKUP_INVALID (what is wrong, where), TWL_DB_BACKUP_NEWER_SCHEMA from `onHeader`
 */
export async function verifyBackupFile(file: string, options: VerifyBackupOptions = {}): Promise<VerifiedBackup> {
  const invalid = (detail: string) => new TweelingError(DB_ERRORS.BACKUP_INVALID, `Backupbestand ${file}: ${detail}`);
  let header: BackupHeader | null = null;
  let manifest: BackupManifest | null = null;
  let sequences: BackupSequence[] = [];
  const digests = new Map<string, TableDigestResult>();
  let current: { name: string; digest: TableDigest } | null = null;
  const audit = new AuditLinks();
  const close = () => {
    if (current) digests.set(current.name, current.digest.result());
    current = null;
  };
  for await (const event of readBackup(file)) {
    if (event.kind === 'header') {
      header = event.header;
      options.onHeader?.(header);
    } else if (event.kind === 'table') {
      close();
      current = { name: event.table, digest: new TableDigest(event.columns.map((c) => c.name)) };
      audit.start(event.table, event.columns.map((c) => c.name));
    } else if (event.kind === 'rows') {
      current!.digest.add(event.lines);
      audit.add(event.table, event.lines);
    } else if (event.kind === 'sequences') {
      close();
      sequences = event.sequences;
    } else {
      manifest = event.manifest;
    }
  }
  if (!header || !manifest) throw invalid('onvolledig.');
  const expected = Object.keys(manifest.tables).sort().join(',');
  if (expected !== [...header.tables].sort().join(',')) throw invalid('het manifest noemt andere tabellen dan de kop.');
  let rows = 0;
  for (const [name, found] of digests) {
    const want = manifest.tables[name]!;
    if (found.rows !== want.rows) throw invalid(`tabel ${name} heeft ${found.rows} rijen, het manifest zegt ${want.rows}.`);
    if (found.sha256 !== want.sha256) throw invalid(`de SHA-256 van tabel ${name} klopt niet met het manifest.`);
    rows += found.rows;
  }
  const auditLinks = audit.result();
  // A chain that was already broken when the backup was made is kept as it was; the manifest says so.
  if (manifest.audit?.ok && auditLinks?.broken) throw invalid(`auditlog: ${auditLinks.broken}.`);
  if (manifest.audit?.ok && auditLinks && (auditLinks.entries !== manifest.audit.entries || (auditLinks.headHash ?? '') !== (manifest.audit.entries ? manifest.audit.headHash : ''))) {
    throw invalid(`het auditlog (${auditLinks.entries} entries, kop ${auditLinks.headHash}) klopt niet met het manifest (${manifest.audit.entries}, kop ${manifest.audit.headHash}).`);
  }
  return { file, header, manifest, sequences, rows, auditLinks: auditLinks && { entries: auditLinks.entries, headHash: auditLinks.headHash } };
}

/** Follows `audit_log` rows in seq order: each must name the previous entry's hash as its `prev_hash`. */
class AuditLinks {
  private columns: { seq: number; prev: number; hash: number } | null = null;
  private entries = 0;
  private head: string | null = null;
  private broken: string | null = null;
  start(table: string, columns: string[]): void {
    if (table !== 'audit_log') return;
    const seq = columns.indexOf('seq');
    const prev = columns.indexOf('prev_hash');
    const hash = columns.indexOf('hash');
    if (seq >= 0 && prev >= 0 && hash >= 0) this.columns = { seq, prev, hash };
  }
  add(table: string, lines: string[]): void {
    if (table !== 'audit_log' || !this.columns || this.broken) return;
    for (const line of lines) {
      const row = JSON.parse(line) as (string | null)[];
      const seq = Number(row[this.columns.seq]);
      if (seq !== this.entries + 1) {
        this.broken = `entry ${this.entries + 1} ontbreekt (volgende is ${seq})`;
        return;
      }
      if (this.head !== null && row[this.columns.prev] !== this.head) {
        this.broken = `entry ${seq} noemt niet de hash van entry ${seq - 1}`;
        return;
      }
      this.head = row[this.columns.hash] ?? null;
      this.entries += 1;
    }
  }
  result(): { entries: number; headHash: string | null; broken: string | null } | null {
    return this.columns ? { entries: this.entries, headHash: this.head, broken: this.broken } : null;
  }
}
