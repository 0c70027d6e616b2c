import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DatasetId, Problem } from '@tweeling/core';
import { baseUrl } from '../http/negotiation.js';
import { datasetProvenance, type GeneratedByLookup } from './provenance.js';
import type { DataDeps } from './registry.js';

const Members = z.record(z.string(), z.record(z.string(), z.unknown()));
const ProvJson = z
  .object({
    prefix: z.record(z.string(), z.string()).describe('Namespace prefixes'),
    entity: Members.describe('The dataset and each version (content hash, counts, CRS)'),
    activity: Members.describe('The import of each version (source format, time), or the run that made it'),
    agent: Members.describe('The owning organisation and each version\'s creator'),
    wasGeneratedBy: Members,
    wasAttributedTo: Members,
    wasAssociatedWith: Members,
    actedOnBehalfOf: Members,
    wasDerivedFrom: Members.describe('Each version a revision of the one before'),
    specializationOf: Members,
    used: Members,
    wasStartedBy: Members,
  })
  .describe('W3C PROV-JSON document');

/** `/datasets/{id}/provenance`: the dataset's versions, imports and agents as W3C PROV-JSON. */
export const provenanceRoutes = (options: { publicUrl: string | undefined; generatedBy?: GeneratedByLookup | undefined }): FastifyPluginAsyncZod => async (app) => {
  const deps = (): DataDeps => ({ db: app.db.kysely, clock: app.clock });
  app.get('/datasets/:datasetId/provenance', {
    config: { access: { public: true } },
    schema: {
      tags: ['Data: datasets'],
      summary: 'Herkomst (W3C PROV-JSON): versies met inhoudshash, import, eigenaar en maker',
      params: z.strictObject({ datasetId: DatasetId }),
      response: { 200: ProvJson, 404: Problem },
    },
    handler: async (request) =>
      datasetProvenance(deps(), request.caller, request.params.datasetId, `${baseUrl(request, options.publicUrl)}/api/v1`, options.generatedBy),
  });
};
