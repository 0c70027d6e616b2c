/**
 * GeoTIFF reading and writing through the `geotiff` package.
 *
 * Written files are single-band, uncompressed, one strip, big-endian, Float32 (or Float64 for
 * float64/int32 grids, which float32 cannot hold exactly), with ModelTiepoint + ModelPixelScale,
 * GeoKeys (GTModelType, GTRasterType = PixelIsArea, Projected/Geographic CRS code) and GDAL_NODATA,
 * which is what GDAL and QGIS need to place the grid.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fromArrayBuffer, writeArrayBuffer, type GeotiffWriterMetadata } from 'geotiff';
import type { RasterArray, RasterGrid } from '@tweeling/core';
import { RasterFormatError, assertHasData, assertRasterGrid } from './raster-check.js';

/** EPSG codes of geographic (longitude/latitude) CRSs we may meet; every other code is written as projected. */
const GEOGRAPHIC_EPSG = new Set([4326, 4258, 4289, 4171, 4937, 4979]);
/** GeoTIFF key values (GeoTIFF 1.1 spec, section 7). */
const MODEL_TYPE_PROJECTED = 1;
const MODEL_TYPE_GEOGRAPHIC = 2;
const RASTER_PIXEL_IS_AREA = 1;
const RASTER_PIXEL_IS_POINT = 2;
const USER_DEFINED = 32767;

/** TIFF tag StripOffsets (TIFF 6.0, section 8). */
const TAG_STRIP_OFFSETS = 273;

/** Offset of the single image strip in a big-endian classic TIFF written by geotiff.js. */
function stripOffset(tiff: ArrayBuffer): number {
  const view = new DataView(tiff);
  const ifd = view.getUint32(4, false);
  const entries = view.getUint16(ifd, false);
  for (let e = 0; e < entries; e++) {
    const at = ifd + 2 + 12 * e;
    if (view.getUint16(at, false) === TAG_STRIP_OFFSETS) return view.getUint32(at + 8, false);
  }
  throw new RasterFormatError('GeoTIFF writer produced no StripOffsets tag');
}

/**
 * Encodes a grid as a GeoTIFF file in memory (for the server to serve as `image/tiff`).
 *
 * geotiff.js writes the tags; its cell writer allocates per cell (≈0.4 s per million cells), so it is
 * given one cell and the cells are then written in bulk after the header at the strip offset it chose.
 *
 * @throws {RasterFormatError} when the grid is inconsistent (size mismatch, bad CRS)
 * @example
 * reply.type('image/tiff; application=geotiff').send(Buffer.from(encodeGeoTiff(depthGrid)));
 */
export function encodeGeoTiff(grid: RasterGrid): ArrayBuffer {
  assertRasterGrid(grid);
  const epsg = Number(grid.crs.slice('EPSG:'.length));
  const float64 = grid.data instanceof Float64Array || grid.data instanceof Int32Array;
  const bytesPerCell = float64 ? 8 : 4;
  const metadata: GeotiffWriterMetadata = {
    width: grid.width,
    height: grid.height,
    BitsPerSample: [8 * bytesPerCell],
    SampleFormat: [3],
    SamplesPerPixel: [1],
    StripByteCounts: [bytesPerCell * grid.data.length],
    ModelPixelScale: [grid.cellSize, grid.cellSize, 0],
    ModelTiepoint: [0, 0, 0, grid.originX, grid.originY, 0],
    GTRasterTypeGeoKey: RASTER_PIXEL_IS_AREA,
  };
  if (GEOGRAPHIC_EPSG.has(epsg)) {
    metadata.GTModelTypeGeoKey = MODEL_TYPE_GEOGRAPHIC;
    metadata.GeographicTypeGeoKey = epsg;
  } else {
    metadata.GTModelTypeGeoKey = MODEL_TYPE_PROJECTED;
    metadata.ProjectedCSTypeGeoKey = epsg;
  }
  if (grid.noData !== null) metadata.GDAL_NODATA = Number.isNaN(grid.noData) ? 'nan' : String(grid.noData);
  const header = writeArrayBuffer(float64 ? new Float64Array(1) : new Float32Array(1), metadata);
  const offset = stripOffset(header);
  const out = new ArrayBuffer(offset + bytesPerCell * grid.data.length);
  new Uint8Array(out).set(new Uint8Array(header, 0, offset));
  const view = new DataView(out);
  const data = grid.data;
  if (float64) for (let i = 0; i < data.length; i++) view.setFloat64(offset + 8 * i, data[i] as number, false);
  else for (let i = 0; i < data.length; i++) view.setFloat32(offset + 4 * i, data[i] as number, false);
  return out;
}

/**
 * Writes a grid as a GeoTIFF file (see {@link encodeGeoTiff} for the layout).
 *
 * @throws {RasterFormatError} when the grid is inconsistent; file-system errors as thrown by `fs`
 */
export async function writeGeoTiff(path: string, grid: RasterGrid): Promise<void> {
  await writeFile(path, new Uint8Array(encodeGeoTiff(grid)));
}

/** Options for {@link decodeGeoTiff}. */
export interface GeoTiffReadOptions {
  /** CRS to use when the file's GeoKeys carry no EPSG code (otherwise such a file is an error). */
  crs?: string;
  /** Band to read, 0-based (default 0). */
  band?: number;
  /** Name of the source in error messages. */
  source?: string;
}

