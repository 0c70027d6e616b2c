/**
 * Guards on GeoTIFF uploads, run before the SDK decodes them. Decoding stays with the SDK (geotiff.js);
 * these only read the first image directory (IFD) of a TIFF or BigTIFF to refuse two kinds of bomb:
 * - a header that claims a huge grid (refused by cell count before the decoder allocates it), and
 * - a deflate-compressed strip or tile that inflates far beyond the size its header gives it
 *   (geotiff.js inflates a block completely before it looks at its size, so a 1 MB block could
 *   become a gigabyte). Each deflate block is test-inflated with a hard output cap.
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

/**
 * The first deflate block of the first image that inflates to more than its declared size (plus a
 * little slack), as `{ index, declaredBytes }`; null when every block fits or the file is not deflate.
 */
export function findInflateBomb(bytes: Uint8Array): { index: number; declaredBytes: number } | null {
  const tags = readFirstIfd(bytes);
  if (!tags || !DEFLATE.has(tags.get(TAG.compression)?.[0] ?? 1)) return null;
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
  for (let i = 0; i < offsets.length; i++) {
    const start = offsets[i]!;
    const end = start + (counts[i] ?? 0);
    if (end > bytes.byteLength) return null;
    try {
      inflateSync(bytes.subarray(start, end), { maxOutputLength: declaredBytes + INFLATE_SLACK_BYTES });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { index: i, declaredBytes };
      return null;
    }
  }
  return null;
}
