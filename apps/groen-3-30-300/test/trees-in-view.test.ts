import { describe, expect, it } from 'vitest';
import { countTreesInView, RULE_3_MIN_TREES } from '../src/trees-in-view.js';
import { rectShape } from './helpers.js';

/** Trees as the kernel takes them. */
const pts = (xy: [number, number][]) => ({ x: Float64Array.from(xy, (p) => p[0]), y: Float64Array.from(xy, (p) => p[1]) });

describe('rule 3: trees in view', () => {
  // Home A at 0..10 × 0..10 with three street trees 10 m in front of its north facade.
  // Home B at 100..110 × 0..10 with the same trees, but a block of flats (95..115 × 13..20) in between.
  const buildings = [rectShape(0, 0, 10, 10), rectShape(100, 0, 110, 10), rectShape(95, 13, 115, 20)];
  const trees = pts([[2, 20], [5, 20], [8, 20], [102, 25], [105, 25], [108, 25]]);

  it('a home with 3 trees in view passes, one whose trees are behind a building fails', () => {
    const { counts, visible } = countTreesInView(buildings, [0, 1], trees, 30);
    expect(counts[0]).toBe(3);
    expect(counts[0]).toBeGreaterThanOrEqual(RULE_3_MIN_TREES);
    expect(visible[0]).toEqual([0, 1, 2]);
    expect(counts[1]).toBe(0);
  });

  it('counts only trees within the view distance of the facade', () => {
    const far = pts([[5, 39], [5, 41], [5, -31]]);
    const { counts } = countTreesInView([rectShape(0, 0, 10, 10)], [0], far, 30);
    expect(counts[0]).toBe(1); // 29 m in front counts; 31 m in front and 31 m behind do not
  });

  it('sees a tree behind the house from the back facade, not through the house', () => {
    const home = rectShape(0, 0, 10, 10);
    const { counts } = countTreesInView([home], [0], pts([[5, -8]]), 30);
    expect(counts[0]).toBe(1);
  });

  it('a terraced neighbour blocks a tree in its own back garden seen from the side', () => {
    // Row of three houses; the tree sits behind the right neighbour, 2 m from its back wall, and the
    // middle house has no facade on that side (shared wall).
    const row = [rectShape(0, 0, 6, 10), rectShape(6, 0, 12, 10), rectShape(12, 0, 18, 10)];
    const { counts } = countTreesInView(row, [0], pts([[22, 5]]), 30);
    expect(counts[0]).toBe(0);
    const open = countTreesInView(row, [0], pts([[3, -5]]), 30);
    expect(open.counts[0]).toBe(1);
  });

  it('stays fast for about 1 500 homes and 3 300 trees', () => {
    const homes = [];
    for (let r = 0; r < 30; r++) for (let c = 0; c < 50; c++) homes.push(rectShape(c * 20, r * 30, c * 20 + 8, r * 30 + 10));
    const xy: [number, number][] = [];
    for (let k = 0; k < 3300; k++) xy.push([(k * 7.31) % 1000, ((k * 13.7) % 900) + 15]);
    const t0 = performance.now();
    const { counts } = countTreesInView(homes, homes.map((_, i) => i), pts(xy), 30);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(counts.length).toBe(1500);
  });
});
