import { describe, expect, it } from 'vitest';
import { Rng, hashString32, mulberry32 } from './prng.js';

describe('Rng', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = Array.from({ length: 5 }, mulberry32(42));
    const b = Array.from({ length: 5 }, mulberry32(42));
    const c = Array.from({ length: 5 }, mulberry32(43));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it('forks are independent of how much the parent has drawn', () => {
    const p1 = new Rng(7);
    const p2 = new Rng(7);
    p2.random();
    p2.random();
    expect(p1.fork('x').random()).toBe(p2.fork('x').random());
    expect(p1.fork('x').random()).not.toBe(p1.fork('y').random());
  });

  it('draws stay in range and follow weights roughly', () => {
    const r = new Rng(1);
    let heads = 0;
    for (let i = 0; i < 2000; i++) {
      const v = r.int(3, 5);
      expect(v >= 3 && v <= 5 && Number.isInteger(v)).toBe(true);
      if (r.weighted({ a: 3, b: 1 }) === 'a') heads++;
    }
    expect(heads / 2000).toBeGreaterThan(0.7);
    expect(heads / 2000).toBeLessThan(0.8);
    expect(hashString32('abc')).toBe(hashString32('abc'));
  });
});
