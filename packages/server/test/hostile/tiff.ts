/**
 * Hostile and legitimate GeoTIFF variants for upload tests, made by patching the SDK's own writer's
 * output (big-endian, one strip, tags inline where they fit): other compressions, compression bombs,
 * absurd dimensions.
 */
import { deflateSync } from 'node:zlib';
import { encodeGeoTiff } from '@tweeling/sdk';
import type { RasterGrid } from '@tweeling/core';

/** A 40 × 30 float32 grid in RD New with some variation and a no-data value. */
export function heights(shift = 0): RasterGrid {
  const width = 40;
  const height = 30;
  const data = new Float32Array(width * height).map((_, i) => (i % 7) + shift);
  return { width, height, originX: 141000, originY: 486030, cellSize: 1, crs: 'EPSG:28992', noData: -9999, data };
}

export const tiff = (grid: RasterGrid = heights()): Buffer => Buffer.from(encodeGeoTiff(grid));

const LONG = 4;

/** Byte offset of each IFD entry of the first image, by tag. */
function entries(bytes: Buffer): Map<number, number> {
  const ifd = bytes.readUInt32BE(4);
  const count = bytes.readUInt16BE(ifd);
  const out = new Map<number, number>();
  for (let e = 0; e < count; e++) out.set(bytes.readUInt16BE(ifd + 2 + 12 * e), ifd + 2 + 12 * e);
  return out;
}

/** Sets single-valued tags (as LONG, value inline) and appends `extra` at the end; 'end' means the offset of `extra`. */
export function patchTiff(bytes: Buffer, values: Record<number, number | 'end'>, extra: Buffer = Buffer.alloc(0)): Buffer {
  const out = Buffer.concat([bytes, extra]);
  const at = entries(out);
  for (const [tag, value] of Object.entries(values)) {
    const entry = at.get(Number(tag));
    if (entry === undefined) throw new Error(`the SDK's TIFF has no tag ${tag}`);
    out.writeUInt16BE(LONG, entry + 2);
    out.writeUInt32BE(1, entry + 4);
    out.writeUInt32BE(value === 'end' ? bytes.length : value, entry + 8);
  }
  return out;
}

/** The uncompressed strip of the SDK's one-strip TIFF. */
function strip(bytes: Buffer): Buffer {
  const at = entries(bytes);
  const value = (tag: number) => (bytes.readUInt16BE(at.get(tag)! + 2) === 3 ? bytes.readUInt16BE(at.get(tag)! + 8) : bytes.readUInt32BE(at.get(tag)! + 8));
  return bytes.subarray(value(273), value(273) + value(279));
}

/** The same TIFF with its strip stored with another compression (TIFF tag 259). */
export function recompressed(bytes: Buffer, compression: number, encoded: Buffer): Buffer {
  return patchTiff(bytes, { 259: compression, 273: 'end', 279: encoded.length }, encoded);
}

class BitWriter {
  private bytes: number[] = [];
  private bits = 0;
  private used = 0;
  write(code: number, width: number): void {
    for (let b = width - 1; b >= 0; b--) {
      this.bits = (this.bits << 1) | ((code >> b) & 1);
      if (++this.used === 8) {
        this.bytes.push(this.bits);
        this.bits = 0;
        this.used = 0;
      }
    }
  }
  done(): Buffer {
    if (this.used > 0) this.bytes.push(this.bits << (8 - this.used));
    return Buffer.from(this.bytes);
  }
}

/** TIFF LZW (9-bit codes only: the dictionary is cleared before it needs wider ones). */
export function lzwEncode(data: Uint8Array): Buffer {
  const out = new BitWriter();
  let dictionary = new Map<string, number>();
  let next = 258;
  const code = (s: string) => (s.length === 1 ? s.charCodeAt(0) : dictionary.get(s));
  out.write(256, 9);
  let w = '';
  for (const byte of data) {
    const c = String.fromCharCode(byte);
    if (w === '' || code(w + c) !== undefined) {
      w += c;
      continue;
    }
    out.write(code(w)!, 9);
    dictionary.set(w + c, next++);
    w = c;
    if (next >= 500) {
      out.write(256, 9);
      dictionary = new Map();
      next = 258;
    }
  }
  if (w) out.write(code(w)!, 9);
  out.write(257, 9);
  return out.done();
}

/** PackBits with literal runs only (a valid, if unexciting, encoding). */
export function packBitsEncode(data: Uint8Array): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < data.length; i += 128) {
    const run = data.subarray(i, Math.min(i + 128, data.length));
    parts.push(Buffer.from([run.length - 1]), Buffer.from(run));
  }
  return Buffer.concat(parts);
}

export const lzwTiff = (grid?: RasterGrid) => { const b = tiff(grid); return recompressed(b, 5, lzwEncode(strip(b))); };
export const packBitsTiff = (grid?: RasterGrid) => { const b = tiff(grid); return recompressed(b, 32773, packBitsEncode(strip(b))); };

/**
 * An LZW stream that grows its dictionary to one 3 838-byte run of zeros, then repeats that code:
 * ~2 500 times its size (`codes` repeats; 100 000 of them expand to ~380 MB).
 */
export function lzwBomb(codes: number): Buffer {
  const out = new BitWriter();
  out.write(256, 9);
  out.write(0, 9);
  let entries = 258;
  let width = 9;
  for (;;) {
    out.write(entries, width);
    entries += 1;
    if (entries + 1 >= 2 ** width) {
      if (width === 12) break;
      width += 1;
    }
  }
  for (let i = 0; i < codes; i++) out.write(entries - 1, 12);
  out.write(257, 12);
  return out.done();
}

/** PackBits runs of 128 zeros: 64 times its size. */
export function packBitsBomb(bytes: number): Buffer {
  return Buffer.alloc(bytes, Buffer.from([0x81, 0x00]));
}

/** A ZSTD frame of RLE blocks, each 4 bytes expanding to 128 KiB (32 768 times), size not declared. */
export function zstdBomb(blocks: number): Buffer {
  const parts = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38])];
  for (let i = 0; i < blocks; i++) {
    const header = (i === blocks - 1 ? 1 : 0) | (1 << 1) | (131072 << 3);
    parts.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff, 0]));
  }
  return Buffer.concat(parts);
}

/** 64 MiB of zeros deflated into ~64 kB. */
export const deflateBomb = () => deflateSync(Buffer.alloc(64 * 1024 * 1024));

/** The SDK's TIFF claiming `width × height` cells (as LONG values). */
export const claimingSize = (width: number, height: number) => patchTiff(tiff(), { 256: width, 257: height });
