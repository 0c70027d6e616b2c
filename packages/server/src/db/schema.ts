import type { OrganisationsTable, UsersTable, MembershipsTable, ApiTokensTable, AuditLogTable, MigrationsTable } from './tables/identity.js';
import type { DatasetsTable, DatasetVersionsTable, FeaturesTable, RasterGridsTable } from './tables/data.js';
import type { AppBetaTestersTable, AppDeprecationsTable, AppReleasesTable, JobsTable, RunRecordsTable, UsageEventsTable } from './tables/runtime.js';
import type { StoreListingsTable, StoreReleasesTable, StoreReviewsTable, StoreSigningKeysTable, StoreAccreditationsTable, StoreSubscriptionsTable, AppPackagesTable, AppPublicationsTable } from './tables/store.js';
import type { WorkbenchUseCasesTable, WorkbenchTeamTable, WorkbenchCanvasSectionsTable, WorkbenchCanvasRevisionsTable, WorkbenchCommentsTable, WorkbenchStakeholdersTable, WorkbenchTreeNodesTable, WorkbenchStoriesTable, WorkbenchStoryStakeholdersTable, WorkbenchStoryNodesTable, WorkbenchVoteRoundsTable, WorkbenchVotesTable, WorkbenchDecisionsTable, WorkbenchDecisionRunsTable, WorkbenchDecisionDatasetsTable, WorkbenchRetrospectivesTable, WorkbenchActionsTable, WorkbenchLessonsTable, WorkbenchValueItemsTable, WorkbenchMapViewsTable } from './tables/workbench.js';

export type * from './tables/identity.js';
export type * from './tables/data.js';
export type * from './tables/runtime.js';
export type * from './tables/store.js';
export type * from './tables/workbench.js';

/** The whole database as Kysely sees it; each room keeps its table types in `tables/<room>.ts`, added with its migration. */
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
  app_packages: AppPackagesTable;
  app_publications: AppPublicationsTable;
  app_beta_testers: AppBetaTestersTable;
  app_deprecations: AppDeprecationsTable;
}
