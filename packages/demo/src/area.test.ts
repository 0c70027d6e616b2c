import { beforeAll, describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { createDemoArea } from './area.js';
import type { Pt } from './geometry.js';
import { pointInRing, ringArea, ringCentroid, ringsIntersect, segmentRingDistance } from './geometry.js';
import { demoAreaHash } from './hash.js';
import { LandUse, manningFromLandUse, manningGrid } from './landuse.js';
import type { DemoArea } from './types.js';
import { SYNTHETIC_LABEL } from './types.js';

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

/** Buildings that come within a road's buffer (half width + sidewalk) or overlap water. */
function conflicts(a: DemoArea): string[] {
  const roads = a.roads.features.map((f) => {
    const pts = f.geometry.coordinates.map((p): Pt => [p[0] as number, p[1] as number]);
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const buf = f.properties.widthM / 2 + f.properties.sidewalkM;
    return { pts, buf, x0: Math.min(...xs) - buf, x1: Math.max(...xs) + buf, y0: Math.min(...ys) - buf, y1: Math.max(...ys) + buf, id: f.properties.id };
  });
  const waters = a.water.features.map((f) => ring(f.geometry.coordinates));
  const bad: string[] = [];
  for (const b of a.buildings.features) {
    const r = ring(b.geometry.coordinates);
    const bx = r.map((p) => p[0]);
    const by = r.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...bx), Math.max(...bx), Math.min(...by), Math.max(...by)];
    for (const rd of roads) {
      if (rd.x1 < x0 || rd.x0 > x1 || rd.y1 < y0 || rd.y0 > y1) continue;
      for (let k = 1; k < rd.pts.length; k++) {
        if (segmentRingDistance(rd.pts[k - 1] as Pt, rd.pts[k] as Pt, r) <= rd.buf) bad.push(`${b.properties.id}~${rd.id}`);
      }
    }
    for (const w of waters) if (ringsIntersect(r, w)) bad.push(`${b.properties.id}~water`);
  }
  return bad;
}

/** Nodes reachable from the first edge's start, and all nodes. */
function reach(a: DemoArea): { reached: number; nodes: number } {
  const adj = new Map<string, string[]>();
  for (const f of a.roads.features) {
    adj.set(f.properties.fromNode, [...(adj.get(f.properties.fromNode) ?? []), f.properties.toNode]);
    adj.set(f.properties.toNode, [...(adj.get(f.properties.toNode) ?? []), f.properties.fromNode]);
  }
  const start = a.roads.features[0]?.properties.fromNode as string;
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length) for (const n of adj.get(queue.pop() as string) ?? []) if (!seen.has(n)) (seen.add(n), queue.push(n));
  return { reached: seen.size, nodes: adj.size };
}

describe('createDemoArea: determinism and metadata', () => {
  it('gives identical hashes for identical options and a different one for another seed', () => {
    const h1 = demoAreaHash(area);
    expect(h1).toMatch(/^[0-9a-f]{64}$/);
    expect(demoAreaHash(createDemoArea())).toBe(h1);
    expect(demoAreaHash(createDemoArea({ seed: 2 }))).not.toBe(h1);
  });

  it('labels the area and every layer as synthetic', () => {
    expect(area.meta.synthetic).toBe(true);
    expect(area.meta.owner).toBe('Gemeente Almere (demo)');
    for (const key of ['dem', 'landUse', 'buildings', 'roads', 'trees', 'parks', 'water', 'soil', 'facilities', 'buurten'] as const) {
      expect(area[key].meta.synthetic, key).toBe(true);
      expect(area[key].meta.label, key).toBe(SYNTHETIC_LABEL);
      expect(area[key].meta.crs, key).toBe('EPSG:28992');
    }
  });

  it('lies in RD New around (141000, 486000) with a 1 m, 1000 × 1000 grid', () => {
    expect(area.meta.bbox).toEqual([140500, 485500, 141500, 486500]);
    expect(area.dem.width).toBe(1000);
    expect(area.dem.height).toBe(1000);
    expect(area.dem.originX).toBe(140500);
    expect(area.dem.originY).toBe(486500);
    expect(area.dem.data.length).toBe(1_000_000);
    expect(area.landUse.data.length).toBe(1_000_000);
  });

  it('rejects impossible options', () => {
    expect(() => createDemoArea({ size: 100 })).toThrow(RangeError);
    expect(() => createDemoArea({ cellSize: 0.7 })).toThrow(RangeError);
    expect(() => createDemoArea({ seed: 1.5 })).toThrow(RangeError);
  });

  it('scales to a smaller area and coarser cells', () => {
    const small = createDemoArea({ size: 600, cellSize: 2 });
    expect(small.dem.width).toBe(300);
    expect(small.buildings.features.length).toBeGreaterThan(0.8 * 540);
    expect(small.buildings.features.length).toBeLessThan(1.2 * 540);
    expect(small.facilities.features.length).toBe(2);
  });
});

