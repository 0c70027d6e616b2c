import { describe, expect, it } from 'vitest';
import { burnCrowns, canopyPerZone, frameAround, rasteriseZones } from '../src/canopy.js';
import { rectShape } from './helpers.js';

/** Area of the lens where two discs of radius r with centres d apart overlap, m². */
function lensAreaM2(r: number, d: number): number {
  return 2 * r * r * Math.acos(d / (2 * r)) - (d / 2) * Math.sqrt(4 * r * r - d * d);
}

describe('rule 30: canopy cover', () => {
  // A 100 × 100 m buurt with a single crown (r 5), a smaller one (r 4) and two overlapping ones (r 6, 6 m apart).
  const trees = { x: [20, 60, 30, 36], y: [20, 60, 70, 70], d: [10, 8, 12, 12] };
  const analyticM2 = Math.PI * 25 + Math.PI * 16 + 2 * Math.PI * 36 - lensAreaM2(6, 6);

  for (const cellSizeM of [1, 0.5]) {
    it(`matches the analytical union area of the crown discs within 3 % at ${cellSizeM} m cells`, () => {
      const buurt = rectShape(0, 0, 100, 100);
      const frame = frameAround(0, 0, 100, 100, cellSizeM);
      const canopy = new Uint8Array(frame.width * frame.height);
      burnCrowns(canopy, frame, trees.x, trees.y, trees.d);
      const zones = rasteriseZones([buurt], frame);
      const [z] = canopyPerZone(canopy, zones, 1, cellSizeM);
      expect(z?.areaM2).toBeCloseTo(10_000, 6);
      expect(Math.abs((z?.canopyM2 ?? 0) - analyticM2) / analyticM2).toBeLessThan(0.03);
      expect(z?.canopyFraction).toBeCloseTo((z?.canopyM2 ?? 0) / 10_000, 9);
    });
  }

  it('splits cover between two neighbourhoods and ignores crowns outside both', () => {
    const zonesShapes = [rectShape(0, 0, 50, 40), rectShape(50, 0, 100, 40)];
    const frame = frameAround(-20, 0, 120, 40, 1);
    const canopy = new Uint8Array(frame.width * frame.height);
    burnCrowns(canopy, frame, [25, 75, -10], [20, 20, 20], [20, 10, 10]);
    const zones = rasteriseZones(zonesShapes, frame);
    const [a, b] = canopyPerZone(canopy, zones, 2, 1);
    expect(a?.cells).toBe(2000);
    expect(b?.cells).toBe(2000);
    expect(Math.abs((a?.canopyM2 ?? 0) - Math.PI * 100) / (Math.PI * 100)).toBeLessThan(0.03);
    expect(Math.abs((b?.canopyM2 ?? 0) - Math.PI * 25) / (Math.PI * 25)).toBeLessThan(0.05);
  });

  it('keeps existing canopy code 1 where a scenario crown (code 2) overlaps', () => {
    const frame = frameAround(0, 0, 20, 20, 1);
    const canopy = new Uint8Array(frame.width * frame.height);
    burnCrowns(canopy, frame, [10], [10], [6], 1);
    burnCrowns(canopy, frame, [12], [10], [6], 2);
    // Cell (row 9, col 10) has its centre at (10.5, 10.5); cell (row 9, col 14) at (14.5, 10.5).
    expect(canopy[9 * 20 + 10]).toBe(1);
    expect(canopy[9 * 20 + 14]).toBe(2);
  });
});
