/** `createDemoArea`: build the plan, rasterise it, and assemble the GeoJSON layers in RD New. */
import type { Feature, LineString, Point, Polygon } from 'geojson';
import { buildingAttributes } from './attributes.js';
import { buildDem, rasterizePlan, WATER_LEVEL_M } from './dem.js';
import type { Pt } from './geometry.js';
import { rectRing, ringArea, ringCentroid, roundCm } from './geometry.js';
import { buildPlan } from './layout.js';
import { LandUse } from './landuse.js';
import { Rng } from './prng.js';
import { buildRoadGraph } from './roadgraph.js';
import { buildSoil } from './soil.js';
import type { DemoArea, DemoAreaOptions, DemoLayer, LayerMeta, RoadClass } from './types.js';
import { SYNTHETIC_LABEL, SYNTHETIC_LABEL_EN } from './types.js';

/** Default PRNG seed. */
export const DEFAULT_SEED = 20240701;
/** Default side of the area, m. */
export const DEFAULT_SIZE_M = 1000;
/** Centre of the area in RD New (Almere-like location), m. */
export const CENTRE_RD: Readonly<[number, number]> = [141000, 486000];
/** Owner organisation of the demo data. */
export const DEMO_OWNER = 'Gemeente Almere (demo)';
/** Generator name and version (part of every layer's `source`). */
export const GENERATOR = '@tweeling/demo 0.1.0';

const MIN_SIZE_M = 600;
const MAX_SIZE_M = 4000;
const SPEED_KMH: Readonly<Record<RoadClass, number>> = { hoofdweg: 50, wijkontsluitingsweg: 50, woonstraat: 30, fietspad: 0, voetpad: 0 };

/** Target number of buildings per km² (the density is calibrated to it). */
export const TARGET_BUILDINGS_PER_KM2 = 1500;
/** Accepted relative deviation from the target before trying another band depth. */
const COUNT_TOLERANCE = 0.03;
/** Band-depth scales tried in order. */
const BAND_SCALES = [1, 0.95, 1.05, 0.9, 1.1, 0.85, 1.15, 0.8, 1.2];

/**
 * The plan whose building count is closest to `TARGET_BUILDINGS_PER_KM2`: the number of street
 * bands is discrete, so a few band depths are tried (each a pure function of the seed).
 */
function calibratedPlan(seed: number, size: number): ReturnType<typeof buildPlan> {
  const target = (TARGET_BUILDINGS_PER_KM2 * size * size) / 1e6;
  let best: ReturnType<typeof buildPlan> | undefined;
  let bestErr = Infinity;
  for (const scale of BAND_SCALES) {
    const candidate = buildPlan(new Rng(seed).fork('layout'), size, scale);
    const err = Math.abs(candidate.plan.buildings.length - target) / target;
    if (err < bestErr) [best, bestErr] = [candidate, err];
    if (err <= COUNT_TOLERANCE) break;
  }
  return best as ReturnType<typeof buildPlan>;
}

