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
import { importRasterFile, type RasterUploadFormat } from './raster-import.js';
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
/** Raster files arrive as raw bytes (image/tiff, text/plain, application/octet-stream). */
const RasterUpload = z.custom<Buffer>((value) => Buffer.isBuffer(value), 'expected a raster file').describe('A GeoTIFF (image/tiff) or ESRI ASCII grid (text/plain), EPSG:28992');
/** Media types of raster uploads and the format each one means. */
const RASTER_TYPES: Record<string, RasterUploadFormat | undefined> = { 'image/tiff': 'geotiff', 'text/plain': 'ascii', 'application/octet-stream': undefined };

/** The raster format of an upload: from its media type, or from ?format for application/octet-stream. */
function rasterFormat(contentType: string | undefined, format: RasterUploadFormat | undefined): RasterUploadFormat {
  const essence = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const fromType = RASTER_TYPES[essence];
  if (format && fromType && format !== fromType) {
    throw new TweelingError(DATA_ERRORS.INVALID_QUERY, `format=${format} past niet bij Content-Type ${essence}.`, [{ path: 'querystring.format', message: 'contradicts Content-Type' }]);
  }
  const chosen = format ?? fromType;
  if (!chosen) throw new TweelingError(DATA_ERRORS.INVALID_QUERY, 'Geef bij application/octet-stream het formaat op: ?format=geotiff of ?format=ascii.', [{ path: 'querystring.format', message: 'required for application/octet-stream' }]);
  return chosen;
}

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
  // Raster files stay bytes; text/plain replaces Fastify's default string parser in this scope only.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(Object.keys(RASTER_TYPES), { parseAs: 'buffer', bodyLimit: options.uploadLimitBytes }, (_request, body, done) => done(null, body));

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
      summary: 'Nieuwe versie uploaden: GeoJSON (vector) of GeoTIFF/ESRI ASCII grid (raster, EPSG:28992); gelijke inhoud maakt geen nieuwe versie',
      description: 'Vector: application/geo+json or application/json. Raster: image/tiff (GeoTIFF, also COG), text/plain (ESRI ASCII grid), or application/octet-stream with ?format=geotiff|ascii. Rasters must be in EPSG:28992 (raster reprojection is not supported) and hold at most 25 million cells.',
      params: Params,
      querystring: z.strictObject({
        crs: z.string().optional().describe('CRS of the coordinates (vector, default CRS84), or of a raster whose file names none (must be EPSG:28992)'),
        format: z.enum(['geotiff', 'ascii']).optional().describe('Raster format, required with application/octet-stream'),
      }),
      body: z.union([FeatureCollectionUpload, RasterUpload]),
      response: { 200: ImportResult, 201: ImportResult, ...errors, 413: Problem },
    },
    handler: async (request, reply) => {
      const sizeBytes = Number(request.headers['content-length'] ?? 0);
      const body = request.body;
      if (Buffer.isBuffer(body)) {
        const format = rasterFormat(request.headers['content-type'], request.query.format);
        const crs = request.query.crs ? `EPSG:${parseCrs(request.query.crs, 'crs').srid}` : undefined;
        const result = await importRasterFile(deps(), request.caller, actorOf(request), request.params.datasetId, body, { format, crs, sizeBytes: body.byteLength });
        return reply.status(result.created ? 201 : 200).send({ ...result, repaired: [] });
      }
      if (request.query.format) throw new TweelingError(DATA_ERRORS.INVALID_QUERY, 'format geldt alleen voor rasterbestanden.', [{ path: 'querystring.format', message: 'only for raster uploads' }]);
      const sourceCrs = request.query.crs ? parseCrs(request.query.crs, 'crs') : CRS84;
      const features = body.features as IncomingFeature[];
      if (!Array.isArray(features)) throw new TweelingError(DATA_ERRORS.INVALID_CONTENT, 'features ontbreekt.');
      const result = await importFeatures(deps(), request.caller, actorOf(request), request.params.datasetId, features, { sourceCrs, sourceFormat: 'geojson', sizeBytes });
      return reply.status(result.created ? 201 : 200).send(result);
    },
  });
};
