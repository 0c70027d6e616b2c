/**
 * Vector tiles of vector datasets for the web viewer: `/collections/{id}/tiles/WebMercatorQuad/{z}/{x}/{y}`
 * as Mapbox Vector Tiles, with the tileset metadata beside it.
 *
 * The path keeps the XYZ order (`{z}/{x}/{y}`) that MapLibre and other web maps use; OGC API Tiles
 * orders it `{tileMatrix}/{tileRow}/{tileCol}` (row = y first), so no Tiles conformance class is
 * declared. The URL templates in the metadata name the variables, so template-driven clients work.
 */
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DatasetId } from '@tweeling/core';
import { TweelingError } from '../../errors.js';
import { baseUrl } from '../../http/negotiation.js';
import { DATA_ERRORS } from '../errors.js';
import { getDataset, getVersion, type DataDeps } from '../registry.js';
import { producerFor } from './producer.js';
import { assertTile, MAX_ZOOM, MVT, TILE_BUFFER, TILE_EXTENT, TILE_MATRIX_SET, TILE_MATRIX_SET_URI } from './tile-math.js';

/** Part of every ETag: bump it when the tile contract (extent, buffer, encoding) changes. */
const TILE_CONTRACT = `mvt2-e${TILE_EXTENT}-b${TILE_BUFFER}`;
/** How long a tile of the latest version may be reused without asking (a new version changes it). */
const LATEST_MAX_AGE_S = 300;
/** A tile of a pinned version never changes. */
const PINNED_MAX_AGE_S = 31_536_000;

const Params = z.strictObject({ collectionId: DatasetId });
const TileParams = Params.extend({
  z: z.coerce.number().int().min(0).max(MAX_ZOOM).describe('Zoom level (tile matrix)'),
  x: z.coerce.number().int().min(0).describe('Column, from the west'),
  y: z.coerce.number().int().min(0).describe('Row, from the north'),
});
const VersionQuery = z.strictObject({ version: z.coerce.number().int().positive().optional().describe('Dataset version (default: latest)'), f: z.enum(['mvt', 'json']).optional() });

/** Strong ETag of one tile: dataset, version, tile address and contract. */
export function tileEtag(datasetId: string, version: number, z: number, x: number, y: number): string {
  return `"${createHash('sha256').update(`${datasetId}@${version}/${z}/${x}/${y}/${TILE_CONTRACT}`).digest('base64url').slice(0, 32)}"`;
}

/** Whether an If-None-Match header matches the ETag (weak comparison, as RFC 9110 asks for GET). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/** Mapbox Vector Tiles (WebMercatorQuad) of vector datasets, and their tileset metadata. */
export const tileRoutes = (options: { publicUrl: string | undefined }): FastifyPluginAsyncZod => async (app) => {
  const deps = (): DataDeps => ({ db: app.db.kysely, clock: app.clock });
  const produce = producerFor(app.db.engine);
  const tags = ['Data: vector tiles'];
  const access = { public: true } as const;

  const vectorDataset = async (caller: Parameters<typeof getDataset>[1], id: string) => {
    const dataset = await getDataset(deps(), caller, id);
    if (dataset.kind !== 'vector') throw new TweelingError(DATA_ERRORS.DATASET_NOT_FOUND, `'${id}' heeft geen vectortegels (het is een raster; zie /collections/${id}/coverage).`);
    return dataset;
  };
  const tilesetDoc = (base: string, id: string, title: string) => ({
    title: `${title} (${TILE_MATRIX_SET})`,
    dataType: 'vector',
    crs: 'http://www.opengis.net/def/crs/EPSG/0/3857',
    tileMatrixSetURI: TILE_MATRIX_SET_URI,
    minZoom: 0,
    maxZoom: MAX_ZOOM,
    layers: [{ id, dataType: 'vector' }],
    links: [
      { href: `${base}/collections/${id}/tiles/${TILE_MATRIX_SET}`, rel: 'self', type: 'application/json', title: 'Deze tegelset' },
      { href: TILE_MATRIX_SET_URI, rel: 'http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme', type: 'application/json', title: TILE_MATRIX_SET },
      { href: `${base}/collections/${id}/tiles/${TILE_MATRIX_SET}/{tileMatrix}/{tileCol}/{tileRow}`, rel: 'item', type: MVT, templated: true, title: 'Tegel (z/x/y)' },
      { href: `${base}/collections/${id}`, rel: 'collection', type: 'application/json', title: 'Collectie' },
    ],
  });

  app.get('/collections/:collectionId/tiles', {
    config: { access },
    schema: { tags, summary: 'Tegelsets van een vectorcollectie', params: Params, querystring: z.strictObject({ f: z.enum(['json']).optional() }) },
    handler: async (request) => {
      const dataset = await vectorDataset(request.caller, request.params.collectionId);
      const base = `${baseUrl(request, options.publicUrl)}/api/v1`;
      return { tilesets: [tilesetDoc(base, dataset.id, dataset.title.nl)] };
    },
  });

  app.get('/collections/:collectionId/tiles/WebMercatorQuad', {
    config: { access },
    schema: { tags, summary: 'Tegelset WebMercatorQuad: zoomniveaus, lagen, URL-sjabloon', params: Params, querystring: z.strictObject({ f: z.enum(['json']).optional() }) },
    handler: async (request) => {
      const dataset = await vectorDataset(request.caller, request.params.collectionId);
      return tilesetDoc(`${baseUrl(request, options.publicUrl)}/api/v1`, dataset.id, dataset.title.nl);
    },
  });

  app.get('/collections/:collectionId/tiles/WebMercatorQuad/:z/:x/:y', {
    config: { access },
    schema: {
      tags,
      summary: 'Vectortegel (Mapbox Vector Tile); 204 als de tegel leeg is, 304 bij een passende If-None-Match',
      params: TileParams,
      querystring: VersionQuery,
    },
    handler: async (request, reply) => {
      const { collectionId, z: zoom, x, y } = request.params;
      assertTile({ z: zoom, x, y });
      const dataset = await vectorDataset(request.caller, collectionId);
      const version = await getVersion(deps(), request.caller, dataset.id, request.query.version);
      const etag = tileEtag(dataset.id, version.version, zoom, x, y);
      const scope = dataset.visibility === 'public' ? 'public' : 'private';
      const maxAge = request.query.version ? `${PINNED_MAX_AGE_S}, immutable` : String(LATEST_MAX_AGE_S);
      reply.header('ETag', etag).header('Cache-Control', `${scope}, max-age=${maxAge}`).header('Vary', 'Authorization');
      if (matches(request.headers['if-none-match'], etag)) return reply.status(304).send();
      const tile = await produce(app.db.kysely, { datasetId: dataset.id, version: version.version, z: zoom, x, y });
      if (tile.byteLength === 0) return reply.status(204).send();
      return reply.type(MVT).send(Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength));
    },
  });
};