describe('buildings', () => {
  it('number about 1 500 (±10 %) with schools, care, shops, offices', () => {
    const n = area.buildings.features.length;
    expect(n).toBeGreaterThanOrEqual(1350);
    expect(n).toBeLessThanOrEqual(1650);
    const uses = new Set(area.buildings.features.map((f) => f.properties.use));
    expect([...uses].sort()).toEqual(['kantoor', 'school', 'winkel', 'wonen', 'zorg']);
  });

  it('have valid attributes', () => {
    const ids = new Set<string>();
    const buurten = new Set(area.buurten.features.map((f) => f.properties.code));
    let nullThreshold = 0;
    let defaultThreshold = 0;
    for (const f of area.buildings.features) {
      const p = f.properties;
      expect(ids.has(p.id)).toBe(false);
      ids.add(p.id);
      expect(f.id).toBe(p.id);
      expect(p.bagId).toMatch(/^NL\.DEMO\.Pand\.\d{16}$/);
      expect(Number.isInteger(p.floors) && p.floors >= 1).toBe(true);
      expect(p.heightM).toBeGreaterThanOrEqual(p.floors * 2.5);
      expect(p.heightM).toBeLessThan(40);
      if (p.thresholdM === null) nullThreshold++;
      else {
        expect(p.thresholdM).toBeGreaterThanOrEqual(0);
        expect(p.thresholdM).toBeLessThanOrEqual(0.5);
        if (p.thresholdM === 0.15) defaultThreshold++;
      }
      expect(Number.isInteger(p.residents) && p.residents >= 0).toBe(true);
      expect(p.residents75plus).toBeLessThanOrEqual(p.residents);
      if (p.use === 'wonen') expect(p.residents).toBeGreaterThanOrEqual(p.dwellings);
      else if (p.subtype !== 'verpleeghuis') expect(p.residents).toBe(0);
      expect(buurten.has(p.buurt)).toBe(true);
      const r = ring(f.geometry.coordinates);
      expect(p.footprintM2).toBeCloseTo(ringArea(r), 0);
      expect(p.footprintM2).toBeGreaterThan(30);
      expect(p.groundLevelM).toBeGreaterThan(-6);
      expect(p.groundLevelM).toBeLessThan(-2);
    }
    const n = area.buildings.features.length;
    expect(nullThreshold / n).toBeGreaterThan(0.03);
    expect(defaultThreshold / n).toBeGreaterThan(0.4);
    expect(area.buildings.features.some((f) => f.properties.residents75plus > 0)).toBe(true);
  });

  it('do not intersect any road buffer (carriageway + sidewalks) or water', () => {
    expect(conflicts(area)).toEqual([]);
  });
});

