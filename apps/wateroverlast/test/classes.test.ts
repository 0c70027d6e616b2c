import { describe, expect, it } from 'vitest';
import { classRaster, MANNING_N_GRASS, MANNING_N_PAVED, simulate } from '../src/index.js';
import { raster } from './helpers.js';

describe('parameters per land-use / soil class', () => {
  const landUse = raster(20, 10, 1, (_r, c) => (c < 10 ? 1 : 2)); // 1 paved, 2 grass

  it('maps class codes to values and rejects unknown classes', () => {
    const n = classRaster(landUse, { 1: MANNING_N_PAVED, 2: MANNING_N_GRASS }, 'Manning n');
    expect(n.data[0]).toBe(0.02);
    expect(n.data[19]).toBe(0.05);
    expect(() => classRaster(landUse, { 1: 0.02 }, 'Manning n')).toThrow(/Manning n: class 2 at row 0, col 10 has no value/);
  });

  it('infiltration on the grass half takes water the paved half keeps', async () => {
    const infiltration = classRaster(landUse, { 1: 0, 2: 30 }, 'infiltration');
    const r = await simulate({
      dem: raster(20, 10, 1, () => 0), durationS: 1800, infiltrationMmPerH: infiltration,
      manningN: classRaster(landUse, { 1: MANNING_N_PAVED, 2: MANNING_N_GRASS }, 'Manning n'),
      rainMmPerH: { timesS: [0, 1800], values: [20, 0], interpolation: 'step' },
    });
    // 20 mm/h of rain against 30 mm/h capacity on grass: grass cells soak up what reaches them.
    // At least all rain on grass (10 mm on 100 m²); flat terrain lets some paved water flow over too.
    expect(r.massBalance.infiltrationM3).toBeGreaterThanOrEqual(0.01 * 100 * (1 - 1e-12));
    expect(r.massBalance.relativeError).toBeLessThan(1e-6);
  });
});
