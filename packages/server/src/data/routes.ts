import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Dataset, DatasetCreate, DatasetId, DatasetVersion, OrganisationId, Problem } from '@tweeling/core';
import { actorOf } from '../identity/index.js';
import { TweelingError } from '../errors.js';
import { baseUrl } from '../http/negotiation.js';
import { CRS84, parseCrs } from './crs.js';
import { datasetJsonLd } from './dcat.js';
import { DATA_ERRORS } from './errors.js';
import { createDataset, getDataset, listDatasets, listVersions, type DataDeps } from './registry.js';
import { importFeatures, type IncomingFeature } from './vector-import.js';

const Params = z.strictObject({ datasetId: DatasetId });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const ImportResult = z.object({
  version: DatasetVersion,
  created: z.boolean().describe('False when the content equals the latest version'),
  repaired: z.array(z.number().int()).describe('Indexes of features whose invalid geometry was repaired'),
});
const FeatureCollectionUpload = z
  .looseObject({
    type: z.literal('FeatureCollection'),
    features: z.array(z.unknown()).describe('GeoJSON features'),
  })
  .describe('A GeoJSON FeatureCollection (coordinates in the CRS given by ?crs, default CRS84)');

/** Sends JSON-LD from a route whose schema describes the plain JSON form of the same resource. */
function sendJsonLd(reply: { type(contentType: string): { send(payload: string): unknown } }, document: unknown): void {
  reply.type('application/ld+json').send(JSON.stringify(document));
}

/** Dataset registry: list, register, metadata (JSON or DCAT JSON-LD), versions and uploads. */
export const datasetRoutes = (options: { publicUrl: string | undefined; uploadLimitBytes: number }): FastifyPluginAsyncZod => async (app) => {
  const deps = (): DataDeps => ({ db: app.db.kysely, clock: app.clock });
  const tags = ['Data: datasets'];
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/geo+json', { parseAs: 'string', bodyLimit: options.uploadLimitBytes }, jsonParser);

  app.get('/datasets', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: 'Datasets die u mag zien',
      querystring: z.strictObject({ kind: z.enum(['vector', 'raster']).optional(), organisation: OrganisationId.optional(), keyword: z.string().max(60).optional() }),
      response: { 200: z.object({ datasets: z.array(Dataset) }), 400: Problem },
    },
    handler: async (request) => ({
      datasets: await listDatasets(deps(), request.caller, { kind: request.query.kind, organisationId: request.query.organisation, keyword: request.query.keyword }),
    }),
  });

  app.post('/datasets', {
    config: { access: { permission: 'data:write' } },
    schema: { tags, summary: 'Dataset registreren (eigenaar: uw organisatie)', body: DatasetCreate, response: { 201: Dataset, ...errors } },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createDataset(deps(), { ...actor, organisationId: request.caller.organisationId ?? '' }, request.body));
    },
  });

  app.get('/datasets/:datasetId', {
    config: { access: { public: true } },
    schema: { tags, summary: 'Metadata van een dataset (JSON, of DCAT JSON-LD met Accept: application/ld+json)', params: Params, response: { 200: Dataset, 404: Problem } },
    handler: async (request, reply) => {
      const dataset = await getDataset(deps(), request.caller, request.params.datasetId);
      if (/application\/ld\+json/.test(request.headers.accept ?? '')) {
        return sendJsonLd(reply as never, datasetJsonLd(dataset, `${baseUrl(request, options.publicUrl)}/api/v1`));
      }
      return dataset;
    },
  });

  app.get('/datasets/:datasetId/versions', {
    config: { access: { public: true } },
    schema: { tags, summary: 'Alle versies, nieuwste eerst', params: Params, response: { 200: z.object({ versions: z.array(DatasetVersion) }), 404: Problem } },
    handler: async (request) => ({ versions: await listVersions(deps(), request.caller, request.params.datasetId) }),
  });

  app.post('/datasets/:datasetId/versions', {
    config: { access: { permission: 'data:write' } },
    bodyLimit: options.uploadLimitBytes,
    schema: {
      tags,
      summary: 'Nieuwe versie uploaden (GeoJSON FeatureCollection); gelijke inhoud maakt geen nieuwe versie',
      params: Params,
      querystring: z.strictObject({ crs: z.string().optional().describe('CRS of the coordinates (default CRS84)') }),
      body: FeatureCollectionUpload,
      response: { 200: ImportResult, 201: ImportResult, ...errors, 413: Problem },
    },
    handler: async (request, reply) => {
      const sourceCrs = request.query.crs ? parseCrs(request.query.crs, 'crs') : CRS84;
      const sizeBytes = Number(request.headers['content-length'] ?? 0);
      const features = request.body.features as IncomingFeature[];
      if (!Array.isArray(features)) throw new TweelingError(DATA_ERRORS.INVALID_CONTENT, 'features ontbreekt.');
      const result = await importFeatures(deps(), request.caller, actorOf(request), request.params.datasetId, features, { sourceCrs, sourceFormat: 'geojson', sizeBytes });
      return reply.status(result.created ? 201 : 200).send(result);
    },
  });
};
