/** App Store room tables. */
import type { ColumnType } from 'kysely';
import type { Timestamp, NullableTimestamp } from './columns.js';

export interface StoreListingsTable {
  app_id: string;
  publisher_id: string;
  state: string;
  first_published_at: Timestamp;
  updated_at: Timestamp;
}

export interface StoreReleasesTable {
  app_id: string;
  version: string;
  version_key: string;
  channel: string;
  publisher_id: string;
  use_cases: string[];
  themes: string[];
  pricing_kind: string;
  name: unknown;
  summary: unknown;
  /** Trust criteria the release's manifest meets. */
  manifest_trust: string[];
  search_a: string;
  search_b: string;
  search_c: string;
  /** Generated tsvector columns: read in SQL only. */
  search_nl: ColumnType<unknown, never, never>;
  search_en: ColumnType<unknown, never, never>;
  search_simple: ColumnType<unknown, never, never>;
  changelog: string | null;
  published_at: Timestamp;
}

export interface StoreReviewsTable {
  id: string;
  app_id: string;
  app_version: string;
  organisation_id: string;
  rating: number;
  body: string;
  use_case: string | null;
  created_at: Timestamp;
}

export interface StoreSigningKeysTable {
  id: string;
  public_key: string;
  private_key: string;
  created_at: Timestamp;
}

export interface StoreAccreditationsTable {
  id: string;
  app_id: string;
  app_version: string;
  accreditor_id: string;
  statement: unknown;
  signature: string;
  key_id: string;
  created_at: Timestamp;
}

export interface StoreSubscriptionsTable {
  id: string;
  organisation_id: string;
  app_id: string;
  started_at: Timestamp;
  ended_at: NullableTimestamp;
}

export interface AppPackagesTable {
  sha256: string;
  bytes: Uint8Array;
  size_bytes: number;
  created_at: Timestamp;
}

export interface AppPublicationsTable {
  id: string;
  app_id: string;
  version: string;
  channel: string;
  publisher_id: string;
  manifest: unknown;
  package_sha256: string;
  entry: string;
  code_hash: string;
  changelog: string | null;
  status: string;
  checks: unknown;
  submitted_by: string | null;
  submitted_at: Timestamp;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  note: string | null;
}
