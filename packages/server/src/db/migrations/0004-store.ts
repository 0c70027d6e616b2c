/**
 * The App Store room's tables. Listings and their search rows are derived from `app_releases` by the
 * store room at boot (`syncListings`); reviews, accreditations and the signing key are written by the
 * store's own routes, each with an audit entry.
 */
export const sql = /* sql */ `
CREATE TABLE store_listings (
  app_id              text PRIMARY KEY,
  publisher_id        text NOT NULL,
  state               text NOT NULL CHECK (state IN ('listed','withdrawn')),
  first_published_at  timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL
);

-- One row per installed release: the facet fields and the search text of that release's manifest.
CREATE TABLE store_releases (
  app_id          text NOT NULL REFERENCES store_listings(app_id),
  version         text NOT NULL,
  version_key     text NOT NULL,
  channel         text NOT NULL CHECK (channel IN ('stable','beta')),
  publisher_id    text NOT NULL,
  use_cases       text[] NOT NULL,
  themes          text[] NOT NULL,
  pricing_kind    text NOT NULL,
  name            jsonb NOT NULL,
  summary         jsonb NOT NULL,
  manifest_trust  text[] NOT NULL,
  -- Search text by weight: A the name, B summary and themes, C use cases, publisher and method.
  search_a        text NOT NULL,
  search_b        text NOT NULL,
  search_c        text NOT NULL,
  search_nl       tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('dutch'::regconfig, search_a), 'A') || setweight(to_tsvector('dutch'::regconfig, search_b), 'B') || setweight(to_tsvector('dutch'::regconfig, search_c), 'C')) STORED,
  search_en       tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, search_a), 'A') || setweight(to_tsvector('english'::regconfig, search_b), 'B') || setweight(to_tsvector('english'::regconfig, search_c), 'C')) STORED,
  search_simple   tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, search_a), 'A') || setweight(to_tsvector('simple'::regconfig, search_b), 'B') || setweight(to_tsvector('simple'::regconfig, search_c), 'C')) STORED,
  changelog       text,
  published_at    timestamptz NOT NULL,
  PRIMARY KEY (app_id, version),
  FOREIGN KEY (app_id, version) REFERENCES app_releases(app_id, version)
);
CREATE INDEX store_releases_nl ON store_releases USING gin (search_nl);
CREATE INDEX store_releases_en ON store_releases USING gin (search_en);
CREATE INDEX store_releases_simple ON store_releases USING gin (search_simple);

CREATE TABLE store_reviews (
  id               uuid PRIMARY KEY,
  app_id           text NOT NULL REFERENCES store_listings(app_id),
  app_version      text NOT NULL,
  organisation_id  text NOT NULL REFERENCES organisations(id),
  rating           integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
  body             text NOT NULL,
  use_case         text,
  created_at       timestamptz NOT NULL,
  UNIQUE (app_id, organisation_id)
);

-- The instance's Ed25519 signing key, made at first use. The private key never leaves the server.
CREATE TABLE store_signing_keys (
  id           text PRIMARY KEY,
  public_key   text NOT NULL,
  private_key  text NOT NULL,
  created_at   timestamptz NOT NULL
);

CREATE TABLE store_accreditations (
  id             uuid PRIMARY KEY,
  app_id         text NOT NULL REFERENCES store_listings(app_id),
  app_version    text NOT NULL,
  accreditor_id  text NOT NULL REFERENCES organisations(id),
  statement      jsonb NOT NULL,
  signature      text NOT NULL,
  key_id         text NOT NULL REFERENCES store_signing_keys(id),
  created_at     timestamptz NOT NULL,
  FOREIGN KEY (app_id, app_version) REFERENCES app_releases(app_id, version)
);
CREATE INDEX store_accreditations_app ON store_accreditations (app_id);

-- An organisation's subscriptions; ending one sets ended_at (the history stays for statements).
CREATE TABLE store_subscriptions (
  id               uuid PRIMARY KEY,
  organisation_id  text NOT NULL REFERENCES organisations(id),
  app_id           text NOT NULL REFERENCES store_listings(app_id),
  started_at       timestamptz NOT NULL,
  ended_at         timestamptz,
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE UNIQUE INDEX store_subscriptions_active ON store_subscriptions (organisation_id, app_id) WHERE ended_at IS NULL;
`;
