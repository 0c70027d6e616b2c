import { describe, expect, it } from 'vitest';
import { closureOf } from '../src/adapters.js';
import { arrivalAtPoint, earliestArrival, entryTime } from '../src/dijkstra.js';
import { buildGraph, drivingMinutes, snapToGraph, type EdgeInput } from '../src/graph.js';
import { departureTimes, reachability, unreachableCounts } from '../src/reach.js';

/** A straight edge along x at y = 0 (or `y`), 30 km/h so 1 km takes 2 min. */
function edge(id: string, fromNode: string, toNode: string, x0: number, x1: number, closure: EdgeInput['closure'] = null, y = 0): EdgeInput {
  return { id, fromNode, toNode, coordinates: [[x0, y], [x1, y]], lengthM: Math.abs(x1 - x0), speedKmh: 30, closure };
}

/** Station at A (x = 0); street A–B 1 km, B–C 0.5 km (closed 10…40 min), C–E 0.2 km; a house beside C–E near E. */
function street(detourKm: number | null) {
  const edges = [edge('ab', 'A', 'B', 0, 1000), edge('bc', 'B', 'C', 1000, 1500, { fromMin: 10, toMin: 40 }), edge('ce', 'C', 'E', 1500, 1700)];
  if (detourKm !== null) {
    // B → D → C: a detour of detourKm in total (drawn off the street at y = 300).
    edges.push({ id: 'bd', fromNode: 'B', toNode: 'D', coordinates: [[1000, 0], [1000, 300]], lengthM: (detourKm * 1000) / 2, speedKmh: 30, closure: null });
    edges.push({ id: 'dc', fromNode: 'D', toNode: 'C', coordinates: [[1000, 300], [1500, 300]], lengthM: (detourKm * 1000) / 2, speedKmh: 30, closure: null });
  }
  const graph = buildGraph(edges);
  const house = snapToGraph(graph, 1690, -10)!;
  return { graph, house, station: graph.nodeIndex.get('A')! };
}

describe('time-dependent driving times', () => {
  it('driving minutes = length / speed', () => {
    expect(drivingMinutes(1000, 30)).toBeCloseTo(2, 12);
    expect(drivingMinutes(500, 50)).toBeCloseTo(0.6, 12);
  });

  it('an edge is entered at once when open, after the closure when closed, never when closed to the end', () => {
    const c = { fromMin: 10, toMin: 40 };
    expect(entryTime(null, 12)).toBe(12);
    expect(entryTime(c, 9.9)).toBe(9.9);
    expect(entryTime(c, 10)).toBe(40);
    expect(entryTime(c, 39.9)).toBe(40);
    expect(entryTime(c, 40)).toBe(40);
    expect(entryTime({ fromMin: 10, toMin: Infinity }, 50)).toBe(Infinity);
  });

  it('reads the wateroverlast roads contract', () => {
    expect(closureOf({ emergencyImpassableFromMin: null })).toBeNull();
    expect(closureOf({})).toBeNull();
    expect(closureOf({ emergencyImpassableFromMin: 16.4, emergencyImpassableToMin: 52.1, emergencyImpassableAtEnd: false })).toEqual({ fromMin: 16.4, toMin: 52.1 });
    expect(closureOf({ emergencyImpassableFromMin: 16.4, emergencyImpassableToMin: null, emergencyImpassableAtEnd: true })).toEqual({ fromMin: 16.4, toMin: Infinity });
  });

  it('snaps the house onto C–E near E', () => {
    const { graph, house } = street(null);
    expect(graph.edges[house.edge]!.id).toBe('ce');
    expect(house.fraction).toBeCloseTo(0.95, 12);
    expect(house.distanceM).toBeCloseTo(10, 12);
  });
});

