import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppManifest } from './app-manifest.js';
import { DatasetRef, OutputDatasetValue, TimeSeriesValue } from './dataset-ref.js';
import { ExecuteRequest, JobInfo, JobList } from './job.js';
import { ProcessDescription, ProcessList } from './process-description.js';
import { RunRecord } from './run-record.js';

// The server builds /api/v1/openapi.json from these schemas; a schema zod cannot convert would break it.
describe('boundary schemas convert to JSON Schema', () => {
  const schemas = { AppManifest, DatasetRef, OutputDatasetValue, TimeSeriesValue, ExecuteRequest, JobInfo, JobList, ProcessDescription, ProcessList, RunRecord };
  it.each(Object.entries(schemas))('%s', (_name, schema) => {
    for (const io of ['input', 'output'] as const) {
      const json = z.toJSONSchema(schema, { io }) as { type?: string; anyOf?: unknown; oneOf?: unknown };
      expect(json.type === 'object' || json.anyOf !== undefined || json.oneOf !== undefined).toBe(true);
    }
  });

  it('keeps the descriptions (the manifest reference for app authors)', () => {
    const json = z.toJSONSchema(AppManifest, { io: 'input' }) as { properties: Record<string, { description?: string }>; additionalProperties?: boolean };
    expect(json.properties.idempotent?.description).toMatch(/retried automatically/);
    expect(json.additionalProperties).toBe(false);
  });
});
