import { describe, expect, it } from 'vitest';
import { simulate } from '../src/index.js';
import { bumpy, centre, raster } from './helpers.js';

describe('mass conservation', () => {
  const dem = raster(40, 30, 2, bumpy);
  const buildings = raster(40, 30, 2, (r, c) => (r >= 10 && r < 14 && c >= 12 && c < 20 ? 1 : 0));
  const inflow = { id: 'pipe', ...centre(dem, 5, 5), hydrographM3PerS: { timesS: [0, 600, 1200], values: [0, 0.2, 0], interpolation: 'linear' as const } };

  it('closed domain with rain, inflow, sewer sink, infiltration and buildings: error < 1e-6 of the volume added', async () => {
    const infiltration = raster(40, 30, 2, (r, c) => (c > 30 ? 15 : 0));
    const result = await simulate({
      dem, buildings, infiltrationMmPerH: infiltration, inflows: [inflow], sinkMmPerH: 20, sewerStorageMm: 10,
      rainMmPerH: { timesS: [0, 900, 1800], values: [90, 30, 0], interpolation: 'step' }, durationS: 2400,
    });
    const mb = result.massBalance;
    const rainExpected = (90 * 0.25 + 30 * 0.25) / 1000 * (40 * 30 - 32) * 4;
    expect(mb.rainM3).toBeCloseTo(rainExpected, 9);
    expect(mb.inflowM3).toBeCloseTo(0.2 * 600, 9);
    expect(mb.sewerM3).toBeGreaterThan(0);
    expect(mb.infiltrationM3).toBeGreaterThan(0);
    expect(mb.boundaryOutflowM3).toBe(0);
    expect(mb.relativeError).toBeLessThan(1e-6);
    expect(Math.min(...result.finalDepthM.data)).toBeGreaterThanOrEqual(0);
  });

  it('open boundaries: outflow is accounted and the error stays < 1e-6', async () => {
    const result = await simulate({
      dem, inflows: [inflow], boundaries: { east: { kind: 'zeroGradient' }, south: { kind: 'normalDepth', slope: 0.01 } },
      rainMmPerH: { timesS: [0, 1200], values: [120, 0], interpolation: 'step' }, durationS: 2400,
    });
    const mb = result.massBalance;
    expect(mb.boundaryOutflowM3).toBeGreaterThan(0);
    expect(mb.relativeError).toBeLessThan(1e-6);
  });
});
