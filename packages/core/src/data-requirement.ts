/** What an app needs from the data behind one dataset input: the basis of the store's fit check. */
import { z } from 'zod';
import { GeometryType } from './dataset-ref.js';
import { LocalizedText } from './vocabulary.js';

/** Text in Dutch (required) and English (optional), unknown keys rejected. */
export const StrictLocalizedText = z.strictObject(LocalizedText.shape).describe('Text in Dutch, optionally in English');

/** SPDX licence id or expression, e.g. `EUPL-1.2`, `CC-BY-4.0`, `MIT OR Apache-2.0`, `LicenseRef-Vendor`. */
export const SpdxLicence = z
  .string()
  .regex(/^[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*$/, 'an SPDX licence id or expression such as EUPL-1.2 or CC-BY-4.0')
  .describe('SPDX licence id or expression');

/** CRS as `EPSG:<code>`. */
export const EpsgCrs = z.string().regex(/^EPSG:\d+$/, 'EPSG:<code>').describe('CRS as EPSG:<code>');

/** Attribute types a vector input may require. */
export const ATTRIBUTE_TYPES = ['string', 'number', 'integer', 'boolean', 'date', 'datetime'] as const;

/** An attribute (property) every feature of a vector input must carry. */
export const RequiredAttribute = z
  .strictObject({
    name: z.string().min(1).describe('Property name in the features, e.g. `drempelhoogteM`'),
    type: z.enum(ATTRIBUTE_TYPES).describe('Value type'),
    unit: z.string().optional().describe('Unit of the values, e.g. `m`'),
    description: StrictLocalizedText.optional().describe('What the attribute means to the app'),
    optional: z
      .boolean()
      .default(false)
      .describe('When true the app has a documented fallback (e.g. a default threshold) if the attribute is absent'),
  })
  .describe('Attribute the features must have');
export type RequiredAttribute = z.infer<typeof RequiredAttribute>;

const common = {
  description: StrictLocalizedText.describe('What data is needed and why'),
  crs: EpsgCrs.default('EPSG:28992').describe('CRS the app reads the data in; other CRSs are reprojected by the platform where possible'),
  minCoverageFraction: z
    .number()
    .min(0)
    .max(1)
    .default(1)
    .describe('Fraction (0–1) of the study area the extent of the dataset must cover'),
  maxAgeDays: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Maximum age of the data in days, from its reference date to the run; no limit when left out'),
  allowedLicences: z
    .array(SpdxLicence)
    .min(1)
    .optional()
    .describe('When set, only datasets under one of these licences may be used (e.g. for a vendor app that stores copies)'),
};

/** Requirement on a vector (feature) dataset input. */
export const VectorDataRequirement = z
  .strictObject({
    kind: z.literal('vector'),
    ...common,
    geometryTypes: z.array(GeometryType).min(1).describe('Accepted geometry types, e.g. `["Polygon", "MultiPolygon"]`'),
    requiredAttributes: z.array(RequiredAttribute).default([]).describe('Attributes every feature must carry'),
  })
  .describe('Requirement on a vector dataset');
export type VectorDataRequirement = z.infer<typeof VectorDataRequirement>;

/** Requirement on a raster (coverage) dataset input. */
export const RasterDataRequirement = z
  .strictObject({
    kind: z.literal('raster'),
    ...common,
    maxCellSizeM: z
      .number()
      .positive()
      .describe('Coarsest acceptable cell size in metres (the maximum resolution value), e.g. 5 for AHN resampled to 5 m'),
    unit: z.string().optional().describe('Unit the cell values must be in, e.g. `m` (NAP) for heights'),
  })
  .describe('Requirement on a raster dataset');
export type RasterDataRequirement = z.infer<typeof RasterDataRequirement>;

/** Requirement on the data behind one dataset input. */
export const DataRequirement = z.discriminatedUnion('kind', [VectorDataRequirement, RasterDataRequirement]).describe('Data requirement');
export type DataRequirement = z.infer<typeof DataRequirement>;
