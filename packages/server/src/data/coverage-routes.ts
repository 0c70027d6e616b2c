/**
 * OGC API Coverages (Part 1 draft) over raster datasets: the coverage as GeoTIFF with bbox/subset
 * clipping and whole-factor downsampling, plus the CIS JSON domain set and range type.
 */
import { sql, type Kysely } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DatasetId, rasterBounds, type RasterGrid } from '@tweeling/core';
import { encodeGeoTiff } from '@tweeling/sdk';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { baseUrl } from '../http/negotiation.js';
import { clipToRdArea, CRS84, parseCrs, RD_NEW, STORAGE_SRID, type ApiCrs } from './crs.js';
import { cropGrid, downsample, readRasterVersion, windowFor, type Resampling } from './coverage-grid.js';
import { DATA_ERRORS } from './errors.js';
import { getDataset, type DataDeps } from './registry.js';

const COVERAGES = 'http://www.opengis.net/spec/ogcapi-coverages-1/1.0/conf';
/** The Coverages conformance classes these routes implement. */
export const COVERAGE_CONFORMANCE = ['core', 'subsetting', 'scaling', 'geotiff', 'oas30'].map((c) => `${COVERAGES}/${c}`);

export const GEOTIFF = 'image/tiff; application=geotiff';
/** Largest downsampling factor accepted. */
const MAX_SCALE_FACTOR = 1000;

const Params = z.strictObject({ collectionId: DatasetId });
const CoverageQuery = z.strictObject({
  bbox: z.string().optional().describe('minx,miny,maxx,maxy in bbox-crs (default CRS84); the cells it touches are returned'),
  'bbox-crs': z.string().optional().describe('CRS of bbox: CRS84 (default), EPSG:4326 (lat,lon) or EPSG:28992'),
  subset: z.union([z.string(), z.array(z.string())]).optional().describe('Axis intervals in EPSG:28992 metres, e.g. x(141000:141500),y(486000:486300); * for an open end'),
  'scale-factor': z.coerce.number().int().min(1).max(MAX_SCALE_FACTOR).optional().describe(`Downsampling factor, a whole number 1–${MAX_SCALE_FACTOR}: each output cell covers factor × factor cells`),
  resampling: z.enum(['nearest', 'mean']).optional().describe('Downsampling method: nearest (default; the cell nearest the block centre, right for class codes) or mean (of the cells with data)'),
  version: z.coerce.number().int().positive().optional().describe('Dataset version (default: latest)'),
  f: z.enum(['tif', 'tiff', 'geotiff']).optional(),
});
type CoverageQuery = z.infer<typeof CoverageQuery>;

const invalid = (parameter: string, detail: string, message: string) =>
  new TweelingError(DATA_ERRORS.INVALID_QUERY, detail, [{ path: `querystring.${parameter}`, message }]);

const X_AXES = new Set(['x', 'e', 'easting']);
const Y_AXES = new Set(['y', 'n', 'northing']);

/** `x(a:b),y(c:d)` (or repeated `subset` parameters) as a box in EPSG:28992; open ends stay infinite. */
export function parseSubset(subset: string | string[]): [number, number, number, number] {
  const text = Array.isArray(subset) ? subset.join(',') : subset;
  const box: [number, number, number, number] = [-Infinity, -Infinity, Infinity, Infinity];
  const seen = new Set<string>();
  const rest = text.replace(/([A-Za-z]+)\(([^)]*)\)/g, (_all, axisName: string, range: string) => {
    const axis = axisName.toLowerCase();
    const isX = X_AXES.has(axis);
    if (!isX && !Y_AXES.has(axis)) throw invalid('subset', `subset: onbekende as '${axisName}'; gebruik x en y (EPSG:28992, meter).`, `unknown axis ${axisName}`);
    if (seen.has(isX ? 'x' : 'y')) throw invalid('subset', `subset: as '${axisName}' staat er twee keer in.`, 'axis repeated');
    seen.add(isX ? 'x' : 'y');
    const [lowText, highText, extra] = range.split(':');
    const low = lowText?.trim() === '*' ? -Infinity : Number(lowText);
    const high = highText?.trim() === '*' ? Infinity : Number(highText);
    if (extra !== undefined || highText === undefined || Number.isNaN(low) || Number.isNaN(high) || lowText?.trim() === '' || highText.trim() === '' || low > high) {
      throw invalid('subset', `subset: '${axisName}(${range})' is geen interval laag:hoog.`, 'expected axis(low:high)');
    }
    box[isX ? 0 : 1] = low;
    box[isX ? 2 : 3] = high;
    return '';
  });
  if (rest.replace(/[\s,]/g, '') !== '') throw invalid('subset', `subset: '${text}' heeft de vorm x(laag:hoog),y(laag:hoog).`, 'malformed subset');
  return box;
}

