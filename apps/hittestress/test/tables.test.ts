import { describe, expect, it } from 'vitest';
import type { Feature, Polygon } from 'geojson';
import type { RasterGrid } from '@tweeling/core';
import { zoneRaster } from '../src/adapters.js';
import { distanceToMaskM } from '../src/exposure.js';
import type { HeatModelResult } from '../src/model.js';
import { LandCover, createSurfaceModel } from '../src/surface.js';
import { exposureSites, neighbourhoodTable, residentCounts, siteExposures, vulnerableLocationTable, type SituationView } from '../src/tables.js';

const square = (x0: number, y0: number, x1: number, y1: number): Polygon => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });

/** A 500 m × 40 m strip at 2 m cells: water at the west end, a home of 75+ near it, a care home 450 m away. */
function strip() {
  const dem: RasterGrid<Float32Array> = { width: 250, height: 20, originX: 0, originY: 40, cellSize: 2, crs: 'EPSG:28992', noData: null, data: new Float32Array(5000) };
  const s = createSurfaceModel(dem);
  for (let r = 0; r < 20; r++) s.landCover[r * 250] = LandCover.WATER; // x 0..2
  const buildings: Feature[] = [
    { type: 'Feature', properties: { id: 'home', use: 'wonen', residents: 10, residents75plus: 2 }, geometry: square(20, 16, 30, 24) },
    { type: 'Feature', properties: { id: 'care', use: 'zorg', residents: 50, residents75plus: 40, name: 'Zorg', buurt: 'OOST' }, geometry: square(460, 16, 480, 24) },
  ];
  for (const b of buildings) {
    const ring = (b.geometry as Polygon).coordinates[0] as Array<[number, number]>;
    const [x0, y0] = ring[0] as [number, number];
    const [x1, y1] = ring[2] as [number, number];
    for (let r = (40 - y1) / 2; r < (40 - y0) / 2; r++) for (let c = x0 / 2; c < x1 / 2; c++) s.buildingHeightM[r * 250 + c] = 9;
  }
  const buurten: Feature[] = [{ type: 'Feature', properties: { code: 'WEST', inwoners: 12 }, geometry: square(0, 0, 250, 40) }];
  return { s, buildings, buurten, zones: zoneRaster(s.grid, buurten, 'Buurt') };
}

function result(petC: number, shade: number): HeatModelResult {
  const n = 5000;
  return { petC: new Float32Array(n).fill(petC), petClass: new Uint8Array(n), shadeFraction: new Float32Array(n).fill(shade), svf: new Float32Array(n), windMPerS: new Float32Array(n), sunPositions: [] };
}

describe('exposure tables', () => {
  it('finds sites, their buurt, cool-place distance within 300 m or not, residents reached and route shade around them', () => {
    const { s, buildings, buurten, zones } = strip();
    const sites = exposureSites(s, buildings, [], zones, buurten);
    expect(sites.map((x) => [x.id, x.kind, x.buurt, x.vulnerable])).toEqual([['home', 'wonen75plus', 'WEST', true], ['care', 'zorg', 'OOST', true]]);
    const water = new Uint8Array(5000);
    for (let i = 0; i < 5000; i++) water[i] = s.landCover[i] === LandCover.WATER ? 1 : 0;
    const dist = distanceToMaskM(water, 250, 20, 2);
    const base: SituationView = { name: 'baseline', result: result(40, 0.2), exposure: [] };
    base.exposure = siteExposures(sites, base.result, dist);
    expect(base.exposure[0]?.coolPlaceDistanceM).toBeCloseTo(18, 5); // westmost facade cell (centre x 19, one 2 m cell from the wall) − water cell centre x 1
    expect(base.exposure[1]?.coolPlaceDistanceM).toBeGreaterThan(300);
    const scen: SituationView = { name: 'scenario', result: result(40, 0.6), exposure: [] };
    for (const i of sites[0]?.cells ?? []) scen.result.petC[i] = 38.5; // the home's facade 1.5 °C cooler
    scen.exposure = siteExposures(sites, scen.result, dist);
    expect(residentCounts(sites, base)).toEqual({ coolPlace: 10, coolPlace75: 2, reached: 0 });
    expect(residentCounts(sites, scen, base)).toEqual({ coolPlace: 10, coolPlace75: 2, reached: 10 });
    const routes = new Uint8Array(5000);
    for (let c = 0; c < 250; c++) routes[19 * 250 + c] = 1; // a path along the south edge
    const locs = vulnerableLocationTable(s.grid, routes, sites, scen, base).features.map((f) => f.properties as Record<string, unknown>);
    expect(locs.map((p) => [p.coolPlaceWithin300m, p.routeShadeShare300m, p.baselineRouteShadeShare300m, p.deltaPetFacadeMeanC])).toEqual([[true, 0.6, 0.2, -1.5], [false, 0.6, 0.2, 0]]);
    const table = neighbourhoodTable(buurten, zones, new Uint8Array(5000).fill(1), routes, sites, scen, base).features[0]?.properties;
    expect(table).toMatchObject({ code: 'WEST', inwoners: 12, residentsInBuildings: 10, residentsCoolPlace300m: 10, routeShadeShare: 0.6, deltaRouteShadeShare: 0.4, residentsReached: 10 });
  });
});
