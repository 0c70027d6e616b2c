/** Runtime room tables: app releases, jobs, run records, usage. */
import type { Generated } from 'kysely';
import type { Timestamp, GeneratedTimestamp, NullableTimestamp } from './columns.js';

export interface AppReleasesTable {
  app_id: string;
  version: string;
  channel: string;
  publisher_id: string;
  manifest: unknown;
  code_hash: string;
  module: string;
  installed_at: GeneratedTimestamp;
}

export interface JobsTable {
  id: string;
  app_id: string;
  app_version: string;
  organisation_id: string;
  user_id: string | null;
  token_id: string | null;
  status: string;
  message: string | null;
  progress: Generated<number>;
  inputs: unknown;
  seed: number;
  results: unknown | null;
  rerun_of: string | null;
  parent_job_id: Generated<string | null>;
  reproduced: boolean | null;
  worker: string | null;
  heartbeat_at: NullableTimestamp;
  cancel_requested: Generated<boolean>;
  attempts: Generated<number>;
  created_at: Timestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface RunRecordsTable {
  job_id: string;
  record: unknown;
}

export interface UsageEventsTable {
  job_id: string;
  organisation_id: string;
  app_id: string;
  app_version: string;
  cpu_s: number;
  wall_s: number;
  items: number;
  created_at: Timestamp;
}

export interface AppBetaTestersTable {
  app_id: string;
  organisation_id: string;
  invited_at: Timestamp;
}

export interface AppDeprecationsTable {
  app_id: string;
  version: string;
  /** A date (YYYY-MM-DD): from this day on the release takes no new runs. */
  sunset: string;
  successor: string | null;
  note: string | null;
  announced_at: Timestamp;
}
