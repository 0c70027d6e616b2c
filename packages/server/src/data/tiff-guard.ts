/**
 * Guards on GeoTIFF uploads, run before the SDK decodes them. Decoding stays with the SDK (geotiff.js);
 * these only read the first image directory (IFD) of a TIFF or BigTIFF to refuse three kinds of bomb:
 * - a header that claims a huge grid (refused by cell count before the decoder allocates it),
 * - a compressed strip or tile that expands far beyond the size its header gives it: deflate blocks
 *   are test-inflated with a hard output cap, LZW and PackBits blocks are sized by walking their
 *   codes without producing output (geotiff.js expands those into plain JS arrays, and one past
 *   ~134 million entries kills the whole process with a fatal V8 error, not a catchable one), and
 * - a compression whose output cannot be bounded that way (ZSTD, LERC, JPEG, WebP …): refused.
 * When the directory cannot be read these return null / do nothing, and the SDK reports the file.
 */
import { inflateSync } from 'node:zlib';

/** TIFF tags (TIFF 6.0 section 8; TileWidth etc. section 15). */
const TAG = {
  imageWidth: 256, imageLength: 257, bitsPerSample: 258, compression: 259, stripOffsets: 273, samplesPerPixel: 277,
  rowsPerStrip: 278, stripByteCounts: 279, tileWidth: 322, tileLength: 323, tileOffsets: 324, tileByteCounts: 325,
} as const;
/** Compression codes that mean zlib/deflate (TIFF technical note 2: 8 = Adobe deflate, 32946 = old deflate). */
const DEFLATE = new Set([8, 32946]);
const NONE = 1;
const LZW = 5;
const PACKBITS = 32773;
/** Compressions whose blocks these guards can size; others are refused (see {@link findCompressionBomb}). */
export const CHECKED_COMPRESSIONS: readonly number[] = [NONE, LZW, ...DEFLATE, PACKBITS];
/**
 * Largest expanded LZW/PackBits block: geotiff.js builds these in a JS array, which V8 cannot grow
 * past ~134 million entries without aborting the process.
 */
const MAX_ARRAY_BLOCK_BYTES = 64 * 1024 * 1024;
/** Largest expanded deflate block (25 million cells of 8 bytes). */
const MAX_BLOCK_BYTES = 200 * 1024 * 1024;
/** Bytes per field type: BYTE, ASCII, SHORT, LONG, RATIONAL, …, LONG8, SLONG8, IFD8. */
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 16: 8, 17: 8, 18: 8 };
/** Slack over the declared block size an inflated block may have (padding some writers add). */
const INFLATE_SLACK_BYTES = 4096;
/** Tags read in full; others are skipped (their values may be long). */
const WANTED = new Set<number>(Object.values(TAG));

/** The integer values of the wanted tags in the first IFD, or null when the header is not a TIFF. */
function readFirstIfd(bytes: Uint8Array): Map<number, number[]> | null {
  if (bytes.byteLength < 16) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const order = view.getUint16(0, false);
  if (order !== 0x4949 && order !== 0x4d4d) return null;
  const le = order === 0x4949;
  const big = view.getUint16(2, le) === 43;
  if (!big && view.getUint16(2, le) !== 42) return null;
  const ifd = big ? Number(view.getBigUint64(8, le)) : view.getUint32(4, le);
  const countSize = big ? 8 : 2;
  const entrySize = big ? 20 : 12;
  const inline = big ? 8 : 4;
  if (ifd + countSize > bytes.byteLength) return null;
  const entries = big ? Number(view.getBigUint64(ifd, le)) : view.getUint16(ifd, le);
  const tags = new Map<number, number[]>();
  const read = (type: number, at: number): number => (type === 3 ? view.getUint16(at, le) : type === 4 ? view.getUint32(at, le) : type === 16 ? Number(view.getBigUint64(at, le)) : NaN);
  for (let e = 0; e < entries; e++) {
    const at = ifd + countSize + e * entrySize;
    if (at + entrySize > bytes.byteLength) return null;
    const tag = view.getUint16(at, le);
    if (!WANTED.has(tag)) continue;
    const type = view.getUint16(at + 2, le);
    const count = big ? Number(view.getBigUint64(at + 4, le)) : view.getUint32(at + 4, le);
    const size = (TYPE_SIZE[type] ?? 0) * count;
    const valueAt = at + (big ? 12 : 8);
    const start = size <= inline ? valueAt : big ? Number(view.getBigUint64(valueAt, le)) : view.getUint32(valueAt, le);
    if (start + size > bytes.byteLength) return null;
    const values: number[] = [];
    for (let i = 0; i < count; i++) values.push(read(type, start + i * (TYPE_SIZE[type] ?? 0)));
    if (values.some((v) => Number.isNaN(v))) continue;
    tags.set(tag, values);
  }
  return tags;
}

/** Width and height of the first image of a TIFF or BigTIFF. */
export function peekTiffSize(bytes: Uint8Array): { width: number; height: number } | null {
  const tags = readFirstIfd(bytes);
  const width = tags?.get(TAG.imageWidth)?.[0];
  const height = tags?.get(TAG.imageLength)?.[0];
  return width !== undefined && height !== undefined ? { width, height } : null;
}

