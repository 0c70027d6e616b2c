/**
 * Small pure 2D geometry helpers (planar, metres). Rings are closed implicitly or explicitly;
 * functions ignore a repeated closing vertex.
 */

/** A point `[x, y]`. */
export type Pt = [number, number];
/** Axis-aligned rectangle. */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Vertices of a ring without the repeated closing vertex. */
function openRing(ring: readonly Pt[]): readonly Pt[] {
  const n = ring.length;
  if (n > 1) {
    const a = ring[0] as Pt;
    const b = ring[n - 1] as Pt;
    if (a[0] === b[0] && a[1] === b[1]) return ring.slice(0, n - 1);
  }
  return ring;
}

/** Counter-clockwise closed ring of a rectangle (GeoJSON exterior ring orientation). */
export function rectRing(r: Rect): Pt[] {
  return [
    [r.x0, r.y0],
    [r.x1, r.y0],
    [r.x1, r.y1],
    [r.x0, r.y1],
    [r.x0, r.y0],
  ];
}

/** Signed area of a ring (positive when counter-clockwise), m². */
export function signedArea(ring: readonly Pt[]): number {
  const pts = openRing(ring);
  let s = 0;
  for (let i = 0; i < pts.length; i++) {
    const a = pts[i] as Pt;
    const b = pts[(i + 1) % pts.length] as Pt;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

/** Absolute area of a ring, m². */
export function ringArea(ring: readonly Pt[]): number {
  return Math.abs(signedArea(ring));
}

/** Area centroid of a simple ring. */
export function ringCentroid(ring: readonly Pt[]): Pt {
  const pts = openRing(ring);
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i] as Pt;
    const q = pts[(i + 1) % pts.length] as Pt;
    const f = p[0] * q[1] - q[0] * p[1];
    a += f;
    cx += (p[0] + q[0]) * f;
    cy += (p[1] + q[1]) * f;
  }
  if (a === 0) return pts[0] ?? [0, 0];
  return [cx / (3 * a), cy / (3 * a)];
}

/** Bounding rectangle of a set of points. */
export function bounds(points: readonly Pt[]): Rect {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of points) {
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return { x0, y0, x1, y1 };
}

/** Even–odd point-in-polygon test (points exactly on an edge may go either way). */
export function pointInRing(p: Pt, ring: readonly Pt[]): boolean {
  const pts = openRing(ring);
  const [x, y] = p;
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const a = pts[i] as Pt;
    const b = pts[j] as Pt;
    if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

/** Distance from point `p` to segment `a`–`b`. */
export function pointSegmentDistance(p: Pt, a: Pt, b: Pt): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = a[0] + t * dx - p[0];
  const ey = a[1] + t * dy - p[1];
  return Math.sqrt(ex * ex + ey * ey);
}

/**
 * Intersection of segments p1–p2 and q1–q2 as parameters `[t, u]` along each (0..1), or null when
 * they do not meet or are parallel. Touching endpoints count as meeting.
 */
export function segmentIntersection(p1: Pt, p2: Pt, q1: Pt, q2: Pt, eps = 1e-9): [number, number] | null {
  const rx = p2[0] - p1[0];
  const ry = p2[1] - p1[1];
  const sx = q2[0] - q1[0];
  const sy = q2[1] - q1[1];
  const den = rx * sy - ry * sx;
  if (Math.abs(den) < eps) return null;
  const qpx = q1[0] - p1[0];
  const qpy = q1[1] - p1[1];
  const t = (qpx * sy - qpy * sx) / den;
  const u = (qpx * ry - qpy * rx) / den;
  if (t < -eps || t > 1 + eps || u < -eps || u > 1 + eps) return null;
  return [Math.min(1, Math.max(0, t)), Math.min(1, Math.max(0, u))];
}

/** Shortest distance between segments a1–a2 and b1–b2 (0 when they cross). */
export function segmentSegmentDistance(a1: Pt, a2: Pt, b1: Pt, b2: Pt): number {
  if (segmentIntersection(a1, a2, b1, b2)) return 0;
  return Math.min(
    pointSegmentDistance(a1, b1, b2),
    pointSegmentDistance(a2, b1, b2),
    pointSegmentDistance(b1, a1, a2),
    pointSegmentDistance(b2, a1, a2),
  );
}

/** Shortest distance from segment a–b to a polygon ring (0 when the segment touches or enters it). */
export function segmentRingDistance(a: Pt, b: Pt, ring: readonly Pt[]): number {
  if (pointInRing(a, ring) || pointInRing(b, ring)) return 0;
  const pts = openRing(ring);
  let best = Infinity;
  for (let i = 0; i < pts.length; i++) {
    const d = segmentSegmentDistance(a, b, pts[i] as Pt, pts[(i + 1) % pts.length] as Pt);
    if (d < best) best = d;
    if (best === 0) break;
  }
  return best;
}

/** True when two simple rings overlap (share interior or cross); touching edges count as overlap. */
export function ringsIntersect(r1: readonly Pt[], r2: readonly Pt[]): boolean {
  const a = openRing(r1);
  const b = openRing(r2);
  for (let i = 0; i < a.length; i++) {
    const p = a[i] as Pt;
    const q = a[(i + 1) % a.length] as Pt;
    for (let j = 0; j < b.length; j++) {
      if (segmentIntersection(p, q, b[j] as Pt, b[(j + 1) % b.length] as Pt)) return true;
    }
  }
  return pointInRing(a[0] as Pt, b) || pointInRing(b[0] as Pt, a);
}

/**
 * Clip a convex polygon by the half-plane on the left of the directed line through `p` with
 * direction `d` (Sutherland–Hodgman for one plane). Returns an open ring.
 */
export function clipHalfPlane(ring: readonly Pt[], p: Pt, d: Pt): Pt[] {
  const pts = openRing(ring);
  const side = (q: Pt): number => d[0] * (q[1] - p[1]) - d[1] * (q[0] - p[0]);
  const out: Pt[] = [];
  for (let i = 0; i < pts.length; i++) {
    const a = pts[i] as Pt;
    const b = pts[(i + 1) % pts.length] as Pt;
    const sa = side(a);
    const sb = side(b);
    if (sa >= 0) out.push(a);
    if ((sa >= 0) !== (sb >= 0)) {
      const t = sa / (sa - sb);
      out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    }
  }
  return out;
}

/** Close an open ring by repeating its first vertex (no-op when already closed). */
export function closeRing(ring: readonly Pt[]): Pt[] {
  const pts = openRing(ring).map((p): Pt => [p[0], p[1]]);
  const first = pts[0];
  if (first) pts.push([first[0], first[1]]);
  return pts;
}

/** Polyline length, m. */
export function lineLength(line: readonly Pt[]): number {
  let s = 0;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1] as Pt;
    const b = line[i] as Pt;
    s += Math.hypot(b[0] - a[0], b[1] - a[1]);
  }
  return s;
}

/** Round a coordinate to centimetres (the generator's canonical precision). */
export function roundCm(v: number): number {
  return Math.round(v * 100) / 100;
}
