/** Data room tables: datasets, versions, features, raster grids. */
import type { ColumnType, Generated } from 'kysely';
import type { GeneratedTimestamp } from './columns.js';

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
