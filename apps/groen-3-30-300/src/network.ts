/**
 * Walking network for rule "300": a graph of road/path edges (polylines between nodes), snapping of
 * points onto the nearest edge point, and multi-source Dijkstra (Dijkstra 1959) with a binary heap.
 * Edge weights are the planar polyline lengths in metres. Every edge is walkable in both directions.
 */
import type { Position } from 'geojson';
import { closestOnSegment, segmentCrossesShape, type Shape } from '@tweeling/sdk';
import { GridIndex } from './grid-index.js';

/** One road edge as read from the data: node ids (optional) and the polyline. */
export interface RoadEdgeInput {
  fromNode?: string | null;
  toNode?: string | null;
  coordinates: readonly Position[];
}

/** The graph: nodes, edges with polylines and cumulative lengths, and adjacency. */
export interface Network {
  nodeCount: number;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeLengthM: Float64Array;
  /** Per edge: flat polyline `[x0, y0, …]` and cumulative length at each vertex, m. */
  edgeCoords: Float64Array[];
  edgeCum: Float64Array[];
  /** Per node: `[edge, other node]` pairs. */
  adjacency: number[][];
  /** Spatial index of edge bounding boxes. */
  index: GridIndex;
}

/** A point attached to the network: edge, distance along it from its `from` node, connector length. */
export interface Snap {
  edge: number;
  offsetM: number;
  connectorM: number;
}

/** Bucket size of the edge index, m. */
const EDGE_INDEX_CELL_M = 50;
/** Node key of an edge end without a node id: coordinates rounded to the cm (demo and BGT precision). */
const NODE_KEY_DECIMALS = 2;

/**
 * Builds the walking graph. Node ids come from `fromNode`/`toNode` where given, otherwise from the end
 * coordinates rounded to the cm, so a network without node ids is joined where edges meet end to end.
 * Edges with fewer than two vertices are skipped.
 */
export function buildNetwork(edges: readonly RoadEdgeInput[]): Network {
  const nodeIds = new Map<string, number>();
  const nodeOf = (id: string | null | undefined, p: Position): number => {
    const key = id ?? `@${(p[0] as number).toFixed(NODE_KEY_DECIMALS)},${(p[1] as number).toFixed(NODE_KEY_DECIMALS)}`;
    let n = nodeIds.get(key);
    if (n === undefined) {
      n = nodeIds.size;
      nodeIds.set(key, n);
    }
    return n;
  };
  const from: number[] = [], to: number[] = [], lengths: number[] = [], coords: Float64Array[] = [], cums: Float64Array[] = [];
  for (const e of edges) {
    if (e.coordinates.length < 2) continue;
    const flat = new Float64Array(e.coordinates.length * 2);
    const cum = new Float64Array(e.coordinates.length);
    e.coordinates.forEach((p, i) => {
      flat[2 * i] = p[0] as number;
      flat[2 * i + 1] = p[1] as number;
      if (i > 0) cum[i] = (cum[i - 1] as number) + Math.hypot((p[0] as number) - (flat[2 * i - 2] as number), (p[1] as number) - (flat[2 * i - 1] as number));
    });
    from.push(nodeOf(e.fromNode, e.coordinates[0] as Position));
    to.push(nodeOf(e.toNode, e.coordinates[e.coordinates.length - 1] as Position));
    lengths.push(cum[cum.length - 1] as number);
    coords.push(flat);
    cums.push(cum);
  }
  const adjacency: number[][] = Array.from({ length: nodeIds.size }, () => []);
  from.forEach((f, e) => {
    const t = to[e] as number;
    (adjacency[f] as number[]).push(e, t);
    (adjacency[t] as number[]).push(e, f);
  });
  const boxes = coords.map((c) => {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = 0; i < c.length; i += 2) {
      minX = Math.min(minX, c[i] as number); maxX = Math.max(maxX, c[i] as number);
      minY = Math.min(minY, c[i + 1] as number); maxY = Math.max(maxY, c[i + 1] as number);
    }
    return { minX, minY, maxX, maxY };
  });
  return {
    nodeCount: nodeIds.size, edgeFrom: Int32Array.from(from), edgeTo: Int32Array.from(to), edgeLengthM: Float64Array.from(lengths),
    edgeCoords: coords, edgeCum: cums, adjacency, index: new GridIndex(boxes, EDGE_INDEX_CELL_M),
  };
}

/** Nearest point of edge `e` to (x, y): offset along the edge, distance, and the point. */
function nearestOnEdge(net: Network, e: number, x: number, y: number): { offsetM: number; distM: number; px: number; py: number } {
  const c = net.edgeCoords[e] as Float64Array, cum = net.edgeCum[e] as Float64Array;
  let best = { offsetM: 0, d2: Infinity, px: 0, py: 0 };
  for (let i = 0; i + 3 < c.length; i += 2) {
    const ax = c[i] as number, ay = c[i + 1] as number, bx = c[i + 2] as number, by = c[i + 3] as number;
    const { t, d2 } = closestOnSegment(x, y, ax, ay, bx, by);
    if (d2 < best.d2) {
      const k = i / 2;
      best = { offsetM: (cum[k] as number) + t * ((cum[k + 1] as number) - (cum[k] as number)), d2, px: ax + t * (bx - ax), py: ay + t * (by - ay) };
    }
  }
  return { offsetM: best.offsetM, distM: Math.sqrt(best.d2), px: best.px, py: best.py };
}

/**
 * Attaches a point to the nearest edge point within `maxDistM` whose straight connector crosses none
 * of the `barriers` (water: a home does not "walk" across a canal to the path on the other bank).
 * Ties go to the lower edge index (deterministic). Null when no edge qualifies.
 */