/** A bbox in any supported CRS as a box in the storage CRS (the box around the transformed box). */
async function bboxToStorage(db: Kysely<Database>, text: string, crs: ApiCrs): Promise<[number, number, number, number]> {
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) throw invalid('bbox', 'bbox moet vier getallen zijn: minx,miny,maxx,maxy.', 'expected 4 numbers');
  const [a, b, c, d] = (crs.latLonOrder ? [parts[1], parts[0], parts[3], parts[2]] : parts) as [number, number, number, number];
  if (a > c || b > d) throw invalid('bbox', 'bbox: de minimumwaarden moeten vóór de maximumwaarden staan.', 'min > max');
  if (crs.srid === STORAGE_SRID) return [a, b, c, d];
  // Cut to RD New's area first: PROJ fails far from it, and segmentizing a huge box never ends.
  const clipped = clipToRdArea([a, b, c, d]);
  if (!clipped) throw invalid('bbox', 'bbox ligt buiten het gebied van RD New (EPSG:28992), waar de rasters liggen.', 'outside the area of EPSG:28992');
  const [x0, y0, x1, y1] = clipped;
  const result = await sql<{ b: number[] }>`
    SELECT ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)] AS b
    FROM (SELECT ST_Transform(ST_Segmentize(ST_MakeEnvelope(${x0}::float8, ${y0}::float8, ${x1}::float8, ${y1}::float8, ${crs.srid}::integer), 0.001), ${STORAGE_SRID}::integer) AS e) q`.execute(db);
  return result.rows[0]!.b.map(Number) as [number, number, number, number];
}

/** The part of a grid a coverage request asks for: bbox or subset clipping, then downsampling. */
async function requestedGrid(db: Kysely<Database>, grid: RasterGrid, query: CoverageQuery): Promise<RasterGrid> {
  if (query.bbox !== undefined && query.subset !== undefined) throw invalid('subset', 'Geef bbox of subset, niet allebei.', 'bbox and subset are exclusive');
  if (query['bbox-crs'] !== undefined && query.bbox === undefined) throw invalid('bbox-crs', 'bbox-crs zonder bbox.', 'bbox-crs needs bbox');
  let box: readonly [number, number, number, number] | null = null;
  if (query.bbox !== undefined) box = await bboxToStorage(db, query.bbox, query['bbox-crs'] ? parseCrs(query['bbox-crs'], 'bbox-crs') : CRS84);
  if (query.subset !== undefined) box = parseSubset(query.subset);
  let out = grid;
  if (box) {
    const window = windowFor(grid, box);
    if (!window) {
      const extent = rasterBounds(grid).join(',');
      throw invalid(query.bbox !== undefined ? 'bbox' : 'subset', `Het gevraagde gebied valt buiten de coverage (${extent} in EPSG:28992).`, 'outside the coverage extent');
    }
    out = cropGrid(grid, window);
  }
  const factor = query['scale-factor'] ?? 1;
  return downsample(out, factor, (query.resampling ?? 'nearest') as Resampling);
}

/** A raster version of a visible raster dataset; a vector dataset has no coverage (404, as OGC clients expect). */
async function coverageOf(deps: DataDeps, caller: Parameters<typeof getDataset>[1], id: string, version: number | undefined) {
  const dataset = await getDataset(deps, caller, id);
  if (dataset.kind !== 'raster') throw new TweelingError(DATA_ERRORS.DATASET_NOT_FOUND, `'${id}' is geen coverage (het is een vectordataset; zie /collections/${id}/items).`);
  return readRasterVersion(deps, caller, id, version);
}

