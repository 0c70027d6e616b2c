/**
 * Benchmark: shadow casting on a synthetic 1 km² town at 1 m (≈1500 buildings) for 10 sun positions
 * (21 July, hourly 09:30–18:30 CEST, Almere), then the full model (sky-view factor, wind, PET).
 * Run with `npm run bench -w @tweeling/app-hittestress` after `npx tsc -b apps/hittestress`.
 * Prints named cases with fixed sizes, so results can be compared between kernel changes.
 */
import { compareScenarios, outdoorMask } from './kpi.js';
import { type Measure, applyMeasures } from './measures.js';
import { runHeatModel } from './model.js';
import { prepareShadowSurface, sunlitFraction } from './shadow.js';
import { DEMO_LOCATION, dayInstants, sunPosition } from './sun.js';
import { skyViewFactor } from './svf.js';
import { syntheticTown } from './synthetic.js';

function seconds(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const t0 = process.hrtime.bigint();
const town = syntheticTown({ sizeM: 1000, cellSizeM: 1, buildings: 1500, seed: 42 });
const cells = town.surface.groundM.length;
console.log(`case synthetic-1km2-1m: ${town.surface.grid.width}×${town.surface.grid.height} cells, ${town.buildingCount} buildings, ${town.treeCount} street trees; generated in ${seconds(t0).toFixed(2)} s`);

const suns = dayInstants({ dateIso: '2025-07-21', startHourLocal: 9, endHourLocal: 19 }).map((t) => sunPosition(t, DEMO_LOCATION.latDeg, DEMO_LOCATION.lonDeg));
const t1 = process.hrtime.bigint();
const prep = prepareShadowSurface(town.surface);
const lit = new Float32Array(cells);
let shaded = 0;
for (const sun of suns) {
  const ts = process.hrtime.bigint();
  sunlitFraction(prep, sun, lit);
  let k = 0;
  for (let i = 0; i < cells; i++) if ((lit[i] as number) < 0.5) k++;
  shaded += k;
  console.log(`  sun az ${sun.azimuthDeg.toFixed(1)}° el ${sun.elevationDeg.toFixed(1)}°: ${seconds(ts).toFixed(3)} s, ${((100 * k) / cells).toFixed(1)} % in shade`);
}
const shadowS = seconds(t1);
console.log(`shadow: ${suns.length} sun positions in ${shadowS.toFixed(2)} s wall → ${((cells * suns.length) / shadowS / 1e6).toFixed(1)} M cells/s (mean shade ${((100 * shaded) / cells / suns.length).toFixed(1)} %)`);

const t2 = process.hrtime.bigint();
skyViewFactor(town.surface, { directions: 32, maxRadiusM: 100 });
const svfS = seconds(t2);
console.log(`sky-view factor (32 directions, 100 m): ${svfS.toFixed(2)} s → ${(cells / svfS / 1e6).toFixed(2)} M cells/s`);

const t3 = process.hrtime.bigint();
const r = runHeatModel(town.surface);
let sum = 0;
for (let i = 0; i < cells; i++) sum += r.petC[i] as number;
console.log(`full model (shade 10–18 h, PET 12–18 h, SVF, wind): ${seconds(t3).toFixed(2)} s; mean PET ${(sum / cells).toFixed(1)} °C`);

// Scenario "200 trees along walking routes": 4 east–west streets, south sidewalk, every 20 m.
const SIDEWALK_OFFSET_M = 5;
const measures: Measure[] = town.streets
  .filter((_, k) => k % 2 === 0)
  .slice(0, 4)
  .map(([[x0, y], [x1]], k) => ({ kind: 'trees', id: `street-${k + 1}`, treeClass: 'medium', spacingM: 20, geometry: { type: 'LineString', coordinates: [[x0, y - SIDEWALK_OFFSET_M], [x1, y - SIDEWALK_OFFSET_M]] } }));
const t4 = process.hrtime.bigint();
const scen = applyMeasures(town.surface, measures);
const rs = runHeatModel(scen.surface);
const rows = compareScenarios({ result: r, surface: town.surface }, [{ name: `${scen.outcomes.reduce((a, o) => a + o.quantity, 0)} trees along walking routes`, result: rs, surface: scen.surface, costEur: scen.totalCostEur }], outdoorMask(town.surface), town.walkingRoutes);
console.log(`scenario run: ${seconds(t4).toFixed(2)} s`);
for (const row of rows) {
  console.log(
    `  ${row.name.padEnd(34)} mean PET ${row.meanPetC.toFixed(2)} °C (Δ ${row.deltaMeanPetC.toFixed(3)}), route shade ${(100 * (row.routeShadeShare ?? 0)).toFixed(1)} %, ` +
      `cost € ${row.costEur.toFixed(0)}, cooling ${row.coolingDegCHa.toFixed(2)} °C·ha, € ${row.eurPerDegCPerHa?.toFixed(0) ?? '–'} per °C·ha, ` +
      `classes ${row.classShares.map((c) => (100 * c).toFixed(0)).join('/')} %`,
  );
}
console.log(`total wall time ${seconds(t0).toFixed(2)} s`);
