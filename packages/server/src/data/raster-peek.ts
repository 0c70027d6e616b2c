/**
 * Cheap size checks on raster uploads, before the SDK decodes them. They only read the grid size a
 * header claims, so that a small file claiming a huge grid (a compressed "raster bomb") is refused
 * before the decoder allocates it. Decoding itself stays with the SDK; when a header cannot be read
 * here these return null and the SDK reports the file as corrupt.
 */

/** TIFF tags (TIFF 6.0, section 8): ImageWidth and ImageLength. */
const TAG_IMAGE_WIDTH = 256;
const TAG_IMAGE_LENGTH = 257;
/** TIFF field types that may hold the size: SHORT, LONG, LONG8 (BigTIFF). */
const TYPE_SHORT = 3;
const TYPE_LONG = 4;
const TYPE_LONG8 = 16;

/** Width and height of the first image of a TIFF or BigTIFF, from its first directory (IFD). */
export function peekTiffSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.byteLength < 16) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const order = view.getUint16(0, false);
  if (order !== 0x4949 && order !== 0x4d4d) return null;
  const le = order === 0x4949;
  const magic = view.getUint16(2, le);
  const big = magic === 43;
  if (magic !== 42 && !big) return null;
  const ifd = big ? Number(view.getBigUint64(8, le)) : view.getUint32(4, le);
  const countSize = big ? 8 : 2;
  const entrySize = big ? 20 : 12;
  if (ifd + countSize > bytes.byteLength) return null;
  const entries = big ? Number(view.getBigUint64(ifd, le)) : view.getUint16(ifd, le);
  const found: Record<number, number> = {};
  for (let e = 0; e < entries; e++) {
    const at = ifd + countSize + e * entrySize;
    if (at + entrySize > bytes.byteLength) return null;
    const tag = view.getUint16(at, le);
    if (tag !== TAG_IMAGE_WIDTH && tag !== TAG_IMAGE_LENGTH) continue;
    const type = view.getUint16(at + 2, le);
    const valueAt = at + (big ? 12 : 8);
    if (type === TYPE_SHORT) found[tag] = view.getUint16(valueAt, le);
    else if (type === TYPE_LONG) found[tag] = view.getUint32(valueAt, le);
    else if (type === TYPE_LONG8 && big) found[tag] = Number(view.getBigUint64(valueAt, le));
  }
  const width = found[TAG_IMAGE_WIDTH];
  const height = found[TAG_IMAGE_LENGTH];
  return width !== undefined && height !== undefined ? { width, height } : null;
}

/** Header keys of an ESRI ASCII grid. */
const HEADER = /^(ncols|nrows|xllcorner|xllcenter|yllcorner|yllcenter|cellsize|nodata_value)$/i;

/**
 * `ncols`, `nrows` and the number of values after the header of an ESRI ASCII grid, counted
 * without splitting the text into an array (a 250 MB upload would otherwise become tens of millions
 * of strings before the count could be compared).
 */
export function peekAsciiGridSize(text: string): { width: number; height: number; values: number } | null {
  let pos = 0;
  const header: Record<string, number> = {};
  const nextToken = (): string | null => {
    while (pos < text.length && /\s/.test(text[pos] as string)) pos++;
    if (pos >= text.length) return null;
    const start = pos;
    while (pos < text.length && !/\s/.test(text[pos] as string)) pos++;
    return text.slice(start, pos);
  };
  let token = nextToken();
  while (token !== null && HEADER.test(token)) {
    header[token.toLowerCase()] = Number(nextToken());
    token = nextToken();
  }
  const width = header.ncols;
  const height = header.nrows;
  if (width === undefined || height === undefined || !Number.isFinite(width) || !Number.isFinite(height)) return null;
  let values = token === null ? 0 : 1;
  let inToken = false;
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 13 || c === 9;
    if (!space && !inToken) values++;
    inToken = !space;
  }
  return { width, height, values };
}
