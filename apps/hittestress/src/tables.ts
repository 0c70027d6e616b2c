/**
 * The app's tables: exposure sites (homes, care homes, schools, extra locations) with their facade
 * zones, the per-neighbourhood KPI table and the vulnerable-locations table for one or two situations
 * (baseline, scenario). Values are rounded for display (°C to 0.01, shares to 0.001, m to 0.1).
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import { type ZoneExposure, COOL_PLACE_MAX_DISTANCE_M, facadeZone, pointZone, zoneExposure } from './exposure.js';
import { HittestressError } from './errors.js';
import { ROUTE_SHADE_TARGET, zonalStats } from './kpi.js';
import type { HeatModelResult } from './model.js';
import { petClass } from './pet.js';
import { type GridSpec, cellIndexAt, rasteriseDisc } from './rasterise.js';
import type { SurfaceModel } from './surface.js';

/** A resident counts as *reached* by a scenario when the mean PET at their home's facade drops by at least this much, °C (assumption). */
export const RESIDENT_REACHED_COOLING_C = 1;
/** Radius around a vulnerable location over which its walking-route shade is taken, m (the 300 m of 3-30-300). */
export const LOCATION_ROUTE_RADIUS_M = 300;
/** PET from which a location counts as under strong heat stress, °C (class "sterk", Matzarakis & Mayer 1996). */
export const STRONG_HEAT_STRESS_PET_C = 35;

/** A place where people live or gather, with the outdoor cells at its facade. */
export interface ExposureSite {
  id: string;
  /** `zorg`, `school`, `wonen75plus`, `wonen`, or the `kind` of an extra location. */
  kind: string;
  name: string | null;
  /** Code of the neighbourhood it lies in, or null. */
  buurt: string | null;
  residents: number;
  residents75plus: number;
  /** Care home, school, home of 75+ or an extra location. */
  vulnerable: boolean;
  /** Representative point (RD), for the output. */
  point: [number, number];
  /** Outdoor cells at the facade (or around the point). */
  cells: Int32Array;
}

/** Rounds to `digits` decimals; null stays null. */
export function round(v: number | null, digits: number): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f + 0; // + 0 turns -0 into 0
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

function representativePoint(f: Feature): [number, number] {
  const g = f.geometry;
  if (g?.type === 'Point') return [g.coordinates[0] as number, g.coordinates[1] as number];
  const ring = g?.type === 'Polygon' ? g.coordinates[0] : g?.type === 'MultiPolygon' ? g.coordinates[0]?.[0] : undefined;
  if (!ring || ring.length === 0) throw new HittestressError('INVALID_INPUT', 'A location has no coordinates.');
  const pts = ring.length > 1 ? ring.slice(0, -1) : ring;
  return [pts.reduce((a, p) => a + (p[0] as number), 0) / pts.length, pts.reduce((a, p) => a + (p[1] as number), 0) / pts.length];
}

/**
 * Exposure sites: every building with residents, or with use `zorg`/`school` (vulnerable when `zorg`,
 * `school` or `residents75plus > 0`), plus every extra location (always vulnerable). The neighbourhood is
 * the buurt polygon under the representative point, else the building's `buurt` attribute.
 */
export function exposureSites(s: SurfaceModel, buildings: Feature[], extra: Feature[], buurtZones: Int32Array, buurten: Feature[]): ExposureSite[] {
  const buurtAt = (pt: [number, number], fallback: unknown): string | null => {
    const i = cellIndexAt(s.grid, pt[0], pt[1]);
    const z = i >= 0 ? (buurtZones[i] as number) : 0;
    return (z > 0 ? str(buurten[z - 1]?.properties?.code) : null) ?? str(fallback);
  };
  const sites: ExposureSite[] = [];
  buildings.forEach((b, k) => {
    const p = b.properties ?? {};
    const residents = num(p.residents), residents75plus = num(p.residents75plus);
    const use = str(p.use);
    if (residents <= 0 && use !== 'zorg' && use !== 'school') return;
    const point = representativePoint(b);
    if (cellIndexAt(s.grid, point[0], point[1]) < 0) return;
    const kind = use === 'zorg' || use === 'school' ? use : residents75plus > 0 ? 'wonen75plus' : 'wonen';
    const geometry = b.geometry as Parameters<typeof facadeZone>[1];
    sites.push({
      id: str(p.id) ?? String(b.id ?? `gebouw-${k + 1}`), kind, name: str(p.name), buurt: buurtAt(point, p.buurt),
      residents, residents75plus, vulnerable: kind !== 'wonen', point, cells: facadeZone(s, geometry),
    });
  });
  extra.forEach((f, k) => {
    const p = f.properties ?? {};
    const point = representativePoint(f);
    if (cellIndexAt(s.grid, point[0], point[1]) < 0) return;
    const g = f.geometry;
    const cells = g?.type === 'Polygon' || g?.type === 'MultiPolygon' ? facadeZone(s, g) : pointZone(s, point[0], point[1]);
    sites.push({
      id: str(p.id) ?? String(f.id ?? `locatie-${k + 1}`), kind: str(p.kind) ?? 'overig', name: str(p.name), buurt: buurtAt(point, p.buurt),
      residents: num(p.residents), residents75plus: num(p.residents75plus), vulnerable: true, point, cells,
    });
  });
  return sites;
}

