/** Data plug: dataset registry, immutable versions, features (PostGIS) and raster grids. */
export const sql = /* sql */ `
CREATE TABLE datasets (
  id               text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]*[a-z0-9]$'),
  organisation_id  text NOT NULL REFERENCES organisations(id),
  title            jsonb NOT NULL,
  description      jsonb,
  kind             text NOT NULL CHECK (kind IN ('vector','raster')),
  licence          text NOT NULL,
  visibility       text NOT NULL CHECK (visibility IN ('public','organisation','named')),
  shared_with      text[] NOT NULL DEFAULT '{}',
  keywords         text[] NOT NULL DEFAULT '{}',
  source           text,
  lineage          text,
  quality          jsonb NOT NULL DEFAULT '{}',
  synthetic        boolean NOT NULL DEFAULT false,
  latest_version   integer,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX datasets_org ON datasets (organisation_id);

CREATE TABLE dataset_versions (
  dataset_id       text NOT NULL REFERENCES datasets(id),
  version          integer NOT NULL CHECK (version > 0),
  content_hash     text NOT NULL,
  item_count       bigint NOT NULL,
  size_bytes       bigint NOT NULL,
  crs              text NOT NULL,
  bbox             double precision[],
  geometry_types   text[] NOT NULL DEFAULT '{}',
  attributes       jsonb NOT NULL DEFAULT '{}',
  raster           jsonb,
  source_format    text NOT NULL,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dataset_id, version)
);
CREATE INDEX dataset_versions_hash ON dataset_versions (dataset_id, content_hash);

-- Every version keeps its own rows: versions are immutable and runs pin them.
CREATE TABLE features (
  dataset_id  text NOT NULL,
  version     integer NOT NULL,
  fid         bigint NOT NULL,
  geom        geometry(Geometry, 28992) NOT NULL,
  properties  jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (dataset_id, version, fid),
  FOREIGN KEY (dataset_id, version) REFERENCES dataset_versions(dataset_id, version)
);
CREATE INDEX features_geom ON features USING gist (geom);

CREATE TABLE raster_grids (
  dataset_id  text NOT NULL,
  version     integer NOT NULL,
  cells       bytea NOT NULL,
  PRIMARY KEY (dataset_id, version),
  FOREIGN KEY (dataset_id, version) REFERENCES dataset_versions(dataset_id, version)
);
`;
