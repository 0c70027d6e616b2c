/**
 * Scenario inputs of the app: the `measures` FeatureCollection and `unitCosts` overrides → the model's
 * {@link Measure} list and {@link UnitCosts}; plus a deterministic generator of tree-planting measures
 * along walking routes (the demo scenario "200 trees along walking routes").
 */
import type { Feature, FeatureCollection, Geometry, LineString, MultiLineString, MultiPoint, Point, Position } from 'geojson';
import { HittestressError } from './errors.js';
import type { AreaMeasure, Measure, TreeMeasure, UnitCosts } from './measures.js';
import { DEFAULT_UNIT_COSTS } from './measures.js';
import { geometryBounds } from './rasterise.js';
import type { TreeClass } from './surface.js';
import { WALKING_ROAD_CLASSES } from './adapters.js';

/** The `unitCosts` input: overrides of the default unit costs, € (per tree or per m²). */
export interface UnitCostInput {
  treeSmallEur?: number;
  treeMediumEur?: number;
  treeLargeEur?: number;
  greenRoofEurPerM2?: number;
  depaveEurPerM2?: number;
  waterEurPerM2?: number;
  shadeSailEurPerM2?: number;
}

/** Merges the `unitCosts` input into the model's unit costs (defaults for what is not given). */
export function unitCostsFromInput(input: UnitCostInput | undefined): UnitCosts {
  const d = DEFAULT_UNIT_COSTS;
  const i = input ?? {};
  return {
    treeEur: { small: i.treeSmallEur ?? d.treeEur.small, medium: i.treeMediumEur ?? d.treeEur.medium, large: i.treeLargeEur ?? d.treeEur.large },
    greenRoofEurPerM2: i.greenRoofEurPerM2 ?? d.greenRoofEurPerM2,
    depaveEurPerM2: i.depaveEurPerM2 ?? d.depaveEurPerM2,
    waterEurPerM2: i.waterEurPerM2 ?? d.waterEurPerM2,
    shadeSailEurPerM2: i.shadeSailEurPerM2 ?? d.shadeSailEurPerM2,
  };
}

const TREE_GEOMETRIES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString'];
const AREA_GEOMETRIES = ['Polygon', 'MultiPolygon'];
const MAX_LONLAT_DEG = 180;

/** A clearer message when someone sends WGS84 degrees instead of RD metres. */
function assertRdCoordinates(g: Geometry, id: string): void {
  const [minX, minY, maxX, maxY] = geometryBounds(g);
  if (Math.max(Math.abs(minX), Math.abs(maxX), Math.abs(minY), Math.abs(maxY)) <= MAX_LONLAT_DEG) {
    throw new HittestressError('OUTSIDE_GRID', `Measure ${id} has coordinates like longitude/latitude (${minX.toFixed(4)}, ${minY.toFixed(4)}): ` +
      'measures must be in RD New (EPSG:28992, metres), so it lies outside the study area.');
  }
}

/**
 * The `measures` input (GeoJSON FeatureCollection, RD New, `properties.measure` per feature) as model
 * measures. Geometry must suit the kind: points/lines for trees, polygons for area measures.
 *
 * @throws HittestressError `INVALID_INPUT` for a mismatched geometry; `OUTSIDE_GRID` for lon/lat coordinates.
 */
export function measuresFromInput(fc: FeatureCollection | undefined): Measure[] {
  if (!fc) return [];
  return fc.features.map((f: Feature, k) => {
    const p = f.properties ?? {};
    const id = typeof p.id === 'string' && p.id.length > 0 ? p.id : `${k + 1}`;
    const kind = String(p.measure);
    const g = f.geometry;
    if (!g) throw new HittestressError('INVALID_INPUT', `Measure ${id} has no geometry.`);
    assertRdCoordinates(g, id);
    if (kind === 'trees') {
      if (!TREE_GEOMETRIES.includes(g.type)) throw new HittestressError('INVALID_INPUT', `Measure ${id} (trees) needs points or lines, not a ${g.type}.`);
      const m: TreeMeasure = { kind: 'trees', id, geometry: g as Point | MultiPoint | LineString | MultiLineString };
      if (typeof p.treeClass === 'string') m.treeClass = p.treeClass as TreeClass;
      if (typeof p.spacingM === 'number') m.spacingM = p.spacingM;
      if (typeof p.unitCostEur === 'number') m.unitCostEur = p.unitCostEur;
      return m;
    }
    if (kind === 'green-roof' || kind === 'depave' || kind === 'water' || kind === 'shade-sail') {
      if (!AREA_GEOMETRIES.includes(g.type)) throw new HittestressError('INVALID_INPUT', `Measure ${id} (${kind}) needs a polygon, not a ${g.type}.`);
      const m: AreaMeasure = { kind, id, geometry: g as AreaMeasure['geometry'] };
      if (typeof p.unitCostEurPerM2 === 'number') m.unitCostEurPerM2 = p.unitCostEurPerM2;
      if (typeof p.heightM === 'number') m.heightM = p.heightM;
      if (typeof p.transmissivity === 'number') m.transmissivity = p.transmissivity;
      return m;
    }
    throw new HittestressError('INVALID_INPUT', `Measure ${id}: unknown measure "${kind}" (trees, green-roof, depave, water, shade-sail).`);
  });
}

