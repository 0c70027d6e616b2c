/**
 * Publishing: vendors upload app packages (gzip'd tar) that wait in the store's review queue. The
 * package bytes live in the database (so backups hold them and every worker host can unpack them);
 * an approved publication becomes an `app_releases` row whose module is `package:<sha256>/<entry>`.
 */
export const sql = /* sql */ `
CREATE TABLE app_packages (
  sha256      text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  bytes       bytea NOT NULL,
  size_bytes  integer NOT NULL CHECK (size_bytes > 0),
  created_at  timestamptz NOT NULL
);

CREATE TABLE app_publications (
  id              uuid PRIMARY KEY,
  app_id          text NOT NULL,
  version         text NOT NULL,
  channel         text NOT NULL CHECK (channel IN ('stable','beta')),
  publisher_id    text NOT NULL REFERENCES organisations(id),
  manifest        jsonb NOT NULL,
  package_sha256  text NOT NULL REFERENCES app_packages(sha256),
  entry           text NOT NULL,
  code_hash       text NOT NULL,
  changelog       text,
  status          text NOT NULL CHECK (status IN ('pending','approved','rejected')),
  checks          jsonb NOT NULL,
  submitted_by    uuid,
  submitted_at    timestamptz NOT NULL,
  decided_by      text REFERENCES organisations(id),
  decided_at      timestamptz,
  note            text,
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
-- One live (pending or approved) publication per release; a rejected one may be submitted again.
CREATE UNIQUE INDEX app_publications_live ON app_publications (app_id, version) WHERE status <> 'rejected';
CREATE INDEX app_publications_queue ON app_publications (status, submitted_at);
`;
