/**
 * ESRI ASCII grid (`.asc`) reading and writing.
 *
 * Format (ESRI "ASCII raster format", also GDAL's AAIGrid driver): a header of `key value` lines —
 * `ncols`, `nrows`, `xllcorner`|`xllcenter`, `yllcorner`|`yllcenter`, `cellsize`, optional
 * `NODATA_value` — then `nrows × ncols` values, north row first, separated by any whitespace.
 * The `*center` variants give the centre of the lower-left cell rather than its corner.
 */
import { writeFile } from 'node:fs/promises';
import type { RasterGrid } from '@tweeling/core';
import { RasterFormatError, assertRasterGrid, isNoData } from './raster-check.js';

/** Options for {@link parseAsciiGrid}. */
export interface AsciiGridOptions {
  /** CRS to attach, since the format has none (default `EPSG:28992`, RD New). */
  crs?: string;
  /** Cell type of the result (default `float64`, which keeps every decimal value exactly as parsed). */
  dataType?: 'float32' | 'float64';
  /** Name of the source in error messages (default `ASCII grid`). */
  source?: string;
}

/** Default CRS for grids without one: Amersfoort / RD New. */
export const DEFAULT_CRS = 'EPSG:28992';

/** No-data marker written when a grid has NaN cells but no `noData` value of its own. */
export const ASCII_GRID_DEFAULT_NODATA = -9999;

const HEADER_KEYS = new Set(['ncols', 'nrows', 'xllcorner', 'xllcenter', 'yllcorner', 'yllcenter', 'cellsize', 'nodata_value']);

/**
 * Parses the text of an ESRI ASCII grid into a {@link RasterGrid}.
 *
 * @throws {RasterFormatError} on an empty text, a missing or unknown header key, non-square cells
 *   (`dx`/`dy`), a non-numeric value, or a value count other than `ncols × nrows`
 * @example
 * const grid = parseAsciiGrid('ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 5\n1 2\n');
 */
export function parseAsciiGrid(text: string, opts: AsciiGridOptions = {}): RasterGrid {
  const what = opts.source ?? 'ASCII grid';
  const tokens = text.split(/\s+/).filter((t) => t.length > 0);
  if (tokens.length === 0) throw new RasterFormatError(`${what}: file is empty`);
  const header = new Map<string, number>();
  let pos = 0;
  while (pos < tokens.length && /^[a-z_]+$/i.test(tokens[pos] as string)) {
    const key = (tokens[pos] as string).toLowerCase();
    if (key === 'dx' || key === 'dy') {
      throw new RasterFormatError(`${what}: non-square cells (dx/dy) are not supported; resample to square cells`);
    }
    if (!HEADER_KEYS.has(key)) throw new RasterFormatError(`${what}: unknown header key "${tokens[pos]}"`);
    const value = Number(tokens[pos + 1]);
    if (tokens[pos + 1] === undefined || !Number.isFinite(value)) {
      throw new RasterFormatError(`${what}: header "${tokens[pos]}" needs a number, got "${tokens[pos + 1] ?? ''}"`);
    }
    header.set(key, value);
    pos += 2;
  }
  const need = (key: string): number => {
    const v = header.get(key);
    if (v === undefined) throw new RasterFormatError(`${what}: header lacks "${key}"`);
    return v;
  };
  const width = need('ncols');
  const height = need('nrows');
  const cellSize = need('cellsize');
  const llX = header.has('xllcenter') ? need('xllcenter') - cellSize / 2 : need('xllcorner');
  const llY = header.has('yllcenter') ? need('yllcenter') - cellSize / 2 : need('yllcorner');
  const noData = header.get('nodata_value') ?? null;
  const count = tokens.length - pos;
  if (count !== width * height) {
    throw new RasterFormatError(`${what}: size mismatch, ncols × nrows = ${width} × ${height} = ${width * height} but found ${count} values`);
  }
  const data = opts.dataType === 'float32' ? new Float32Array(count) : new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const token = tokens[pos + i] as string;
    const v = Number(token);
    if (Number.isNaN(v) && !/^[+-]?nan$/i.test(token)) {
      throw new RasterFormatError(`${what}: value ${i + 1} (row ${Math.floor(i / width)}, column ${i % width}) is not a number: "${token}"`);
    }
    data[i] = v;
  }
  const grid: RasterGrid = {
    width, height, cellSize, noData,
    originX: llX,
    originY: llY + height * cellSize,
    crs: opts.crs ?? DEFAULT_CRS,
    data,
  };
  assertRasterGrid(grid, what);
  return grid;
}

/**
 * Shortest decimal text that reads back to exactly the same float32 value
 * (`String(v)` would print float32 values with float64 noise such as `0.10000000149011612`).
 */
function formatFloat32(v: number): string {
  for (let p = 1; p < 9; p++) {
    const s = Number(v.toPrecision(p));
    if (Math.fround(s) === v) return String(s);
  }
  return String(v);
}

/**
 * Formats a grid as ESRI ASCII grid text (`xllcorner`/`yllcorner` header, one line per row).
 * Values read back exactly: float64 values are written in shortest round-trip form, float32 values
 * in the shortest form that reads back to the same float32. NaN cells are written as the grid's
 * `noData` value, or as {@link ASCII_GRID_DEFAULT_NODATA} when the grid has none (or uses NaN).
 *
 * @throws {RasterFormatError} when the grid is inconsistent (see `assertRasterGrid`)
 */
export function formatAsciiGrid(grid: RasterGrid): string {
  assertRasterGrid(grid);
  const { width, height, data } = grid;
  let hasNaN = false;
  for (let i = 0; i < data.length && !hasNaN; i++) hasNaN = Number.isNaN(data[i] as number);
  const noData =
    grid.noData !== null && !Number.isNaN(grid.noData) ? grid.noData : hasNaN || grid.noData !== null ? ASCII_GRID_DEFAULT_NODATA : null;
  const fmt = data instanceof Float32Array ? formatFloat32 : (v: number) => String(v);
  const lines = [
    `ncols ${width}`,
    `nrows ${height}`,
    `xllcorner ${grid.originX}`,
    `yllcorner ${grid.originY - height * grid.cellSize}`,
    `cellsize ${grid.cellSize}`,
  ];
  if (noData !== null) lines.push(`NODATA_value ${noData}`);
  const row: string[] = new Array<string>(width);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const v = data[r * width + c] as number;
      row[c] = noData !== null && isNoData(v, grid.noData) ? String(noData) : fmt(v);
    }
    lines.push(row.join(' '));
  }
  return lines.join('\n') + '\n';
}

/**
 * Writes a grid as an ESRI ASCII grid file. No `.prj` is written: the reader assumes EPSG:28992
 * unless told otherwise, so pass the CRS when reading grids in another CRS.
 *
 * @throws {RasterFormatError} when the grid is inconsistent; file-system errors as thrown by `fs`
 */
export async function writeAsciiGrid(path: string, grid: RasterGrid): Promise<void> {
  await writeFile(path, formatAsciiGrid(grid), 'utf8');
}
