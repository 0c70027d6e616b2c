/**
 * Datasets as job values: how a job input points at a dataset, and how an output dataset
 * (raster, vector) or a time series appears in job results and run records.
 */
import { z } from 'zod';
import { RasterInfo } from './raster.js';

/** Dataset id: a lowercase slug such as `ahn4-almere-05m`. */
export const DatasetId = z
  .string()
  .min(2)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/, 'lowercase letters, digits and hyphens; no hyphen at either end')
  .describe('Dataset id, a lowercase slug such as `ahn4-almere-05m`');
export type DatasetId = z.infer<typeof DatasetId>;

/** SHA-256 digest as 64 lowercase hex characters. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex characters').describe('SHA-256 digest (hex)');

/** A job input naming a dataset of this Tweeling instance; without `version`, the latest version is used (and recorded). */
export const DatasetVersionRef = z
  .strictObject({
    dataset: DatasetId,
    version: z.number().int().positive().optional().describe('Dataset version number; latest when left out'),
  })
  .describe('Reference to a dataset (version) in this instance');
export type DatasetVersionRef = z.infer<typeof DatasetVersionRef>;

/** A job input pointing at data by URL, as in OGC API Processes (`{ "href": … }`). */
export const DatasetHrefRef = z
  .strictObject({
    href: z
      .url({ protocol: /^https?$/, error: 'an absolute http(s) URL' })
      .describe('Absolute http(s) URL of the data (GeoTIFF, GeoJSON, OGC API collection …); other schemes such as file: are refused'),
    type: z.string().optional().describe('Media type of the target, e.g. `image/tiff; application=geotiff`'),
  })
  .describe('Reference to data by URL (OGC API Processes qualified input)');
export type DatasetHrefRef = z.infer<typeof DatasetHrefRef>;

/** What a dataset input's value looks like: `{ dataset, version? }` or `{ href, type? }`. */
export const DatasetRef = z.union([DatasetVersionRef, DatasetHrefRef]).describe('Dataset input value');
export type DatasetRef = z.infer<typeof DatasetRef>;

/** JSON Schema of {@link DatasetRef}, used in process descriptions for dataset inputs. */
export const DATASET_REF_JSON_SCHEMA = {
  oneOf: [
    {
      type: 'object',
      required: ['dataset'],
      additionalProperties: false,
      properties: { dataset: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*[a-z0-9]$' }, version: { type: 'integer', minimum: 1 } },
    },
    {
      type: 'object',
      required: ['href'],
      additionalProperties: false,
      properties: { href: { type: 'string', format: 'uri' }, type: { type: 'string' } },
    },
  ],
} as const;

/** A dataset as resolved for one run: which exact version and content the app read. */
export const ResolvedDataset = z
  .strictObject({
    input: z.string().describe('Id of the process input it was given for'),
    dataset: z.string().describe('Dataset id, or the URL for `href` inputs'),
    version: z.number().int().positive().nullable().describe('Dataset version number; null for URL inputs'),
    contentHash: Sha256Hex.describe('SHA-256 of the canonical content (see the SDK hashing rules)'),
    kind: z.enum(['vector', 'raster']).describe('Kind of data'),
    crs: z.string().regex(/^EPSG:\d+$/).describe('CRS of the data as given to the app'),
    licence: z.string().optional().describe('SPDX licence id of the dataset, where known'),
  })
  .describe('A dataset version used by a run');
export type ResolvedDataset = z.infer<typeof ResolvedDataset>;

const outputCommon = {
  title: z.string().optional().describe('Human-readable title of this output dataset'),
  unit: z.string().optional().describe('Unit of the values, e.g. `m` for a depth'),
  hash: Sha256Hex.describe('SHA-256 of the canonical content'),
  dataset: DatasetId.optional().describe('Dataset the output was stored as (set by the server)'),
  version: z.number().int().positive().optional().describe('Dataset version of the output (set by the server)'),
  href: z.string().optional().describe('URL to fetch the content (set by the server)'),
};

/** A raster output dataset as it appears in job results. */
export const RasterDatasetValue = z
  .strictObject({ kind: z.literal('raster'), info: RasterInfo, ...outputCommon })
  .describe('Raster output dataset');
export type RasterDatasetValue = z.infer<typeof RasterDatasetValue>;

/** GeoJSON geometry types. */
export const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] as const;
/** A GeoJSON geometry type (GeometryCollection is not accepted as a dataset geometry). */
export const GeometryType = z.enum(GEOMETRY_TYPES).describe('GeoJSON geometry type');
export type GeometryType = z.infer<typeof GeometryType>;

/** A vector output dataset (a feature collection) as it appears in job results. */
export const VectorDatasetValue = z
  .strictObject({
    kind: z.literal('vector'),
    featureCount: z.number().int().min(0).describe('Number of features'),
    geometryTypes: z.array(GeometryType).describe('Geometry types present'),
    crs: z.string().regex(/^EPSG:\d+$/).describe('CRS of the coordinates'),
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable().describe('[minX, minY, maxX, maxY] in `crs`; null when empty'),
    ...outputCommon,
  })
  .describe('Vector output dataset');
export type VectorDatasetValue = z.infer<typeof VectorDatasetValue>;

/** An output dataset (raster or vector) as it appears in job results. */
export const OutputDatasetValue = z.discriminatedUnion('kind', [RasterDatasetValue, VectorDatasetValue]);
export type OutputDatasetValue = z.infer<typeof OutputDatasetValue>;

/** A time series output: one or more named series over common times. */
export const TimeSeriesValue = z
  .strictObject({
    kind: z.literal('timeSeries'),
    startTime: z.iso.datetime().optional().describe('Wall-clock time of t = 0, if the series has one (ISO 8601)'),
    timesS: z.array(z.number()).describe('Times in seconds since the start, ascending'),
    series: z
      .array(
        z.strictObject({
          name: z.string().min(1).describe('Series name, e.g. `volumeM3`'),
          unit: z.string().describe('Unit of the values, e.g. `m3`'),
          values: z.array(z.number().nullable()).describe('One value per time; null where missing'),
        }),
      )
      .min(1)
      .describe('The series'),
  })
  .superRefine((ts, ctx) => {
    ts.series.forEach((s, i) => {
      if (s.values.length !== ts.timesS.length) {
        ctx.addIssue({ code: 'custom', path: ['series', i, 'values'], message: `has ${s.values.length} values for ${ts.timesS.length} times` });
      }
    });
    if (ts.timesS.some((t, i) => i > 0 && t <= (ts.timesS[i - 1] as number))) {
      ctx.addIssue({ code: 'custom', path: ['timesS'], message: 'times must be strictly ascending' });
    }
  })
  .describe('Time series output');
export type TimeSeriesValue = z.infer<typeof TimeSeriesValue>;
