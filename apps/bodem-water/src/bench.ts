/**
 * Benchmark: the suitability assessment on a synthetic soil map of fixed size (a checkerboard of
 * klei/zavel/veen/zand tiles with varying groundwater). Run with `npm run bench -w @tweeling/app-bodem-water`
 * after `npx tsc -b apps/bodem-water`. Named cases, same sizes every time.
 */
import type { SoilPolygon } from './cells.js';
import { CLIMATE_SCENARIOS } from './climate.js';
import { shapeFromRings, type Shape } from '@tweeling/sdk';
import { frameAround } from './grid.js';
import { assessSuitability } from './model.js';
import { RULES, SOIL_CLASSES, SUBSIDENCE_CLASSES } from './rules.js';

const rect = (x0: number, y0: number, x1: number, y1: number): Shape =>
  shapeFromRings([{ ring: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]], outer: true }]) as Shape;

/** `tiles` × `tiles` soil polygons of `tileM` metres. */
function soilMap(tiles: number, tileM: number): SoilPolygon[] {
  const soil: SoilPolygon[] = [];
  for (let r = 0; r < tiles; r++) {
    for (let c = 0; c < tiles; c++) {
      const k = r * tiles + c;
      soil.push({
        id: `s${k}`, shape: rect(c * tileM, r * tileM, (c + 1) * tileM, (r + 1) * tileM), soilClass: SOIL_CLASSES[k % 4] as string,
        ghgM: 0.2 + (k % 9) * 0.12, glgM: 1.0 + (k % 7) * 0.25, kwelMmPerDag: -1 + (k % 5) * 0.6, zettingsgevoeligheid: SUBSIDENCE_CLASSES[k % 3] as string,
      });
    }
  }
  return soil;
}

for (const [name, tiles, tileM, cellSizeM] of [['soil-2km-5m', 20, 100, 5], ['soil-1km-1m', 10, 100, 1]] as const) {
  const soil = soilMap(tiles, tileM);
  const sizeM = tiles * tileM;
  const site = { frame: frameAround(0, 0, sizeM, sizeM, cellSizeM), soil, water: [], surfaceM: null, floodDepthM: null };
  const t0 = process.hrtime.bigint();
  const r = assessSuitability(site, soil.map((s) => s.shape), RULES, CLIMATE_SCENARIOS.Hn);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const cells = site.frame.width * site.frame.height;
  console.log(`case ${name}: ${cells} cells × 7 functions × 2 states, ${soil.length} parcels: ${s.toFixed(2)} s → ${(cells / s / 1e6).toFixed(2)} M cells/s (${r.assessedCells} assessed)`);
}
