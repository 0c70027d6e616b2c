import { describe, expect, it } from 'vitest';
import type { Feature, Polygon } from 'geojson';
import { walkingRouteMask, zoneRaster } from '../src/adapters.js';
import { coolPlaceMask, distanceToMaskM, facadeZone, pointZone } from '../src/exposure.js';
import { LandCover } from '../src/surface.js';
import { flatSurface } from './helpers.js';

function bruteForce(mask: Uint8Array, w: number, h: number, cs: number): Float32Array {
  const src: Array<[number, number]> = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) src.push([Math.floor(i / w), i % w]);
  return Float32Array.from({ length: w * h }, (_, i) => Math.min(...src.map(([r, c]) => Math.hypot(r - Math.floor(i / w), c - (i % w)) * cs)));
}

const square = (x0: number, y0: number, x1: number, y1: number): Polygon => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });

describe('distanceToMaskM', () => {
  it('is the exact Euclidean distance (vs brute force) on a random mask', () => {
    const w = 37, h = 23;
    let seed = 7;
    const mask = Uint8Array.from({ length: w * h }, () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % 53 === 0 ? 1 : 0; });
    expect(mask.some((v) => v === 1)).toBe(true);
    const got = distanceToMaskM(mask, w, h, 0.5);
    const want = bruteForce(mask, w, h, 0.5);
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i] as number, 4);
  });

  it('is Infinity everywhere for an empty mask', () => {
    expect(distanceToMaskM(new Uint8Array(12), 4, 3, 1).every((d) => d === Infinity)).toBe(true);
  });
});

describe('walking routes, zones, facades and cool places', () => {
  it('buffers a footpath by half its width and keeps only the sidewalks of a main road', () => {
    const s = flatSurface(40, 40); // x 0..40, y 0..40
    const roads: Feature[] = [
      { type: 'Feature', properties: { roadClass: 'voetpad', widthM: 4 }, geometry: { type: 'LineString', coordinates: [[0, 30.5], [40, 30.5]] } },
      { type: 'Feature', properties: { roadClass: 'hoofdweg', widthM: 10, sidewalkM: 2 }, geometry: { type: 'LineString', coordinates: [[0, 10], [40, 10]] } },
    ];
    const m = walkingRouteMask(s, roads);
    const rowsWith = (col: number) => [...Array(40).keys()].filter((r) => m[r * 40 + col] === 1).map((r) => 40 - r - 0.5); // cell-centre y
    expect(rowsWith(20)).toEqual([32.5, 31.5, 30.5, 29.5, 28.5, 16.5, 15.5, 4.5, 3.5]);
  });

  it('zones by polygon, facade zone = outdoor cells within 3 m, cool = water or shaded public park', () => {
    const s = flatSurface(30, 30);
    const zones = zoneRaster(s.grid, [{ type: 'Feature', properties: {}, geometry: square(0, 0, 10, 10) }], 'Buurt');
    expect(zones.reduce((a, z) => a + (z === 1 ? 1 : 0), 0)).toBe(100);
    for (let r = 10; r < 14; r++) for (let c = 10; c < 14; c++) s.buildingHeightM[r * 30 + c] = 9; // building x 10..14, y 16..20
    const zone = facadeZone(s, square(10, 16, 14, 20));
    expect(zone.length).toBe(10 * 10 - 16 - 4 * 5); // 10×10 window minus the footprint, minus 5 cells per corner beyond 3 m
    expect([...zone].every((i) => (s.buildingHeightM[i] as number) === 0)).toBe(true);
    const shade = new Float32Array(900).fill(0.8);
    s.landCover[0] = LandCover.WATER;
    const parks: Feature[] = [
      { type: 'Feature', properties: { public: true }, geometry: square(20, 0, 30, 30) },
      { type: 'Feature', properties: { public: false }, geometry: square(0, 20, 10, 30) },
    ];
    const cool = coolPlaceMask(s, shade, zoneRaster(s.grid, parks, 'Park'), parks);
    expect(cool[0]).toBe(1);
    expect(cool.reduce((a, v) => a + v, 0)).toBe(1 + 300);
    shade.fill(0.2);
    expect(coolPlaceMask(s, shade, zoneRaster(s.grid, parks, 'Park'), parks).reduce((a, v) => a + v, 0)).toBe(1);
  });
});

describe('pointZone', () => {
  it('takes the nearest outdoor cells for a point inside a building', () => {
    const s = flatSurface(40, 40);
    for (let r = 10; r < 30; r++) for (let c = 10; c < 30; c++) s.buildingHeightM[r * 40 + c] = 12; // x 10..30, y 10..30
    expect(pointZone(s, 5, 5).length).toBe(32); // open ground: cell centres within 3 m of a cell corner, 8 per quadrant
    const inside = pointZone(s, 20, 20);
    expect(inside.length).toBeGreaterThan(0);
    expect([...inside].every((i) => (s.buildingHeightM[i] as number) === 0)).toBe(true);
  });
});