describe('roads', () => {
  it('form one connected graph whose shared nodes have one position', () => {
    const pos = new Map<string, string>();
    for (const f of area.roads.features) {
      const c = f.geometry.coordinates;
      const ends: [string, Position][] = [[f.properties.fromNode, c[0] as Position], [f.properties.toNode, c[c.length - 1] as Position]];
      for (const [id, p] of ends) {
        const key = `${p[0]},${p[1]}`;
        expect(pos.get(id) ?? key).toBe(key);
        pos.set(id, key);
      }
    }
    const { reached, nodes } = reach(area);
    expect(reached).toBe(nodes);
    expect(nodes).toBe(pos.size);
    const classes = new Set(area.roads.features.map((f) => f.properties.roadClass));
    expect([...classes].sort()).toEqual(['fietspad', 'hoofdweg', 'voetpad', 'wijkontsluitingsweg', 'woonstraat']);
    for (const f of area.roads.features) {
      expect(f.properties.widthM).toBeGreaterThan(1);
      expect(f.properties.name.length).toBeGreaterThan(2);
      expect(f.properties.lengthM).toBeGreaterThan(0);
    }
  });

  it('lie lower than the adjacent ground, with a curb between sidewalk and carriageway', () => {
    const drops: number[] = [];
    const curbs: number[] = [];
    const lu = area.landUse.data;
    const dem = area.dem.data;
    for (const f of area.roads.features) {
      const p = f.properties;
      if (p.roadClass !== 'woonstraat' || p.lengthM < 30) continue;
      const [a, b] = f.geometry.coordinates as [Position, Position];
      const len = Math.hypot((b[0] as number) - (a[0] as number), (b[1] as number) - (a[1] as number));
      const [ux, uy] = [((b[0] as number) - (a[0] as number)) / len, ((b[1] as number) - (a[1] as number)) / len];
      const mid = [((a[0] as number) + (b[0] as number)) / 2, ((a[1] as number) + (b[1] as number)) / 2] as const;
      const centre = cellAt(area, mid[0], mid[1]);
      for (const s of [-1, 1]) {
        const off = p.widthM / 2 + p.sidewalkM + 1.5;
        const side = cellAt(area, mid[0] - s * uy * off, mid[1] + s * ux * off);
        const walk = cellAt(area, mid[0] - s * uy * (p.widthM / 2 + p.sidewalkM / 2), mid[1] + s * ux * (p.widthM / 2 + p.sidewalkM / 2));
        const gutter = cellAt(area, mid[0] - s * uy * (p.widthM / 2 - 0.5), mid[1] + s * ux * (p.widthM / 2 - 0.5));
        if (side < 0 || ![LandUse.tuin, LandUse.gras].includes(lu[side] as 3 | 5)) continue;
        drops.push((dem[side] as number) - (dem[centre] as number));
        if (lu[walk] === LandUse.verhardOverig && lu[gutter] === LandUse.rijbaan) curbs.push((dem[walk] as number) - (dem[gutter] as number));
      }
    }
    expect(drops.length).toBeGreaterThan(30);
    expect(drops.filter((d) => d > 0.05).length / drops.length).toBeGreaterThan(0.95);
    const sorted = [...curbs].sort((x, y) => x - y);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    expect(median).toBeGreaterThan(0.08);
    expect(median).toBeLessThan(0.15);
  });
});

describe('facilities', () => {
  it('have a fire station and a hospital on road nodes, each with its building', () => {
    const kinds = area.facilities.features.map((f) => f.properties.kind).sort();
    expect(kinds).toEqual(['brandweerkazerne', 'ziekenhuis']);
    const nodePos = new Map<string, string>();
    for (const f of area.roads.features) {
      const c = f.geometry.coordinates;
      nodePos.set(f.properties.fromNode, String(c[0]));
      nodePos.set(f.properties.toNode, String(c[c.length - 1]));
    }
    for (const f of area.facilities.features) {
      expect(nodePos.get(f.properties.roadNodeId)).toBe(String(f.geometry.coordinates));
      const b = area.buildings.features.find((x) => x.properties.id === f.properties.buildingId);
      expect(b?.properties.subtype).toBe(f.properties.kind === 'ziekenhuis' ? 'ziekenhuis' : 'brandweerkazerne');
    }
  });
});

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

describe('other seeds keep the invariants', () => {
  it.each([3, 17])('seed %i: counts, no conflicts, connected roads, both facilities', (seed) => {
    const a = createDemoArea({ seed });
    const n = a.buildings.features.length;
    expect(n).toBeGreaterThanOrEqual(1350);
    expect(n).toBeLessThanOrEqual(1650);
    expect(conflicts(a)).toEqual([]);
    const { reached, nodes } = reach(a);
    expect(reached).toBe(nodes);
    expect(a.facilities.features.map((f) => f.properties.kind).sort()).toEqual(['brandweerkazerne', 'ziekenhuis']);
  });
});
