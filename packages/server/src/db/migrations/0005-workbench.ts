/**
 * The use-case workbench room's tables: use cases, their teams, canvas sections with every revision,
 * comments, stakeholders, the story tree, user stories, prioritisation rounds with their votes, and
 * the decision log with its pinned citations of runs and dataset versions, retrospectives, actions
 * and lessons learned, the waardecase and saved map views.
 */
export const sql = /* sql */ `
CREATE TABLE workbench_use_cases (
  id               uuid PRIMARY KEY,
  organisation_id  text NOT NULL REFERENCES organisations(id),
  title            text NOT NULL,
  summary          text NOT NULL DEFAULT '',
  vocabulary_id    text,
  status           text NOT NULL CHECK (status IN ('verkennen','ontwerpen','bouwen','testen','in-gebruik','geborgd')),
  visibility       text NOT NULL CHECK (visibility IN ('private','public')),
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX workbench_use_cases_org ON workbench_use_cases (organisation_id, updated_at DESC);
CREATE INDEX workbench_use_cases_public ON workbench_use_cases (visibility, updated_at DESC);

CREATE TABLE workbench_team (
  use_case_id  uuid NOT NULL REFERENCES workbench_use_cases(id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES users(id),
  role         text NOT NULL CHECK (role IN ('use-case-owner','projectleider','procesbegeleider','inhoudelijk-begeleider','member')),
  PRIMARY KEY (use_case_id, user_id, role)
);

CREATE TABLE workbench_canvas_sections (
  use_case_id  uuid NOT NULL REFERENCES workbench_use_cases(id) ON DELETE CASCADE,
  section      text NOT NULL,
  version      integer NOT NULL CHECK (version > 0),
  content      jsonb NOT NULL,
  updated_by   text NOT NULL,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (use_case_id, section)
);

CREATE TABLE workbench_canvas_revisions (
  use_case_id     uuid NOT NULL REFERENCES workbench_use_cases(id) ON DELETE CASCADE,
  section         text NOT NULL,
  version         integer NOT NULL,
  content         jsonb NOT NULL,
  changes         jsonb NOT NULL,
  author          text NOT NULL,
  author_user_id  uuid,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (use_case_id, section, version)
);

CREATE TABLE workbench_comments (
  id              uuid PRIMARY KEY,
  use_case_id     uuid NOT NULL REFERENCES workbench_use_cases(id) ON DELETE CASCADE,
  section         text NOT NULL,
  body            text NOT NULL,
  author          text NOT NULL,
  author_user_id  uuid,
  created_at      timestamptz NOT NULL
);
CREATE INDEX workbench_comments_section ON workbench_comments (use_case_id, section, created_at);

CREATE TABLE workbench_stakeholders (
  id           uuid PRIMARY KEY,
  use_case_id  uuid NOT NULL REFERENCES workbench_use_cases(id) ON DELETE CASCADE,
  name         text NOT NULL,
  group_name   text,
  relation     text NOT NULL CHECK (relation IN ('voor-wie','met-wie')),
  role         text,
  interests    text[] NOT NULL,
  questions    text[] NOT NULL,
  decisions    text[] NOT NULL,
  influence    integer NOT NULL CHECK (influence BETWEEN 1 AND 5),
  interest     integer NOT NULL CHECK (interest BETWEEN 1 AND 5),
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
CREATE INDEX workbench_stakeholders_use_case ON workbench_stakeholders (use_case_id);

CREATE TABLE workbench_tree_nodes (
  id           uuid PRIMARY KEY,
  use_case_id  uuid NOT NULL REFERENCES workbench_use_cases(id) ON DELETE CASCADE,
  parent_id    uuid REFERENCES workbench_tree_nodes(id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('vraag','doel','kpi','maatregel','object')),
  label        text NOT NULL,
  target       text CHECK (target IS NULL OR kind = 'kpi'),
  position     integer NOT NULL DEFAULT 0
);
CREATE INDEX workbench_tree_nodes_use_case ON workbench_tree_nodes (use_case_id);

CREATE TABLE workbench_stories (
  id           uuid PRIMARY KEY,
  use_case_id  uuid NOT NULL REFERENCES workbench_use_cases(id) ON DELETE CASCADE,
  as_a         text NOT NULL,
  i_want       text NOT NULL,
  so_that      text NOT NULL,
  because      text,
  indicators   text[] NOT NULL,
  data_needs   text[] NOT NULL,
  app_ids      text[] NOT NULL,
  dataset_ids  text[] NOT NULL,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
CREATE INDEX workbench_stories_use_case ON workbench_stories (use_case_id, created_at);

CREATE TABLE workbench_story_stakeholders (
  story_id        uuid NOT NULL REFERENCES workbench_stories(id) ON DELETE CASCADE,
  stakeholder_id  uuid NOT NULL REFERENCES workbench_stakeholders(id) ON DELETE CASCADE,
  PRIMARY KEY (story_id, stakeholder_id)
);

CREATE TABLE workbench_story_nodes (
  story_id  uuid NOT NULL REFERENCES workbench_stories(id) ON DELETE CASCADE,
  node_id   uuid NOT NULL REFERENCES workbench_tree_nodes(id) ON DELETE CASCADE,
  PRIMARY KEY (story_id, node_id)
);

CREATE TABLE workbench_vote_rounds (
  id                uuid PRIMARY KEY,
  use_case_id       uuid NOT NULL REFERENCES workbench_use_cases(id) ON DELETE CASCADE,
  code              text NOT NULL UNIQUE,
  question          text NOT NULL,
  method            text NOT NULL CHECK (method IN ('points','ranking')),
  points_per_voter  integer,
  options           jsonb NOT NULL,
  status            text NOT NULL CHECK (status IN ('open','closed')),
  opened_by         text NOT NULL,
  opened_at         timestamptz NOT NULL,
  closed_at         timestamptz
);
CREATE INDEX workbench_vote_rounds_use_case ON workbench_vote_rounds (use_case_id, opened_at DESC);

CREATE TABLE workbench_votes (
  round_id    uuid NOT NULL REFERENCES workbench_vote_rounds(id) ON DELETE CASCADE,
  voter_id    text NOT NULL,
  nickname    text NOT NULL,
  ballot      jsonb NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (round_id, voter_id)
);

CREATE TABLE workbench_decisions (
  id            uuid PRIMARY KEY,
  use_case_id   uuid NOT NULL REFERENCES workbench_use_cases(id) ON DELETE RESTRICT,
  title         text NOT NULL,
  rationale     text NOT NULL,
  alternatives  text[] NOT NULL,
  decided_by    text NOT NULL,
  decided_on    date NOT NULL,
  legal_basis   text,
  supersedes    uuid REFERENCES workbench_decisions(id),
  recorded_by   text NOT NULL,
  created_at    timestamptz NOT NULL
);
CREATE INDEX workbench_decisions_use_case ON workbench_decisions (use_case_id, decided_on DESC);

CREATE TABLE workbench_decision_runs (
  decision_id  uuid NOT NULL REFERENCES workbench_decisions(id),
  job_id       uuid NOT NULL,
  app_id       text NOT NULL,
  app_version  text NOT NULL,
  code_hash    text NOT NULL,
  ended_at     timestamptz NOT NULL,
  outputs      jsonb NOT NULL,
  record       jsonb NOT NULL,
  PRIMARY KEY (decision_id, job_id)
);

CREATE TABLE workbench_decision_datasets (
  decision_id   uuid NOT NULL REFERENCES workbench_decisions(id),
  dataset_id    text NOT NULL,
  version       integer NOT NULL,
  content_hash  text NOT NULL,
  PRIMARY KEY (decision_id, dataset_id, version)
);

CREATE TABLE workbench_retrospectives (
  id           uuid PRIMARY KEY,
  use_case_id  uuid NOT NULL REFERENCES workbench_use_cases(id) ON DELETE CASCADE,
  held_on      date NOT NULL,
  axes         jsonb NOT NULL,
  recorded_by  text NOT NULL,
  created_at   timestamptz NOT NULL
);
CREATE INDEX workbench_retrospectives_use_case ON workbench_retrospectives (use_case_id, held_on DESC);

CREATE TABLE workbench_actions (
  id                uuid PRIMARY KEY,
  use_case_id       uuid NOT NULL REFERENCES workbench_use_cases(id) ON DELETE CASCADE,
  retrospective_id  uuid REFERENCES workbench_retrospectives(id) ON DELETE SET NULL,
  description       text NOT NULL,
  owner             text NOT NULL,
  due_on            date,
  status            text NOT NULL CHECK (status IN ('open','gedaan')),
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX workbench_actions_use_case ON workbench_actions (use_case_id, status, due_on);

CREATE TABLE workbench_lessons (
  id                uuid PRIMARY KEY,
  use_case_id       uuid NOT NULL REFERENCES workbench_use_cases(id) ON DELETE CASCADE,
  retrospective_id  uuid REFERENCES workbench_retrospectives(id) ON DELETE SET NULL,
  axis              text NOT NULL CHECK (axis IN ('waardecreatie','ontwikkelingEnGebruik','samenwerking','voortgangActies')),
  text              text NOT NULL,
  shared            boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL
);
CREATE INDEX workbench_lessons_shared ON workbench_lessons (shared, created_at DESC);

CREATE TABLE workbench_value_items (
  id              uuid PRIMARY KEY,
  use_case_id     uuid NOT NULL REFERENCES workbench_use_cases(id) ON DELETE CASCADE,
  stakeholder_id  uuid REFERENCES workbench_stakeholders(id) ON DELETE SET NULL,
  dimension       text NOT NULL CHECK (dimension IN ('publieke-waarde','legitimiteit-en-steun','operationele-capaciteit')),
  kind            text NOT NULL CHECK (kind IN ('kosten','baten')),
  description     text NOT NULL,
  amount_eur      double precision,
  status          text NOT NULL CHECK (status IN ('verwacht','gerealiseerd','niet-gerealiseerd')),
  note            text,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX workbench_value_items_use_case ON workbench_value_items (use_case_id);

CREATE TABLE workbench_map_views (
  id           uuid PRIMARY KEY,
  use_case_id  uuid NOT NULL REFERENCES workbench_use_cases(id) ON DELETE CASCADE,
  title        text NOT NULL,
  view         jsonb NOT NULL,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL
);
CREATE INDEX workbench_map_views_use_case ON workbench_map_views (use_case_id, created_at DESC);
`;