/** Create the deterministic synthetic demo district. Same options → identical output. */
export function createDemoArea(options: DemoAreaOptions = {}): DemoArea {
  const seed = options.seed ?? DEFAULT_SEED;
  const size = options.size ?? DEFAULT_SIZE_M;
  const cellSize = options.cellSize ?? 1;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!(size >= MIN_SIZE_M && size <= MAX_SIZE_M)) throw new RangeError(`size must be ${MIN_SIZE_M}..${MAX_SIZE_M} m, got ${size}`);
  if (!(cellSize > 0) || Math.abs(size / cellSize - Math.round(size / cellSize)) > 1e-9 || size / cellSize > 8000) {
    throw new RangeError(`size/cellSize must be a whole number of at most 8000 cells, got ${size}/${cellSize}`);
  }
  const rng = new Rng(seed);
  const { plan, buurten } = calibratedPlan(seed, size);
  const graph = buildRoadGraph(plan.ways);
  const canvas = rasterizePlan(plan, cellSize);
  const { dem: demData, depressions } = buildDem(plan, canvas, rng.fork('dem'));
  const x0 = CENTRE_RD[0] - size / 2;
  const y0 = CENTRE_RD[1] - size / 2;
  const rd = (p: Pt): [number, number] => [roundCm(x0 + p[0]), roundCm(y0 + p[1])];
  const rdRing = (ring: readonly Pt[]): [number, number][] => ring.map(rd);
  const source = `${GENERATOR}, seed ${seed}, size ${size} m`;
  const meta = (name: string, description: string): LayerMeta => ({
    synthetic: true,
    label: SYNTHETIC_LABEL,
    labelEn: SYNTHETIC_LABEL_EN,
    name,
    description,
    crs: 'EPSG:28992',
    owner: DEMO_OWNER,
    licence: 'CC0-1.0',
    source,
  });
  const layer = <G extends Polygon | LineString | Point, P>(name: string, description: string, features: Feature<G, P>[]): DemoLayer<G, P> => ({
    type: 'FeatureCollection',
    meta: meta(name, description),
    features,
  });
  const poly = (ring: readonly Pt[]): Polygon => ({ type: 'Polygon', coordinates: [rdRing(ring)] });
  const demAt = (p: Pt): number => {
    const c = Math.min(canvas.w - 1, Math.max(0, canvas.col(p[0])));
    const r = Math.min(canvas.h - 1, Math.max(0, canvas.row(p[1])));
    return demData[r * canvas.w + c] as number;
  };

  const attrs = buildingAttributes(rng.fork('buildings'), plan.buildings, buurten);
  const buildings = layer(
    'buildings',
    'Building footprints with use, height, floors, entrance threshold, residents and 75+',
    plan.buildings.map((b, i) => {
      const props = { ...(attrs[i] as (typeof attrs)[number]), groundLevelM: Math.round(demAt(ringCentroid(b.ring)) * 1000) / 1000 };
      return { type: 'Feature' as const, id: props.id, geometry: poly(b.ring), properties: props };
    }),
  );
  const roads = layer(
    'roads',
    'Road graph edges (LineString between two nodes) with class, width and curb height',
    graph.edges.map((e, i) => {
      const id = `r${String(i + 1).padStart(5, '0')}`;
      const cls = e.way.roadClass;
      return {
        type: 'Feature' as const,
        id,
        geometry: { type: 'LineString' as const, coordinates: e.pts.map(rd) },
        properties: {
          id,
          name: e.way.name,
          roadClass: cls,
          widthM: e.way.widthM,
          sidewalkM: e.way.sidewalkM,
          curbHeightM: e.way.curbHeightM,
          fromNode: e.fromNode,
          toNode: e.toNode,
          lengthM: e.lengthM,
          motorVehicles: cls === 'hoofdweg' || cls === 'wijkontsluitingsweg' || cls === 'woonstraat',
          maxSpeedKmh: SPEED_KMH[cls],
        },
      };
    }),
  );
  // Trees only where a tree can stand: not on a carriageway, building or water, inside the area.
  const lu = canvas.landUse;
  const treeDrafts = plan.trees.filter((t) => {
    const c = canvas.col(t.p[0]);
    const r = canvas.row(t.p[1]);
    if (c < 0 || r < 0 || c >= canvas.w || r >= canvas.h) return false;
    const code = lu[r * canvas.w + c];
    return code !== LandUse.rijbaan && code !== LandUse.gebouw && code !== LandUse.water;
  });
  const trees = layer(
    'trees',
    'Trees with genus, size class, height (null = unknown) and crown diameter',
    treeDrafts.map(({ p, ...t }, i) => {
      const id = `t${String(i + 1).padStart(5, '0')}`;
      return { type: 'Feature' as const, id, geometry: { type: 'Point' as const, coordinates: rd(p) }, properties: { id, ...t } };
    }),
  );
  const parks = layer(
    'parks',
    'Public green spaces (parks, playgrounds, green strips, playing fields)',
    plan.parks.map((p, i) => {
      const id = `p${String(i + 1).padStart(3, '0')}`;
      return { type: 'Feature' as const, id, geometry: poly(p.ring), properties: { id, name: p.name, kind: p.kind, areaM2: Math.round(ringArea(p.ring)), public: true } };
    }),
  );
  const water = layer(
    'water',
    'Open water (canal parts and ponds) at the target level',
    plan.water.map((w, i) => {
      const id = `w${String(i + 1).padStart(2, '0')}`;
      return { type: 'Feature' as const, id, geometry: poly(w.ring), properties: { id, name: w.name, kind: w.kind, waterLevelM: WATER_LEVEL_M, depthM: w.depthM, areaM2: Math.round(ringArea(w.ring)) } };
    }),
  );
  const soil = layer(
    'soil',
    'Soil classes with groundwater levels (GHG/GLG below surface), seepage and subsidence sensitivity',
    buildSoil(rng.fork('soil'), size).map((s) => ({ type: 'Feature' as const, id: s.props.id, geometry: poly(s.ring), properties: s.props })),
  );
  const facilities = layer(
    'facilities',
    'Emergency services (fire station, hospital) on the road graph',
    plan.anchors.map((a, i) => {
      const id = `f${i + 1}`;
      const node = graph.nodeAt(a.p);
      if (!node) throw new Error(`facility ${a.key} is not on a road node`);
      const building = buildings.features[a.buildingIndex];
      if (!building) throw new Error(`facility ${a.key} has no building`);
      return {
        type: 'Feature' as const,
        id,
        geometry: { type: 'Point' as const, coordinates: rd(a.p) },
        properties: { id, kind: a.key, name: a.name, roadNodeId: node, buildingId: building.properties.id },
      };
    }),
  );
  const buurtLayer = layer(
    'buurten',
    'Neighbourhoods with residents and share of 75+ (totals of the buildings)',
    buurten.map((u) => {
      let inwoners = 0;
      let old = 0;
      let woningen = 0;
      for (const b of buildings.features) {
        if (b.properties.buurt !== u.code) continue;
        inwoners += b.properties.residents;
        old += b.properties.residents75plus;
        woningen += b.properties.dwellings;
      }
      const ring = rectRing(u.rect);
      return {
        type: 'Feature' as const,
        id: u.code,
        geometry: poly(ring),
        properties: { code: u.code, naam: u.naam, inwoners, inwoners75plus: old, aandeel75plus: inwoners ? Math.round((old / inwoners) * 1000) / 1000 : 0, woningen, areaM2: Math.round(ringArea(ring)) },
      };
    }),
  );
  const grid = { width: canvas.w, height: canvas.h, originX: x0, originY: y0 + size, cellSize, crs: 'EPSG:28992', noData: null };
  return {
    meta: {
      ...meta('area', 'Almere-like synthetic district for demos and tests'),
      name: 'Tweeling demowijk (Almere-achtig, synthetisch)',
      seed,
      size,
      cellSize,
      bbox: [x0, y0, x0 + size, y0 + size],
      generator: GENERATOR,
      heightReference: 'NAP',
      waterLevelM: WATER_LEVEL_M,
      depressions: depressions.map((d) => {
        const [x, y] = rd([d.x, d.y]);
        return { x, y, depthM: Math.round(d.depthM * 1000) / 1000, radiusM: Math.round(2 * d.sigmaM * 10) / 10 };
      }),
      counts: {
        buildings: buildings.features.length,
        roads: roads.features.length,
        roadNodes: graph.nodes.size,
        trees: trees.features.length,
        parks: parks.features.length,
        water: water.features.length,
        soil: soil.features.length,
        facilities: facilities.features.length,
        buurten: buurtLayer.features.length,
      },
    },
    dem: { ...grid, data: demData, meta: meta('dem', 'Bare-earth terrain (DTM), m NAP; water cells at the target level') },
    landUse: { ...grid, data: canvas.landUse, meta: meta('landUse', 'Land-use codes, see LAND_USE_CLASSES') },
    buildings,
    roads,
    trees,
    parks,
    water,
    soil,
    facilities,
    buurten: buurtLayer,
  };
}
