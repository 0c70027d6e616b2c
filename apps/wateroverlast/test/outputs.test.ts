import { describe, expect, it } from 'vitest';
import { simulate } from '../src/index.js';
import { centre, raster } from './helpers.js';

describe('driver outputs', () => {
  const dem = raster(81, 11, 1, () => 0);
  const run = () => simulate({
    dem, durationS: 900, frameIntervalS: 300, gaugeIntervalS: 150, manningN: 0.03,
    inflows: [{ ...centre(dem, 5, 0), hydrographM3PerS: { timesS: [0], values: [0.05], interpolation: 'linear' } }],
    gauges: [{ id: 'near', ...centre(dem, 5, 5) }, { id: 'far', ...centre(dem, 5, 35) }],
  });

  it('stores frames and gauge records exactly at their times, with levels = bed + depth', async () => {
    const r = await run();
    expect(r.frames.map((f) => f.timeS)).toEqual([0, 300, 600, 900]);
    expect(r.frames[0]!.depthM.data.every((d) => d === 0)).toBe(true);
    expect(Array.from(r.frames[3]!.depthM.data)).toEqual(Array.from(r.finalDepthM.data));
    expect(r.gauges[0]!.timesS).toEqual([0, 150, 300, 450, 600, 750, 900]);
    expect(r.gauges[1]!.levelM).toEqual(r.gauges[1]!.depthM.map((d) => d + 0));
    expect(r.frames[1]!.depthM.originX).toBe(dem.originX);
    expect(r.cellUpdates).toBe(r.steps * 81 * 11);
  });

  it('first-inundation time (> 5 cm) grows with distance from the source; cells never above 5 cm stay -1', async () => {
    const r = await run();
    const arrival = (c: number): number => r.arrivalTimeS.data[5 * 81 + c]!;
    expect(r.arrivalTimeS.noData).toBe(-1);
    expect(arrival(1)).toBeGreaterThan(0);
    // Near the source the wave may wet a cell a moment before its neighbour; further out the
    // arrival time must grow with distance.
    expect(arrival(5)).toBeGreaterThan(arrival(1));
    expect(arrival(15)).toBeGreaterThan(arrival(5));
    expect(arrival(25)).toBeGreaterThan(arrival(15));
    for (let i = 0; i < r.maxDepthM.data.length; i++) {
      expect(r.maxDepthM.data[i]!).toBeGreaterThanOrEqual(r.finalDepthM.data[i]!);
      // Arrival is set exactly when (and only when) the depth has exceeded 5 cm.
      expect(r.arrivalTimeS.data[i]! >= 0).toBe(r.maxDepthM.data[i]! > 0.05);
    }
    expect(r.arrivalTimeS.data.some((t) => t === -1)).toBe(true);
    expect(Math.max(...r.maxSpeedMPerS.data)).toBeGreaterThan(0.05);
  });

  it('closes gauge series at the end of the run and reports progress without any outputs', async () => {
    const withGauge = await simulate({ dem, durationS: 1000, gaugeIntervalS: 300, gauges: [{ id: 'g', ...centre(dem, 5, 5) }] });
    expect(withGauge.gauges[0]!.timesS).toEqual([0, 300, 600, 900, 1000]);
    const seen: number[] = [];
    await simulate({
      dem, durationS: 1000, rainMmPerH: { timesS: [0], values: [30], interpolation: 'step' },
      onProgress: (p) => seen.push(p.timeS),
    });
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(1000);
  });
});
