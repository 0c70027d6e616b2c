/**
 * Raster imports: a GeoTIFF (also Cloud Optimized) or ESRI ASCII grid becomes a new immutable version
 * of a raster dataset. Decoding is the SDK's (`decodeGeoTiff`, `parseAsciiGrid`); this file adds the
 * guards a server needs (a cell budget checked before anything is allocated, RD New only) and the
 * storage: metadata in `dataset_versions.raster`, little-endian cells in `raster_grids.cells`.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, rasterBounds, type Caller, type DatasetVersion, type RasterGrid, type RasterInfo } from '@tweeling/core';
import { decodeGeoTiff, parseAsciiGrid, rasterDataType, RasterFormatError } from '@tweeling/sdk';
import { appendAudit, type Actor } from '../audit/index.js';
import { TweelingError } from '../errors.js';
import { STORAGE_SRID } from './crs.js';
import { DATA_ERRORS } from './errors.js';
import { gridBytes } from './raster-cells.js';
import { lockOwnedDataset, toVersion, type DataDeps } from './registry.js';
import { peekAsciiGridSize } from './raster-peek.js';
import { findCompressionBomb, peekTiffSize } from './tiff-guard.js';

/**
 * Largest raster accepted, in cells: 25 million (5 000 × 5 000, 100 MB as float32), i.e. AHN at 0.5 m
 * over 2.5 × 2.5 km. Checked from the file header before any cell is decoded, so a small compressed
 * file that claims a huge grid is refused without allocating it.
 */
export const MAX_RASTER_CELLS = 25_000_000;

/** The only CRS rasters are stored in; reprojecting rasters is not supported (use gdalwarp first). */
export const RASTER_CRS = `EPSG:${STORAGE_SRID}`;

export type RasterUploadFormat = 'geotiff' | 'ascii';

export interface RasterImportOptions {
  format: RasterUploadFormat;
  /** CRS to assume when the file names none (ASCII grids always; GeoTIFFs without an EPSG GeoKey). */
  crs?: string | undefined;
  /** Size of the uploaded file, bytes. */
  sizeBytes: number;
}

export interface RasterImportResult {
  version: DatasetVersion;
  /** False when the grid equals the latest version (no new version made). */
  created: boolean;
}

function tooLarge(width: number, height: number): TweelingError {
  return new TweelingError(
    DATA_ERRORS.RASTER_TOO_LARGE,
    `Het raster is ${width} × ${height} = ${width * height} cellen; het maximum is ${MAX_RASTER_CELLS} cellen. Knip het op of verlaag de resolutie.`,
    [{ path: 'body', message: `raster has ${width * height} cells, at most ${MAX_RASTER_CELLS}` }],
  );
}

function crsNotSupported(crs: string): TweelingError {
  return new TweelingError(
    DATA_ERRORS.CRS_NOT_SUPPORTED,
    `Het raster staat in ${crs}; rasters worden alleen in ${RASTER_CRS} (RD New) opgeslagen en herprojecteren van rasters wordt niet ondersteund. Zet het eerst om, bijvoorbeeld met gdalwarp -t_srs ${RASTER_CRS}.`,
    [{ path: 'crs', message: `raster CRS ${crs} is not ${RASTER_CRS}; raster reprojection is out of scope` }],
  );
}

/** Maps an SDK decoding error to a 400 problem that names what is wrong. */
function formatProblem(error: unknown): TweelingError {
  const message = error instanceof Error ? error.message : String(error);
  if (/EPSG code/.test(message)) {
    return new TweelingError(DATA_ERRORS.UNKNOWN_CRS, `Het raster noemt geen EPSG-code; geef het stelsel op met ?crs=${RASTER_CRS} (of --crs).`, [{ path: 'crs', message }]);
  }
  return new TweelingError(DATA_ERRORS.INVALID_CONTENT, `Ongeldig rasterbestand: ${message}.`, [{ path: 'body', message }]);
}

