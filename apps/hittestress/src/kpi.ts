/**
 * KPIs for a baseline and scenarios: mean PET and its change, share of walking routes in shade, cost
 * and cost-effectiveness — the table a council needs. Targets from DESIGN.md: 2 °C lower felt
 * temperature ({@link PET_REDUCTION_TARGET_C}) and 50 % shade on walking routes
 * ({@link ROUTE_SHADE_TARGET}). Zones (neighbourhoods, vulnerable locations) are `Int32Array` rasters
 * of zone ids (0 = no zone) so the same functions serve per-neighbourhood tables later.
 */
import { HittestressError } from './errors.js';
import type { HeatModelResult } from './model.js';
import { PET_CLASS_BOUNDS_C, petClass } from './pet.js';
import type { SurfaceModel } from './surface.js';

/** DESIGN.md heat KPI: mean felt temperature 2 °C lower. */
export const PET_REDUCTION_TARGET_C = 2;
/** DESIGN.md heat KPI: 50 % shade on walking routes. */
export const ROUTE_SHADE_TARGET = 0.5;
const M2_PER_HA = 10_000;

/** KPIs of one model run. */
export interface HeatKpis {
  /** Counted area (outdoor cells of the area mask), ha. */
  areaHa: number;
  /** Mean PET over the counted area, °C. */
  meanPetC: number;
  /** Share of the counted area per PET class 0–4. */
  classShares: number[];
  /** Walking routes: time-mean shade fraction over route cells (share of route area × hours in shade), or null without routes. */
  routeShadeShare: number | null;
  /** Whether `routeShadeShare` reaches {@link ROUTE_SHADE_TARGET}. */
  routeShadeTargetMet: boolean | null;
}

/**
 * The counted area: the given mask (1 = count) or, by default, every cell without a building
 * (felt temperature is about people outdoors, not roofs).
 */
export function outdoorMask(surface: SurfaceModel, areaMask?: Uint8Array): Uint8Array {
  const n = surface.buildingHeightM.length;
  if (areaMask && areaMask.length !== n) throw new HittestressError('INVALID_INPUT', 'Area mask does not match the grid.');
  const m = new Uint8Array(n);
  for (let i = 0; i < n; i++) m[i] = (areaMask ? areaMask[i] !== 0 : true) && (surface.buildingHeightM[i] as number) <= 0 ? 1 : 0;
  return m;
}

/**
 * KPIs of one run over a counted area.
 *
 * @param walkingRoutes - Raster mask (1 = walking-route cell), same grid; optional.
 * @throws HittestressError `INVALID_INPUT` for mismatched rasters or an empty area.
 */
export function heatKpis(r: HeatModelResult, surface: SurfaceModel, area: Uint8Array, walkingRoutes?: Uint8Array): HeatKpis {
  const n = r.petC.length;
  if (area.length !== n || (walkingRoutes && walkingRoutes.length !== n)) throw new HittestressError('INVALID_INPUT', 'KPI rasters do not match the grid.');
  let cells = 0;
  let sumPet = 0;
  const classCounts = new Array<number>(PET_CLASS_BOUNDS_C.length + 1).fill(0);
  let routeCells = 0;
  let routeShade = 0;
  for (let i = 0; i < n; i++) {
    if (walkingRoutes && walkingRoutes[i] !== 0 && (surface.buildingHeightM[i] as number) <= 0) {
      routeCells++;
      routeShade += r.shadeFraction[i] as number;
    }
    if (area[i] === 0) continue;
    cells++;
    sumPet += r.petC[i] as number;
    const k = petClass(r.petC[i] as number);
    classCounts[k] = (classCounts[k] as number) + 1;
  }
  if (cells === 0) throw new HittestressError('INVALID_INPUT', 'The counted area has no outdoor cells.');
  const share = routeCells > 0 ? routeShade / routeCells : null;
  return {
    areaHa: (cells * surface.grid.cellSize ** 2) / M2_PER_HA,
    meanPetC: sumPet / cells,
    classShares: classCounts.map((c) => c / cells),
    routeShadeShare: share,
    routeShadeTargetMet: share === null ? null : share >= ROUTE_SHADE_TARGET,
  };
}