describe('a road closed by water', () => {
  const departures = departureTimes(60, 5);
  const service = (station: number) => ({ id: 'brandweer', originNodes: [station], maxMinutes: 8 });

  it('makes the house behind it unreachable during the closure and reachable after', () => {
    const { graph, house, station } = street(null);
    const [r] = reachability(graph, service(station), [house], departures, 5);
    // Departure 0: B at 2 min, C at 3, house 0.95 · 0.4 min further: 3.38 min. Departure 10 … 30: B reached
    // while B–C is closed → wait until 40. Departure 35: B at 37, wait until 40, house at 41.38 → 6.38 min ≤ 8.
    expect(r!.dryMin).toBeCloseTo(3.38, 9);
    expect(r!.reachable).toEqual(departures.map((t) => !(t >= 10 && t <= 30)));
    expect(r).toMatchObject({ unreachableFromMin: 10, unreachableToMin: 35, unreachableMin: 25 });
    expect(r!.worstMin).toBeCloseTo(41.38 - 10, 9);
    expect(unreachableCounts([r!], departures.length)).toEqual(departures.map((t) => (t >= 10 && t <= 30 ? 1 : 0)));
    // Departure 5: B at 7, still open, driven in full.
    const a = earliestArrival(graph, [station], 5);
    expect(arrivalAtPoint(graph, a, house.edge, house.fraction)).toBeCloseTo(8.38, 9);
  });

  it('a detour within the target keeps it reachable; a detour beyond the target does not', () => {
    const short = street(2); // A→B 2 min + 4 min detour + 0.38 min = 6.38 min
    const [ok] = reachability(short.graph, service(short.station), [short.house], departures, 5);
    expect(ok!.reachable.every(Boolean)).toBe(true);
    expect(ok!.unreachableFromMin).toBeNull();
    expect(ok!.worstMin!).toBeGreaterThan(ok!.dryMin!);
    expect(ok!.worstMin!).toBeLessThanOrEqual(8);
    const long = street(4); // 2 + 8 + 0.38 min > 8
    const [no] = reachability(long.graph, service(long.station), [long.house], departures, 5);
    expect(no).toMatchObject({ unreachableFromMin: 10, unreachableToMin: 35 });
  });

  it('a closure that lasts to the end of the flood run keeps the house unreachable to the horizon', () => {
    const g = buildGraph([edge('ab', 'A', 'B', 0, 1000), edge('bc', 'B', 'C', 1000, 1500, { fromMin: 10, toMin: Infinity }), edge('ce', 'C', 'E', 1500, 1700)]);
    const house = snapToGraph(g, 1690, -10)!;
    const [r] = reachability(g, service(g.nodeIndex.get('A')!), [house], departures, 5);
    expect(r).toMatchObject({ unreachableFromMin: 10, unreachableToMin: null, unreachableMin: 55 });
    expect(r!.worstMin).toBe(Infinity);
  });
});

describe('a deep stretch in the middle of a closed edge', () => {
  it('houses before the stretch stay reachable from their side; houses in it are cut off', () => {
    // A–B 1 km, B–C 1 km closed 10…40 min only between 40 % and 60 % of its length; no way round.
    const g = buildGraph([edge('ab', 'A', 'B', 0, 1000), edge('bc', 'B', 'C', 1000, 2000, { fromMin: 10, toMin: 40, fromFraction: 0.4, toFraction: 0.6 })]);
    const before = snapToGraph(g, 1200, -10)!, inside = snapToGraph(g, 1500, -10)!, beyond = snapToGraph(g, 1800, -10)!;
    const departures = departureTimes(30, 5);
    const [b, i, c] = reachability(g, { id: 'brandweer', originNodes: [g.nodeIndex.get('A')!], maxMinutes: 8 }, [before, inside, beyond], departures, 5);
    expect(b!.unreachableFromMin).toBeNull(); // 2 + 0.4 min, no water on the way
    expect(i).toMatchObject({ unreachableFromMin: 10 });
    expect(c).toMatchObject({ unreachableFromMin: 10 }); // behind the water, no other way in
  });
});
