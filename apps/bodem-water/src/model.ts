/**
 * The land-suitability assessment ("Bodem & Water sturend"): cell factors now and under a climate
 * scenario, classified with the rule table per land function, aggregated per parcel. No I/O.
 */
import { applyScenario, buildBaseFactors, type Site } from './cells.js';
import type { ClimateScenario } from './climate.js';
import { classify, type Suitability } from './evaluate.js';
import { shapeCentroid, type Shape } from '@tweeling/sdk';
import { cellAt, rasteriseShapes, type Frame } from './grid.js';
import { aggregateParcels, type ParcelSuitability } from './parcels.js';
import { LAND_FUNCTIONS, type LandFunction, type Rule } from './rules.js';

/** Area per class (good, moderate, poor) in m², and the area getting worse or better. */
export interface FunctionArea {
  nowM2: [number, number, number];
  scenarioM2: [number, number, number];
  worseM2: number;
  betterM2: number;
}

/** One parcel: per function the result now, under the scenario, and the share of cells that change. */
export interface ParcelResult {
  now: Record<LandFunction, ParcelSuitability>;
  scenario: Record<LandFunction, ParcelSuitability>;
  changedShare: Record<LandFunction, number>;
}

/** Everything the assessment produces. */
export interface AssessmentResult {
  frame: Frame;
  now: Record<LandFunction, Suitability>;
  scenario: Record<LandFunction, Suitability>;
  /** Per cell: number of functions whose class differs between now and the scenario. */
  changeCount: Uint8Array;
  parcels: ParcelResult[];
  areas: Record<LandFunction, FunctionArea>;
  assessedCells: number;
}

function perFunction<T>(make: (fn: LandFunction) => T): Record<LandFunction, T> {
  return Object.fromEntries(LAND_FUNCTIONS.map((fn) => [fn, make(fn)])) as Record<LandFunction, T>;
}

/** Areas per class now and in the scenario, and the area that changes class. */
function areasOf(now: Suitability, later: Suitability, cellAreaM2: number): FunctionArea {
  const a: FunctionArea = { nowM2: [0, 0, 0], scenarioM2: [0, 0, 0], worseM2: 0, betterM2: 0 };
  for (let i = 0; i < now.cls.length; i++) {
    const c0 = now.cls[i] as number, c1 = later.cls[i] as number;
    if (c0 > 0) a.nowM2[c0 - 1] = (a.nowM2[c0 - 1] as number) + cellAreaM2;
    if (c1 > 0) a.scenarioM2[c1 - 1] = (a.scenarioM2[c1 - 1] as number) + cellAreaM2;
    if (c0 > 0 && c1 > c0) a.worseM2 += cellAreaM2;
    if (c1 > 0 && c1 < c0) a.betterM2 += cellAreaM2;
  }
  return a;
}

/**
 * Runs the assessment.
 *
 * @param site - frame, soil polygons, water, optional surface height and flood depth on the frame
 * @param parcels - parcel polygons (e.g. the soil polygons themselves when no parcel layer is given)
 * @param rules - the rule table (see rules.ts)
 * @param scenario - the climate scenario (`huidig` gives no change)
 * @example const r = assessSuitability(site, site.soil.map((s) => s.shape), RULES, CLIMATE_SCENARIOS.Hn);
 */
export function assessSuitability(site: Site, parcels: readonly Shape[], rules: readonly Rule[], scenario: ClimateScenario): AssessmentResult {
  const { frame } = site;
  const base = buildBaseFactors(site);
  const shifted = applyScenario(base.factors, scenario);
  const now = perFunction((fn) => classify(base.factors, rules, fn));
  const later = perFunction((fn) => classify(shifted, rules, fn));
  const n = frame.width * frame.height;
  const changeCount = new Uint8Array(n);
  for (const fn of LAND_FUNCTIONS) {
    const a = now[fn].cls, b = later[fn].cls;
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) changeCount[i] = (changeCount[i] as number) + 1;
  }
  const zones = rasteriseShapes(parcels, frame);
  const extra = parcels.map((p) => {
    const [x, y] = shapeCentroid(p);
    return cellAt(frame, x, y);
  });
  const nowParcels = perFunction((fn) => aggregateParcels(zones, parcels.length, now[fn], extra));
  const laterParcels = perFunction((fn) => aggregateParcels(zones, parcels.length, later[fn], extra));
  const changed = perFunction((fn) => {
    const cells = new Float64Array(parcels.length);
    const moved = new Float64Array(parcels.length);
    for (let i = 0; i < n; i++) {
      const z = (zones[i] as number) - 1;
      if (z < 0 || now[fn].cls[i] === 0) continue;
      cells[z] = (cells[z] as number) + 1;
      if (now[fn].cls[i] !== later[fn].cls[i]) moved[z] = (moved[z] as number) + 1;
    }
    return Array.from(cells, (c, z) => (c > 0 ? (moved[z] as number) / c : 0));
  });
  const parcelResults = parcels.map((_, z): ParcelResult => ({
    now: perFunction((fn) => nowParcels[fn][z] as ParcelSuitability),
    scenario: perFunction((fn) => laterParcels[fn][z] as ParcelSuitability),
    changedShare: perFunction((fn) => changed[fn][z] as number),
  }));
  const cellArea = frame.cellSizeM * frame.cellSizeM;
  let assessedCells = 0;
  for (let i = 0; i < n; i++) assessedCells += base.factors.valid[i] as number;
  return {
    frame, now, scenario: later, changeCount, parcels: parcelResults,
    areas: perFunction((fn) => areasOf(now[fn], later[fn], cellArea)), assessedCells,
  };
}
