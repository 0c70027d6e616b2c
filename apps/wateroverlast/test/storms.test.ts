import { describe, expect, it } from 'vitest';
import { DESIGN_STORM_IDS, designStorm, seriesIntegral, seriesValue, simulate } from '../src/index.js';
import { raster } from './helpers.js';

describe('design storms (STOWA 2019, Klimaateffectatlas stress test)', () => {
  const expected: Record<string, [number, number, number]> = {
    T100_70mm_1h: [70, 3600, 0], T250_90mm_1h: [90, 3600, 0], T1000_160mm_2h: [160, 7200, 0],
    stresstest_70mm_2h: [70, 7200, 20], stresstest_140mm_2h: [140, 7200, 20],
  };
  it.each(DESIGN_STORM_IDS.map((id) => [id]))('%s has the DESIGN.md total, duration and sink', (id) => {
    const storm = designStorm(id);
    const [totalMm, durationS, sink] = expected[id]!;
    expect(seriesIntegral(storm.rainMmPerH, 0, 3 * durationS) / 3600).toBeCloseTo(totalMm, 12);
    expect(storm.durationS).toBe(durationS);
    expect(storm.sinkMmPerH).toBe(sink);
    expect(seriesValue(storm.rainMmPerH, durationS)).toBe(0);
  });

  it('an unknown name is an error', () => {
    expect(() => designStorm('T10' as never)).toThrow(/unknown design storm "T10"/);
  });

  it('stress test 70 mm/2 h with a 20 mm/h sink on a flat closed plain leaves 70 − 40 = 30 mm', async () => {
    const storm = designStorm('stresstest_70mm_2h');
    const result = await simulate({ dem: raster(10, 10, 2, () => 0), rainMmPerH: storm.rainMmPerH, sinkMmPerH: storm.sinkMmPerH, durationS: 7200 });
    for (const d of result.finalDepthM.data) expect(d).toBeCloseTo(0.03, 6);
    expect(result.massBalance.sewerM3 / 400).toBeCloseTo(0.04, 9);
  });

  it('custom linear hyetographs integrate exactly (trapezoids)', () => {
    const s = { timesS: [0, 600, 1800], values: [0, 120, 0], interpolation: 'linear' as const };
    expect(seriesIntegral(s, 0, 1800) / 3600).toBeCloseTo((0.5 * 120 * 1800) / 3600, 12);
    // Across the 600 s breakpoint: 300 s from 60 to 120 mm/h, then 300 s from 120 to 90 mm/h.
    expect(seriesIntegral(s, 300, 900)).toBeCloseTo(0.5 * (60 + 120) * 300 + 0.5 * (120 + 90) * 300, 9);
  });
});
