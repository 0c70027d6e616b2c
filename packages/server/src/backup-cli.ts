/** `tweeling backup` and `tweeling restore`: the db room's backup functions with the audit check, and what they print. */
import type { Kysely } from 'kysely';
import { verifyAuditChain } from './audit/index.js';
import { TweelingError } from './errors.js';
import { backupMigrations, migrate, restoreBackup, verifyBackupFile, writeBackup, type AuditHead, type Database, type Db, type VerifiedBackup } from './db/index.js';

/** The audit room's chain check, as the backup and restore record and compare it. */
const auditChain = async (db: Kysely<Database>): Promise<AuditHead> => {
  const result = await verifyAuditChain(db);
  return { ok: result.ok, entries: result.entries, headHash: result.headHash };
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const auditLine = (audit: AuditHead | null, suffix = '') =>
  audit === null ? 'auditketen: niet gecontroleerd' : `auditketen ${audit.ok ? 'OK' : 'VERBROKEN'}: ${audit.entries} entries, kop ${audit.headHash}${suffix}`;
const made = (checked: VerifiedBackup) =>
  `gemaakt ${checked.header.createdAt} op ${checked.header.engine} (PostgreSQL ${checked.header.serverVersion}) met tweeling ${checked.header.toolVersion}`;

/** `tweeling backup FILE`: write, then read the file back and check it against its manifest. */
export async function backupCommand(db: Db, file: string): Promise<void> {
  const started = performance.now();
  const written = await writeBackup(db, file, { auditChain });
  const checked = await verifyBackupFile(file);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`backup geschreven: ${file} (${mb(written.bytes)}, ${seconds} s)`);
  console.log(`  ${checked.header.tables.length} tabellen, ${checked.rows} rijen, migraties ${checked.header.migrations.map((m) => m.id).join(',') || '(geen)'}, ${made(checked)}`);
  console.log('  gecontroleerd: aantallen en SHA-256 per tabel en van de hele inhoud kloppen met het manifest');
  console.log(`  ${auditLine(written.manifest.audit)}`);
  if (written.manifest.audit && !written.manifest.audit.ok) console.error('tweeling: let op: de auditketen was al verbroken toen de backup werd gemaakt (zie tweeling audit verify)');
}

/** `tweeling backup --verify FILE`: check a file without opening a database. */
export async function verifyBackupCommand(file: string): Promise<void> {
  const checked = await verifyBackupFile(file);
  console.log(`backup ${file}: ${made(checked)}; migraties ${checked.header.migrations.map((m) => `${m.id}-${m.name}`).join(', ') || '(geen)'}`);
  const width = Math.max(...checked.header.tables.map((t) => t.length), 5);
  for (const table of checked.header.tables) {
    const t = checked.manifest.tables[table]!;
    console.log(`  ${table.padEnd(width)} ${String(t.rows).padStart(9)}  sha256:${t.sha256}`);
  }
  console.log(`gecontroleerd: ${checked.header.tables.length} tabellen, ${checked.rows} rijen; aantallen en SHA-256 per tabel en van de hele inhoud kloppen met het manifest`);
  const links = checked.auditLinks ? `; schakels in het bestand kloppen (${checked.auditLinks.entries} entries)` : '';
  console.log(`${auditLine(checked.manifest.audit, ' (bij het maken geverifieerd)')}${links}`);
}

/** Checks the whole file before any database is opened, so a bad file writes nothing (not even a new DATA_DIR). */
export async function checkBackupForRestore(file: string): Promise<VerifiedBackup> {
  try {
    return await verifyBackupFile(file, { onHeader: (header) => void backupMigrations(header) });
  } catch (error) {
    if (error instanceof TweelingError) throw new TweelingError({ code: error.code, status: error.status, title: error.title }, `${error.message} Er is niets hersteld.`);
    throw error;
  }
}

/** `tweeling restore FILE [--force]`: restore, verified before commit; then apply this build's newer migrations. */
export async function restoreCommand(db: Db, checked: VerifiedBackup, force: boolean): Promise<void> {
  const started = performance.now();
  const report = await restoreBackup(db, checked, { force, auditChain });
  const later = await migrate(db);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`hersteld uit ${checked.file} in ${db.engine} (${seconds} s): ${made(checked)}`);
  if (force) console.log(`  eerst verwijderd: ${report.dropped} objecten`);
  console.log(`  ${report.tables} tabellen, ${report.rows} rijen, ${report.sequences} reeksen; migraties ${report.migrations.join(', ') || '(geen)'}`);
  console.log(`  gecontroleerd: ${report.foreignKeys} externe sleutels; aantallen en SHA-256 van elke tabel gelijk aan de backup`);
  console.log(`  ${auditLine(report.audit, report.audit ? ' (gelijk aan de backup)' : '')}`);
  if (later.length > 0) console.log(`  daarna bijgewerkt met migraties ${later.join(', ')}`);
}
