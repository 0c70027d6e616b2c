/**
 * Road passability from depth frames. A road edge's depth at a time is the maximum over its
 * carriageway cells (cells whose centre lies within half the width of the centre line, at least the
 * cells the centre line crosses). Thresholds (DESIGN.md, "Depth on roads"): > 0.15 m impassable for
 * ordinary traffic, > 0.30 m for emergency vehicles.
 */
import type { Geometry, Position } from 'geojson';
import type { GridFrame } from './footprints.js';

/** Depth above which a road is impassable for ordinary traffic, m (DESIGN.md). */
export const TRAFFIC_IMPASSABLE_DEPTH_M = 0.15;
/** Depth above which a road is impassable for emergency vehicles, m (DESIGN.md). */
export const EMERGENCY_IMPASSABLE_DEPTH_M = 0.3;
const SECONDS_PER_MINUTE = 60;

/** Line strings of a (multi)line geometry. */
function lines(geometry: Geometry | null): Position[][] {
  if (geometry === null) return [];
  if (geometry.type === 'LineString') return [geometry.coordinates];
  if (geometry.type === 'MultiLineString') return geometry.coordinates;
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(lines);
  return [];
}

/** Squared distance from point p to segment ab. */
function segmentDistanceSq(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len)) : 0;
  const qx = ax + t * dx - px, qy = ay + t * dy - py;
  return qx * qx + qy * qy;
}

/**
 * Cell indices of a road's carriageway on the grid: centres within `widthM / 2` of the centre line,
 * plus the cells the centre line passes (sampled every half cell) so a narrow road keeps its cells.
 * Cells in `blocked` (buildings, nodata) are left out. Sorted ascending.
 */
export function roadCells(grid: GridFrame, geometry: Geometry | null, widthM: number | null, blocked?: ArrayLike<number>): Int32Array {
  const { width, height, originX, originY, cellSize } = grid;
  const half = Math.max(0, (widthM ?? 0) / 2);
  const set = new Set<number>();
  const add = (r: number, c: number) => {
    if (r < 0 || c < 0 || r >= height || c >= width) return;
    const i = r * width + c;
    if (!blocked || blocked[i] === 0) set.add(i);
  };
  for (const line of lines(geometry)) {
    for (let k = 0; k + 1 < line.length; k++) {
      const [ax, ay] = line[k] as [number, number];
      const [bx, by] = line[k + 1] as [number, number];
      const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / (cellSize / 2)));
      for (let s = 0; s <= steps; s++) {
        const x = ax + ((bx - ax) * s) / steps, y = ay + ((by - ay) * s) / steps;
        add(Math.floor((originY - y) / cellSize), Math.floor((x - originX) / cellSize));
      }
      if (half <= 0) continue;
      const c0 = Math.floor((Math.min(ax, bx) - half - originX) / cellSize), c1 = Math.floor((Math.max(ax, bx) + half - originX) / cellSize);
      const r0 = Math.floor((originY - Math.max(ay, by) - half) / cellSize), r1 = Math.floor((originY - Math.min(ay, by) + half) / cellSize);
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) {
          const x = originX + (c + 0.5) * cellSize, y = originY - (r + 0.5) * cellSize;
          if (segmentDistanceSq(x, y, ax, ay, bx, by) <= half * half) add(r, c);
        }
      }
    }
  }
  return Int32Array.from([...set].sort((p, q) => p - q));
}

/** Maximum of `values` over `cells` (0 for no cells). */
export function maxOver(cells: Int32Array, values: ArrayLike<number>): number {
  let m = 0;
  for (const i of cells) if (values[i]! > m) m = values[i]!;
  return m;
}

/** When a depth series exceeds a threshold, in minutes since the start of the storm. */
export interface Impassability {
  /** Total time above the threshold, min. */
  minutes: number;
  /** First time above the threshold, min; null when never. */
  fromMin: number | null;
  /** Last time the depth fell back to the threshold, min; null when never above or still above at the end. */
  toMin: number | null;
  /** Still above the threshold at the last time of the series. */
  atEnd: boolean;
}

