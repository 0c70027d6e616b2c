/** The parts of the Tweeling API (OGC API Processes / Features, datasets, jobs) that the web app reads. */

export interface Link {
  href: string;
  rel: string;
  type?: string;
  title?: string;
}

export interface ProcessSummary {
  id: string;
  title: string;
  description?: string;
  version: string;
  keywords?: string[];
  links: Link[];
}

/** A JSON Schema as far as the run form understands it. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  contentMediaType?: string;
}

export interface DataRequirement {
  kind: 'vector' | 'raster';
  description?: { nl: string; en?: string };
  geometryTypes?: string[];
  crs?: string;
}

export interface ProcessInput {
  title?: string;
  description?: string;
  schema: JsonSchema;
  minOccurs?: number;
  maxOccurs?: number | 'unbounded';
  unit?: string;
  dataRequirement?: DataRequirement;
}

export interface ProcessOutput {
  title?: string;
  description?: string;
  schema: JsonSchema;
  kind?: 'vector' | 'raster' | 'value';
}

export interface ProcessDescription extends ProcessSummary {
  inputs: Record<string, ProcessInput>;
  outputs: Record<string, ProcessOutput>;
}

export type JobStatus = 'accepted' | 'running' | 'successful' | 'failed' | 'dismissed';

export interface JobInfo {
  jobID: string;
  processID: string;
  status: JobStatus;
  message?: string;
  created?: string;
  started?: string;
  finished?: string;
  updated?: string;
  progress?: number;
  links: Link[];
  rerunOf?: string;
  reproduced?: boolean | null;
}

export interface OutputReference {
  kind: 'vector' | 'raster';
  href: string;
  title?: string;
  dataset: string;
  version: number;
  hash: string;
  featureCount?: number;
}

export type JobResults = Record<string, unknown>;

export interface RunRecord {
  jobId: string;
  app: { id: string; version: string; codeHash: string };
  who: { userId: string | null; tokenId: string | null; organisationId: string };
  seed: number;
  status: string;
  startedAt: string | null;
  endedAt: string | null;
  engineVersion: string;
  parentJobId: string | null;
  inputs: Record<string, unknown>;
  outputs: Array<{ output: string; kind: string; hash: string; dataset?: string; version?: number }>;
  datasets: Array<{ input: string; dataset: string; version: number; contentHash: string; licence?: string; kind: string; crs?: string }>;
}

export interface Collection {
  id: string;
  title: string;
  description?: string;
  keywords?: string[];
  itemType: 'feature' | 'coverage' | string;
  extent?: { spatial?: { bbox: number[][] } };
  links: Link[];
}

export interface DatasetVersion {
  datasetId: string;
  version: number;
  contentHash: string;
  itemCount: number | null;
  sizeBytes: number;
  crs: string;
  bbox: number[] | null;
  geometryTypes: string[] | null;
  createdBy: string | null;
  createdAt: string;
}

export interface Dataset {
  id: string;
  organisationId: string;
  title: { nl: string; en?: string };
  description?: { nl: string; en?: string };
  kind: 'vector' | 'raster';
  licence: string;
  visibility: string;
  keywords: string[];
  source?: string | null;
  lineage?: string | null;
  quality?: { completeness?: string; positionalAccuracyM?: number; notes?: string } | null;
  synthetic?: boolean;
  latestVersion: DatasetVersion | null;
  createdAt: string;
}

export interface Organisation {
  id: string;
  name: string;
  kind: string;
}

export interface Me {
  anonymous: boolean;
  organisationId?: string | null;
  role?: string | null;
  permissions?: string[];
}

/** RFC 9457 problem details as the API sends them. */
export interface Problem {
  status: number;
  title: string;
  detail?: string;
  code?: string;
  errors?: Array<{ path?: string; message?: string }>;
}
