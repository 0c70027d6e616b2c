import { describe, expect, it } from 'vitest';
import type { Pt } from './geometry.js';
import {
  clipHalfPlane,
  pointInRing,
  pointSegmentDistance,
  rectRing,
  ringArea,
  ringCentroid,
  ringsIntersect,
  segmentIntersection,
  segmentRingDistance,
  signedArea,
} from './geometry.js';

const square = rectRing({ x0: 0, y0: 0, x1: 10, y1: 10 });
const lShape: Pt[] = [[0, 0], [10, 0], [10, 4], [4, 4], [4, 10], [0, 10], [0, 0]];

describe('geometry helpers', () => {
  it('point in polygon handles convex and concave rings', () => {
    expect(pointInRing([5, 5], square)).toBe(true);
    expect(pointInRing([11, 5], square)).toBe(false);
    expect(pointInRing([2, 8], lShape)).toBe(true);
    expect(pointInRing([8, 8], lShape)).toBe(false);
  });

  it('areas, orientation and centroid', () => {
    expect(signedArea(square)).toBe(100);
    expect(signedArea([...square].reverse())).toBe(-100);
    expect(ringArea(lShape)).toBe(64);
    expect(ringCentroid(square)).toEqual([5, 5]);
  });

  it('segment intersection returns parameters, null for misses and parallels', () => {
    expect(segmentIntersection([0, 0], [10, 0], [5, -5], [5, 5])).toEqual([0.5, 0.5]);
    expect(segmentIntersection([0, 0], [10, 0], [5, 1], [5, 5])).toBeNull();
    expect(segmentIntersection([0, 0], [10, 0], [0, 1], [10, 1])).toBeNull();
    // T-junction: endpoint on the other segment.
    expect(segmentIntersection([0, 0], [10, 0], [4, 0], [4, 6])).toEqual([0.4, 0]);
  });

  it('distances', () => {
    expect(pointSegmentDistance([5, 3], [0, 0], [10, 0])).toBe(3);
    expect(pointSegmentDistance([13, 4], [0, 0], [10, 0])).toBe(5);
    expect(segmentRingDistance([12, 0], [12, 10], square)).toBe(2);
    expect(segmentRingDistance([5, 5], [20, 5], square)).toBe(0);
  });

  it('ring intersection detects overlap, containment and separation', () => {
    expect(ringsIntersect(square, rectRing({ x0: 5, y0: 5, x1: 15, y1: 15 }))).toBe(true);
    expect(ringsIntersect(square, rectRing({ x0: 2, y0: 2, x1: 3, y1: 3 }))).toBe(true);
    expect(ringsIntersect(square, rectRing({ x0: 11, y0: 0, x1: 15, y1: 5 }))).toBe(false);
  });

  it('half-plane clipping splits a square into two halves', () => {
    const left = clipHalfPlane(square, [5, 0], [0, 1]);
    const right = clipHalfPlane(square, [5, 0], [0, -1]);
    expect(ringArea(left)).toBeCloseTo(50);
    expect(ringArea(right)).toBeCloseTo(50);
    expect(left.every(([x]) => x <= 5)).toBe(true);
  });
});
