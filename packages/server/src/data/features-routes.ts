import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DatasetId, type Caller, type Dataset } from '@tweeling/core';
import { TweelingError } from '../errors.js';
import { baseUrl } from '../http/negotiation.js';
import { collectionDocument, coverageCollectionDocument } from './collection-doc.js';
import { CRS84, parseCrs } from './crs.js';
import { DATA_ERRORS } from './errors.js';
import { bboxToCrs84, getFeature, queryFeatures, type FeatureRow } from './features-query.js';
import { getDataset, getVersion, listDatasets, type DataDeps } from './registry.js';

const MAX_LIMIT = 10_000;
const DEFAULT_LIMIT = 100;
const GEOJSON = 'application/geo+json';

const CollectionParams = z.strictObject({ collectionId: DatasetId });
/** Known query parameters of /items; every other one must be a queryable attribute. */
const ItemsQuery = z.looseObject({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT).describe(`Objects per page (1–${MAX_LIMIT})`),
  offset: z.coerce.number().int().min(0).default(0).describe('Objects to skip'),
  bbox: z.string().optional().describe('minx,miny,maxx,maxy in bbox-crs (default CRS84)'),
  'bbox-crs': z.string().optional().describe('CRS of bbox (OGC API Features Part 2)'),
  crs: z.string().optional().describe('CRS of the response geometries (default CRS84)'),
  version: z.coerce.number().int().positive().optional().describe('Dataset version (default: latest)'),
  f: z.enum(['json', 'geojson']).optional(),
});
const KNOWN = new Set(Object.keys(ItemsQuery.shape));

function parseBbox(text: string): [number, number, number, number] {
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
    throw new TweelingError(DATA_ERRORS.INVALID_QUERY, 'bbox moet vier getallen zijn: minx,miny,maxx,maxy.', [{ path: 'querystring.bbox', message: 'expected 4 numbers' }]);
  }
  return parts as [number, number, number, number];
}

const featureJson = (row: FeatureRow) => `{"type":"Feature","id":${row.fid},"geometry":${row.geometry},"properties":${JSON.stringify(row.properties)}}`;

async function vectorDataset(deps: DataDeps, caller: Caller, id: string): Promise<Dataset> {
  const dataset = await getDataset(deps, caller, id);
  if (dataset.kind !== 'vector' || !dataset.latestVersion) throw new TweelingError(DATA_ERRORS.DATASET_NOT_FOUND, `'${id}' is geen collectie met objecten.`);
  return dataset;
}

