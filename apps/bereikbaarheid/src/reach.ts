/**
 * Reachability over time: for every departure time on a regular grid, the earliest arrival from a
 * service's origins at every building; a building is unreachable at a departure time when the
 * vehicle cannot arrive within the service's maximum minutes.
 */
import { arrivalAtPoint, earliestArrival } from './dijkstra.js';
import type { RoadGraph, Snap } from './graph.js';

/** One emergency service: where its vehicles leave from and its maximum driving time. */
export interface ServiceSpec {
  /** camelCase id used as property prefix, e.g. `brandweer`. */
  id: string;
  /** Graph nodes its vehicles leave from. */
  originNodes: number[];
  /** Maximum driving time, min. */
  maxMinutes: number;
}

/** Reachability of one building by one service. */
export interface BuildingReach {
  /** Driving time on the dry network (no closures) at departure 0, min; null when not connected. */
  dryMin: number | null;
  /** Longest driving time over the departure times, min (Infinity when unreachable at some time); null when not connected. */
  worstMin: number | null;
  /** First departure time at which the building is not reached within the maximum, min; null = always reached. */
  unreachableFromMin: number | null;
  /** First departure time after the last unreachable one (reached again), min; null = never unreachable, or still at the horizon. */
  unreachableToMin: number | null;
  /** Departure times unreachable × the step, min. */
  unreachableMin: number;
  /** Per departure time: reached within the maximum. */
  reachable: boolean[];
}

/** Departure times 0, step, 2·step … ≤ horizon, min. */
export function departureTimes(horizonMin: number, stepMin: number): number[] {
  if (!(stepMin > 0)) throw new Error(`departure step must be > 0 min, got ${stepMin}`);
  const out: number[] = [];
  for (let k = 0; k * stepMin <= horizonMin + 1e-9; k++) out.push(k * stepMin);
  return out;
}

/**
 * Reachability of every snapped building by one service at every departure time.
 * @param snaps per building its snap onto the graph (null = not connected: never reachable)
 */
export function reachability(graph: RoadGraph, service: ServiceSpec, snaps: ReadonlyArray<Snap | null>, departuresMin: readonly number[], stepMin: number): BuildingReach[] {
  const dry = earliestArrival(graph, service.originNodes, 0, true);
  const out: BuildingReach[] = snaps.map((s) => {
    const t = s === null ? Infinity : arrivalAtPoint(graph, dry, s.edge, s.fraction, true);
    const dryMin = Number.isFinite(t) ? t : null;
    return { dryMin, worstMin: dryMin, unreachableFromMin: null, unreachableToMin: null, unreachableMin: 0, reachable: [] };
  });
  const lastUnreachable: number[] = snaps.map(() => -1);
  departuresMin.forEach((depart, k) => {
    const arrival = earliestArrival(graph, service.originNodes, depart);
    snaps.forEach((s, b) => {
      const r = out[b]!;
      const driveMin = s === null ? Infinity : arrivalAtPoint(graph, arrival, s.edge, s.fraction) - depart;
      const ok = driveMin <= service.maxMinutes;
      r.reachable.push(ok);
      if (r.worstMin !== null) r.worstMin = Math.max(r.worstMin, driveMin);
      if (!ok) {
        r.unreachableFromMin ??= depart;
        r.unreachableMin += stepMin;
        lastUnreachable[b] = k;
      }
    });
  });
  lastUnreachable.forEach((k, b) => {
    const next = departuresMin[k + 1];
    if (k >= 0 && next !== undefined) out[b]!.unreachableToMin = next;
  });
  return out;
}

/** Number of buildings (and their weights, e.g. residents) unreachable per departure time. */
export function unreachableCounts(reach: readonly BuildingReach[], departures: number, weight: (b: number) => number = () => 1): number[] {
  const counts = new Array<number>(departures).fill(0);
  reach.forEach((r, b) => r.reachable.forEach((ok, k) => { if (!ok) counts[k]! += weight(b); }));
  return counts;
}
