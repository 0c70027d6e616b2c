/**
 * Summaries of a run: the flood over time (from the depth frames) and the figures per neighbourhood
 * (buildings per vulnerability class, people affected).
 */
import type { Feature, Geometry, Position } from 'geojson';
import { polygonRings } from './footprints.js';
import { AFFECTED_FROM_RANK, FACADE_WATER_MIN_DEPTH_M, VULNERABILITY_CLASSES } from './vulnerability.js';

/** Depth above which a cell counts as flooded, m (Klimaateffectatlas: depths < 5 cm not shown). */
export const FLOODED_MIN_DEPTH_M = FACADE_WATER_MIN_DEPTH_M;

/** Area-wide figures of one depth frame. */
export interface FrameSummary {
  timeS: number;
  /** Largest depth, m. */
  maxDepthM: number;
  /** Area deeper than 5 cm, m². */
  floodedAreaM2: number;
  /** Water volume on the grid, m³. */
  storedVolumeM3: number;
}

/** Area-wide figures of a depth frame (cell area in m²). */
export function summariseFrame(timeS: number, depthM: ArrayLike<number>, cellAreaM2: number): FrameSummary {
  let maxDepthM = 0, flooded = 0, volume = 0;
  for (let i = 0; i < depthM.length; i++) {
    const d = depthM[i]!;
    if (d > maxDepthM) maxDepthM = d;
    if (d > FLOODED_MIN_DEPTH_M) flooded++;
    volume += d;
  }
  return { timeS, maxDepthM, floodedAreaM2: flooded * cellAreaM2, storedVolumeM3: volume * cellAreaM2 };
}

/** What the neighbourhood figures need of one building. */
export interface BuildingOutcome {
  buurt: string | null;
  rank: number;
  residents: number;
  residents75plus: number;
}

/** Figures of one neighbourhood. */
export interface BuurtFigures {
  code: string;
  /** Buildings per class, in rank order (VULNERABILITY_CLASSES). */
  buildingsPerClass: number[];
  /** Residents of buildings in class kwetsbaar or higher. */
  peopleAffected: number;
  /** Residents aged 75+ of those buildings. */
  people75plusAffected: number;
}

/** Sums buildings per class and people affected (class ≥ kwetsbaar) per buurt code, in `codes` order. */
export function buurtFigures(codes: readonly string[], buildings: readonly BuildingOutcome[]): BuurtFigures[] {
  const byCode = new Map<string, BuurtFigures>();
  for (const code of codes) byCode.set(code, { code, buildingsPerClass: VULNERABILITY_CLASSES.map(() => 0), peopleAffected: 0, people75plusAffected: 0 });
  for (const b of buildings) {
    const f = b.buurt === null ? undefined : byCode.get(b.buurt);
    if (!f) continue;
    f.buildingsPerClass[b.rank]!++;
    if (b.rank >= AFFECTED_FROM_RANK) {
      f.peopleAffected += b.residents;
      f.people75plusAffected += b.residents75plus;
    }
  }
  return codes.map((c) => byCode.get(c)!);
}

/** Even–odd point-in-polygon over all rings of a polygonal geometry. */
export function pointInGeometry(x: number, y: number, geometry: Geometry | null): boolean {
  let inside = false;
  for (const ring of polygonRings(geometry)) {
    for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
      const [xa, ya] = ring[a] as [number, number];
      const [xb, yb] = ring[b] as [number, number];
      if ((ya > y) !== (yb > y) && x < xa + ((y - ya) * (xb - xa)) / (yb - ya)) inside = !inside;
    }
  }
  return inside;
}

/** Area centroid of the first outer ring of a polygonal geometry (vertex mean when degenerate). */
export function centroidOf(geometry: Geometry | null): [number, number] | null {
  const ring: Position[] | undefined = polygonRings(geometry)[0];
  if (!ring || ring.length === 0) return null;
  let a = 0, cx = 0, cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    const cross = xj * yi - xi * yj;
    a += cross; cx += (xj + xi) * cross; cy += (yj + yi) * cross;
  }
  if (Math.abs(a) < 1e-12) {
    const n = ring.length;
    return [ring.reduce((s, p) => s + p[0]!, 0) / n, ring.reduce((s, p) => s + p[1]!, 0) / n];
  }
  return [cx / (3 * a), cy / (3 * a)];
}

/**
 * Buurt code of a building: its `buurt` attribute when it is a known code, else the buurt whose
 * polygon contains the footprint centroid, else null.
 */
export function buurtOf(building: Feature, buurten: readonly Feature[], codes: ReadonlySet<string>): string | null {
  const attr = building.properties?.buurt;
  if (typeof attr === 'string' && codes.has(attr)) return attr;
  const c = centroidOf(building.geometry);
  if (c === null) return null;
  const hit = buurten.find((u) => pointInGeometry(c[0], c[1], u.geometry));
  const code = hit?.properties?.code;
  return typeof code === 'string' ? code : null;
}