/**
 * Time above `thresholdM` of a depth series, with the depth linear between samples (crossing times
 * interpolated). A series that starts above the threshold is above from its first time.
 * @param timesS ascending sample times, s
 * @param depthsM depth at each time, m
 * @example impassability([0, 600, 1200], [0, 0.4, 0], 0.3) // { minutes: 5, fromMin: 7.5, toMin: 12.5, atEnd: false }
 */
export function impassability(timesS: ArrayLike<number>, depthsM: ArrayLike<number>, thresholdM: number): Impassability {
  let aboveS = 0;
  let fromS: number | null = null, toS: number | null = null;
  const n = timesS.length;
  if (n === 0) return { minutes: 0, fromMin: null, toMin: null, atEnd: false };
  if (depthsM[0]! > thresholdM) fromS = timesS[0]!;
  for (let k = 0; k + 1 < n; k++) {
    const t0 = timesS[k]!, t1 = timesS[k + 1]!, d0 = depthsM[k]!, d1 = depthsM[k + 1]!;
    const a0 = d0 > thresholdM, a1 = d1 > thresholdM;
    if (a0 && a1) aboveS += t1 - t0;
    else if (a0 !== a1) {
      const tc = t0 + ((thresholdM - d0) / (d1 - d0)) * (t1 - t0);
      if (a1) { aboveS += t1 - tc; fromS ??= tc; }
      else { aboveS += tc - t0; toS = tc; }
    }
  }
  const atEnd = depthsM[n - 1]! > thresholdM;
  const toMin = atEnd || toS === null ? null : toS / SECONDS_PER_MINUTE;
  return { minutes: aboveS / SECONDS_PER_MINUTE, fromMin: fromS === null ? null : fromS / SECONDS_PER_MINUTE, toMin, atEnd };
}

/**
 * Along-line position of cells: for each cell centre, the fraction (0 at the first vertex, 1 at the
 * last) of the nearest point on the road's polyline (parts of a MultiLineString are taken in order).
 */
export function alongFractions(grid: GridFrame, geometry: Geometry | null, cells: Int32Array): Float64Array {
  const segs: Array<[number, number, number, number, number]> = []; // ax, ay, bx, by, length before
  let total = 0;
  for (const line of lines(geometry)) {
    for (let k = 0; k + 1 < line.length; k++) {
      const [ax, ay] = line[k] as [number, number];
      const [bx, by] = line[k + 1] as [number, number];
      segs.push([ax, ay, bx, by, total]);
      total += Math.hypot(bx - ax, by - ay);
    }
  }
  return Float64Array.from(cells, (i) => {
    const x = grid.originX + ((i % grid.width) + 0.5) * grid.cellSize, y = grid.originY - (Math.floor(i / grid.width) + 0.5) * grid.cellSize;
    let best = Infinity, along = 0;
    for (const [ax, ay, bx, by, before] of segs) {
      const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
      const d = segmentDistanceSq(x, y, ax, ay, bx, by);
      if (d < best) { best = d; along = before + t * Math.sqrt(len2); }
    }
    return total > 0 ? along / total : 0;
  });
}

/**
 * The stretch of a road where the maximum depth exceeded `thresholdM`: the smallest and largest
 * along-line fraction of those cells; null when no cell did.
 */
export function deepStretch(cells: Int32Array, fractions: Float64Array, maxDepthM: ArrayLike<number>, thresholdM: number): [number, number] | null {
  let lo = Infinity, hi = -Infinity;
  cells.forEach((i, k) => {
    if (maxDepthM[i]! > thresholdM) { lo = Math.min(lo, fractions[k]!); hi = Math.max(hi, fractions[k]!); }
  });
  return lo <= hi ? [lo, hi] : null;
}
