/**
 * From features to the graph model: road edges with speeds and closures (the contract with the
 * wateroverlast app's `roads` output), station nodes, building centroids.
 */
import type { Feature, Geometry, Position } from 'geojson';
import { buildGraph, polylineLengthM, snapToGraph, type Closure, type EdgeInput, type RoadGraph } from './graph.js';

/** Speeds per road class, km/h; `overig` for classes not listed. */
export interface SpeedsKmh {
  hoofdweg?: number;
  wijkontsluitingsweg?: number;
  woonstraat?: number;
  overig?: number;
}

/**
 * Default average driving speeds of an emergency vehicle, km/h: an assumption (urban roads with
 * signals, including slowing at junctions), to be calibrated with the safety region.
 */
export const DEFAULT_SPEEDS_KMH: Required<SpeedsKmh> = { hoofdweg: 50, wijkontsluitingsweg: 40, woonstraat: 25, overig: 20 };

function lineOf(geometry: Geometry | null): Position[] {
  if (geometry?.type === 'LineString') return geometry.coordinates;
  if (geometry?.type === 'MultiLineString') return geometry.coordinates.flat();
  return [];
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Closure of a road for emergency vehicles from the wateroverlast `roads` output:
 * `emergencyImpassableFromMin` null/absent → none; `emergencyImpassableToMin` null/absent or
 * `emergencyImpassableAtEnd` true → closed to the end (Infinity); `emergencyImpassableFromFraction`
 * and `…ToFraction` (0…1 along the edge from fromNode) → the deep stretch, else the whole edge.
 */
export function closureOf(props: Record<string, unknown>): Closure | null {
  const from = props.emergencyImpassableFromMin;
  if (!finite(from)) return null;
  const to = props.emergencyImpassableToMin;
  const closure: Closure = { fromMin: from, toMin: props.emergencyImpassableAtEnd === true || !finite(to) ? Infinity : to };
  const a = props.emergencyImpassableFromFraction, b = props.emergencyImpassableToFraction;
  if (finite(a) && finite(b) && a >= 0 && b <= 1 && a <= b) { closure.fromFraction = a; closure.toFraction = b; }
  return closure;
}

/** Whether any road carries the passability attributes of the wateroverlast output. */
export function hasPassability(roads: readonly Feature[]): boolean {
  return roads.some((r) => r.properties !== null && 'emergencyImpassableFromMin' in r.properties);
}

/**
 * Road graph of the edges driveable by motor vehicles (motorVehicles ≠ false), with speed per class.
 * @throws Error naming a road without fromNode/toNode
 */
export function roadGraph(roads: readonly Feature[], speeds: SpeedsKmh): RoadGraph {
  const edges: EdgeInput[] = [];
  roads.forEach((r, k) => {
    const p = r.properties ?? {};
    if (p.motorVehicles === false) return;
    const id = typeof p.id === 'string' ? p.id : r.id !== undefined ? String(r.id) : `road-${k + 1}`;
    if (typeof p.fromNode !== 'string' || typeof p.toNode !== 'string') throw new Error(`road ${id}: fromNode and toNode are required`);
    const coordinates = lineOf(r.geometry);
    if (coordinates.length < 2) return;
    const cls = typeof p.roadClass === 'string' ? p.roadClass : 'overig';
    const speedKmh = (speeds as Record<string, number | undefined>)[cls] ?? (DEFAULT_SPEEDS_KMH as Record<string, number | undefined>)[cls] ?? speeds.overig ?? DEFAULT_SPEEDS_KMH.overig;
    const lengthM = finite(p.lengthM) && p.lengthM > 0 ? p.lengthM : polylineLengthM(coordinates);
    edges.push({ id, fromNode: p.fromNode, toNode: p.toNode, coordinates, lengthM, speedKmh, closure: closureOf(p) });
  });
  return buildGraph(edges);
}

/** Graph node of a station: its `roadNodeId` when in the graph, else the nearer end of the nearest edge. */
export function stationNode(graph: RoadGraph, station: Feature): number | null {
  const nodeId = station.properties?.roadNodeId;
  if (typeof nodeId === 'string' && graph.nodeIndex.has(nodeId)) return graph.nodeIndex.get(nodeId)!;
  if (station.geometry?.type !== 'Point') return null;
  const [x, y] = station.geometry.coordinates as [number, number];
  const snap = snapToGraph(graph, x, y);
  if (snap === null) return null;
  return snap.fraction < 0.5 ? graph.edgeFrom[snap.edge]! : graph.edgeTo[snap.edge]!;
}

/** Area centroid of the first ring of a (multi)polygon; vertex mean when degenerate; null without rings. */
export function centroidOf(geometry: Geometry | null): [number, number] | null {
  const ring = geometry?.type === 'Polygon' ? geometry.coordinates[0] : geometry?.type === 'MultiPolygon' ? geometry.coordinates[0]?.[0] : undefined;
  if (!ring || ring.length === 0) return null;
  let a = 0, cx = 0, cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number], [xj, yj] = ring[j] as [number, number];
    const cross = xj * yi - xi * yj;
    a += cross; cx += (xj + xi) * cross; cy += (yj + yi) * cross;
  }
  if (Math.abs(a) < 1e-12) return [ring.reduce((s, p) => s + p[0]!, 0) / ring.length, ring.reduce((s, p) => s + p[1]!, 0) / ring.length];
  return [cx / (3 * a), cy / (3 * a)];
}

/** Even–odd point in the rings of a (multi)polygon. */
export function pointIn(x: number, y: number, geometry: Geometry | null): boolean {
  const rings = geometry?.type === 'Polygon' ? geometry.coordinates : geometry?.type === 'MultiPolygon' ? geometry.coordinates.flat() : [];
  let inside = false;
  for (const ring of rings) {
    for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
      const [xa, ya] = ring[a] as [number, number], [xb, yb] = ring[b] as [number, number];
      if ((ya > y) !== (yb > y) && x < xa + ((y - ya) * (xb - xa)) / (yb - ya)) inside = !inside;
    }
  }
  return inside;
}
