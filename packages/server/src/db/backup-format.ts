/**
 * The backup file: one gzip stream of UTF-8 lines, each a JSON value.
 *
 * ```
 * {"format":"tweeling-backup","formatVersion":1,…,"migrations":[…],"tables":[…]}   header
 * {"table":"organisations","columns":[{"name":"id","type":"text"},…]}            a table, in FK-safe order
 * ["almere","Gemeente Almere (demo)",…]                                          its rows: every column as
 * …                                                                              PostgreSQL's text form or null
 * {"sequences":[{"name":…,"lastValue":"42","isCalled":true}]}
 * {"manifest":{"tables":{"organisations":{"rows":7,"sha256":…}},"audit":{…},"bodySha256":…}}
 * ```
 *
 * Values are PostgreSQL's text output under fixed settings (UTC, ISO dates, shortest exact floats,
 * hex bytea; geometry is hex EWKB), so the same data gives the same lines on PGlite and PostgreSQL
 * and a table's SHA-256 can be recomputed from any restored database. `bodySha256` covers every line
 * before the manifest.
 */
import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { z } from 'zod';

export const BACKUP_FORMAT = 'tweeling-backup';
export const BACKUP_FORMAT_VERSION = 1;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const BackupMigration = z.strictObject({ id: z.number().int().positive(), name: z.string(), checksum: Sha256Hex });
export type BackupMigration = z.infer<typeof BackupMigration>;

export const BackupColumn = z.strictObject({ name: z.string().min(1), type: z.string().min(1) });
export type BackupColumn = z.infer<typeof BackupColumn>;

export const BackupHeader = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  toolVersion: z.string(),
  engine: z.enum(['pglite', 'postgres']),
  serverVersion: z.string(),
  createdAt: z.string(),
  migrations: z.array(BackupMigration),
  tables: z.array(z.string().min(1)),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

export const BackupTableStart = z.strictObject({ table: z.string().min(1), columns: z.array(BackupColumn).min(1) });

export const BackupSequence = z.strictObject({ name: z.string().min(1), lastValue: z.string().regex(/^-?[0-9]+$/), isCalled: z.boolean() });
export type BackupSequence = z.infer<typeof BackupSequence>;
export const BackupSequences = z.strictObject({ sequences: z.array(BackupSequence) });

export const TableDigestResult = z.strictObject({ rows: z.number().int().nonnegative(), sha256: Sha256Hex });
export type TableDigestResult = z.infer<typeof TableDigestResult>;

/** The audit chain as verified when the backup was made. */
export const AuditHead = z.strictObject({ ok: z.boolean(), entries: z.number().int().nonnegative(), headHash: z.string() });
export type AuditHead = z.infer<typeof AuditHead>;

export const BackupManifest = z.strictObject({
  tables: z.record(z.string(), TableDigestResult),
  audit: AuditHead.nullable(),
  bodySha256: Sha256Hex,
});
export type BackupManifest = z.infer<typeof BackupManifest>;
export const BackupManifestLine = z.strictObject({ manifest: BackupManifest });

/** Row count and SHA-256 of one table: over its column names, then each row line in primary-key order. */
export class TableDigest {
  private readonly hash: Hash = createHash('sha256');
  private count = 0;
  constructor(columns: readonly string[]) {
    this.hash.update(`${JSON.stringify(columns)}\n`);
  }
  add(lines: readonly string[]): void {
    for (const line of lines) this.hash.update(`${line}\n`);
    this.count += lines.length;
  }
  result(): TableDigestResult {
    return { rows: this.count, sha256: this.hash.digest('hex') };
  }
}

/** Writes lines into a gzip file, waiting when the disk is slower than the database (backpressure). */
export class BackupWriter {
  private readonly gzip = createGzip({ level: 6 });
  private readonly body: Hash = createHash('sha256');
  private readonly done: Promise<void>;
  private failure: unknown = null;
  constructor(file: string) {
    this.done = pipeline(this.gzip, createWriteStream(file, { flags: 'wx' }));
    this.done.catch((error: unknown) => (this.failure = error));
  }
  /** Appends lines that count towards `bodySha256`. */
  async write(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return;
    const text = `${lines.join('\n')}\n`;
    this.body.update(text);
    await this.push(text);
  }
  /** SHA-256 of everything written so far with `write`. */
  bodySha256(): string {
    return this.body.copy().digest('hex');
  }
  /** Writes the manifest line (outside the body hash) and closes the file. */
  async finish(manifestLine: string): Promise<void> {
    await this.push(`${manifestLine}\n`);
    this.gzip.end();
    await this.done;
  }
  /** Stops writing after a failure; the caller removes the file. */
  async abort(): Promise<void> {
    this.gzip.destroy();
    await this.done.catch(() => undefined);
  }
  private async push(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.gzip.write(text)) await once(this.gzip, 'drain');
  }
}
