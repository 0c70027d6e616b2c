import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/** What identity services need: the database and a clock (tests pass a fixed one). */
export interface ServiceDeps {
  db: Kysely<Database>;
  clock: () => Date;
  /** Longest validity of a token in days (TOKEN_MAX_DAYS); absent: only the schema's limit. */
  tokenMaxDays?: number;
}

export const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());
export const isoRequired = (value: Date | string): string => new Date(value).toISOString();
