import { describe, expect, it } from 'vitest';
import { blockFactor, blockMean, manningFromLandUse, MANNING_N_BY_LAND_USE, runRain } from '../src/prepare.js';
import { raster } from './helpers.js';

describe('resampling the DEM (block mean)', () => {
  it('averages k × k blocks, smaller blocks at the edges, nodata left out, all-nodata → NaN', () => {
    const dem = raster(5, 3, 1, (r, c) => r * 10 + c);
    dem.data[0] = Number.NaN; // (0, 0)
    const m = blockMean(dem, 2);
    expect([m.width, m.height, m.cellSize, m.originX, m.originY]).toEqual([3, 2, 2, dem.originX, dem.originY]);
    expect(Array.from(m.data)).toEqual([
      (1 + 10 + 11) / 3, (2 + 3 + 12 + 13) / 4, (4 + 14) / 2,
      (20 + 21) / 2, (22 + 23) / 2, 24,
    ]);
    const holes = raster(2, 2, 1, () => -9999);
    expect(Number.isNaN(blockMean({ ...holes, noData: -9999 }, 2).data[0]!)).toBe(true);
  });

  it('block factor: 1 when not coarser, an error when not a whole multiple', () => {
    expect(blockFactor(1, 2)).toBe(2);
    expect(blockFactor(1, 5)).toBe(5);
    expect(blockFactor(2, 1)).toBe(1);
    expect(blockFactor(0.5, 2)).toBe(4);
    expect(() => blockFactor(2, 5)).toThrow(/not a whole multiple/);
  });
});

describe('rain and roughness from the inputs', () => {
  it('a design storm by id, or a custom hyetograph that ends with 0', () => {
    expect(runRain('stresstest_140mm_2h')).toMatchObject({ stormDurationS: 7200, defaultSinkMmPerH: 20, label: 'stresstest_140mm_2h' });
    expect(runRain('T100_70mm_1h', { timesS: [0, 600, 1200], mmPerH: [60, 120, 0] })).toMatchObject({ stormDurationS: 1200, defaultSinkMmPerH: 0, label: 'custom' });
    expect(() => runRain('T5_10mm')).toThrow(/unknown storm/);
    expect(() => runRain('x', { timesS: [0, 600], mmPerH: [60, 10] })).toThrow(/last intensity must be 0/);
    expect(() => runRain('x', { timesS: [0, 600, 600], mmPerH: [60, 10, 0] })).toThrow(/increase strictly/);
    expect(() => runRain('x', { timesS: [60, 600], mmPerH: [60, 0] })).toThrow(/first time must be 0/);
  });

  it('Manning n per land-use code (DESIGN.md: paved 0.02, grass 0.05), unknown codes 0.05 and counted', () => {
    const lu = { ...raster(4, 1, 1, () => 0), data: Uint8Array.from([1, 3, 6, 9]) };
    const { manningN, unknownCells } = manningFromLandUse(lu);
    expect(Array.from(manningN.data)).toEqual([0.02, 0.05, MANNING_N_BY_LAND_USE[6], 0.05]);
    expect(unknownCells).toBe(1);
  });
});