/** The collection's coverage as GeoTIFF, its domain set and its range type. */
export const coverageRoutes = (options: { publicUrl: string | undefined }): FastifyPluginAsyncZod => async (app) => {
  const deps = (): DataDeps => ({ db: app.db.kysely, clock: app.clock });
  const tags = ['Data: OGC API Coverages'];
  const access = { public: true } as const;

  app.get('/collections/:collectionId/coverage', {
    config: { access },
    schema: { tags, summary: 'Coverage als GeoTIFF (EPSG:28992), met bbox/subset en scale-factor', params: Params, querystring: CoverageQuery },
    handler: async (request, reply) => {
      const stored = await coverageOf(deps(), request.caller, request.params.collectionId, request.query.version);
      const grid = await requestedGrid(app.db.kysely, stored.grid, request.query);
      const tiff = Buffer.from(encodeGeoTiff(grid));
      return reply
        .type(GEOTIFF)
        .header('Content-Crs', `<${RD_NEW.uri}>`)
        .header('Content-Disposition', `inline; filename="${request.params.collectionId}-v${stored.version}.tif"`)
        .header('Content-Bbox', rasterBounds(grid).join(','))
        .send(tiff);
    },
  });

  app.get('/collections/:collectionId/coverage/domainset', {
    config: { access },
    schema: { tags, summary: 'Domein van de coverage (CIS JSON): assen, grenzen, celgrootte', params: Params, querystring: z.strictObject({ version: z.coerce.number().int().positive().optional(), f: z.enum(['json']).optional() }) },
    handler: async (request) => {
      const { grid } = await coverageOf(deps(), request.caller, request.params.collectionId, request.query.version);
      return domainSet(grid);
    },
  });

  app.get('/collections/:collectionId/coverage/rangetype', {
    config: { access },
    schema: { tags, summary: 'Bereik van de coverage (CIS JSON): het veld, celtype en no-data', params: Params, querystring: z.strictObject({ version: z.coerce.number().int().positive().optional(), f: z.enum(['json']).optional() }) },
    handler: async (request) => {
      const { grid } = await coverageOf(deps(), request.caller, request.params.collectionId, request.query.version);
      const base = `${baseUrl(request, options.publicUrl)}/api/v1`;
      return {
        type: 'DataRecord',
        field: [{
          type: 'Quantity',
          id: 'value',
          name: 'value',
          definition: `${base}/datasets/${request.params.collectionId}`,
          encodingInfo: { dataType: `http://www.opengis.net/def/dataType/OGC/0/${dataTypeName(grid)}` },
          nilValues: grid.noData === null ? [] : [{ value: grid.noData, reason: 'http://www.opengis.net/def/nil/OGC/0/missing' }],
        }],
      };
    },
  });
};

function dataTypeName(grid: RasterGrid): string {
  return grid.data.constructor.name.replace('Array', '').toLowerCase();
}

/** CIS 1.1 JSON domain set of a north-up RD New grid (axis order x, y; y decreasing per row). */
export function domainSet(grid: RasterGrid) {
  const [minX, minY, maxX, maxY] = rasterBounds(grid);
  return {
    type: 'DomainSet',
    generalGrid: {
      type: 'GeneralGridCoverage',
      srsName: RD_NEW.uri,
      axisLabels: ['X', 'Y'],
      axis: [
        { type: 'RegularAxis', axisLabel: 'X', lowerBound: minX, upperBound: maxX, uomLabel: 'metre', resolution: grid.cellSize },
        { type: 'RegularAxis', axisLabel: 'Y', lowerBound: minY, upperBound: maxY, uomLabel: 'metre', resolution: -grid.cellSize },
      ],
      gridLimits: {
        type: 'GridLimits',
        srsName: 'http://www.opengis.net/def/crs/OGC/0/Index2D',
        axisLabels: ['i', 'j'],
        axis: [
          { type: 'IndexAxis', axisLabel: 'i', lowerBound: 0, upperBound: grid.width - 1 },
          { type: 'IndexAxis', axisLabel: 'j', lowerBound: 0, upperBound: grid.height - 1 },
        ],
      },
    },
  };
}
