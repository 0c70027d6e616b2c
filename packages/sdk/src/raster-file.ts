/** Reading raster files by extension: GeoTIFF (`.tif`, `.tiff`) and ESRI ASCII grid (`.asc`). */
import { readFile } from 'node:fs/promises';
import type { RasterGrid } from '@tweeling/core';
import { DEFAULT_CRS, parseAsciiGrid } from './ascii-grid.js';
import { readGeoTiff } from './geotiff-io.js';
import { RasterFormatError, assertHasData } from './raster-check.js';

/** Options for {@link readRasterFile}. */
export interface RasterFileOptions {
  /**
   * CRS when the file does not say: for `.asc` without a `.prj` (default `EPSG:28992`), for a
   * GeoTIFF whose GeoKeys carry no EPSG code (no default: such a file is an error without it).
   */
  crs?: string;
  /** Band of a multi-band GeoTIFF, 0-based (default 0). */
  band?: number;
}

/**
 * EPSG code named by a WKT `.prj` text: the last `AUTHORITY["EPSG","…"]` (WKT1) or `ID["EPSG",…]`
 * (WKT2), which is the one of the whole CRS; otherwise an ESRI-style name for RD New.
 */
export function epsgFromWkt(wkt: string): string | null {
  const codes = [...wkt.matchAll(/(?:AUTHORITY|ID)\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  const last = codes.at(-1);
  if (last) return `EPSG:${last[1]}`;
  if (/Amersfoort[ _]*\/?[ _]*RD[ _]New|"RD[ _]New"/i.test(wkt)) return 'EPSG:28992';
  return null;
}

async function readPrj(ascPath: string): Promise<string | null> {
  const base = ascPath.replace(/\.asc$/i, '');
  for (const prj of [`${base}.prj`, `${base}.PRJ`]) {
    try {
      return await readFile(prj, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return null;
}

/**
 * Reads a raster file into a {@link RasterGrid}, picking the format from the extension:
 * `.tif`/`.tiff` (GeoTIFF) or `.asc` (ESRI ASCII grid; CRS from a sidecar `.prj` if present,
 * else `opts.crs`, else EPSG:28992).
 *
 * @throws {RasterFormatError} on an unsupported extension, an empty or corrupt file, a size mismatch,
 *   a `.prj` without a recognisable EPSG code (unless `opts.crs`), or data that is all no-data/NaN
 * @example
 * const dem = await readRasterFile('data/ahn-almere.tif');
 */
export async function readRasterFile(path: string, opts: RasterFileOptions = {}): Promise<RasterGrid> {
  if (/\.tiff?$/i.test(path)) return readGeoTiff(path, opts);
  if (!/\.asc$/i.test(path)) {
    throw new RasterFormatError(`${path}: unsupported raster format (use .tif, .tiff or .asc)`);
  }
  const text = await readFile(path, 'utf8');
  const prj = await readPrj(path);
  let crs = opts.crs ?? DEFAULT_CRS;
  if (prj !== null) {
    const fromPrj = epsgFromWkt(prj);
    if (fromPrj) crs = fromPrj;
    else if (!opts.crs) throw new RasterFormatError(`${path}: its .prj names no EPSG code; pass the CRS explicitly`);
  }
  const grid = parseAsciiGrid(text, { crs, source: path });
  assertHasData(grid, path);
  return grid;
}