/** One row of the comparison table. */
export interface ScenarioRow extends HeatKpis {
  name: string;
  /** Scenario minus baseline mean PET, °C (negative = cooler). */
  deltaMeanPetC: number;
  /** Whether the mean PET is at least {@link PET_REDUCTION_TARGET_C} lower than the baseline. */
  petTargetMet: boolean;
  /** Scenario minus baseline route shade share, or null without routes. */
  deltaRouteShadeShare: number | null;
  /** Cost of the measures, €. */
  costEur: number;
  /** Cooling delivered: Σ (baseline − scenario PET) × cell area over the counted area, °C·ha. */
  coolingDegCHa: number;
  /** Cost-effectiveness, € per °C per hectare (cost / cooling); null when there is no net cooling. */
  eurPerDegCPerHa: number | null;
}

/**
 * Compares scenarios with the baseline over the same counted area (use the baseline's
 * {@link outdoorMask} so every row counts the same cells).
 *
 * @throws HittestressError `INVALID_INPUT` for mismatched rasters.
 */
export function compareScenarios(
  baseline: { result: HeatModelResult; surface: SurfaceModel },
  scenarios: Array<{ name: string; result: HeatModelResult; surface: SurfaceModel; costEur: number }>,
  area: Uint8Array,
  walkingRoutes?: Uint8Array,
): ScenarioRow[] {
  const base = heatKpis(baseline.result, baseline.surface, area, walkingRoutes);
  const cellHa = baseline.surface.grid.cellSize ** 2 / M2_PER_HA;
  const rows: ScenarioRow[] = [{ name: 'baseline', ...base, deltaMeanPetC: 0, petTargetMet: false, deltaRouteShadeShare: base.routeShadeShare === null ? null : 0, costEur: 0, coolingDegCHa: 0, eurPerDegCPerHa: null }];
  for (const s of scenarios) {
    const k = heatKpis(s.result, s.surface, area, walkingRoutes);
    let cooling = 0;
    for (let i = 0; i < area.length; i++) if (area[i] !== 0) cooling += ((baseline.result.petC[i] as number) - (s.result.petC[i] as number)) * cellHa;
    const delta = k.meanPetC - base.meanPetC;
    rows.push({
      name: s.name,
      ...k,
      deltaMeanPetC: delta,
      petTargetMet: delta <= -PET_REDUCTION_TARGET_C,
      deltaRouteShadeShare: k.routeShadeShare === null || base.routeShadeShare === null ? null : k.routeShadeShare - base.routeShadeShare,
      costEur: s.costEur,
      coolingDegCHa: cooling,
      eurPerDegCPerHa: cooling > 0 ? s.costEur / cooling : null,
    });
  }
  return rows;
}

/** Statistics of one zone. */
export interface ZoneStat { zoneId: number; cells: number; mean: number; max: number }

/**
 * Mean and maximum of `values` per zone id (> 0) of a zone raster, optionally only where `mask` ≠ 0.
 * Sorted by zone id.
 *
 * @example zonalStats(result.petC, neighbourhoods, outdoorMask(surface))
 */
export function zonalStats(values: Float32Array, zones: Int32Array, mask?: Uint8Array): ZoneStat[] {
  if (zones.length !== values.length || (mask && mask.length !== values.length)) throw new HittestressError('INVALID_INPUT', 'Zone raster does not match the grid.');
  const acc = new Map<number, ZoneStat>();
  for (let i = 0; i < values.length; i++) {
    const z = zones[i] as number;
    if (z <= 0 || (mask && mask[i] === 0)) continue;
    const v = values[i] as number;
    const st = acc.get(z);
    if (st) { st.cells++; st.mean += v; st.max = Math.max(st.max, v); } else acc.set(z, { zoneId: z, cells: 1, mean: v, max: v });
  }
  return [...acc.values()].sort((a, b) => a.zoneId - b.zoneId).map((st) => ({ ...st, mean: st.mean / st.cells }));
}
