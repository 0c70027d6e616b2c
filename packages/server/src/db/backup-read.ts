/** Reading a backup file back: gunzip, lines, and the file's structure checked as it streams past. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { z } from 'zod';
import { TweelingError } from '../errors.js';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupHeader,
  BackupManifestLine,
  BackupSequences,
  BackupTableStart,
  type BackupColumn,
  type BackupManifest,
  type BackupSequence,
} from './backup-format.js';
import { DB_ERRORS } from './errors.js';

/** What a backup holds, in file order. Rows come in batches of row lines (JSON arrays of text or null). */
export type BackupEvent =
  | { kind: 'header'; header: BackupHeader }
  | { kind: 'table'; table: string; columns: BackupColumn[] }
  | { kind: 'rows'; table: string; lines: string[] }
  | { kind: 'sequences'; sequences: BackupSequence[] }
  | { kind: 'manifest'; manifest: BackupManifest };

export interface ReadBackupOptions {
  /** Parse every row line and check its shape (default true; a second pass over a checked file may skip it). */
  validateRows?: boolean;
  /** Bytes of row lines per `rows` event (default 4 MiB; one larger row is one event). */
  batchBytes?: number;
}

const invalid = (file: string, detail: string) => new TweelingError(DB_ERRORS.BACKUP_INVALID, `Backupbestand ${file}: ${detail}`);

/** The file's lines, decompressed; a zlib or read error becomes a clear TWL_DB_BACKUP_INVALID. */
async function* lines(file: string): AsyncGenerator<string> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  gunzip.setEncoding('utf8');
  // Row lines can be megabytes (a raster's cells): collect the pieces of a line and join them once.
  const pending: string[] = [];
  try {
    for await (const chunk of gunzip as AsyncIterable<string>) {
      const parts = chunk.split('\n');
      if (parts.length === 1) {
        pending.push(chunk);
        continue;
      }
      pending.push(parts[0]!);
      yield pending.join('');
      pending.length = 0;
      for (let i = 1; i < parts.length - 1; i += 1) yield parts[i]!;
      if (parts[parts.length - 1]) pending.push(parts[parts.length - 1]!);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw invalid(file, 'bestaat niet.');
    throw invalid(file, `beschadigd of onvolledig (${(error as Error).message}).`);
  } finally {
    source.destroy();
  }
  if (pending.length > 0) throw invalid(file, 'onvolledig: de laatste regel is afgebroken.');
}

function parseLine<S extends z.ZodType>(file: string, lineNo: number, text: string, schema: S, what: string): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(file, `regel ${lineNo} is geen geldige JSON (${what} verwacht).`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(file, `regel ${lineNo}: ${what} verwacht (${parsed.error.issues.map((i) => `${i.path.join('.') || '/'}: ${i.message}`).join('; ')}).`);
  return parsed.data as z.infer<S>;
}

function checkRow(file: string, lineNo: number, text: string, width: number): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(file, `regel ${lineNo} is geen geldige rij.`);
  }
  if (!Array.isArray(value) || value.length !== width || !value.every((v) => v === null || typeof v === 'string')) {
    throw invalid(file, `regel ${lineNo}: een rij van ${width} kolommen (tekst of null) verwacht.`);
  }
}

/**
 * Streams a backup file as events, checking as it goes: the header first (format and version), the
 * tables in the header's order, each row as wide as its table, then the sequences and the manifest
 * as the very last line, whose `bodySha256` must match the lines before it.
 * @throws TWL_DB_BACKUP_INVALID naming the file, the line and what is wrong
 */
