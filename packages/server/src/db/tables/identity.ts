/** Identity and audit tables (and the migrations ledger). */
import type { Generated } from 'kysely';
import type { Timestamp, GeneratedTimestamp, NullableTimestamp } from './columns.js';

export interface OrganisationsTable {
  id: string;
  name: string;
  kind: string;
  oin: string | null;
  cbs_code: string | null;
  may_accredit: Generated<boolean>;
  is_operator: Generated<boolean>;
  created_at: GeneratedTimestamp;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  created_at: GeneratedTimestamp;
}

export interface MembershipsTable {
  organisation_id: string;
  user_id: string;
  role: string;
  created_at: GeneratedTimestamp;
}

export interface ApiTokensTable {
  id: string;
  organisation_id: string;
  user_id: string | null;
  name: string;
  role: string;
  token_hash: string;
  prefix: string;
  created_at: GeneratedTimestamp;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

export interface AuditLogTable {
  seq: number;
  at: Timestamp;
  organisation_id: string | null;
  actor_user_id: string | null;
  actor_token_id: string | null;
  actor: string;
  action: string;
  target_type: string;
  target_id: string | null;
  request_id: string | null;
  payload_digest: string;
  prev_hash: string;
  hash: string;
}

export interface MigrationsTable {
  id: number;
  name: string;
  checksum: string;
  applied_at: GeneratedTimestamp;
}