/**
 * Decodes an uploaded raster file and checks it can be stored: within {@link MAX_RASTER_CELLS},
 * in RD New, not all no-data. NaN no-data markers are normalised to `null` (NaN always counts as no-data).
 * @throws TWL_DATA_INVALID_CONTENT (empty, corrupt, all no-data), TWL_DATA_RASTER_TOO_LARGE,
 *   TWL_DATA_UNKNOWN_CRS (no EPSG code and no `crs`), TWL_DATA_CRS_NOT_SUPPORTED (not EPSG:28992)
 */
export async function decodeRasterUpload(bytes: Uint8Array, options: Pick<RasterImportOptions, 'format' | 'crs'>): Promise<RasterGrid> {
  if (options.crs !== undefined && options.crs !== RASTER_CRS) throw crsNotSupported(options.crs);
  let grid: RasterGrid;
  try {
    if (options.format === 'geotiff') {
      const size = peekTiffSize(bytes);
      if (size && size.width * size.height > MAX_RASTER_CELLS) throw tooLarge(size.width, size.height);
      const bomb = findCompressionBomb(bytes);
      if (bomb?.kind === 'unsupported') {
        const message = `TIFF compression ${bomb.compression} is not accepted (only none, LZW, deflate and PackBits)`;
        throw new TweelingError(DATA_ERRORS.INVALID_CONTENT, `Ongeldig rasterbestand: compressie ${bomb.compression} wordt niet aangenomen; gebruik geen compressie, LZW, DEFLATE of PackBits (bijvoorbeeld gdal_translate -co COMPRESS=DEFLATE).`, [{ path: 'body', message }]);
      }
      if (bomb) {
        const message = `compressed block ${bomb.index} inflates beyond its declared ${bomb.declaredBytes} bytes`;
        throw new TweelingError(DATA_ERRORS.INVALID_CONTENT, `Ongeldig rasterbestand: blok ${bomb.index} pakt uit tot meer dan de ${bomb.declaredBytes} bytes die de kop opgeeft (een zip-bom?).`, [{ path: 'body', message }]);
      }
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      grid = await decodeGeoTiff(buffer, { ...(options.crs ? { crs: options.crs } : {}), source: 'GeoTIFF' });
    } else {
      const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
      const size = peekAsciiGridSize(text);
      if (size && size.width * size.height > MAX_RASTER_CELLS) throw tooLarge(size.width, size.height);
      if (size && size.values !== size.width * size.height) {
        const message = `size mismatch, ncols × nrows = ${size.width} × ${size.height} = ${size.width * size.height} but found ${size.values} values`;
        throw new TweelingError(DATA_ERRORS.INVALID_CONTENT, `Ongeldig rasterbestand: ASCII grid: ${message}.`, [{ path: 'body', message }]);
      }
      grid = parseAsciiGrid(text, { crs: options.crs ?? RASTER_CRS, dataType: 'float32', source: 'ASCII grid' });
      assertSomeData(grid);
    }
  } catch (error) {
    if (error instanceof TweelingError) throw error;
    if (error instanceof RasterFormatError) throw formatProblem(error);
    throw formatProblem(error);
  }
  if (grid.crs !== RASTER_CRS) throw crsNotSupported(grid.crs);
  if (grid.width * grid.height > MAX_RASTER_CELLS) throw tooLarge(grid.width, grid.height);
  return { ...grid, noData: grid.noData !== null && Number.isNaN(grid.noData) ? null : grid.noData };
}

/** The SDK's GeoTIFF reader refuses all-no-data grids itself; its ASCII parser leaves that to the caller. */
function assertSomeData(grid: RasterGrid): void {
  const { data, noData } = grid;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (!Number.isNaN(v) && v !== noData) return;
  }
  throw new RasterFormatError(`ASCII grid: every one of its ${data.length} cells is no-data or NaN`);
}