/** Options of {@link treesAlongWalkingRoutes}. */
export interface TreesAlongRoutesOptions {
  /** Number of trees wanted; default 200. */
  count?: number;
  /** Distance between candidate positions along a route, m; default 10. */
  candidateSpacingM?: number;
  /** Distance from the route edge to the trunk, m; default 1. */
  edgeOffsetM?: number;
  /** Size class; default `medium`. */
  treeClass?: TreeClass;
  /** Whether a tree may be planted at RD (x, y) (e.g. not on a building, water or under an existing crown); default: everywhere. */
  isPlantable?: (xM: number, yM: number) => boolean;
  /** Measure id; default `bomen-looproutes`. */
  id?: string;
}

/** Candidate trunk positions beside one route line: every `spacing` m, alternating left and right of the line at `offset` m. */
function candidatesBeside(line: Position[], spacingM: number, offsetM: number, out: Array<[number, number]>): void {
  let next = spacingM / 2;
  let walked = 0;
  let side = 1;
  for (let k = 0; k + 1 < line.length; k++) {
    const ax = line[k]?.[0] as number, ay = line[k]?.[1] as number;
    const bx = line[k + 1]?.[0] as number, by = line[k + 1]?.[1] as number;
    const len = Math.hypot(bx - ax, by - ay);
    if (len === 0) continue;
    const nx = -(by - ay) / len, ny = (bx - ax) / len;
    while (next <= walked + len) {
      const t = (next - walked) / len;
      out.push([ax + t * (bx - ax) + side * offsetM * nx, ay + t * (by - ay) + side * offsetM * ny]);
      side = -side;
      next += spacingM;
    }
    walked += len;
  }
}

/**
 * A tree-planting measure along walking routes: candidate positions beside every cycle path, footpath
 * and residential street (in the order of the features, alternating sides, just outside the route's
 * width), filtered by `isPlantable`, then `count` of them taken evenly spread over the candidates.
 * Deterministic: the same roads and options give the same trees.
 *
 * @returns A FeatureCollection with one `trees` measure (a MultiPoint) for the `measures` input.
 * @throws HittestressError `INVALID_INPUT` when fewer plantable positions than `count` exist.
 */
export function treesAlongWalkingRoutes(roads: FeatureCollection, opts: TreesAlongRoutesOptions = {}): FeatureCollection {
  const count = opts.count ?? 200;
  const spacing = opts.candidateSpacingM ?? 10;
  const edge = opts.edgeOffsetM ?? 1;
  const candidates: Array<[number, number]> = [];
  for (const f of roads.features) {
    const p = f.properties ?? {};
    if (!WALKING_ROAD_CLASSES.includes(String(p.roadClass))) continue;
    const g = f.geometry;
    const lines = g?.type === 'LineString' ? [g.coordinates] : g?.type === 'MultiLineString' ? g.coordinates : [];
    const halfWidth = (typeof p.widthM === 'number' ? p.widthM / 2 : 0) + (typeof p.sidewalkM === 'number' ? p.sidewalkM : 0);
    for (const line of lines) candidatesBeside(line, spacing, halfWidth + edge, candidates);
  }
  const ok = opts.isPlantable ? candidates.filter(([x, y]) => (opts.isPlantable as (x: number, y: number) => boolean)(x, y)) : candidates;
  if (ok.length < count) throw new HittestressError('INVALID_INPUT', `Only ${ok.length} plantable positions along walking routes, ${count} asked.`);
  const step = ok.length / count;
  const points: Position[] = [];
  for (let k = 0; k < count; k++) points.push(ok[Math.floor(k * step)] as [number, number]);
  return {
    type: 'FeatureCollection',
    features: [{
      type: 'Feature',
      properties: { measure: 'trees', id: opts.id ?? 'bomen-looproutes', treeClass: opts.treeClass ?? 'medium' },
      geometry: { type: 'MultiPoint', coordinates: points },
    }],
  };
}
