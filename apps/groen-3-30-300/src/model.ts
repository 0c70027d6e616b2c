/**
 * The 3-30-300 rule (Konijnendijk 2021, 2023) for every home and neighbourhood: combines the three
 * kernels (trees in view, canopy cover, network distance to a park) on plain typed data. No I/O.
 */
import { burnCrowns, canopyPerZone, frameAround, rasteriseZones, type Frame } from './canopy.js';
import { densifyOuterRings, pointInShape, shapeAreaM2, shapeCentroid, type Shape } from '@tweeling/sdk';
import { GridIndex } from './grid-index.js';
import { buildNetwork, distanceToNearestSource, distancesFromSources, snapToNetwork, type RoadEdgeInput, type Source } from './network.js';
import { countTreesInView } from './trees-in-view.js';

/** Minimum park size, m²: 0.5 ha (Konijnendijk 2021, after WHO Europe 2016/2017 "at least 0.5–1 ha within 300 m"). */
export const DEFAULT_MIN_PARK_AREA_M2 = 5000;
/** Maximum walking distance to such a park, m (Konijnendijk 2021). */
export const RULE_300_MAX_WALK_M = 300;
/** Farthest a home centroid may lie from the network to be connected, m (our assumption: deep plots, courtyards). */
export const HOME_ACCESS_MAX_M = 150;
/** Farthest a park boundary point may lie from the network to count as an entrance, m (our assumption). */
export const PARK_ACCESS_MAX_M = 40;
/** Spacing of candidate entrance points along a park boundary, m. */
export const PARK_ACCESS_SPACING_M = 20;
/** Largest canopy raster, cells (guards memory: 1 byte + 4 bytes per cell). */
export const MAX_CANOPY_CELLS = 50_000_000;

/** A building footprint. */
export interface BuildingIn {
  id: string;
  shape: Shape;
  isHome: boolean;
}
/** A tree: trunk position, crown diameter, and whether it was added in the scenario. */
export interface TreeIn {
  x: number;
  y: number;
  crownDiameterM: number;
  added: boolean;
}
/** A park or public green space. */
export interface ParkIn {
  id: string;
  shape: Shape;
  public: boolean;
}
/** A neighbourhood (buurt). */
export interface BuurtIn {
  code: string;
  naam: string;
  shape: Shape;
}
/** Everything the model reads. */
export interface GreenInput {
  buildings: BuildingIn[];
  trees: TreeIn[];
  roads: RoadEdgeInput[];
  parks: ParkIn[];
  water: Shape[];
  buurten: BuurtIn[];
}
/** Thresholds of the rule (defaults in the manifest). */
export interface GreenParams {
  viewDistanceM: number;
  minTreesInView: number;
  canopyTargetFraction: number;
  canopyCellSizeM: number;
  maxWalkDistanceM: number;
  minParkAreaM2: number;
}

/** Result per home. */
export interface HomeResult {
  building: number;
  treesInView: number;
  passes3: boolean;
  /** Index into the neighbourhoods, −1 when the home lies in none. */
  buurt: number;
  passes30: boolean;
  /** Network distance to the nearest qualifying park, m; Infinity when none is reachable. */
  walkDistanceM: number;
  /** Id of that park, null when none is reachable. */
  nearestParkId: string | null;
  passes300: boolean;
  rulesPassed: number;
  passesAll: boolean;
}
/** Result per neighbourhood. */
export interface BuurtResult {
  code: string;
  naam: string;
  areaM2: number;
  canopyM2: number;
  canopyFraction: number;
  passes30: boolean;
  homes: number;
  homesPassing3: number;
  homesPassing300: number;
  homesPassingAll: number;
}
/** Everything the model produces. */
export interface GreenResult {
  homes: HomeResult[];
  buurten: BuurtResult[];
  /** Canopy raster: 0 none, 1 existing crowns, 2 crowns of added trees. */
  canopy: Uint8Array;
  frame: Frame;
  qualifyingParks: number;
}

function canopyFrame(buurten: readonly BuurtIn[], cellSizeM: number): Frame {
  if (buurten.length === 0) throw new Error('buurten: at least one neighbourhood polygon is needed for the 30 % rule');
  const b = buurten.reduce((acc, z) => ({
    minX: Math.min(acc.minX, z.shape.minX), minY: Math.min(acc.minY, z.shape.minY), maxX: Math.max(acc.maxX, z.shape.maxX), maxY: Math.max(acc.maxY, z.shape.maxY),
  }), { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity });
  const frame = frameAround(b.minX, b.minY, b.maxX, b.maxY, cellSizeM);
  if (frame.width * frame.height > MAX_CANOPY_CELLS) {
    throw new RangeError(`canopy raster of ${frame.width} × ${frame.height} cells is too large; use a larger canopyCellSizeM`);
  }
  return frame;
}