/** One situation (baseline or scenario) as the tables need it. */
export interface SituationView {
  name: string;
  result: HeatModelResult;
  /** Exposure per site, same order as the sites. */
  exposure: ZoneExposure[];
}

/** Exposure of every site for one situation. */
export function siteExposures(sites: ExposureSite[], result: HeatModelResult, coolDistM: Float32Array): ZoneExposure[] {
  return sites.map((site) => zoneExposure(site.cells, result.petC, coolDistM));
}

const within = (e: ZoneExposure): boolean => e.coolPlaceDistanceM !== null && e.coolPlaceDistanceM <= COOL_PLACE_MAX_DISTANCE_M;

/** Residents (and 75+) with a cool place within 300 m, and residents reached (facade ≥ 1 °C cooler than in `base`). */
export function residentCounts(sites: ExposureSite[], view: SituationView, base?: SituationView): { coolPlace: number; coolPlace75: number; reached: number } {
  let coolPlace = 0, coolPlace75 = 0, reached = 0;
  sites.forEach((site, k) => {
    const e = view.exposure[k] as ZoneExposure;
    if (within(e)) { coolPlace += site.residents; coolPlace75 += site.residents75plus; }
    const b = base?.exposure[k];
    if (b?.petMeanC != null && e.petMeanC !== null && b.petMeanC - e.petMeanC >= RESIDENT_REACHED_COOLING_C) reached += site.residents;
  });
  return { coolPlace, coolPlace75, reached };
}

/**
 * The per-neighbourhood KPI table as buurt polygons with properties: population (attribute and from
 * the buildings), outdoor mean/max PET, walking-route shade vs the 50 % target, residents with a cool
 * place within 300 m, vulnerable locations (and how many under strong heat stress), for `view`; with
 * `base`, also the baseline values and the changes.
 */
export function neighbourhoodTable(
  buurten: Feature[], zones: Int32Array, outdoor: Uint8Array, routes: Uint8Array, sites: ExposureSite[], view: SituationView, base?: SituationView,
): FeatureCollection {
  const pet = new Map(zonalStats(view.result.petC, zones, outdoor).map((z) => [z.zoneId, z]));
  const shade = new Map(zonalStats(view.result.shadeFraction, zones, routes).map((z) => [z.zoneId, z]));
  const basePet = base ? new Map(zonalStats(base.result.petC, zones, outdoor).map((z) => [z.zoneId, z])) : undefined;
  const baseShade = base ? new Map(zonalStats(base.result.shadeFraction, zones, routes).map((z) => [z.zoneId, z])) : undefined;
  const features = buurten.map((f, k): Feature => {
    const p = f.properties ?? {};
    const code = str(p.code);
    const idx = sites.map((s, j) => (s.buurt !== null && s.buurt === code ? j : -1)).filter((j) => j >= 0);
    const mine = idx.map((j) => sites[j] as ExposureSite);
    const counts = residentCounts(mine, { ...view, exposure: idx.map((j) => view.exposure[j] as ZoneExposure) },
      base ? { ...base, exposure: idx.map((j) => base.exposure[j] as ZoneExposure) } : undefined);
    const residents = mine.reduce((a, s) => a + s.residents, 0);
    const vulnerable = idx.filter((j) => sites[j]?.vulnerable);
    const strong = vulnerable.filter((j) => (view.exposure[j]?.petMeanC ?? -Infinity) >= STRONG_HEAT_STRESS_PET_C).length;
    const routeShare = shade.get(k + 1)?.mean ?? null;
    const props: Record<string, unknown> = {
      code, naam: str(p.naam), situation: view.name,
      inwoners: typeof p.inwoners === 'number' ? p.inwoners : null,
      inwoners75plus: typeof p.inwoners75plus === 'number' ? p.inwoners75plus : null,
      residentsInBuildings: residents,
      residents75plusInBuildings: mine.reduce((a, s) => a + s.residents75plus, 0),
      meanPetC: round(pet.get(k + 1)?.mean ?? null, 2),
      maxPetC: round(pet.get(k + 1)?.max ?? null, 2),
      routeShadeShare: round(routeShare, 3),
      routeShadeTarget: ROUTE_SHADE_TARGET,
      routeShadeTargetMet: routeShare === null ? null : routeShare >= ROUTE_SHADE_TARGET,
      residentsCoolPlace300m: counts.coolPlace,
      residents75plusCoolPlace300m: counts.coolPlace75,
      shareResidentsCoolPlace300m: residents > 0 ? round(counts.coolPlace / residents, 3) : null,
      vulnerableLocations: vulnerable.length,
      vulnerableLocationsStrongHeat: strong,
    };
    if (base && basePet && baseShade) {
      const bp = basePet.get(k + 1)?.mean ?? null, bs = baseShade.get(k + 1)?.mean ?? null;
      const vp = pet.get(k + 1)?.mean ?? null;
      Object.assign(props, {
        baselineMeanPetC: round(bp, 2),
        deltaMeanPetC: bp === null || vp === null ? null : round(vp - bp, 2),
        baselineRouteShadeShare: round(bs, 3),
        deltaRouteShadeShare: bs === null || routeShare === null ? null : round(routeShare - bs, 3),
        residentsReached: counts.reached,
      });
    }
    return { type: 'Feature', id: code ?? k + 1, geometry: f.geometry, properties: props };
  });
  return { type: 'FeatureCollection', features };
}