/** Metadata of a grid as stored and served. */
export function rasterInfo(grid: RasterGrid): RasterInfo {
  const { width, height, originX, originY, cellSize, crs, noData } = grid;
  return { width, height, originX, originY, cellSize, crs, noData, dataType: rasterDataType(grid.data) };
}

/** SHA-256 over the normalised grid: canonical JSON of its metadata, a newline, then the little-endian cells. */
export function rasterContentHash(grid: RasterGrid): string {
  return createHash('sha256').update(canonicalJson(rasterInfo(grid)) + '\n').update(gridBytes(grid.data)).digest('hex');
}

/** Thrown inside the transaction to roll it back when the grid equals the latest version. */
class Unchanged extends Error {
  constructor(readonly existing: DatasetVersion) {
    super('unchanged');
  }
}

/**
 * Stores a decoded grid as a new immutable version of a raster dataset, in one transaction with its
 * audit entry. A grid equal to the latest version (same content hash) makes no new version.
 * @throws TWL_DATA_DATASET_NOT_FOUND, TWL_DATA_NOT_OWNER, TWL_DATA_WRONG_KIND
 */
export async function importRaster(deps: DataDeps, caller: Caller, actor: Actor, datasetId: string, grid: RasterGrid, options: { sourceFormat: string; sizeBytes: number }): Promise<RasterImportResult> {
  const contentHash = rasterContentHash(grid);
  const info = rasterInfo(grid);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const dataset = await lockOwnedDataset(trx, caller, datasetId);
      if (dataset.kind !== 'raster') throw wrongKind(datasetId);
      if (dataset.latest_version) {
        const latest = await trx.selectFrom('dataset_versions').selectAll().where('dataset_id', '=', datasetId).where('version', '=', dataset.latest_version).executeTakeFirstOrThrow();
        if (latest.content_hash === contentHash) throw new Unchanged(toVersion(latest));
      }
      const version = (dataset.latest_version ?? 0) + 1;
      const now = deps.clock();
      const row = await trx
        .insertInto('dataset_versions')
        .values({
          dataset_id: datasetId, version, content_hash: contentHash, item_count: grid.width * grid.height, size_bytes: options.sizeBytes,
          crs: grid.crs, bbox: rasterBounds(grid), attributes: '{}', raster: JSON.stringify(info), source_format: options.sourceFormat,
          created_by: actor.label, created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx.insertInto('raster_grids').values({ dataset_id: datasetId, version, cells: gridBytes(grid.data) }).execute();
      await trx.updateTable('datasets').set({ latest_version: version }).where('id', '=', datasetId).execute();
      await appendAudit(trx, actor, { action: 'dataset.version.create', targetType: 'dataset', targetId: `${datasetId}@${version}`, payload: { contentHash, items: grid.width * grid.height, format: options.sourceFormat } }, now);
      return { version: toVersion(row), created: true };
    });
  } catch (error) {
    if (error instanceof Unchanged) return { version: error.existing, created: false };
    throw error;
  }
}

function wrongKind(datasetId: string): TweelingError {
  return new TweelingError(DATA_ERRORS.WRONG_KIND, `Dataset '${datasetId}' is een vectordataset; upload GeoJSON.`);
}

/**
 * Decodes an uploaded file and imports it ({@link decodeRasterUpload} then {@link importRaster}).
 * Ownership and kind are checked before the file is decoded, so a caller who may not write never
 * makes the server decode anything.
 */
export async function importRasterFile(deps: DataDeps, caller: Caller, actor: Actor, datasetId: string, bytes: Uint8Array, options: RasterImportOptions): Promise<RasterImportResult> {
  const dataset = await lockOwnedDataset(deps.db, caller, datasetId);
  if (dataset.kind !== 'raster') throw wrongKind(datasetId);
  const grid = await decodeRasterUpload(bytes, options);
  return importRaster(deps, caller, actor, datasetId, grid, { sourceFormat: options.format, sizeBytes: options.sizeBytes });
}
