/**
 * The road graph for emergency vehicles: edges (polylines between nodes) with a driving time and an
 * optional closure interval, and snapping of points (buildings, facilities) onto the nearest edge.
 */
import type { Position } from 'geojson';

/** A closure of an edge for emergency vehicles, minutes since the start of the storm: [fromMin, toMin). */
export interface Closure {
  fromMin: number;
  /** End of the closure; Infinity when the road is still impassable at the end of the flood run. */
  toMin: number;
  /**
   * Where along the edge the water is too deep (0 = from node, 1 = to node); default the whole edge.
   * A point before the stretch can be reached from its own side while the edge is closed.
   */
  fromFraction?: number;
  toFraction?: number;
}

/** One road edge as the graph needs it. */
export interface EdgeInput {
  id: string;
  fromNode: string;
  toNode: string;
  /** Polyline in a projected CRS, m. */
  coordinates: readonly Position[];
  /** Length, m (from the data, else the polyline length). */
  lengthM: number;
  /** Driving speed, km/h (> 0). */
  speedKmh: number;
  /** When the edge is impassable for emergency vehicles; null = always open. */
  closure: Closure | null;
}

/** The graph: node index, per-edge arrays and adjacency. */
export interface RoadGraph {
  nodeIds: string[];
  nodeIndex: Map<string, number>;
  edges: EdgeInput[];
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  /** Driving time of the whole edge, min. */
  edgeMinutes: Float64Array;
  /** Per node: edge indices touching it (edges are driveable both ways). */
  adjacency: number[][];
}

const METRES_PER_KM = 1000;
const MINUTES_PER_HOUR = 60;

/** Driving time of `lengthM` metres at `speedKmh`, min. */
export function drivingMinutes(lengthM: number, speedKmh: number): number {
  return (lengthM / (speedKmh * METRES_PER_KM)) * MINUTES_PER_HOUR;
}

/** Polyline length, m. */
export function polylineLengthM(coordinates: readonly Position[]): number {
  let sum = 0;
  for (let k = 1; k < coordinates.length; k++) sum += Math.hypot(coordinates[k]![0]! - coordinates[k - 1]![0]!, coordinates[k]![1]! - coordinates[k - 1]![1]!);
  return sum;
}

/**
 * Builds the graph; every edge is driveable in both directions.
 * @throws Error when an edge has a non-positive speed
 */
export function buildGraph(edges: readonly EdgeInput[]): RoadGraph {
  const nodeIndex = new Map<string, number>();
  const nodeIds: string[] = [];
  const node = (id: string): number => {
    let n = nodeIndex.get(id);
    if (n === undefined) { n = nodeIds.length; nodeIndex.set(id, n); nodeIds.push(id); }
    return n;
  };
  const edgeFrom = new Int32Array(edges.length), edgeTo = new Int32Array(edges.length), edgeMinutes = new Float64Array(edges.length);
  edges.forEach((e, k) => {
    if (!(e.speedKmh > 0)) throw new Error(`road ${e.id}: speed must be > 0 km/h, got ${e.speedKmh}`);
    edgeFrom[k] = node(e.fromNode);
    edgeTo[k] = node(e.toNode);
    edgeMinutes[k] = drivingMinutes(e.lengthM, e.speedKmh);
  });
  const adjacency: number[][] = nodeIds.map(() => []);
  edges.forEach((_, k) => {
    adjacency[edgeFrom[k]!]!.push(k);
    if (edgeTo[k] !== edgeFrom[k]) adjacency[edgeTo[k]!]!.push(k);
  });
  return { nodeIds, nodeIndex, edges: [...edges], edgeFrom, edgeTo, edgeMinutes, adjacency };
}

/** A point attached to an edge: the fraction of the edge's length from its `from` node, and the distance to it. */
export interface Snap {
  edge: number;
  /** 0 at the from node, 1 at the to node. */
  fraction: number;
  /** Straight distance from the point to the edge, m. */
  distanceM: number;
}

/**
 * Nearest point on any edge (by straight distance to the polylines).
 * @returns null for an empty graph
 */
export function snapToGraph(graph: RoadGraph, x: number, y: number): Snap | null {
  let best: Snap | null = null;
  graph.edges.forEach((e, k) => {
    const c = e.coordinates;
    const total = polylineLengthM(c);
    let along = 0;
    for (let s = 1; s < c.length; s++) {
      const ax = c[s - 1]![0]!, ay = c[s - 1]![1]!, bx = c[s]![0]!, by = c[s]![1]!;
      const dx = bx - ax, dy = by - ay, len = Math.hypot(dx, dy);
      const t = len > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (len * len))) : 0;
      const d = Math.hypot(ax + t * dx - x, ay + t * dy - y);
      if (best === null || d < best.distanceM) best = { edge: k, fraction: total > 0 ? (along + t * len) / total : 0, distanceM: d };
      along += len;
    }
  });
  return best;
}
