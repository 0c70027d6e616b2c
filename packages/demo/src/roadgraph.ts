/**
 * Road noding: split road polylines wherever they cross or touch, so every edge runs between two
 * graph nodes and routing over `fromNode`/`toNode` works.
 */
import type { Pt } from './geometry.js';
import { lineLength, roundCm, segmentIntersection } from './geometry.js';
import type { WayDraft } from './plan.js';

/** One edge of the road graph. */
export interface RoadEdge {
  way: WayDraft;
  pts: Pt[];
  fromNode: string;
  toNode: string;
  lengthM: number;
}

/** The noded network. */
export interface RoadGraph {
  edges: RoadEdge[];
  /** Node id → position (local metres). */
  nodes: Map<string, Pt>;
  /** Node id at a position (within 5 cm), or undefined. */
  nodeAt(p: Pt): string | undefined;
}

/** A split along a way: position `s` = segment index + fraction, and the exact shared point. */
interface Split {
  s: number;
  p: Pt;
}

/** Split points closer than this share one node (the piece between them is dropped), m. */
const SNAP_M = 0.05;
/** Cell size of the node hash, m (≥ SNAP_M). */
const SNAP_CELL_M = 0.1;

const key = (p: Pt): string => `${Math.round(p[0] * 100)},${Math.round(p[1] * 100)}`;

/** Node all ways into a graph. Deterministic: edges follow way order, nodes first appearance. */
export function buildRoadGraph(input: readonly WayDraft[]): RoadGraph {
  // Snap every vertex to the canonical centimetre grid first, so shared nodes coincide exactly.
  const ways = input.map((w) => ({ ...w, pts: w.pts.map((p): Pt => [roundCm(p[0]), roundCm(p[1])]) }));
  const splits: Split[][] = ways.map((w) => [
    { s: 0, p: w.pts[0] as Pt },
    { s: w.pts.length - 1, p: w.pts[w.pts.length - 1] as Pt },
  ]);
  for (let i = 0; i < ways.length; i++) {
    const wi = ways[i] as WayDraft;
    for (let j = i + 1; j < ways.length; j++) {
      const wj = ways[j] as WayDraft;
      for (let a = 1; a < wi.pts.length; a++) {
        const p1 = wi.pts[a - 1] as Pt;
        const p2 = wi.pts[a] as Pt;
        for (let b = 1; b < wj.pts.length; b++) {
          const q1 = wj.pts[b - 1] as Pt;
          const q2 = wj.pts[b] as Pt;
          if (Math.max(p1[0], p2[0]) < Math.min(q1[0], q2[0]) || Math.max(q1[0], q2[0]) < Math.min(p1[0], p2[0])) continue;
          if (Math.max(p1[1], p2[1]) < Math.min(q1[1], q2[1]) || Math.max(q1[1], q2[1]) < Math.min(p1[1], p2[1])) continue;
          const hit = segmentIntersection(p1, p2, q1, q2);
          if (!hit) continue;
          const p: Pt = [roundCm(p1[0] + hit[0] * (p2[0] - p1[0])), roundCm(p1[1] + hit[0] * (p2[1] - p1[1]))];
          (splits[i] as Split[]).push({ s: a - 1 + hit[0], p });
          (splits[j] as Split[]).push({ s: b - 1 + hit[1], p });
        }
      }
    }
  }
  const nodes = new Map<string, Pt>();
  // Spatial hash of nodes (cells of SNAP_CELL_M) so near-coincident splits share one node.
  const buckets = new Map<string, string[]>();
  const cell = (v: number): number => Math.floor(v / SNAP_CELL_M);
  const find = (p: Pt): string | undefined => {
    const [cx, cy] = [cell(p[0]), cell(p[1])];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const id of buckets.get(`${cx + dx},${cy + dy}`) ?? []) {
          const q = nodes.get(id) as Pt;
          if (Math.hypot(q[0] - p[0], q[1] - p[1]) <= SNAP_M) return id;
        }
      }
    }
    return undefined;
  };
  const nodeId = (p: Pt): string => {
    const found = find(p);
    if (found) return found;
    const id = `n${String(nodes.size + 1).padStart(5, '0')}`;
    nodes.set(id, p);
    const k = `${cell(p[0])},${cell(p[1])}`;
    buckets.set(k, [...(buckets.get(k) ?? []), id]);
    return id;
  };
  const edges: RoadEdge[] = [];
  ways.forEach((way, wi) => {
    const ss = (splits[wi] as Split[]).slice().sort((x, y) => x.s - y.s);
    const uniq: Split[] = [];
    for (const sp of ss) {
      const last = uniq[uniq.length - 1];
      if (!last || key(last.p) !== key(sp.p)) uniq.push(sp);
    }
    for (let k = 1; k < uniq.length; k++) {
      const from = uniq[k - 1] as Split;
      const to = uniq[k] as Split;
      const pts: Pt[] = [from.p];
      for (let v = Math.floor(from.s) + 1; v < to.s; v++) pts.push(way.pts[v] as Pt);
      pts.push(to.p);
      const fromNode = nodeId(from.p);
      const toNode = nodeId(to.p);
      if (fromNode === toNode) continue;
      // End vertices take the node's canonical position (first seen), identical for every edge.
      pts[0] = nodes.get(fromNode) as Pt;
      pts[pts.length - 1] = nodes.get(toNode) as Pt;
      edges.push({ way: input[wi] as WayDraft, pts, fromNode, toNode, lengthM: roundCm(lineLength(pts)) });
    }
  });
  return { edges, nodes, nodeAt: find };
}

/** Number of connected components of an edge list (by node ids). */
export function countComponents(edges: readonly { fromNode: string; toNode: string }[]): number {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    let c = x;
    while (c !== r) {
      const n = parent.get(c) as string;
      parent.set(c, r);
      c = n;
    }
    return r;
  };
  for (const e of edges) {
    if (!parent.has(e.fromNode)) parent.set(e.fromNode, e.fromNode);
    if (!parent.has(e.toNode)) parent.set(e.toNode, e.toNode);
    const a = find(e.fromNode);
    const b = find(e.toNode);
    if (a !== b) parent.set(a, b);
  }
  let n = 0;
  for (const [k, v] of parent) if (k === v) n++;
  return n;
}
