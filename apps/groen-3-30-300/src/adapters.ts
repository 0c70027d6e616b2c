/** SDK inputs → model input (features → shapes and points), model results → SDK outputs. */
import type { Feature, FeatureCollection, Position } from 'geojson';
import type { VectorDatasetReader } from '@tweeling/sdk';
import { shapeFromGeometry, shapeFromRings, type Shape } from '@tweeling/sdk';
import type { BuildingIn, BuurtIn, GreenInput, GreenResult, HomeResult, ParkIn, TreeIn } from './model.js';
import type { RoadEdgeInput } from './network.js';

/** A tree added in the scenario (JSON input `extraTrees`). */
export interface ExtraTree {
  x: number;
  y: number;
  crownDiameterM: number;
}
/** A park added in the scenario (JSON input `extraParks`): one exterior ring in RD New. */
export interface ExtraPark {
  name?: string;
  ring: number[][];
}

/** Decimals kept in output distances (m) and fractions. */
const DIST_DECIMALS = 1;
const FRACTION_DECIMALS = 4;

/** Rounds to `d` decimals (stable, readable outputs). */
export function round(v: number, d: number): number {
  const f = 10 ** d;
  return Math.round(v * f) / f;
}

/** All features of a vector reader. */
export async function readAll(reader: VectorDatasetReader): Promise<Feature[]> {
  const out: Feature[] = [];
  for await (const f of reader.features()) out.push(f);
  return out;
}

const str = (v: unknown, fallback: string): string => (typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : fallback);
const featureId = (f: Feature, i: number, prefix: string): string => str(f.properties?.['id'] ?? f.id, `${prefix}${i + 1}`);

/** Polygon features → shapes with their feature, skipping features without a polygon geometry. */
function polygons(features: readonly Feature[]): { f: Feature; i: number; shape: Shape }[] {
  return features.flatMap((f, i) => {
    const shape = shapeFromGeometry(f.geometry);
    return shape ? [{ f, i, shape }] : [];
  });
}

/** Builds the model input from the raw layers plus the scenario additions. */
export function toModelInput(
  layers: { buildings: Feature[]; trees: Feature[]; roads: Feature[]; parks: Feature[]; water: Feature[]; buurten: Feature[] },
  homeUse: string,
  extraTrees: readonly ExtraTree[],
  extraParks: readonly ExtraPark[],
): { input: GreenInput; buildingFeatures: Feature[]; buurtFeatures: Feature[] } {
  const bs = polygons(layers.buildings);
  const buildings: BuildingIn[] = bs.map(({ f, i, shape }) => ({ id: featureId(f, i, 'b'), shape, isHome: f.properties?.['use'] === homeUse }));
  const trees: TreeIn[] = layers.trees.flatMap((f) => {
    if (f.geometry?.type !== 'Point') return [];
    const [x, y] = f.geometry.coordinates as [number, number];
    const d = f.properties?.['crownDiameterM'];
    return [{ x, y, crownDiameterM: typeof d === 'number' ? d : 0, added: false }];
  });
  for (const t of extraTrees) trees.push({ x: t.x, y: t.y, crownDiameterM: t.crownDiameterM, added: true });
  const roads: RoadEdgeInput[] = layers.roads.flatMap((f) => {
    const g = f.geometry;
    const lines: Position[][] = g?.type === 'LineString' ? [g.coordinates] : g?.type === 'MultiLineString' ? g.coordinates : [];
    const fromNode = typeof f.properties?.['fromNode'] === 'string' ? (f.properties['fromNode'] as string) : null;
    const toNode = typeof f.properties?.['toNode'] === 'string' ? (f.properties['toNode'] as string) : null;
    // Node ids name the ends of a single line; parts of a MultiLineString are joined by coordinates.
    return lines.map((coordinates) => (lines.length === 1 ? { fromNode, toNode, coordinates } : { coordinates }));
  });
  const parks: ParkIn[] = polygons(layers.parks).map(({ f, i, shape }) => ({ id: featureId(f, i, 'p'), shape, public: f.properties?.['public'] !== false }));
  extraParks.forEach((p, k) => {
    const shape = shapeFromRings([{ ring: p.ring, outer: true }]);
    if (shape) parks.push({ id: p.name ?? `scenario-park-${k + 1}`, shape, public: true });
  });
  const water = polygons(layers.water).map((w) => w.shape);
  const bz = polygons(layers.buurten);
  const buurten: BuurtIn[] = bz.map(({ f, i, shape }) => ({ code: str(f.properties?.['code'], `buurt-${i + 1}`), naam: str(f.properties?.['naam'], ''), shape }));
  return { input: { buildings, trees, roads, parks, water, buurten }, buildingFeatures: bs.map((b) => b.f), buurtFeatures: bz.map((b) => b.f) };
}

/** Properties of one home for the `homes` output, current and scenario. */
export function homeProperties(id: string, buurtCode: string | null, now: HomeResult, scenario: HomeResult, canopyNow: number | null, canopyScenario: number | null) {
  const dist = (d: number) => (Number.isFinite(d) ? round(d, DIST_DECIMALS) : null);
  return {
    id, buurt: buurtCode,
    treesInView: now.treesInView, passes3: now.passes3,
    canopyFractionBuurt: canopyNow === null ? null : round(canopyNow, FRACTION_DECIMALS), passes30: now.passes30,
    walkDistanceToParkM: dist(now.walkDistanceM), nearestPark: now.nearestParkId, passes300: now.passes300,
    rulesPassed: now.rulesPassed, passesAll: now.passesAll,
    treesInViewScenario: scenario.treesInView,
    canopyFractionBuurtScenario: canopyScenario === null ? null : round(canopyScenario, FRACTION_DECIMALS),
    walkDistanceToParkMScenario: dist(scenario.walkDistanceM),
    rulesPassedScenario: scenario.rulesPassed, passesAllScenario: scenario.passesAll,
    rulesGainedScenario: scenario.rulesPassed - now.rulesPassed,
  };
}

/** One row of the neighbourhood table, current and scenario. */
export function neighbourhoodRow(now: GreenResult, scenario: GreenResult, i: number) {
  const a = now.buurten[i], b = scenario.buurten[i];
  if (!a || !b) throw new Error(`no neighbourhood ${i}`);
  const share = (n: number, d: number) => (d > 0 ? round(n / d, FRACTION_DECIMALS) : null);
  return {
    code: a.code, naam: a.naam, areaM2: round(a.areaM2, 0), homes: a.homes,
    canopyFraction: round(a.canopyFraction, FRACTION_DECIMALS), passes30: a.passes30,
    shareHomesPassing3: share(a.homesPassing3, a.homes), shareHomesPassing300: share(a.homesPassing300, a.homes),
    shareHomesPassingAll: share(a.homesPassingAll, a.homes),
    canopyFractionScenario: round(b.canopyFraction, FRACTION_DECIMALS), passes30Scenario: b.passes30,
    shareHomesPassing3Scenario: share(b.homesPassing3, b.homes), shareHomesPassing300Scenario: share(b.homesPassing300, b.homes),
    shareHomesPassingAllScenario: share(b.homesPassingAll, b.homes),
  };
}

/** A feature collection of the given features with new properties (geometry kept). */
export function withProperties<P extends Record<string, unknown>>(features: readonly Feature[], props: readonly P[]): FeatureCollection {
  return { type: 'FeatureCollection', features: features.map((f, i) => ({ type: 'Feature', geometry: f.geometry, properties: props[i] ?? {} })) };
}
