/**
 * Benchmark: the 3-30-300 evaluation on synthetic districts of fixed size (terraced rows, street
 * trees, a path grid, parks). Run with `npm run bench -w @tweeling/app-groen-3-30-300` after
 * `npx tsc -b apps/groen-3-30-300`. Named cases, same sizes every time.
 */
import { shapeFromRings, type Shape } from '@tweeling/sdk';
import { evaluateGreenRule, type GreenInput } from './model.js';

const rect = (x0: number, y0: number, x1: number, y1: number): Shape =>
  shapeFromRings([{ ring: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]], outer: true }]) as Shape;

/** A square district of `sizeM`: homes 8 × 10 m every 20 × 30 m, two trees per home, paths every 120 m, a 1 ha park per 240 m block. */
function district(sizeM: number): GreenInput {
  const input: GreenInput = { buildings: [], trees: [], roads: [], parks: [], water: [], buurten: [] };
  for (let y = 0; y + 30 <= sizeM; y += 30) {
    for (let x = 0; x + 20 <= sizeM; x += 20) {
      if (x % 240 < 100 && y % 240 < 100) continue; // park blocks
      input.buildings.push({ id: `b${input.buildings.length}`, shape: rect(x + 6, y + 5, x + 14, y + 15), isHome: true });
      input.trees.push({ x: x + 10, y: y + 22, crownDiameterM: 6, added: false }, { x: x + 3, y: y + 2, crownDiameterM: 4, added: false });
    }
  }
  for (let v = 0; v <= sizeM; v += 120) {
    for (let w = 0; w < sizeM; w += 120) {
      input.roads.push({ coordinates: [[v, w], [v, w + 120]] }, { coordinates: [[w, v], [w + 120, v]] });
    }
  }
  for (let y = 0; y < sizeM; y += 240) for (let x = 0; x < sizeM; x += 240) input.parks.push({ id: `p${x}-${y}`, shape: rect(x, y, x + 100, y + 100), public: true });
  const half = sizeM / 2;
  input.buurten = [[0, 0], [half, 0], [0, half], [half, half]].map(([x, y], k) => ({ code: `BU${k}`, naam: `Buurt ${k}`, shape: rect(x as number, y as number, (x as number) + half, (y as number) + half) }));
  return input;
}

for (const [name, sizeM] of [['district-1km', 1000], ['district-2km', 2000]] as const) {
  const input = district(sizeM);
  const t0 = process.hrtime.bigint();
  const r = evaluateGreenRule(input, { viewDistanceM: 30, minTreesInView: 3, canopyTargetFraction: 0.3, canopyCellSizeM: 1, maxWalkDistanceM: 300, minParkAreaM2: 5000 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const pass = r.homes.filter((h) => h.passesAll).length;
  console.log(`case ${name}: ${r.homes.length} homes, ${input.trees.length} trees, ${input.roads.length} edges: ${s.toFixed(2)} s → ${(r.homes.length / s).toFixed(0)} homes/s (${pass} pass all)`);
}
