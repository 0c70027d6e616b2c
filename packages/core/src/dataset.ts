/** Datasets in the registry: owner, licence, visibility, quality, provenance and immutable versions. */
import { z } from 'zod';
import { EpsgCrs, SpdxLicence, StrictLocalizedText, ATTRIBUTE_TYPES } from './data-requirement.js';
import { DatasetId, GeometryType, Sha256Hex } from './dataset-ref.js';
import { OrganisationId } from './identity.js';
import { RasterInfo } from './raster.js';

/** Who may see a dataset: everyone, the owner's organisation, or the owner plus named organisations. */
export const Visibility = z.enum(['public', 'organisation', 'named']).describe('Who may see the dataset');
export type Visibility = z.infer<typeof Visibility>;

export const DatasetKind = z.enum(['vector', 'raster']).describe('Vector features or a raster grid');
export type DatasetKind = z.infer<typeof DatasetKind>;

/** Quality statements (ISO 19157 in spirit): what a user needs to judge fitness for use. */
export const DatasetQuality = z
  .strictObject({
    completeness: z.string().max(2000).optional().describe('How complete the data is, e.g. "alle BAG-panden, peildatum 2024-01-01"'),
    positionalAccuracyM: z.number().positive().optional().describe('Positional accuracy, metres'),
    captureDate: z.string().date().optional().describe('Date of capture (YYYY-MM-DD)'),
    resolutionM: z.number().positive().optional().describe('Resolution (raster cell size or survey scale), metres'),
    notes: z.string().max(4000).optional().describe('Other known imperfections'),
  })
  .describe('Quality statements');
export type DatasetQuality = z.infer<typeof DatasetQuality>;

/** Bounding box [minX, minY, maxX, maxY]. */
export const Bbox = z.tuple([z.number(), z.number(), z.number(), z.number()]).describe('Bounding box [minX, minY, maxX, maxY]');
export type Bbox = z.infer<typeof Bbox>;

/** Attribute name → type, as found in a vector version. */
export const AttributeSchema = z.record(z.string(), z.enum([...ATTRIBUTE_TYPES, 'object', 'array', 'null'])).describe('Attribute types');

export const DatasetCreate = z
  .strictObject({
    id: DatasetId,
    title: StrictLocalizedText,
    description: StrictLocalizedText.optional(),
    kind: DatasetKind,
    licence: SpdxLicence,
    visibility: Visibility.default('organisation'),
    sharedWith: z.array(OrganisationId).max(100).default([]).describe('Organisations that may see it when visibility is `named`'),
    keywords: z.array(z.string().min(1).max(60)).max(30).default([]).describe('Theme keywords'),
    source: z.string().max(2000).optional().describe('Where the data comes from (register, survey, model run)'),
    lineage: z.string().max(4000).optional().describe('How it was made (processing steps)'),
    quality: DatasetQuality.default({}),
    synthetic: z.boolean().default(false).describe('Synthetic (made-up) data, such as the demo area'),
  })
  .describe('A new dataset (its content arrives as versions)');
export type DatasetCreate = z.infer<typeof DatasetCreate>;

export const DatasetVersion = z
  .object({
    datasetId: DatasetId,
    version: z.number().int().positive(),
    contentHash: Sha256Hex.describe('SHA-256 over the normalised content: equal content, equal hash'),
    itemCount: z.number().int().nonnegative().describe('Features, or cells for a raster'),
    sizeBytes: z.number().int().nonnegative().describe('Size of the uploaded content'),
    crs: EpsgCrs.describe('Storage CRS'),
    bbox: Bbox.nullable().describe('Extent in the storage CRS'),
    geometryTypes: z.array(GeometryType).describe('Geometry types present (vector)'),
    attributes: AttributeSchema,
    raster: RasterInfo.nullable().describe('Grid metadata (raster)'),
    sourceFormat: z.string().describe('Format of the import, e.g. geojson, geotiff, esri-ascii'),
    createdBy: z.string().describe('Who made the version'),
    createdAt: z.string().datetime(),
  })
  .describe('An immutable version of a dataset');
export type DatasetVersion = z.infer<typeof DatasetVersion>;

export const Dataset = z
  .object({
    id: DatasetId,
    organisationId: OrganisationId,
    title: StrictLocalizedText,
    description: StrictLocalizedText.nullable(),
    kind: DatasetKind,
    licence: SpdxLicence,
    visibility: Visibility,
    sharedWith: z.array(OrganisationId),
    keywords: z.array(z.string()),
    source: z.string().nullable(),
    lineage: z.string().nullable(),
    quality: DatasetQuality,
    synthetic: z.boolean(),
    latestVersion: DatasetVersion.nullable().describe('The newest version, or null before the first import'),
    createdAt: z.string().datetime(),
  })
  .describe('A dataset in the registry');
export type Dataset = z.infer<typeof Dataset>;
