/** Raster cells as stored in `raster_grids.cells`: the typed array's values, little-endian, row-major. */
import { endianness } from 'node:os';
import type { RasterArray, RasterInfo } from '@tweeling/core';

const LITTLE_ENDIAN_HOST = endianness() === 'LE';

type Constructor = { new (length: number): RasterArray; BYTES_PER_ELEMENT: number };
const ARRAYS: Record<RasterInfo['dataType'], Constructor> = {
  float32: Float32Array, float64: Float64Array, int16: Int16Array, int32: Int32Array, uint8: Uint8Array, uint16: Uint16Array,
};

/** Copies `count` elements of `bytes` bytes each from one view to the other, reversing each element's byte order. */
function swapInto(from: DataView, to: DataView, bytes: number, count: number): void {
  for (let i = 0; i < count; i++) for (let b = 0; b < bytes; b++) to.setUint8(i * bytes + b, from.getUint8(i * bytes + bytes - 1 - b));
}

/** The cells as little-endian bytes (a view without copying on little-endian hosts). */
export function gridBytes(data: RasterArray): Buffer {
  const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (LITTLE_ENDIAN_HOST || data.BYTES_PER_ELEMENT === 1) return view;
  const out = Buffer.alloc(data.byteLength);
  swapInto(new DataView(data.buffer, data.byteOffset, data.byteLength), new DataView(out.buffer, out.byteOffset, out.byteLength), data.BYTES_PER_ELEMENT, data.length);
  return out;
}

/**
 * Stored bytes back to a typed array of the stored type (always a copy, so the array owns an
 * aligned buffer whatever the driver returned).
 * @throws Error when the byte count does not match the metadata (a damaged row)
 */
export function cellsToArray(bytes: Uint8Array, info: Pick<RasterInfo, 'width' | 'height' | 'dataType'>): RasterArray {
  const Array_ = ARRAYS[info.dataType];
  const count = info.width * info.height;
  if (bytes.byteLength !== count * Array_.BYTES_PER_ELEMENT) {
    throw new Error(`raster cells hold ${bytes.byteLength} bytes, expected ${count * Array_.BYTES_PER_ELEMENT}`);
  }
  const out = new Array_(count);
  const target = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  if (LITTLE_ENDIAN_HOST || Array_.BYTES_PER_ELEMENT === 1) target.set(bytes);
  else swapInto(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), new DataView(out.buffer), Array_.BYTES_PER_ELEMENT, count);
  return out;
}