/** Rule 30: canopy raster and cover per neighbourhood. */
function canopyRule(input: GreenInput, p: GreenParams) {
  const frame = canopyFrame(input.buurten, p.canopyCellSizeM);
  const canopy = new Uint8Array(frame.width * frame.height);
  for (const added of [false, true]) {
    const ts = input.trees.filter((t) => t.added === added);
    burnCrowns(canopy, frame, ts.map((t) => t.x), ts.map((t) => t.y), ts.map((t) => t.crownDiameterM), added ? 2 : 1);
  }
  const zones = rasteriseZones(input.buurten.map((b) => b.shape), frame);
  return { frame, canopy, perZone: canopyPerZone(canopy, zones, input.buurten.length, p.canopyCellSizeM) };
}

/** Rule 300: network distance from every home to the nearest qualifying park. */
function parkRule(input: GreenInput, homes: readonly number[], p: GreenParams) {
  const net = buildNetwork(input.roads);
  const waterIndex = new GridIndex(input.water, 25);
  const parks = input.parks.filter((k) => k.public && shapeAreaM2(k.shape) >= p.minParkAreaM2);
  const sources: Source[] = [];
  parks.forEach((park, label) => {
    const pts = densifyOuterRings(park.shape, PARK_ACCESS_SPACING_M);
    for (let i = 0; i < pts.length; i += 2) {
      const snap = snapToNetwork(net, pts[i] as number, pts[i + 1] as number, PARK_ACCESS_MAX_M, input.water, waterIndex);
      if (snap) sources.push({ snap, label });
    }
  });
  const sd = distancesFromSources(net, sources);
  const result = homes.map((h) => {
    const [x, y] = shapeCentroid((input.buildings[h] as BuildingIn).shape);
    const snap = snapToNetwork(net, x, y, HOME_ACCESS_MAX_M, input.water, waterIndex);
    if (!snap) return { distM: Infinity, parkId: null };
    const { distM, label } = distanceToNearestSource(net, sd, snap);
    return { distM, parkId: label >= 0 ? (parks[label] as ParkIn).id : null };
  });
  return { result, qualifyingParks: parks.length };
}

/**
 * Evaluates the 3-30-300 rule for every home (building with `isHome`) and neighbourhood.
 *
 * @throws {Error} when there are no neighbourhoods; {@link RangeError} when the canopy raster would be too large
 * @example
 * const r = evaluateGreenRule(input, { viewDistanceM: 30, minTreesInView: 3, canopyTargetFraction: 0.3,
 *   canopyCellSizeM: 1, maxWalkDistanceM: 300, minParkAreaM2: 5000 });
 */
export function evaluateGreenRule(input: GreenInput, p: GreenParams, progress: (fraction: number, message: string) => void = () => {}): GreenResult {
  const homeIdx = input.buildings.flatMap((b, i) => (b.isHome ? [i] : []));
  progress(0.1, 'Bomen in zicht');
  const trees = { x: Float64Array.from(input.trees, (t) => t.x), y: Float64Array.from(input.trees, (t) => t.y) };
  const inView = countTreesInView(input.buildings.map((b) => b.shape), homeIdx, trees, p.viewDistanceM);
  progress(0.5, 'Kroonbedekking per buurt');
  const { frame, canopy, perZone } = canopyRule(input, p);
  progress(0.7, 'Loopafstand tot park');
  const park = parkRule(input, homeIdx, p);
  const homes: HomeResult[] = homeIdx.map((b, k) => {
    const [x, y] = shapeCentroid((input.buildings[b] as BuildingIn).shape);
    const buurt = input.buurten.findIndex((z) => pointInShape(z.shape, x, y));
    const treesInView = inView.counts[k] as number;
    const passes3 = treesInView >= p.minTreesInView;
    const passes30 = buurt >= 0 && (perZone[buurt]?.canopyFraction ?? 0) >= p.canopyTargetFraction;
    const { distM, parkId } = park.result[k] as { distM: number; parkId: string | null };
    const passes300 = distM <= p.maxWalkDistanceM;
    const rulesPassed = Number(passes3) + Number(passes30) + Number(passes300);
    return { building: b, treesInView, passes3, buurt, passes30, walkDistanceM: distM, nearestParkId: parkId, passes300, rulesPassed, passesAll: rulesPassed === 3 };
  });
  const buurten = input.buurten.map((z, i): BuurtResult => {
    const mine = homes.filter((h) => h.buurt === i);
    const zc = perZone[i] as { areaM2: number; canopyM2: number; canopyFraction: number };
    return {
      code: z.code, naam: z.naam, areaM2: zc.areaM2, canopyM2: zc.canopyM2, canopyFraction: zc.canopyFraction,
      passes30: zc.canopyFraction >= p.canopyTargetFraction, homes: mine.length,
      homesPassing3: mine.filter((h) => h.passes3).length, homesPassing300: mine.filter((h) => h.passes300).length,
      homesPassingAll: mine.filter((h) => h.passesAll).length,
    };
  });
  progress(0.9, 'Klaar');
  return { homes, buurten, canopy, frame, qualifyingParks: park.qualifyingParks };
}
