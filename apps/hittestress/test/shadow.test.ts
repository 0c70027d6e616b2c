import { describe, expect, it } from 'vitest';
import { HittestressError } from '../src/errors.js';
import { prepareShadowSurface, shadeFractionOverDay, shadeMask, sunlitFraction } from '../src/shadow.js';
import { addTrees } from '../src/surface.js';
import { block, flatSurface, sun } from './helpers.js';

const N = 220;
const HALF = 5; // building half-width, m (10 × 10 m footprint)
const H = 20; // building height, m

/** Distance from the building centre to the far end of the contiguous shadow along the anti-sun line. */
function shadowTipM(lit: Float32Array, roof: Float32Array, azimuthDeg: number): number {
  const ux = -Math.sin((azimuthDeg * Math.PI) / 180);
  const uy = -Math.cos((azimuthDeg * Math.PI) / 180); // north component
  const cx = N / 2;
  const cy = N / 2; // building centre in metres from the NW corner (x east, y south below)
  let last = 0;
  for (let t = 0; t < N / 2 - 1; t += 0.05) {
    const col = Math.floor(cx + t * ux);
    const row = Math.floor(cy - t * uy);
    if ((roof[row * N + col] as number) > 0) continue; // still on the (sunlit) roof
    if ((lit[row * N + col] as number) >= 0.5) break;
    last = t;
  }
  return last;
}

describe('shadow casting', () => {
  const s = flatSurface(N, N);
  block(s, N / 2 - HALF, N / 2 + HALF - 1, N / 2 - HALF, N / 2 + HALF - 1, H);
  const p = prepareShadowSurface(s);

  for (const [az, el] of [[90, 25], [135, 35], [180, 55], [225, 40], [260, 30], [200, 60], [150, 45]] as const) {
    it(`single building: shadow length = H / tan(elevation) at azimuth ${az}°, elevation ${el}°`, () => {
      const lit = sunlitFraction(p, sun(az, el));
      const ux = Math.abs(Math.sin((az * Math.PI) / 180));
      const uy = Math.abs(Math.cos((az * Math.PI) / 180));
      const exitM = HALF / Math.max(ux, uy); // where the anti-sun line leaves the footprint
      const expected = exitM + H / Math.tan((el * Math.PI) / 180);
      // Within one cell step along the ray (1 m on the axes, √2 m on a diagonal).
      expect(Math.abs(shadowTipM(lit, s.buildingHeightM, az) - expected)).toBeLessThanOrEqual(1 / Math.max(ux, uy));
      // The sun side of the building is lit.
      const sunSideCol = Math.floor(N / 2 + (HALF + 3) * Math.sin((az * Math.PI) / 180));
      const sunSideRow = Math.floor(N / 2 - (HALF + 3) * Math.cos((az * Math.PI) / 180));
      expect(lit[sunSideRow * N + sunSideCol]).toBe(1);
    });
  }

  it('flat open ground is fully lit, a roof too', () => {
    const lit = sunlitFraction(p, sun(180, 50));
    expect(lit[0]).toBe(1);
    expect(lit[(N / 2) * N + N / 2]).toBe(1);
  });

  it('sun below the horizon gives a clear error', () => {
    expect(() => sunlitFraction(p, sun(330, -5))).toThrow(HittestressError);
    expect(() => shadeMask(p, sun(330, 0))).toThrow(/below the horizon/);
  });

  it('a tree crown shades the ground below it with its transmissivity, the trunk zone lets low sun pass', () => {
    const t = flatSurface(60, 60);
    const warnings: string[] = [];
    addTrees(t, [{ xM: 30, yM: 30, heightM: 12, crownDiameterM: 8, crownBaseM: 3, transmissivity: 0.05 }], warnings);
    expect(warnings).toEqual([]);
    const tp = prepareShadowSurface(t);
    const high = sunlitFraction(tp, sun(180, 60));
    expect(high[30 * 60 + 30]).toBeCloseTo(0.05); // under the crown
    // Directly north of the crown (anti-sun), within the crown-shadow: 5 m north of the crown edge.
    expect(high[(30 - 7) * 60 + 30]).toBeCloseTo(0.05);
    // Very low sun from the south passes under the crown base at the trunk, 1 m north of the crown:
    const low = sunlitFraction(tp, sun(180, 5));
    expect(low[(30 - 5) * 60 + 30]).toBe(1);
  });

  it('shade fraction over a day lies in [0, 1] and is larger behind the building', () => {
    const suns = [sun(120, 40), sun(180, 58), sun(240, 40)];
    const f = shadeFractionOverDay(p, suns);
    expect(f[0]).toBe(0);
    const north = (N / 2 - HALF - 3) * N + N / 2;
    expect(f[north]).toBeGreaterThan(0.6);
    expect(Math.max(...f)).toBeLessThanOrEqual(1);
  });
});