/** Bytes a PackBits block expands to (as geotiff.js reads it: header -128 repeats 129 times), counting stops past `cap`. */
export function packBitsSize(block: Uint8Array, cap: number): number {
  let size = 0;
  for (let i = 0; i < block.length && size <= cap; ) {
    const header = (block[i]! << 24) >> 24;
    if (header >= 0) {
      size += header + 1;
      i += header + 2;
    } else {
      size += 1 - header;
      i += 2;
    }
  }
  return size;
}

/**
 * Bytes an LZW block (TIFF 6.0 section 13, as geotiff.js decodes it) expands to, from the lengths of
 * its dictionary entries alone; counting stops past `cap`. A corrupt stream returns what was counted.
 */
export function lzwSize(block: Uint8Array, cap: number): number {
  const CLEAR = 256;
  const EOI = 257;
  const lengths = new Uint32Array(4096).fill(1, 0, 258);
  let entries = 258;
  let width = 9;
  let position = 0;
  let previous = -1;
  let size = 0;
  const next = (): number => {
    const byte = Math.floor(position / 8);
    if (byte >= block.length) return EOI;
    let code = 0;
    for (let bit = 0; bit < width; bit++) {
      const at = position + bit;
      code = (code << 1) | (((block[at >> 3] ?? 0) >> (7 - (at & 7))) & 1);
    }
    position += width;
    return code;
  };
  for (let code = next(); code !== EOI && size <= cap; code = next()) {
    if (code === CLEAR) {
      entries = 258;
      width = 9;
      do code = next();
      while (code === CLEAR);
      if (code === EOI || code > CLEAR) break;
      size += 1;
      previous = code;
    } else if (code < entries) {
      size += lengths[code]!;
      if (previous >= 0 && entries < 4096) lengths[entries++] = lengths[previous]! + 1;
      previous = code;
    } else {
      if (previous < 0 || entries >= 4096) break;
      size += lengths[previous]! + 1;
      lengths[entries++] = lengths[previous]! + 1;
      previous = code;
    }
    if (entries + 1 >= 2 ** width) {
      if (width === 12) previous = -1;
      else width += 1;
    }
  }
  return size;
}

/** Whether a deflate block inflates to more than `cap` bytes (null when it is not valid deflate). */
function inflatesBeyond(block: Uint8Array, cap: number): boolean | null {
  try {
    inflateSync(block, { maxOutputLength: cap });
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? true : null;
  }
}

export type CompressionProblem =
  | { kind: 'bomb'; index: number; declaredBytes: number }
  | { kind: 'unsupported'; compression: number };

/**
 * The first strip or tile of the first image that expands to more than its declared size (plus a
 * little slack, and never past a hard limit per block), or a compression these guards cannot size;
 * null when every block fits.
 */
export function findCompressionBomb(bytes: Uint8Array): CompressionProblem | null {
  const tags = readFirstIfd(bytes);
  if (!tags) return null;
  const compression = tags.get(TAG.compression)?.[0] ?? NONE;
  if (compression === NONE) return null;
  if (!CHECKED_COMPRESSIONS.includes(compression)) return { kind: 'unsupported', compression };
  const width = tags.get(TAG.imageWidth)?.[0] ?? 0;
  const height = tags.get(TAG.imageLength)?.[0] ?? 0;
  const samples = tags.get(TAG.samplesPerPixel)?.[0] ?? 1;
  const bytesPerPixel = samples * Math.ceil(Math.max(...(tags.get(TAG.bitsPerSample) ?? [8])) / 8);
  const tiled = tags.has(TAG.tileOffsets);
  const offsets = tags.get(tiled ? TAG.tileOffsets : TAG.stripOffsets) ?? [];
  const counts = tags.get(tiled ? TAG.tileByteCounts : TAG.stripByteCounts) ?? [];
  const blockPixels = tiled
    ? (tags.get(TAG.tileWidth)?.[0] ?? width) * (tags.get(TAG.tileLength)?.[0] ?? height)
    : width * Math.min(height, tags.get(TAG.rowsPerStrip)?.[0] ?? height);
  const declaredBytes = blockPixels * bytesPerPixel;
  const limit = DEFLATE.has(compression) ? MAX_BLOCK_BYTES : MAX_ARRAY_BLOCK_BYTES;
  const cap = Math.min(declaredBytes + INFLATE_SLACK_BYTES, limit);
  for (let i = 0; i < offsets.length; i++) {
    const start = offsets[i]!;
    const end = start + (counts[i] ?? 0);
    // A block outside the file or a corrupt one is the decoder's to report; the others are still checked.
    if (end > bytes.byteLength) continue;
    const block = bytes.subarray(start, end);
    const beyond = DEFLATE.has(compression) ? inflatesBeyond(block, cap) : (compression === LZW ? lzwSize(block, cap) : packBitsSize(block, cap)) > cap;
    if (beyond) return { kind: 'bomb', index: i, declaredBytes };
  }
  return null;
}
