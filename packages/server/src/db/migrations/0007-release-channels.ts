/**
 * Release channels: organisations a publisher invites to test its beta releases, and deprecations
 * (a sunset date after which a release takes no new runs, with its successor). Reruns of recorded
 * runs stay possible after the sunset: a decision must remain reproducible.
 */
export const sql = /* sql */ `
CREATE TABLE app_beta_testers (
  app_id           text NOT NULL,
  organisation_id  text NOT NULL REFERENCES organisations(id),
  invited_at       timestamptz NOT NULL,
  PRIMARY KEY (app_id, organisation_id)
);
CREATE INDEX app_beta_testers_org ON app_beta_testers (organisation_id);

CREATE TABLE app_deprecations (
  app_id        text NOT NULL,
  version       text NOT NULL,
  sunset        text NOT NULL CHECK (sunset ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  successor     text,
  note          text,
  announced_at  timestamptz NOT NULL,
  PRIMARY KEY (app_id, version),
  FOREIGN KEY (app_id, version) REFERENCES app_releases(app_id, version)
);
`;
