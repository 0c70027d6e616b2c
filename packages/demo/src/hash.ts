/** Content hash of a demo area: SHA-256 over a canonical serialisation. */
import { createHash } from 'node:crypto';
import type { DemoArea } from './types.js';

/** JSON with object keys sorted at every level (arrays keep their order). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/**
 * SHA-256 (hex) of the area: canonical JSON of the metadata and vector layers, raster headers,
 * then the raster cells as little-endian bytes.
 */
export function demoAreaHash(area: DemoArea): string {
  const h = createHash('sha256');
  const { dem, landUse, ...rest } = area;
  h.update(canonicalJson(rest));
  for (const grid of [dem, landUse]) {
    const { data, ...header } = grid;
    h.update(canonicalJson(header));
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1 && data.BYTES_PER_ELEMENT > 1) {
      const copy = new Uint8Array(bytes);
      const n = data.BYTES_PER_ELEMENT;
      for (let i = 0; i < copy.length; i += n) copy.subarray(i, i + n).reverse();
      h.update(copy);
    } else {
      h.update(bytes);
    }
  }
  return h.digest('hex');
}
