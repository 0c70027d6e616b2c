import { describe, expect, it } from 'vitest';
import { HittestressError } from '../src/errors.js';
import { MIN_WIND_M_PER_S, pedestrianWind } from '../src/wind.js';
import { block, flatSurface } from './helpers.js';

describe('pedestrian wind', () => {
  it('is the open-terrain log-profile value on an open plane', () => {
    const u = pedestrianWind(flatSurface(30, 30), { wind10MPerS: 3, windowM: 21 });
    expect(Math.min(...u)).toBeCloseTo(3 * (Math.log(1.2 / 0.03) / Math.log(10 / 0.03)), 5);
  });

  it('drops inside an array of buildings, more for a denser array, never below the floor', () => {
    const sparse = flatSurface(120, 120);
    const dense = flatSurface(120, 120);
    for (let r = 5; r < 115; r += 30) for (let c = 5; c < 115; c += 30) block(sparse, r, r + 7, c, c + 7, 9);
    for (let r = 5; r < 115; r += 15) for (let c = 5; c < 115; c += 15) block(dense, r, r + 9, c, c + 9, 15);
    const centre = 60 * 120 + 62;
    const open = pedestrianWind(flatSurface(120, 120), { windowM: 101 })[centre] as number;
    const us = pedestrianWind(sparse, { windowM: 101 })[centre] as number;
    const ud = pedestrianWind(dense, { windowM: 101, windFromDeg: 225 })[centre] as number;
    expect(us).toBeLessThan(open);
    expect(ud).toBeLessThan(us);
    expect(ud).toBeGreaterThanOrEqual(MIN_WIND_M_PER_S);
  });

  it('rejects a negative wind speed', () => {
    expect(() => pedestrianWind(flatSurface(5, 5), { wind10MPerS: -1 })).toThrow(HittestressError);
  });
});