export async function* readBackup(file: string, options: ReadBackupOptions = {}): AsyncGenerator<BackupEvent> {
  const validateRows = options.validateRows ?? true;
  const batchBytes = options.batchBytes ?? 4 * 1024 * 1024;
  const body = createHash('sha256');
  let lineNo = 0;
  let header: BackupHeader | null = null;
  let tableIndex = -1;
  let columns = 0;
  let batch: string[] = [];
  let bytes = 0;
  let sequencesSeen = false;
  let manifest: BackupManifest | null = null;
  const flush = (): BackupEvent | null => {
    if (batch.length === 0 || !header) return null;
    const event: BackupEvent = { kind: 'rows', table: header.tables[tableIndex]!, lines: batch };
    batch = [];
    bytes = 0;
    return event;
  };
  for await (const text of lines(file)) {
    lineNo += 1;
    if (manifest) throw invalid(file, `regel ${lineNo} staat na het manifest.`);
    if (!header) {
      if (!text.startsWith('{') || !text.includes(`"${BACKUP_FORMAT}"`)) throw invalid(file, 'dit is geen Tweeling-backup.');
      const raw = (() => {
        try {
          return JSON.parse(text) as { formatVersion?: unknown };
        } catch {
          throw invalid(file, 'de kop is geen geldige JSON.');
        }
      })();
      if (typeof raw.formatVersion === 'number' && raw.formatVersion > BACKUP_FORMAT_VERSION) {
        throw new TweelingError(DB_ERRORS.BACKUP_NEWER_SCHEMA, `Backupbestand ${file} heeft formaatversie ${raw.formatVersion}; deze Tweeling leest t/m versie ${BACKUP_FORMAT_VERSION}. Werk Tweeling bij.`);
      }
      header = parseLine(file, lineNo, text, BackupHeader, 'de kop');
      if (header.formatVersion !== BACKUP_FORMAT_VERSION) throw invalid(file, `onbekende formaatversie ${header.formatVersion}.`);
      body.update(`${text}\n`);
      yield { kind: 'header', header };
      continue;
    }
    if (text.startsWith('[')) {
      if (tableIndex < 0 || sequencesSeen) throw invalid(file, `regel ${lineNo}: een rij buiten een tabel.`);
      if (validateRows) checkRow(file, lineNo, text, columns);
      body.update(`${text}\n`);
      batch.push(text);
      bytes += text.length;
      if (bytes >= batchBytes) yield flush()!;
      continue;
    }
    const pendingRows = flush();
    if (pendingRows) yield pendingRows;
    if (text.startsWith('{"table":')) {
      const start = parseLine(file, lineNo, text, BackupTableStart, 'een tabel');
      tableIndex += 1;
      if (sequencesSeen || start.table !== header.tables[tableIndex]) throw invalid(file, `regel ${lineNo}: tabel ${header.tables[tableIndex] ?? '(geen)'} verwacht, ${start.table} gevonden.`);
      columns = start.columns.length;
      body.update(`${text}\n`);
      yield { kind: 'table', table: start.table, columns: start.columns };
    } else if (text.startsWith('{"sequences":')) {
      if (sequencesSeen || tableIndex !== header.tables.length - 1) throw invalid(file, `regel ${lineNo}: de reeksen horen na alle ${header.tables.length} tabellen.`);
      sequencesSeen = true;
      body.update(`${text}\n`);
      yield { kind: 'sequences', sequences: parseLine(file, lineNo, text, BackupSequences, 'de reeksen').sequences };
    } else if (text.startsWith('{"manifest":')) {
      if (!sequencesSeen) throw invalid(file, `regel ${lineNo}: het manifest komt te vroeg; het bestand is onvolledig.`);
      manifest = parseLine(file, lineNo, text, BackupManifestLine, 'het manifest').manifest;
      if (manifest.bodySha256 !== body.digest('hex')) throw invalid(file, 'de inhoud klopt niet met de SHA-256 in het manifest (gewijzigd of beschadigd).');
      yield { kind: 'manifest', manifest };
    } else {
      throw invalid(file, `regel ${lineNo} is onbekend.`);
    }
  }
  if (!header) throw invalid(file, 'is leeg.');
  if (!manifest) throw invalid(file, 'onvolledig: het manifest aan het eind ontbreekt.');
}
