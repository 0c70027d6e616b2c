import { beforeAll, describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { createDemoArea } from './area.js';
import type { Pt } from './geometry.js';
import { pointInRing, ringArea, ringCentroid } from './geometry.js';
import { LandUse, manningFromLandUse, manningGrid } from './landuse.js';
import type { DemoArea } from './types.js';

let area: DemoArea;
beforeAll(() => {
  area = createDemoArea();
});

const ring = (coords: Position[][]): Pt[] => (coords[0] as Position[]).map((p) => [p[0] as number, p[1] as number]);
/** Cell index containing RD point, or -1 outside. */
function cellAt(a: DemoArea, x: number, y: number): number {
  const g = a.dem;
  const c = Math.floor((x - g.originX) / g.cellSize);
  const r = Math.floor((g.originY - y) / g.cellSize);
  return c < 0 || r < 0 || c >= g.width || r >= g.height ? -1 : r * g.width + c;
}
/** Centres of the cells whose centre lies inside the ring (every `step`-th cell per axis). */
function cellCentresIn(a: DemoArea, poly: Pt[], step = 1): [number, number][] {
  const g = a.dem;
  const xs = poly.map((p) => p[0]);
  const ys = poly.map((p) => p[1]);
  const out: [number, number][] = [];
  const c0 = Math.floor((Math.min(...xs) - g.originX) / g.cellSize);
  const c1 = Math.floor((Math.max(...xs) - g.originX) / g.cellSize);
  const r0 = Math.floor((g.originY - Math.max(...ys)) / g.cellSize);
  const r1 = Math.floor((g.originY - Math.min(...ys)) / g.cellSize);
  for (let r = r0; r <= r1; r += step) {
    for (let c = c0; c <= c1; c += step) {
      const p: Pt = [g.originX + (c + 0.5) * g.cellSize, g.originY - (r + 0.5) * g.cellSize];
      if (pointInRing(p, poly)) out.push(p);
    }
  }
  return out;
}

describe('terrain, water and land use', () => {
  it('has a plausible DEM around −4 m NAP with water at −5.2 m', () => {
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let i = 0; i < area.dem.data.length; i++) {
      const z = area.dem.data[i] as number;
      if (z < min) min = z;
      if (z > max) max = z;
      sum += z;
      if (area.landUse.data[i] === LandUse.water) expect(z).toBeCloseTo(-5.2, 5);
    }
    expect(min).toBeGreaterThanOrEqual(-6);
    expect(max).toBeLessThanOrEqual(-2);
    expect(sum / area.dem.data.length).toBeGreaterThan(-4.5);
    expect(sum / area.dem.data.length).toBeLessThan(-3.5);
  });

  it('burns buildings, water, roads and parks consistently into the land-use raster', () => {
    const lu = area.landUse.data;
    const wrong: string[] = [];
    area.buildings.features.forEach((f, i) => {
      if (i % 5) return;
      for (const p of cellCentresIn(area, ring(f.geometry.coordinates), 2)) if (lu[cellAt(area, p[0], p[1])] !== LandUse.gebouw) wrong.push(`building ${f.properties.id}`);
    });
    for (const f of area.water.features) {
      for (const p of cellCentresIn(area, ring(f.geometry.coordinates), 3)) if (lu[cellAt(area, p[0], p[1])] !== LandUse.water) wrong.push(`water ${f.properties.id}`);
    }
    for (const f of area.parks.features) {
      for (const p of cellCentresIn(area, ring(f.geometry.coordinates), 4)) {
        const code = lu[cellAt(area, p[0], p[1])] as number;
        if (![LandUse.gras, LandUse.water, LandUse.beplanting, LandUse.verhardOverig].includes(code as 3)) wrong.push(`park ${f.properties.id}:${code}`);
      }
    }
    for (const f of area.roads.features) {
      const [a, b] = f.geometry.coordinates as [Position, Position];
      const m = cellAt(area, ((a[0] as number) + (b[0] as number)) / 2, ((a[1] as number) + (b[1] as number)) / 2);
      const motor = f.properties.motorVehicles;
      if (motor ? lu[m] !== LandUse.rijbaan : ![LandUse.rijbaan, LandUse.verhardOverig].includes(lu[m] as 1)) wrong.push(`road ${f.properties.id}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    const counts = new Array<number>(8).fill(0);
    for (const v of lu) counts[v] = (counts[v] as number) + 1;
    expect(counts[0]).toBe(0);
    for (let c = 1; c <= 7; c++) expect(counts[c], `code ${c}`).toBeGreaterThan(1000);
  });

  it('has local depressions that are lower than their surroundings', () => {
    const dem = area.dem.data;
    expect(area.meta.depressions.length).toBeGreaterThanOrEqual(4);
    for (const d of area.meta.depressions) {
      const centre = dem[cellAt(area, d.x, d.y)] as number;
      let rim = 0;
      let n = 0;
      for (let k = 0; k < 16; k++) {
        const i = cellAt(area, d.x + d.radiusM * 1.5 * Math.cos((k * Math.PI) / 8), d.y + d.radiusM * 1.5 * Math.sin((k * Math.PI) / 8));
        if (i >= 0 && area.landUse.data[i] !== LandUse.water) (rim += dem[i] as number, n++);
      }
      expect(centre).toBeLessThan(rim / n - 0.1);
    }
  });

  it('gives Manning n 0.02 on paving and 0.05 on grass', () => {
    const grid = manningGrid(area.landUse);
    expect(grid.width).toBe(area.landUse.width);
    expect(grid.data.length).toBe(area.landUse.data.length);
    const n = manningFromLandUse(Uint8Array.from([1, 3, 7, 2]));
    expect(Array.from(n)).toEqual([Math.fround(0.02), Math.fround(0.05), Math.fround(0.02), Math.fround(0.02)]);
  });
});

describe('green, soil and neighbourhoods', () => {
  it('has a park of at least 0.5 ha and a smaller green space, and many trees', () => {
    const areas = area.parks.features.map((f) => f.properties.areaM2);
    expect(area.parks.features.some((f) => f.properties.kind === 'park' && f.properties.areaM2 >= 5000)).toBe(true);
    expect(areas.some((a) => a < 5000)).toBe(true);
    const trees = area.trees.features;
    expect(trees.length).toBeGreaterThan(1500);
    expect(trees.some((t) => t.properties.heightM === null)).toBe(true);
    expect(trees.every((t) => t.properties.crownDiameterM > 0)).toBe(true);
    const lu = area.landUse.data;
    expect(trees.every((t) => ![LandUse.gebouw, LandUse.water, LandUse.rijbaan].includes(lu[cellAt(area, t.geometry.coordinates[0] as number, t.geometry.coordinates[1] as number)] as 1))).toBe(true);
  });

  it('has soil polygons of all four classes covering the area, GHG above GLG', () => {
    const classes = new Set(area.soil.features.map((f) => f.properties.soilClass));
    expect([...classes].sort()).toEqual(['klei', 'veen', 'zand', 'zavel']);
    const total = area.soil.features.reduce((s, f) => s + ringArea(ring(f.geometry.coordinates)), 0);
    // Vertices are rounded to cm, so cuts leave sub-m² slivers; the sum matches within 50 m².
    expect(Math.abs(total - 1e6)).toBeLessThan(50);
    for (const f of area.soil.features) expect(f.properties.ghgM).toBeLessThan(f.properties.glgM);
  });

  it('has 3–6 buurten that cover the area once and add up to the buildings', () => {
    const b = area.buurten.features;
    expect(b.length).toBeGreaterThanOrEqual(3);
    expect(b.length).toBeLessThanOrEqual(6);
    const rings = b.map((f) => ring(f.geometry.coordinates));
    for (let x = 140505; x < 141500; x += 50) {
      for (let y = 485505; y < 486500; y += 50) expect(rings.filter((r) => pointInRing([x, y], r)).length).toBe(1);
    }
    const residents = area.buildings.features.reduce((s, f) => s + f.properties.residents, 0);
    expect(b.reduce((s, f) => s + f.properties.inwoners, 0)).toBe(residents);
    for (const f of b) {
      expect(f.properties.aandeel75plus).toBeCloseTo(f.properties.inwoners75plus / f.properties.inwoners, 3);
      expect(f.properties.code).toMatch(/^BU0034DM\d{2}$/);
    }
    for (const f of area.buildings.features.filter((_, i) => i % 50 === 0)) {
      const home = b.find((u) => u.properties.code === f.properties.buurt);
      expect(pointInRing(ringCentroid(ring(f.geometry.coordinates)), ring(home?.geometry.coordinates ?? [[]]))).toBe(true);
    }
  });
});

