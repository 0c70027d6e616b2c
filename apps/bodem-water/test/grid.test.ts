import { describe, expect, it } from 'vitest';
import type { RasterGrid } from '@tweeling/core';
import { cellAt, frameAround, rasteriseShapes, resampleToFrame } from '../src/grid.js';
import { aggregateParcels } from '../src/parcels.js';
import { rectShape } from './helpers.js';

/** A 1 m raster over 0..10 × 0..10 with value = column index, and one no-data cell. */
function fine(): RasterGrid<Float32Array> {
  const data = new Float32Array(100);
  for (let i = 0; i < 100; i++) data[i] = i % 10;
  data[0] = -9999;
  return { width: 10, height: 10, originX: 0, originY: 10, cellSize: 1, crs: 'EPSG:28992', noData: -9999, data };
}

describe('grid', () => {
  it('aggregates a finer raster by mean and max, ignoring no-data', () => {
    const frame = frameAround(0, 0, 10, 10, 5);
    const mean = resampleToFrame(fine(), frame, 'mean');
    const max = resampleToFrame(fine(), frame, 'max');
    expect(Array.from(max)).toEqual([4, 9, 4, 9]);
    expect(mean[0]).toBeCloseTo(50 / 24, 6); // 5 rows × (0+1+2+3+4) over 24 valid cells (one no-data)
    expect(mean[1]).toBeCloseTo(7, 6);
  });

  it('samples a coarser raster at cell centres; outside stays NaN', () => {
    const frame = frameAround(0, 0, 20, 10, 0.5);
    const v = resampleToFrame(fine(), frame, 'mean');
    expect(v[cellAt(frame, 3.2, 5.1)]).toBe(3);
    expect(v[cellAt(frame, 15, 5)]).toBeNaN();
  });

  it('rasterises polygons by cell centre to their exact area on aligned cells', () => {
    const frame = frameAround(0, 0, 100, 100, 5);
    const z = rasteriseShapes([rectShape(0, 0, 50, 100), rectShape(50, 0, 100, 40)], frame);
    expect(z.filter((v) => v === 1).length * 25).toBe(5000);
    expect(z.filter((v) => v === 2).length * 25).toBe(2000);
  });

  it('takes the modal class per parcel, ties to the worse class, with its most frequent factor', () => {
    const zones = Int32Array.from([1, 1, 1, 1, 2, 2, 0]);
    const suit = { cls: Uint8Array.from([1, 3, 3, 1, 2, 2, 3]), factor: Uint8Array.from([0, 1, 6, 0, 4, 4, 1]) };
    const [a, b] = aggregateParcels(zones, 2, suit);
    expect(a?.cls).toBe(3);
    expect(a?.shares).toEqual([0.5, 0, 0.5]);
    expect([1, 6]).toContain(a?.factor);
    expect(b).toEqual({ cls: 2, factor: 4, shares: [0, 1, 0], cells: 2 });
    // A parcel without cell centres uses its extra cell.
    const [c] = aggregateParcels(new Int32Array(7), 1, suit, [6]);
    expect(c?.cls).toBe(3);
  });
});
