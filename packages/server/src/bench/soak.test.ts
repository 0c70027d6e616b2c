import { describe, expect, it } from 'vitest';
import { slope } from './soak.js';

describe('soak: slope of the memory samples', () => {
  it('is the least-squares slope, not the difference of the ends', () => {
    expect(slope([[0, 100], [1, 102], [2, 104], [3, 106]])).toBeCloseTo(2, 10);
    // A spike in the middle does not make a flat series grow.
    expect(slope([[0, 100], [1, 100], [2, 180], [3, 100], [4, 100]])).toBeCloseTo(0, 10);
    expect(slope([[0, 300], [1, 290], [2, 280]])).toBeCloseTo(-10, 10);
  });

  it('is not a number with fewer than two samples or a single instant', () => {
    expect(slope([[5, 100]])).toBeNaN();
    expect(slope([[5, 100], [5, 120]])).toBeNaN();
  });
});
