import { describe, expect, it } from 'vitest';
import { HittestressError } from '../src/errors.js';
import { runHeatModel } from '../src/model.js';
import { type HourWeather, accumulatePetHour, clearSkyRadiation, petClass, petShadeC, petSunC } from '../src/pet.js';
import { LandCover, addTrees } from '../src/surface.js';
import { canopyWindMPerS } from '../src/wind.js';
import { block, flatSurface } from './helpers.js';

function hour(elevationDeg: number, airTempC = 30): HourWeather {
  return { airTempC, relHumidityPct: 40, sunElevationDeg: elevationDeg, ...clearSkyRadiation(elevationDeg) };
}

describe('PET (Koopmans et al. 2020 regressions)', () => {
  it('reproduces the published class behaviour at 30 °C air temperature', () => {
    const w = hour(55);
    expect(petSunC(w, 1, 3.0, 1)).toBeGreaterThan(40); // sunny paved square, little wind
    const shadedGreen = petShadeC(w, 1, 0.3); // under trees in a park
    expect(shadedGreen).toBeGreaterThanOrEqual(28);
    expect(shadedGreen).toBeLessThanOrEqual(32);
  });

  it('more shade → lower PET (strictly for sun ≥ 30°, never higher below that)', () => {
    for (const el of [15, 30, 45, 60]) for (const u of [0.5, 1, 2, 4]) for (const svf of [0, 0.3, 0.7, 1]) for (const bb of [0.4, 3]) {
      const w = hour(el);
      if (el >= 30) expect(petSunC(w, u, bb, svf)).toBeGreaterThan(petShadeC(w, u, svf));
      const acc = new Float64Array(3);
      accumulatePetHour(acc, w, Float32Array.from([1, 0.5, 0]), new Float32Array(3).fill(svf), new Float32Array(3).fill(u), new Uint8Array(3).fill(bb < 1 ? 1 : 0));
      expect(acc[0]).toBeGreaterThanOrEqual(acc[1] as number);
      expect(acc[1]).toBeGreaterThanOrEqual(acc[2] as number);
      if (el >= 30) expect(acc[0]).toBeGreaterThan(acc[2] as number);
    }
  });

  it('more sky view in the sun → higher PET; green and water cooler than paving in the sun', () => {
    const w = hour(50);
    expect(petSunC(w, 1.5, 3, 0.9)).toBeGreaterThan(petSunC(w, 1.5, 3, 0.4));
    expect(petSunC(w, 1.5, 0.4, 0.9)).toBeLessThan(petSunC(w, 1.5, 3, 0.9));
  });

  it('more wind → lower PET in the sun; sheltered arrays have less wind', () => {
    const w = hour(50);
    expect(petSunC(w, 3, 3, 1)).toBeLessThan(petSunC(w, 1, 3, 1));
    expect(canopyWindMPerS(3, 0.35, 0.25, 12)).toBeLessThan(canopyWindMPerS(3, 0.1, 0.05, 8));
    expect(canopyWindMPerS(3, 0, 0, 0)).toBeCloseTo(1.905, 2); // log profile to 1.2 m over z0 = 0.03 m
  });

  it('classes follow the thermal-perception bounds 23/29/35/41 °C', () => {
    expect([22.9, 23, 28.9, 29, 34.9, 35, 40.9, 41, 50].map(petClass)).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('pipeline: a tree lowers PET below it, a building shades the street north of it', () => {
    const s = flatSurface(80, 80);
    s.grid.originX = 140960;
    s.grid.originY = 486040;
    block(s, 50, 60, 30, 50, 15);
    const warnings: string[] = [];
    addTrees(s, [{ xM: 140960 + 20, yM: 486040 - 20 }], warnings); // no height → default + warning
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/no height; used the default 12 m/);
    s.landCover.fill(LandCover.GREEN, 0, 80); // a strip of grass along the north edge
    const r = runHeatModel(s, { svf: { directions: 16, maxRadiusM: 40 } });
    const under = 20 * 80 + 20;
    const open = 20 * 80 + 65;
    expect(r.petC[under]).toBeLessThan((r.petC[open] as number) - 5);
    // Low morning/evening sun reaches under the crown (base 3 m, radius 4 m), so not 100 %.
    expect(r.shadeFraction[under]).toBeGreaterThan(0.6);
    expect(r.shadeFraction[open]).toBe(0);
    expect(r.shadeFraction[48 * 80 + 40]).toBeGreaterThan(0.5); // just north of the building
    expect(r.petClass[open]).toBeGreaterThanOrEqual(3);
  });

  it('refuses night hours and grids outside the RD domain with clear errors', () => {
    const s = flatSurface(10, 10);
    s.grid.originX = 141000;
    s.grid.originY = 486000;
    expect(() => runHeatModel(s, { petHoursLocal: [21, 23] })).toThrow(/below the horizon/);
    const far = flatSurface(10, 10); // origin (0, 10): not in the Netherlands
    expect(() => runHeatModel(far)).toThrow(HittestressError);
    expect(() => runHeatModel(far, { latDeg: 52.36, lonDeg: 5.18, svf: { directions: 8, maxRadiusM: 5 } })).not.toThrow();
  });
});