export function snapToNetwork(net: Network, x: number, y: number, maxDistM: number, barriers: readonly Shape[] = [], barrierIndex?: GridIndex): Snap | null {
  const found: { edge: number; offsetM: number; distM: number; px: number; py: number }[] = [];
  net.index.query(x - maxDistM, y - maxDistM, x + maxDistM, y + maxDistM, (e) => {
    const n = nearestOnEdge(net, e, x, y);
    if (n.distM <= maxDistM) found.push({ edge: e, ...n });
  });
  found.sort((a, b) => a.distM - b.distM || a.edge - b.edge);
  for (const f of found) {
    if (!crossesAny(barriers, barrierIndex, x, y, f.px, f.py)) return { edge: f.edge, offsetM: f.offsetM, connectorM: f.distM };
  }
  return null;
}

/** Whether segment a→b crosses any barrier (through the index when given). */
function crossesAny(barriers: readonly Shape[], index: GridIndex | undefined, ax: number, ay: number, bx: number, by: number): boolean {
  let hit = false;
  const test = (b: number) => {
    if (!hit && segmentCrossesShape(barriers[b] as Shape, ax, ay, bx, by)) hit = true;
  };
  if (index) index.query(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by), test);
  else barriers.forEach((_, b) => test(b));
  return hit;
}

/** A source of the multi-source search: a snapped point, its own extra distance and a label. */
export interface Source {
  snap: Snap;
  label: number;
}

/** Shortest network distance from the nearest source to every node, and the label of that source. */
export interface SourceDistances {
  distM: Float64Array;
  label: Int32Array;
  /** Sources per edge, for targets on the same edge as a source. */
  sourcesByEdge: Map<number, Source[]>;
}

/**
 * Multi-source Dijkstra: every source seeds both end nodes of its edge with connector + distance
 * along the edge. Unreached nodes keep `Infinity` and label −1.
 */
export function distancesFromSources(net: Network, sources: readonly Source[]): SourceDistances {
  const distM = new Float64Array(net.nodeCount).fill(Infinity);
  const label = new Int32Array(net.nodeCount).fill(-1);
  const heap = new MinHeap();
  const sourcesByEdge = new Map<number, Source[]>();
  const relax = (node: number, d: number, l: number) => {
    if (d < (distM[node] as number) || (d === distM[node] && l < (label[node] as number))) {
      distM[node] = d;
      label[node] = l;
      heap.push(node, d);
    }
  };
  for (const s of sources) {
    const { edge, offsetM, connectorM } = s.snap;
    relax(net.edgeFrom[edge] as number, connectorM + offsetM, s.label);
    relax(net.edgeTo[edge] as number, connectorM + (net.edgeLengthM[edge] as number) - offsetM, s.label);
    const list = sourcesByEdge.get(edge);
    if (list) list.push(s);
    else sourcesByEdge.set(edge, [s]);
  }
  while (heap.size > 0) {
    const [node, d] = heap.pop();
    if (d > (distM[node] as number)) continue;
    const adj = net.adjacency[node] as number[];
    for (let k = 0; k < adj.length; k += 2) {
      const e = adj[k] as number, other = adj[k + 1] as number;
      relax(other, d + (net.edgeLengthM[e] as number), label[node] as number);
    }
  }
  return { distM, label, sourcesByEdge };
}

/**
 * Network distance from a snapped target to the nearest source, m, with that source's label;
 * `{ distM: Infinity, label: -1 }` when no source is reachable.
 */
export function distanceToNearestSource(net: Network, sd: SourceDistances, target: Snap): { distM: number; label: number } {
  const { edge, offsetM, connectorM } = target;
  const f = net.edgeFrom[edge] as number, t = net.edgeTo[edge] as number;
  let best = { distM: Infinity, label: -1 };
  const consider = (d: number, l: number) => {
    if (d < best.distM || (d === best.distM && l < best.label)) best = { distM: d, label: l };
  };
  consider((sd.distM[f] as number) + offsetM + connectorM, sd.label[f] as number);
  consider((sd.distM[t] as number) + (net.edgeLengthM[edge] as number) - offsetM + connectorM, sd.label[t] as number);
  for (const s of sd.sourcesByEdge.get(edge) ?? []) consider(Math.abs(s.snap.offsetM - offsetM) + s.snap.connectorM + connectorM, s.label);
  return best;
}

/** Binary min-heap of (node, key) pairs. */
class MinHeap {
  private nodes: number[] = [];
  private keys: number[] = [];
  get size(): number {
    return this.nodes.length;
  }
  push(node: number, key: number): void {
    this.nodes.push(node);
    this.keys.push(key);
    let i = this.nodes.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((this.keys[p] as number) <= key) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): [number, number] {
    const top: [number, number] = [this.nodes[0] as number, this.keys[0] as number];
    const lastNode = this.nodes.pop() as number, lastKey = this.keys.pop() as number;
    if (this.nodes.length > 0) {
      this.nodes[0] = lastNode;
      this.keys[0] = lastKey;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < this.nodes.length && (this.keys[l] as number) < (this.keys[m] as number)) m = l;
        if (r < this.nodes.length && (this.keys[r] as number) < (this.keys[m] as number)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
  private swap(a: number, b: number): void {
    [this.nodes[a], this.nodes[b]] = [this.nodes[b] as number, this.nodes[a] as number];
    [this.keys[a], this.keys[b]] = [this.keys[b] as number, this.keys[a] as number];
  }
}