/** OGC API Features Part 1 (core, GeoJSON) and Part 2 (CRS by reference) over vector datasets; the collections list also holds raster datasets as coverages. */
export const featuresRoutes = (options: { publicUrl: string | undefined }): FastifyPluginAsyncZod => async (app) => {
  const deps = (): DataDeps => ({ db: app.db.kysely, clock: app.clock });
  const tags = ['Data: OGC API Features'];
  const access = { public: true } as const;
  /** Vector datasets are feature collections, raster datasets coverage collections. */
  const describeCollection = async (d: Dataset, base: string) => {
    const extent = d.latestVersion?.bbox ? await bboxToCrs84(app.db.kysely, d.latestVersion.bbox) : null;
    return d.kind === 'raster' ? coverageCollectionDocument(d, base, extent) : collectionDocument(d, base, extent);
  };

  app.get('/collections', {
    config: { access },
    schema: { tags, summary: 'Collecties die u mag zien (objecten en coverages)', querystring: z.object({ f: z.enum(['json']).optional() }) },
    handler: async (request) => {
      const base = `${baseUrl(request, options.publicUrl)}/api/v1`;
      const datasets = (await listDatasets(deps(), request.caller)).filter((d) => d.latestVersion);
      const collections = await Promise.all(datasets.map(async (d) => describeCollection(d, base)));
      return { links: [{ href: `${base}/collections`, rel: 'self', type: 'application/json', title: 'Collecties' }], collections };
    },
  });

  app.get('/collections/:collectionId', {
    config: { access },
    schema: { tags, summary: 'Eén collectie (objecten of coverage)', params: CollectionParams, querystring: z.object({ f: z.enum(['json']).optional() }) },
    handler: async (request) => {
      const dataset = await getDataset(deps(), request.caller, request.params.collectionId);
      if (!dataset.latestVersion) throw new TweelingError(DATA_ERRORS.DATASET_NOT_FOUND, `'${dataset.id}' heeft nog geen versie.`);
      return describeCollection(dataset, `${baseUrl(request, options.publicUrl)}/api/v1`);
    },
  });

  app.get('/collections/:collectionId/queryables', {
    config: { access },
    schema: { tags, summary: 'Filterbare attributen (JSON Schema)', params: CollectionParams },
    handler: async (request, reply) => {
      const dataset = await vectorDataset(deps(), request.caller, request.params.collectionId);
      const base = `${baseUrl(request, options.publicUrl)}/api/v1`;
      const properties = Object.fromEntries(
        Object.entries(dataset.latestVersion?.attributes ?? {}).map(([name, type]) => [name, { title: name, type: type === 'date' || type === 'datetime' ? 'string' : type }]),
      );
      return reply.type('application/schema+json').send({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: `${base}/collections/${dataset.id}/queryables`,
        type: 'object',
        title: dataset.title.nl,
        properties,
        additionalProperties: false,
      });
    },
  });

  app.get('/collections/:collectionId/items', {
    config: { access },
    schema: { tags, summary: 'Objecten, gepagineerd en gefilterd (GeoJSON)', params: CollectionParams, querystring: ItemsQuery },
    handler: async (request, reply) => {
      const dataset = await vectorDataset(deps(), request.caller, request.params.collectionId);
      const version = await getVersion(deps(), request.caller, dataset.id, request.query.version);
      const crs = request.query.crs ? parseCrs(request.query.crs, 'crs') : CRS84;
      const bboxCrs = request.query['bbox-crs'] ? parseCrs(request.query['bbox-crs'], 'bbox-crs') : CRS84;
      const equals: Record<string, string> = {};
      for (const [key, value] of Object.entries(request.query)) {
        if (KNOWN.has(key)) continue;
        if (!(key in version.attributes)) {
          throw new TweelingError(DATA_ERRORS.INVALID_QUERY, `Onbekende parameter '${key}'; filter op een van: ${Object.keys(version.attributes).join(', ') || '(geen attributen)'}.`, [{ path: `querystring.${key}`, message: 'unknown parameter' }]);
        }
        equals[key] = String(value);
        // PostgreSQL text holds no NUL character, so no attribute can equal such a value (and the query would fail).
        if (equals[key].includes('\u0000')) throw new TweelingError(DATA_ERRORS.INVALID_QUERY, `Filter '${key}' bevat een NUL-teken.`, [{ path: `querystring.${key}`, message: 'contains NUL' }]);
      }
      const { limit, offset } = request.query;
      const { rows, numberMatched } = await queryFeatures(app.db.kysely, {
        datasetId: dataset.id, version: version.version, limit, offset, bbox: request.query.bbox ? parseBbox(request.query.bbox) : undefined, bboxCrs, crs, equals, itemCount: version.itemCount,
      });
      const base = `${baseUrl(request, options.publicUrl)}/api/v1/collections/${dataset.id}/items`;
      const pageUrl = (newOffset: number) => {
        const params = new URLSearchParams(Object.entries(request.query).filter(([k, v]) => v !== undefined && k !== 'offset').map(([k, v]): [string, string] => [k, String(v)]));
        params.set('offset', String(newOffset));
        params.set('limit', String(limit));
        return `${base}?${params.toString()}`;
      };
      const links = [{ href: pageUrl(offset), rel: 'self', type: GEOJSON, title: 'Deze pagina' }];
      if (offset + rows.length < numberMatched) links.push({ href: pageUrl(offset + limit), rel: 'next', type: GEOJSON, title: 'Volgende pagina' });
      if (offset > 0) links.push({ href: pageUrl(Math.max(0, offset - limit)), rel: 'prev', type: GEOJSON, title: 'Vorige pagina' });
      links.push({ href: `${baseUrl(request, options.publicUrl)}/api/v1/collections/${dataset.id}`, rel: 'collection', type: 'application/json', title: 'Collectie' });
      const body =
        `{"type":"FeatureCollection","numberMatched":${numberMatched},"numberReturned":${rows.length},` +
        `"timeStamp":"${new Date().toISOString()}","links":${JSON.stringify(links)},"features":[${rows.map(featureJson).join(',')}]}`;
      return reply.type(GEOJSON).header('Content-Crs', `<${crs.uri}>`).send(body);
    },
  });

  app.get('/collections/:collectionId/items/:featureId', {
    config: { access },
    schema: {
      tags,
      summary: 'Eén object',
      params: CollectionParams.extend({ featureId: z.coerce.number().int().positive() }),
      querystring: z.object({ crs: z.string().optional(), version: z.coerce.number().int().positive().optional(), f: z.enum(['json', 'geojson']).optional() }),
    },
    handler: async (request, reply) => {
      const dataset = await vectorDataset(deps(), request.caller, request.params.collectionId);
      const version = await getVersion(deps(), request.caller, dataset.id, request.query.version);
      const crs = request.query.crs ? parseCrs(request.query.crs, 'crs') : CRS84;
      const row = await getFeature(app.db.kysely, dataset.id, version.version, request.params.featureId, crs);
      const base = `${baseUrl(request, options.publicUrl)}/api/v1/collections/${dataset.id}`;
      const links = [
        { href: `${base}/items/${row.fid}`, rel: 'self', type: GEOJSON },
        { href: base, rel: 'collection', type: 'application/json' },
      ];
      const body = featureJson(row).replace(/}$/, `,"links":${JSON.stringify(links)}}`);
      return reply.type(GEOJSON).header('Content-Crs', `<${crs.uri}>`).send(body);
    },
  });
};
