/** `tweeling data import`: a file on disk as a new dataset version, made as the dataset's owner. */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Kysely } from 'kysely';
import type { Caller } from '@tweeling/core';
import { epsgFromWkt } from '@tweeling/sdk';
import type { Actor } from './audit/index.js';
import { CRS84, DATA_ERRORS, importFeatures, importRasterFile, parseCrs, type IncomingFeature, type RasterUploadFormat } from './data/index.js';
import type { Database } from './db/index.js';
import { TweelingError } from './errors.js';

/** What an import reports: the version (new or the equal latest one) and whether it was made now. */
export type CliImportResult = Awaited<ReturnType<typeof importRasterFile>>;

const RASTER_EXTENSIONS: Record<string, RasterUploadFormat> = { '.tif': 'geotiff', '.tiff': 'geotiff', '.asc': 'ascii' };
const VECTOR_EXTENSIONS = new Set(['.geojson', '.json']);

/** A problem as one text for the terminal: code, detail and each failing field. */
export function problemText(error: TweelingError): string {
  const fields = (error.errors ?? []).map((e) => `\n  ${e.path}: ${e.message}`).join('');
  return `${error.code}: ${error.message}${fields}`;
}

/** The CRS a `.prj` beside an `.asc` names, if there is one. */
async function prjCrs(file: string): Promise<string | undefined> {
  const text = await readFile(file.replace(/\.asc$/i, '.prj'), 'utf8').catch(() => null);
  if (text === null) return undefined;
  const crs = epsgFromWkt(text);
  if (!crs) throw new TweelingError(DATA_ERRORS.UNKNOWN_CRS, `${file.replace(/\.asc$/i, '.prj')} noemt geen EPSG-code; geef --crs op.`);
  return crs;
}

/**
 * Imports `file` into dataset `datasetId` as its owning organisation (the CLI is trusted like
 * `token create`): GeoJSON for vector datasets, GeoTIFF or ESRI ASCII grid for raster datasets.
 * @throws TWL_DATA_DATASET_NOT_FOUND, TWL_DATA_UNSUPPORTED_FORMAT, and every import problem
 */
export async function importDataFile(deps: { db: Kysely<Database>; clock: () => Date }, file: string, datasetId: string, crsOption: string | undefined): Promise<CliImportResult> {
  const dataset = await deps.db.selectFrom('datasets').select(['organisation_id', 'kind']).where('id', '=', datasetId).executeTakeFirst();
  if (!dataset) throw new TweelingError(DATA_ERRORS.DATASET_NOT_FOUND, `Dataset '${datasetId}' bestaat niet.`);
  const organisationId = dataset.organisation_id;
  const caller: Caller = { anonymous: false, organisationId, userId: null, tokenId: null, role: 'data-steward', permissions: ['data:write'] };
  const actor: Actor = { organisationId, userId: null, tokenId: null, label: 'cli', requestId: null };
  const extension = extname(file).toLowerCase();
  const rasterFormat = RASTER_EXTENSIONS[extension];
  if (!rasterFormat && !VECTOR_EXTENSIONS.has(extension)) {
    throw new TweelingError(DATA_ERRORS.UNSUPPORTED_FORMAT, `${file}: onbekend formaat '${extension}'; gebruik .geojson/.json (vector) of .tif/.tiff/.asc (raster).`);
  }
  const bytes = await readFile(file);
  if (rasterFormat) {
    const crs = crsOption ? `EPSG:${parseCrs(crsOption, 'crs').srid}` : rasterFormat === 'ascii' ? await prjCrs(file) : undefined;
    return importRasterFile(deps, caller, actor, datasetId, bytes, { format: rasterFormat, crs, sizeBytes: bytes.byteLength });
  }
  let parsed: { type?: unknown; features?: unknown };
  try {
    parsed = JSON.parse(bytes.toString('utf8')) as typeof parsed;
  } catch (error) {
    throw new TweelingError(DATA_ERRORS.INVALID_CONTENT, `${file} is geen geldige JSON: ${(error as Error).message}.`);
  }
  if (parsed?.type !== 'FeatureCollection' || !Array.isArray(parsed.features)) {
    throw new TweelingError(DATA_ERRORS.INVALID_CONTENT, `${file} is geen GeoJSON FeatureCollection.`);
  }
  const sourceCrs = crsOption ? parseCrs(crsOption, 'crs') : CRS84;
  const result = await importFeatures(deps, caller, actor, datasetId, parsed.features as IncomingFeature[], { sourceCrs, sourceFormat: 'geojson', sizeBytes: bytes.byteLength });
  return { version: result.version, created: result.created };
}
