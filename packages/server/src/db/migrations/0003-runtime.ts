/** App plug: installed app releases, jobs, run records and usage (metering) events. */
export const sql = /* sql */ `
CREATE TABLE app_releases (
  app_id        text NOT NULL,
  version       text NOT NULL,
  channel       text NOT NULL CHECK (channel IN ('stable','beta')),
  publisher_id  text NOT NULL,
  manifest      jsonb NOT NULL,
  code_hash     text NOT NULL,
  module        text NOT NULL,
  installed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (app_id, version)
);

CREATE TABLE jobs (
  id               uuid PRIMARY KEY,
  app_id           text NOT NULL,
  app_version      text NOT NULL,
  organisation_id  text NOT NULL REFERENCES organisations(id),
  user_id          uuid,
  token_id         uuid,
  status           text NOT NULL CHECK (status IN ('accepted','running','successful','failed','dismissed')),
  message          text,
  progress         integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  inputs           jsonb NOT NULL,
  seed             bigint NOT NULL CHECK (seed BETWEEN 0 AND 4294967295),
  results          jsonb,
  rerun_of         uuid REFERENCES jobs(id),
  parent_job_id    uuid REFERENCES jobs(id),
  reproduced       boolean,
  worker           text,
  heartbeat_at     timestamptz,
  cancel_requested boolean NOT NULL DEFAULT false,
  attempts         integer NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL,
  started_at       timestamptz,
  finished_at      timestamptz,
  updated_at       timestamptz NOT NULL,
  FOREIGN KEY (app_id, app_version) REFERENCES app_releases(app_id, version)
);
CREATE INDEX jobs_queue ON jobs (status, created_at);
CREATE INDEX jobs_org ON jobs (organisation_id, created_at DESC);

CREATE TABLE run_records (
  job_id  uuid PRIMARY KEY REFERENCES jobs(id),
  record  jsonb NOT NULL
);

CREATE TABLE usage_events (
  job_id           uuid PRIMARY KEY REFERENCES jobs(id),
  organisation_id  text NOT NULL,
  app_id           text NOT NULL,
  app_version      text NOT NULL,
  cpu_s            double precision NOT NULL,
  wall_s           double precision NOT NULL,
  items            bigint NOT NULL,
  created_at       timestamptz NOT NULL
);
CREATE INDEX usage_events_org ON usage_events (organisation_id, created_at);
`;
