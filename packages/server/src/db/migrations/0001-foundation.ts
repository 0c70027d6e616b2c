/** Foundation: PostGIS, organisations, people, memberships, API tokens and the audit log. */
export const sql = /* sql */ `
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE organisations (
  id            text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]*[a-z0-9]$'),
  name          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('gemeente','provincie','waterschap','rijk','kennisinstelling','leverancier')),
  oin           text UNIQUE CHECK (oin ~ '^[0-9]{20}$'),
  cbs_code      text,
  may_accredit  boolean NOT NULL DEFAULT false,
  is_operator   boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email       text NOT NULL UNIQUE,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
  organisation_id  text NOT NULL REFERENCES organisations(id),
  user_id          uuid NOT NULL REFERENCES users(id),
  role             text NOT NULL CHECK (role IN ('admin','data-steward','analyst','viewer')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE api_tokens (
  id               uuid PRIMARY KEY,
  organisation_id  text NOT NULL REFERENCES organisations(id),
  user_id          uuid REFERENCES users(id),
  name             text NOT NULL,
  role             text NOT NULL CHECK (role IN ('admin','data-steward','analyst','viewer')),
  token_hash       text NOT NULL UNIQUE,
  prefix           text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz,
  revoked_at       timestamptz,
  last_used_at     timestamptz
);
CREATE INDEX api_tokens_org ON api_tokens (organisation_id);

-- Append-only, hash-chained. seq is assigned under an advisory lock (max + 1), so it has no gaps.
CREATE TABLE audit_log (
  seq              bigint PRIMARY KEY,
  at               timestamptz NOT NULL,
  organisation_id  text,
  actor_user_id    uuid,
  actor_token_id   uuid,
  actor            text NOT NULL,
  action           text NOT NULL,
  target_type      text NOT NULL,
  target_id        text,
  request_id       text,
  payload_digest   text NOT NULL,
  prev_hash        text NOT NULL,
  hash             text NOT NULL UNIQUE
);
CREATE INDEX audit_log_org ON audit_log (organisation_id, seq DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`;