/**
 * Turns any typed array geotiff may return into one a {@link RasterGrid} may hold. geotiff adds
 * `width`/`height` properties to its arrays; a fresh view over the same buffer drops them without copying.
 */
function toRasterArray(a: unknown): RasterArray {
  if (a instanceof Float32Array) return new Float32Array(a.buffer, a.byteOffset, a.length);
  if (a instanceof Float64Array) return new Float64Array(a.buffer, a.byteOffset, a.length);
  if (a instanceof Int16Array) return new Int16Array(a.buffer, a.byteOffset, a.length);
  if (a instanceof Int32Array) return new Int32Array(a.buffer, a.byteOffset, a.length);
  if (a instanceof Uint8Array) return new Uint8Array(a.buffer, a.byteOffset, a.length);
  if (a instanceof Uint16Array) return new Uint16Array(a.buffer, a.byteOffset, a.length);
  if (ArrayBuffer.isView(a)) return Float64Array.from(a as unknown as ArrayLike<number>);
  throw new RasterFormatError('unexpected sample array from GeoTIFF decoder');
}

/**
 * Decodes a GeoTIFF held in memory into a {@link RasterGrid}: origin from ModelTiepoint (or an
 * unrotated ModelTransformation), square cell size from ModelPixelScale, no-data from GDAL_NODATA,
 * CRS from the Projected/Geographic CRS GeoKey. PixelIsPoint files are shifted by half a cell, as GDAL does.
 *
 * @throws {RasterFormatError} on an empty or corrupt file, a missing georeference, rotated or
 *   non-square cells, an unknown CRS (unless `opts.crs`), a missing band, or data that is all no-data
 */
export async function decodeGeoTiff(buffer: ArrayBuffer, opts: GeoTiffReadOptions = {}): Promise<RasterGrid> {
  const what = opts.source ?? 'GeoTIFF';
  if (buffer.byteLength === 0) throw new RasterFormatError(`${what}: file is empty`);
  let grid: RasterGrid;
  try {
    const tiff = await fromArrayBuffer(buffer);
    const image = await tiff.getImage(0);
    const band = opts.band ?? 0;
    if (band < 0 || band >= image.getSamplesPerPixel()) {
      throw new RasterFormatError(`band ${band} does not exist (the file has ${image.getSamplesPerPixel()})`);
    }
    const geoKeys = image.getGeoKeys() ?? {};
    const dir = image.getFileDirectory();
    const tiepoint = dir.getValue('ModelTiepoint') as number[] | undefined;
    const transform = dir.getValue('ModelTransformation') as number[] | undefined;
    if (transform && (transform[1] !== 0 || transform[4] !== 0)) {
      throw new RasterFormatError('rotated or sheared grids (ModelTransformation) are not supported');
    }
    if (!tiepoint && !transform) throw new RasterFormatError('has no georeference (ModelTiepoint or ModelTransformation)');
    const resolution = image.getResolution();
    const sx = resolution[0] ?? NaN;
    const sy = -(resolution[1] ?? NaN);
    if (!(sx > 0) || Math.abs(sx - sy) > 1e-9 * sx) {
      throw new RasterFormatError(`cells must be square with a north-up layout, got pixel size ${sx} × ${sy}`);
    }
    const [i0, j0] = tiepoint ? [tiepoint[0] ?? 0, tiepoint[1] ?? 0] : [0, 0];
    const origin = image.getOrigin();
    let originX = (origin[0] ?? NaN) - i0 * sx;
    let originY = (origin[1] ?? NaN) + j0 * sy;
    if (geoKeys.GTRasterTypeGeoKey === RASTER_PIXEL_IS_POINT) {
      originX -= sx / 2;
      originY += sy / 2;
    }
    const code = (geoKeys.ProjectedCSTypeGeoKey ?? geoKeys.GeographicTypeGeoKey) as number | undefined;
    let crs: string;
    if (code !== undefined && code !== USER_DEFINED) crs = `EPSG:${code}`;
    else if (opts.crs) crs = opts.crs;
    else throw new RasterFormatError('its GeoKeys carry no EPSG code; pass the CRS explicitly');
    const raw = await image.readRasters({ samples: [band], interleave: true });
    grid = {
      width: image.getWidth(),
      height: image.getHeight(),
      originX, originY, cellSize: sx, crs,
      noData: image.getGDALNoData(),
      data: toRasterArray(raw),
    };
  } catch (err) {
    if (err instanceof RasterFormatError) throw new RasterFormatError(`${what}: ${err.message}`);
    throw new RasterFormatError(`${what}: not a readable GeoTIFF (${(err as Error).message})`);
  }
  assertRasterGrid(grid, what);
  assertHasData(grid, what);
  return grid;
}

/**
 * Reads a GeoTIFF file into a {@link RasterGrid} (see {@link decodeGeoTiff}).
 *
 * @throws {RasterFormatError} as {@link decodeGeoTiff}; file-system errors as thrown by `fs`
 */
export async function readGeoTiff(path: string, opts: GeoTiffReadOptions = {}): Promise<RasterGrid> {
  const bytes = await readFile(path);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return decodeGeoTiff(buffer, { ...opts, source: opts.source ?? path });
}
