import { describe, expect, it } from 'vitest';
import { createRandom } from './random.js';

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const take = (seed: number) => { const r = createRandom(seed); return Array.from({ length: 8 }, () => r()); };
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
    expect(take(0)).not.toEqual(take(0xffffffff));
  });

  it('is uniform on [0, 1): all 20 buckets near 1/20 over 100 000 draws', () => {
    const r = createRandom(2026);
    const buckets = new Array<number>(20).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const v = r();
      if (!(v >= 0 && v < 1)) outside++;
      else buckets[Math.floor(v * 20)]! += 1;
    }
    expect(outside).toBe(0);
    // chi-square with 19 degrees of freedom: p = 0.001 at 43.8
    const chi2 = buckets.reduce((sum, n) => sum + (n - 5000) ** 2 / 5000, 0);
    expect(chi2).toBeLessThan(43.8);
  });

  it('rejects seeds that are not uint32', () => {
    expect(() => createRandom(-1)).toThrow(RangeError);
    expect(() => createRandom(1.5)).toThrow(/integer from 0 to 4294967295/);
    expect(() => createRandom(2 ** 32)).toThrow(RangeError);
  });
});
