import { describe, expect, it } from 'vitest';
import { HittestressError } from '../src/errors.js';
import { addTrees } from '../src/surface.js';
import { skyViewFactor } from '../src/svf.js';
import { block, flatSurface } from './helpers.js';

describe('sky-view factor', () => {
  it('is 1 on an open plane', () => {
    const svf = skyViewFactor(flatSurface(40, 40), { directions: 16, maxRadiusM: 30 });
    expect(Math.min(...svf)).toBe(1);
  });

  for (const [wCells, hM] of [[21, 10.5], [21, 21], [31, 15.5], [15, 30]] as const) {
    it(`matches the infinite-canyon value cos(atan(2H/W)) for H/W = ${(hM / wCells).toFixed(2)}`, () => {
      // Canyon running north–south, 400 m long, walls 20 m thick; evaluate at the centre cell.
      const width = wCells + 40;
      const height = 400;
      const s = flatSurface(width, height);
      block(s, 0, height - 1, 0, 19, hM);
      block(s, 0, height - 1, 20 + wCells, width - 1, hM);
      const svf = skyViewFactor(s, { directions: 32, maxRadiusM: 150 });
      const centre = (height / 2) * width + 20 + (wCells - 1) / 2;
      const expected = Math.cos(Math.atan((2 * hM) / wCells));
      expect(Math.abs((svf[centre] as number) - expected) / expected).toBeLessThan(0.05);
      // Lower in the canyon than on the roofs.
      expect(svf[centre]).toBeLessThan(svf[(height / 2) * width + 5] as number);
    });
  }

  it('a tree crown lowers the SVF below and next to it', () => {
    const s = flatSurface(40, 40);
    addTrees(s, [{ xM: 20, yM: 20, heightM: 12, crownDiameterM: 8 }], []);
    const svf = skyViewFactor(s, { directions: 16, maxRadiusM: 30 });
    expect(svf[20 * 40 + 20]).toBeLessThan(0.2);
    expect(svf[20 * 40 + 26]).toBeLessThan(0.9);
    expect(svf[2 * 40 + 2]).toBeGreaterThan(0.95);
  });

  it('rejects nonsense options', () => {
    expect(() => skyViewFactor(flatSurface(4, 4), { directions: 2 })).toThrow(HittestressError);
  });
});
