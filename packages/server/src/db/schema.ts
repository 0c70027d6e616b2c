import type { ColumnType, Generated } from 'kysely';

/** A timestamptz column: written as Date or ISO string, read as Date. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz column with a database default. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A nullable timestamptz column. */
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

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

export interface DatasetsTable {
  id: string;
  organisation_id: string;
  title: unknown;
  description: unknown | null;
  kind: string;
  licence: string;
  visibility: string;
  shared_with: ColumnType<string[], string[] | undefined, string[]>;
  keywords: ColumnType<string[], string[] | undefined, string[]>;
  source: string | null;
  lineage: string | null;
  quality: unknown;
  synthetic: Generated<boolean>;
  latest_version: number | null;
  created_at: GeneratedTimestamp;
}

export interface DatasetVersionsTable {
  dataset_id: string;
  version: number;
  content_hash: string;
  item_count: number;
  size_bytes: number;
  crs: string;
  bbox: number[] | null;
  geometry_types: ColumnType<string[], string[] | undefined, string[]>;
  attributes: unknown;
  raster: unknown | null;
  source_format: string;
  created_by: string;
  created_at: GeneratedTimestamp;
}

export interface FeaturesTable {
  dataset_id: string;
  version: number;
  fid: number;
  /** PostGIS geometry: write and read through SQL functions (ST_GeomFromGeoJSON, ST_AsGeoJSON). */
  geom: unknown;
  properties: unknown;
}

export interface RasterGridsTable {
  dataset_id: string;
  version: number;
  cells: Uint8Array;
}

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

/** The whole database as Kysely sees it; each room adds its tables here with its migration. */
export interface Database {
  organisations: OrganisationsTable;
  workbench_use_cases: WorkbenchUseCasesTable;
  workbench_team: WorkbenchTeamTable;
  workbench_canvas_sections: WorkbenchCanvasSectionsTable;
  workbench_canvas_revisions: WorkbenchCanvasRevisionsTable;
  workbench_comments: WorkbenchCommentsTable;
  workbench_stakeholders: WorkbenchStakeholdersTable;
  workbench_tree_nodes: WorkbenchTreeNodesTable;
  workbench_stories: WorkbenchStoriesTable;
  workbench_story_stakeholders: WorkbenchStoryStakeholdersTable;
  workbench_story_nodes: WorkbenchStoryNodesTable;
  workbench_vote_rounds: WorkbenchVoteRoundsTable;
  workbench_votes: WorkbenchVotesTable;
  workbench_decisions: WorkbenchDecisionsTable;
  workbench_decision_runs: WorkbenchDecisionRunsTable;
  workbench_decision_datasets: WorkbenchDecisionDatasetsTable;
  workbench_retrospectives: WorkbenchRetrospectivesTable;
  workbench_actions: WorkbenchActionsTable;
  workbench_lessons: WorkbenchLessonsTable;
  workbench_value_items: WorkbenchValueItemsTable;
  workbench_map_views: WorkbenchMapViewsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  tweeling_migrations: MigrationsTable;
  datasets: DatasetsTable;
  dataset_versions: DatasetVersionsTable;
  features: FeaturesTable;
  raster_grids: RasterGridsTable;
  app_releases: AppReleasesTable;
  jobs: JobsTable;
  run_records: RunRecordsTable;
  usage_events: UsageEventsTable;
  store_listings: StoreListingsTable;
  store_releases: StoreReleasesTable;
  store_reviews: StoreReviewsTable;
  store_signing_keys: StoreSigningKeysTable;
  store_accreditations: StoreAccreditationsTable;
  store_subscriptions: StoreSubscriptionsTable;
}

