/**
 * The vector outputs of the app: buildings with their facade depth and vulnerability class, roads
 * with their passability over time (the contract with the bereikbaarheid app), and neighbourhoods
 * with buildings per class and people affected.
 */
import type { Feature } from 'geojson';
import { facadeMaxima, type GridFrame } from './footprints.js';
import { alongFractions, deepStretch, EMERGENCY_IMPASSABLE_DEPTH_M, impassability, maxOver, roadCells, TRAFFIC_IMPASSABLE_DEPTH_M, type Impassability } from './roads.js';
import { buurtFigures, buurtOf, type BuildingOutcome } from './stats.js';
import { thresholdOf, VULNERABILITY_CLASSES, vulnerabilityRank } from './vulnerability.js';

/** Depth rasters over time (the frames, then the final state): seconds since the start of the storm. */
export type DepthSamples = Array<{ timeS: number; depthM: ArrayLike<number> }>;

const MM_PER_M = 1000;
const SECONDS_PER_MINUTE = 60;
/** Rounds metres to millimetres (the outputs carry no false precision). */
const mm = (m: number): number => Math.round(m * MM_PER_M) / MM_PER_M;
/** Rounds minutes to 0.1 min. */
const minutes = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);

function numberOr0(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** Buildings as features with facade depth and class; outcomes for the neighbourhood figures. */
export function buildingFeatures(grid: GridFrame, labels: Int32Array, buildings: readonly Feature[], buurten: readonly Feature[], maxDepthM: ArrayLike<number>) {
  const facade = facadeMaxima(grid, labels, buildings.map((b) => b.geometry), maxDepthM);
  const codes = new Set(buurten.map((u) => u.properties?.code).filter((c): c is string => typeof c === 'string'));
  const outcomes: BuildingOutcome[] = [];
  let unresolved = 0, outsideBuurten = 0;
  const features = buildings.map((b, k): Feature => {
    const f = facade[k]!;
    const props = b.properties ?? {};
    const { thresholdM, assumed } = thresholdOf(props.thresholdM);
    const facadeDepthM = mm(f.maxValue);
    const rank = vulnerabilityRank(facadeDepthM, thresholdM);
    const buurt = buurtOf(b, buurten, codes);
    if (!f.footprintResolved) unresolved++;
    if (buurt === null) outsideBuurten++;
    outcomes.push({ buurt, rank, residents: numberOr0(props.residents), residents75plus: numberOr0(props.residents75plus) });
    const id = typeof props.id === 'string' ? props.id : b.id !== undefined ? String(b.id) : `building-${k + 1}`;
    return {
      type: 'Feature', id, geometry: b.geometry,
      properties: {
        ...props, id, buurt, facadeDepthM, thresholdM, thresholdAssumed: assumed,
        vulnerability: VULNERABILITY_CLASSES[rank], vulnerabilityRank: rank,
        facadeCells: f.facadeCells, footprintResolved: f.footprintResolved,
      },
    };
  });
  return { features, outcomes, unresolved, outsideBuurten };
}

function passability(prefix: 'traffic' | 'emergency', p: Impassability): Record<string, number | boolean | null> {
  return {
    [`${prefix}ImpassableMin`]: minutes(p.minutes),
    [`${prefix}ImpassableFromMin`]: minutes(p.fromMin),
    [`${prefix}ImpassableToMin`]: minutes(p.toMin),
    [`${prefix}ImpassableAtEnd`]: p.atEnd,
  };
}

/**
 * Roads with their maximum depth and passability. Contract with the bereikbaarheid app (per feature,
 * besides the input's own properties such as fromNode, toNode, lengthM, roadClass, motorVehicles):
 * `emergencyImpassableFromMin` (first minute > 0.30 m, null = never), `emergencyImpassableToMin`
 * (last minute it fell back to ≤ 0.30 m, null = never impassable or still impassable at the end),
 * `emergencyImpassableAtEnd`, `simulationEndMin`; the same with the prefix `traffic` for 0.15 m.
 * `emergencyImpassableFromFraction` / `…ToFraction`: the stretch of the edge (0 = first vertex =
 * fromNode, 1 = last vertex = toNode) whose maximum depth exceeded 0.30 m (null = none), so that a
 * building before the deep stretch can still be reached from its side.
 * A road is closed from its first to its last minute above the threshold (brief dips in between are
 * not reopenings).
 * @param blocked non-zero for cells that are not carriageway (buildings, nodata)
 */
export function roadFeatures(grid: GridFrame, roads: readonly Feature[], blocked: Uint8Array, maxDepthM: ArrayLike<number>, samples: DepthSamples): Feature[] {
  const timesS = samples.map((s) => s.timeS);
  const endMin = minutes((timesS.at(-1) ?? 0) / SECONDS_PER_MINUTE);
  return roads.map((road, k): Feature => {
    const props = road.properties ?? {};
    const widthM = typeof props.widthM === 'number' && props.widthM > 0 ? props.widthM : null;
    const cells = roadCells(grid, road.geometry, widthM, blocked);
    const series = samples.map((s) => maxOver(cells, s.depthM));
    const stretch = deepStretch(cells, alongFractions(grid, road.geometry, cells), maxDepthM, EMERGENCY_IMPASSABLE_DEPTH_M);
    const id = typeof props.id === 'string' ? props.id : road.id !== undefined ? String(road.id) : `road-${k + 1}`;
    return {
      type: 'Feature', id, geometry: road.geometry,
      properties: {
        ...props, id, maxDepthM: mm(maxOver(cells, maxDepthM)),
        ...passability('traffic', impassability(timesS, series, TRAFFIC_IMPASSABLE_DEPTH_M)),
        ...passability('emergency', impassability(timesS, series, EMERGENCY_IMPASSABLE_DEPTH_M)),
        emergencyImpassableFromFraction: stretch === null ? null : Math.round(stretch[0] * MM_PER_M) / MM_PER_M,
        emergencyImpassableToFraction: stretch === null ? null : Math.round(stretch[1] * MM_PER_M) / MM_PER_M,
        simulationEndMin: endMin, roadCells: cells.length,
      },
    };
  });
}

/** Property names of the per-class building counts, in rank order. */
export const CLASS_COUNT_KEYS = ['buildingsGeenWater', 'buildingsLichtKwetsbaar', 'buildingsKwetsbaar', 'buildingsZeerKwetsbaar', 'buildingsZeerHogeKwetsbaarheid'] as const;

/** Buurt polygons with buildings per class and people affected (class kwetsbaar or higher). */
export function neighbourhoodFeatures(buurten: readonly Feature[], outcomes: readonly BuildingOutcome[]): Feature[] {
  const codes = buurten.map((u) => String(u.properties?.code));
  const figures = buurtFigures(codes, outcomes);
  return buurten.map((u, k): Feature => {
    const f = figures[k]!;
    const counts = Object.fromEntries(CLASS_COUNT_KEYS.map((key, r) => [key, f.buildingsPerClass[r]!]));
    return {
      type: 'Feature', id: f.code, geometry: u.geometry,
      properties: {
        code: f.code, naam: u.properties?.naam ?? null, inwoners: u.properties?.inwoners ?? null,
        buildings: f.buildingsPerClass.reduce((s, n) => s + n, 0), ...counts,
        peopleAffected: f.peopleAffected, people75plusAffected: f.people75plusAffected,
      },
    };
  });
}
