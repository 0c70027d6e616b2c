/**
 * Time-dependent earliest-arrival Dijkstra (Dijkstra 1959; for FIFO time-dependent networks see
 * Dreyfus 1969, Kaufman & Smith 1993). An edge may only be entered while it is open; a vehicle that
 * reaches an edge during its closure waits at the node until the closure ends (for a closure that
 * does not end, the edge is unusable). Waiting keeps the network FIFO, so label-setting Dijkstra on
 * arrival times is exact. An edge open at the moment of entry is driven in full.
 */
import type { Closure, RoadGraph } from './graph.js';

/** Earliest time an edge can be entered by a vehicle arriving at `tMin`; Infinity when never. */
export function entryTime(closure: Closure | null, tMin: number): number {
  if (closure === null || tMin < closure.fromMin || tMin >= closure.toMin) return tMin;
  return closure.toMin; // Infinity for a closure without an end
}

/** Binary min-heap of (key, node) pairs. */
class MinHeap {
  private keys: number[] = [];
  private nodes: number[] = [];
  get size(): number { return this.keys.length; }
  push(key: number, node: number): void {
    const k = this.keys, n = this.nodes;
    let i = k.length;
    k.push(key); n.push(node);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (k[p]! <= key) break;
      k[i] = k[p]!; n[i] = n[p]!; i = p;
    }
    k[i] = key; n[i] = node;
  }
  pop(): [number, number] {
    const k = this.keys, n = this.nodes;
    const top: [number, number] = [k[0]!, n[0]!];
    const lastK = k.pop()!, lastN = n.pop()!;
    if (k.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i, mk = lastK;
        if (l < k.length && k[l]! < mk) { m = l; mk = k[l]!; }
        if (r < k.length && k[r]! < mk) { m = r; mk = k[r]!; }
        if (m === i) break;
        k[i] = k[m]!; n[i] = n[m]!; i = m;
      }
      k[i] = lastK; n[i] = lastN;
    }
    return top;
  }
}

/**
 * Earliest arrival time (min) at every node for vehicles leaving `sources` at `departMin`.
 * @param ignoreClosures true gives the dry network (no closures)
 * @returns Float64Array per node; Infinity where unreachable
 */
export function earliestArrival(graph: RoadGraph, sources: readonly number[], departMin: number, ignoreClosures = false): Float64Array {
  const arrival = new Float64Array(graph.nodeIds.length).fill(Infinity);
  const heap = new MinHeap();
  for (const s of sources) {
    if (departMin < arrival[s]!) { arrival[s] = departMin; heap.push(departMin, s); }
  }
  while (heap.size > 0) {
    const [t, u] = heap.pop();
    if (t > arrival[u]!) continue; // stale entry
    for (const e of graph.adjacency[u]!) {
      const v = graph.edgeFrom[e] === u ? graph.edgeTo[e]! : graph.edgeFrom[e]!;
      const enter = ignoreClosures ? t : entryTime(graph.edges[e]!.closure, t);
      const tv = enter + graph.edgeMinutes[e]!;
      if (tv < arrival[v]!) { arrival[v] = tv; heap.push(tv, v); }
    }
  }
  return arrival;
}

/**
 * Earliest arrival at a point part-way along edge `edge` (`fraction` of its length from its from node),
 * entering the edge from either end. The closure only applies from a side when the point lies at or
 * beyond the start of the deep stretch seen from that side (`closure.fromFraction` / `toFraction`).
 */
export function arrivalAtPoint(graph: RoadGraph, arrival: Float64Array, edge: number, fraction: number, ignoreClosures = false): number {
  const closure = ignoreClosures ? null : graph.edges[edge]!.closure;
  const minutes = graph.edgeMinutes[edge]!;
  const blockedFromStart = closure !== null && fraction >= (closure.fromFraction ?? 0);
  const blockedFromEnd = closure !== null && fraction <= (closure.toFraction ?? 1);
  const viaFrom = entryTime(blockedFromStart ? closure : null, arrival[graph.edgeFrom[edge]!]!) + fraction * minutes;
  const viaTo = entryTime(blockedFromEnd ? closure : null, arrival[graph.edgeTo[edge]!]!) + (1 - fraction) * minutes;
  return Math.min(viaFrom, viaTo);
}
