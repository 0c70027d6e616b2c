import type { RasterGrid } from '@tweeling/core';
import { describe, expect, it } from 'vitest';
import { simulate, type SimulationInput } from '../src/index.js';
import { centre, raster } from './helpers.js';

describe('bad input is rejected before the run', () => {
  const dem = raster(20, 10, 1, () => 0);
  const base: SimulationInput = { dem, durationS: 60, rainMmPerH: { timesS: [0], values: [70], interpolation: 'step' } };
  const cases: [string, Partial<SimulationInput>, RegExp][] = [
    ['zero duration', { durationS: 0 }, /durationS must be a positive number/],
    ['negative rain', { rainMmPerH: { timesS: [0, 600], values: [70, -5], interpolation: 'step' } }, /rain \(mm\/h\): negative value -5/],
    ['rain times not increasing', { rainMmPerH: { timesS: [0, 0], values: [1, 2], interpolation: 'step' } }, /times must increase strictly/],
    ['inflow outside the grid', { inflows: [{ x: 0, y: 0, hydrographM3PerS: { timesS: [0], values: [1], interpolation: 'linear' } }] }, /inflow 0 at \(0, 0\) lies outside the grid/],
    ['mismatched Manning raster', { manningN: raster(19, 10, 1, () => 0.03) }, /manningN grid \(19×10.*does not match the DEM \(20×10/],
    ['mismatched buildings CRS', { buildings: { ...raster(20, 10, 1, () => 0), crs: 'EPSG:4326' } }, /buildings CRS EPSG:4326 differs from the DEM CRS EPSG:28992/],
    ['negative Manning n', { manningN: -0.02 }, /Manning n must be a positive number/],
    ['gauge outside the grid', { gauges: [{ id: 'far', x: 1e9, y: 1e9 }] }, /gauge far .* lies outside the grid/],
    ['normal-depth boundary without slope', { boundaries: { east: { kind: 'normalDepth' } } }, /normalDepth needs a slope > 0/],
    ['zero threads', { threads: 0 }, /threads must be a positive integer, got 0/],
    ['unstable Courant factor', { kernel: { cflAlpha: 0.7, theta: 0.75 } }, /cflAlpha must be in \(0, 0\.612\]/],
  ];
  it.each(cases)('%s', async (_name, patch, message) => {
    await expect(simulate({ ...base, ...patch })).rejects.toThrow(message);
  });

  it('NaN and nodata holes in the DEM are rejected by default, with their position', async () => {
    const holes = raster(20, 10, 1, (r, c) => (r === 3 && c === 4 ? Number.NaN : r === 5 && c === 6 ? -9999 : 0));
    await expect(simulate({ ...base, dem: { ...holes, noData: -9999 } })).rejects.toThrow(/DEM has 2 nodata\/NaN cell\(s\), first at row 3, col 4/);
  });

  it('with nodata: "wall" the holes become dry walls', async () => {
    const holes = raster(20, 10, 1, (r, c) => (r === 3 && c === 4 ? Number.NaN : 0));
    const result = await simulate({ ...base, dem: holes, nodata: 'wall' });
    expect(result.maxDepthM.data[3 * 20 + 4]).toBe(0);
    expect(result.maxDepthM.data[3 * 20 + 5]!).toBeGreaterThan(0);
  });

  it('an inflow on a building is rejected', async () => {
    const buildings = raster(20, 10, 1, (r, c) => (r === 2 && c === 2 ? 1 : 0));
    await expect(simulate({ ...base, buildings, inflows: [{ ...centre(dem, 2, 2), hydrographM3PerS: { timesS: [0], values: [1], interpolation: 'linear' } }] }))
      .rejects.toThrow(/lies on a building or nodata cell/);
  });

  it('a 50 000 × 50 000 grid fails at once with a memory estimate', async () => {
    // Only the header is real: the check must fire before the cell values are looked at.
    const huge: RasterGrid = { ...dem, width: 50_000, height: 50_000, data: new Float32Array(1) };
    await expect(simulate({ ...base, dem: huge, memoryLimitBytes: 64 * 1024 ** 3 })).rejects.toThrow(/50000×50000 cells needs about \d+\.\d GiB \(\d+ bytes per cell\), more than the 64\.0 GiB available/);
  });
});
