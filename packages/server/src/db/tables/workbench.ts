/** Use-case workbench room tables. */
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, NullableTimestamp, TextArray, DateColumn } from './columns.js';

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