/** Time-mean shade fraction over the walking-route cells within `radiusM` (straight line) of a point; null without route cells. */
export function routeShadeAround(grid: GridSpec, point: [number, number], routes: Uint8Array, shadeFraction: Float32Array, radiusM = LOCATION_ROUTE_RADIUS_M): number | null {
  let cells = 0, sum = 0;
  rasteriseDisc(grid, point[0], point[1], radiusM, (i) => {
    if (routes[i] !== 0) { cells++; sum += shadeFraction[i] as number; }
  });
  return cells > 0 ? sum / cells : null;
}

/**
 * The vulnerable-locations table (points): facade PET, its class, cool-place distance (straight line),
 * and the shade share of the walking routes within 300 m, for `view`; with `base` also the baseline values.
 */
export function vulnerableLocationTable(grid: GridSpec, routes: Uint8Array, sites: ExposureSite[], view: SituationView, base?: SituationView): FeatureCollection<Point> {
  const features: Array<Feature<Point>> = [];
  sites.forEach((site, k) => {
    if (!site.vulnerable) return;
    const e = view.exposure[k] as ZoneExposure;
    const routeShade = routeShadeAround(grid, site.point, routes, view.result.shadeFraction);
    const props: Record<string, unknown> = {
      id: site.id, kind: site.kind, name: site.name, buurt: site.buurt, situation: view.name,
      residents: site.residents, residents75plus: site.residents75plus, facadeCells: site.cells.length,
      petFacadeMeanC: round(e.petMeanC, 2), petFacadeMaxC: round(e.petMaxC, 2),
      petClass: e.petMeanC === null ? null : petClass(e.petMeanC),
      coolPlaceDistanceM: round(e.coolPlaceDistanceM, 1),
      coolPlaceWithin300m: within(e),
      distanceMethod: 'straight-line',
      routeShadeShare300m: round(routeShade, 3),
      routeShadeTargetMet300m: routeShade === null ? null : routeShade >= ROUTE_SHADE_TARGET,
    };
    const b = base?.exposure[k];
    if (b) {
      props.baselinePetFacadeMeanC = round(b.petMeanC, 2);
      props.deltaPetFacadeMeanC = b.petMeanC === null || e.petMeanC === null ? null : round(e.petMeanC - b.petMeanC, 2);
      props.baselineCoolPlaceDistanceM = round(b.coolPlaceDistanceM, 1);
      props.baselineRouteShadeShare300m = round(routeShadeAround(grid, site.point, routes, (base as SituationView).result.shadeFraction), 3);
    }
    features.push({ type: 'Feature', id: site.id, geometry: { type: 'Point', coordinates: site.point }, properties: props });
  });
  return { type: 'FeatureCollection', features };
}
