import { describe, expect, it } from 'vitest';
import { simulate, type SimulationInput } from '../src/index.js';
import { bumpy, centre, hashOf, raster } from './helpers.js';

describe('determinism', () => {
  // Odd row count and an inflow near the band edge exercise the decomposition.
  const dem = raster(48, 37, 2, bumpy);
  const buildings = raster(48, 37, 2, (r, c) => (r >= 17 && r < 21 && c >= 10 && c < 30 ? 1 : 0));
  const input = (threads: number): SimulationInput => ({
    dem, buildings, threads, sinkMmPerH: 20, durationS: 1800, frameIntervalS: 600,
    rainMmPerH: { timesS: [0, 900], values: [140, 0], interpolation: 'step' },
    inflows: [{ ...centre(dem, 18, 5), hydrographM3PerS: { timesS: [0, 900], values: [0.3, 0], interpolation: 'linear' } }],
    boundaries: { east: { kind: 'zeroGradient' } },
    gauges: [{ id: 'g1', ...centre(dem, 18, 40) }],
  });

  it('1 and 2 threads give bit-identical depth, maxima, arrival times and mass balance', async () => {
    const one = await simulate(input(1));
    const two = await simulate(input(2));
    expect(two.threads).toBe(2);
    expect(one.steps).toBe(two.steps);
    expect(hashOf(two.finalDepthM.data)).toBe(hashOf(one.finalDepthM.data));
    expect(hashOf(two.maxDepthM.data)).toBe(hashOf(one.maxDepthM.data));
    expect(hashOf(two.maxSpeedMPerS.data)).toBe(hashOf(one.maxSpeedMPerS.data));
    expect(hashOf(two.arrivalTimeS.data)).toBe(hashOf(one.arrivalTimeS.data));
    expect(two.frames.map((f) => hashOf(f.depthM.data))).toEqual(one.frames.map((f) => hashOf(f.depthM.data)));
    expect(two.massBalance).toEqual(one.massBalance);
    expect(two.gauges).toEqual(one.gauges);
    expect(Math.max(...one.maxDepthM.data)).toBeGreaterThan(0.05);
  });

  it('two runs with 2 threads are bit-identical', async () => {
    const a = await simulate(input(2));
    const b = await simulate(input(2));
    expect(hashOf(a.finalDepthM.data)).toBe(hashOf(b.finalDepthM.data));
    expect(a.massBalance).toEqual(b.massBalance);
  });
});