export interface WorkbenchUseCasesTable {
  id: string;
  organisation_id: string;
  title: string;
  summary: Generated<string>;
  vocabulary_id: string | null;
  status: string;
  visibility: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkbenchTeamTable {
  use_case_id: string;
  user_id: string;
  role: string;
}

export interface WorkbenchCanvasSectionsTable {
  use_case_id: string;
  section: string;
  version: number;
  content: unknown;
  updated_by: string;
  updated_at: Timestamp;
}

export interface WorkbenchCanvasRevisionsTable {
  use_case_id: string;
  section: string;
  version: number;
  content: unknown;
  changes: unknown;
  author: string;
  author_user_id: string | null;
  created_at: Timestamp;
}

export interface WorkbenchCommentsTable {
  id: string;
  use_case_id: string;
  section: string;
  body: string;
  author: string;
  author_user_id: string | null;
  created_at: Timestamp;
}

/** A text[] column, read and written as a string array. */
type TextArray = ColumnType<string[], string[], string[]>;

export interface WorkbenchStakeholdersTable {
  id: string;
  use_case_id: string;
  name: string;
  group_name: string | null;
  relation: string;
  role: string | null;
  interests: TextArray;
  questions: TextArray;
  decisions: TextArray;
  influence: number;
  interest: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkbenchTreeNodesTable {
  id: string;
  use_case_id: string;
  parent_id: string | null;
  kind: string;
  label: string;
  target: string | null;
  position: Generated<number>;
}

export interface WorkbenchStoriesTable {
  id: string;
  use_case_id: string;
  as_a: string;
  i_want: string;
  so_that: string;
  because: string | null;
  indicators: TextArray;
  data_needs: TextArray;
  app_ids: TextArray;
  dataset_ids: TextArray;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkbenchStoryStakeholdersTable {
  story_id: string;
  stakeholder_id: string;
}

export interface WorkbenchStoryNodesTable {
  story_id: string;
  node_id: string;
}

export interface WorkbenchVoteRoundsTable {
  id: string;
  use_case_id: string;
  code: string;
  question: string;
  method: string;
  points_per_voter: number | null;
  options: unknown;
  status: string;
  opened_by: string;
  opened_at: Timestamp;
  closed_at: NullableTimestamp;
}

export interface WorkbenchVotesTable {
  round_id: string;
  voter_id: string;
  nickname: string;
  ballot: unknown;
  created_at: Timestamp;
}

export interface WorkbenchDecisionsTable {
  id: string;
  use_case_id: string;
  title: string;
  rationale: string;
  alternatives: TextArray;
  decided_by: string;
  /** A date column: written as YYYY-MM-DD, read as a Date (midnight UTC on PGlite) or a string. */
  decided_on: ColumnType<Date | string, string, string>;
  legal_basis: string | null;
  supersedes: string | null;
  recorded_by: string;
  created_at: Timestamp;
}

export interface WorkbenchDecisionRunsTable {
  decision_id: string;
  job_id: string;
  app_id: string;
  app_version: string;
  code_hash: string;
  ended_at: Timestamp;
  outputs: unknown;
  record: unknown;
}

export interface WorkbenchDecisionDatasetsTable {
  decision_id: string;
  dataset_id: string;
  version: number;
  content_hash: string;
}

/** A date column: written as YYYY-MM-DD, read as a Date (midnight UTC) or a string. */
type DateColumn = ColumnType<Date | string, string, string>;

export interface WorkbenchRetrospectivesTable {
  id: string;
  use_case_id: string;
  held_on: DateColumn;
  axes: unknown;
  recorded_by: string;
  created_at: Timestamp;
}

export interface WorkbenchActionsTable {
  id: string;
  use_case_id: string;
  retrospective_id: string | null;
  description: string;
  owner: string;
  due_on: ColumnType<Date | string | null, string | null, string | null>;
  status: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkbenchLessonsTable {
  id: string;
  use_case_id: string;
  retrospective_id: string | null;
  axis: string;
  text: string;
  shared: Generated<boolean>;
  created_at: Timestamp;
}

export interface WorkbenchValueItemsTable {
  id: string;
  use_case_id: string;
  stakeholder_id: string | null;
  dimension: string;
  kind: string;
  description: string;
  amount_eur: number | null;
  status: string;
  note: string | null;
  updated_at: Timestamp;
}

export interface WorkbenchMapViewsTable {
  id: string;
  use_case_id: string;
  title: string;
  view: unknown;
  created_by: string;
  created_at: Timestamp;
}
