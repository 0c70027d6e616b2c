/**
 * A small synthetic town for app tests: 200 × 200 cells of 1 m, plots sloping 1 % towards an
 * east–west street (rows 95–104, 0.2 m below the plots) that falls 0.2 % to a closed sump at its
 * east end; four 10 × 10 m buildings along the street, a road on the street's centre line, one buurt.
 */
import type { FeatureCollection, Polygon } from 'geojson';
import type { RasterGrid } from '@tweeling/core';

export const SIZE = 200;
export const ORIGIN_X = 150000, ORIGIN_Y = 480200;
const STREET_ROW_0 = 95, STREET_ROW_1 = 104;

function bed(row: number, col: number): number {
  const street = row >= STREET_ROW_0 && row <= STREET_ROW_1;
  const toStreet = row < STREET_ROW_0 ? STREET_ROW_0 - row : row > STREET_ROW_1 ? row - STREET_ROW_1 : 0;
  const along = -0.002 * col; // falls towards the east
  const sump = col >= 185 && street ? -0.3 : 0;
  return 1 + along + (street ? -0.2 : 0.01 * toStreet) + sump;
}

function square(x0: number, y0: number, side: number): Polygon {
  return { type: 'Polygon', coordinates: [[[x0, y0], [x0 + side, y0], [x0 + side, y0 + side], [x0, y0 + side], [x0, y0]]] };
}

/** x of column c's west edge, y of row r's north edge. */
const xOf = (c: number) => ORIGIN_X + c, yOf = (r: number) => ORIGIN_Y - r;

/** The town's datasets under the ids the manifest defaults name. */
export function townDatasets(): Record<string, RasterGrid | FeatureCollection> {
  const dem = new Float32Array(SIZE * SIZE), landUse = new Uint8Array(SIZE * SIZE);
  for (let r = 0; r < SIZE; r++) {
    for (let c = 0; c < SIZE; c++) {
      dem[r * SIZE + c] = bed(r, c);
      landUse[r * SIZE + c] = r >= STREET_ROW_0 && r <= STREET_ROW_1 ? 1 : 3;
    }
  }
  const grid = { width: SIZE, height: SIZE, originX: ORIGIN_X, originY: ORIGIN_Y, cellSize: 1, crs: 'EPSG:28992', noData: null };
  const houses: Array<{ id: string; col: number; north: boolean; thresholdM: number | null }> = [
    { id: 'west', col: 20, north: true, thresholdM: 0.15 },
    { id: 'middle', col: 100, north: false, thresholdM: null },
    { id: 'east', col: 175, north: true, thresholdM: 0.3 },
    { id: 'far', col: 100, north: true, thresholdM: 0.15 },
  ];
  const buildings: FeatureCollection = {
    type: 'FeatureCollection',
    features: houses.map((h) => {
      // Facades on the street edge, except `far`, 40 m up the slope.
      const top = h.id === 'far' ? STREET_ROW_0 - 50 : h.north ? STREET_ROW_0 - 10 : STREET_ROW_1 + 1;
      return {
        type: 'Feature', id: h.id, geometry: square(xOf(h.col), yOf(top + 10), 10),
        properties: { id: h.id, thresholdM: h.thresholdM, residents: 4, residents75plus: h.id === 'east' ? 2 : 0, use: 'wonen', buurt: 'BU0001' },
      };
    }),
  };
  const streetY = yOf((STREET_ROW_0 + STREET_ROW_1 + 1) / 2);
  const roads: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', id: 'r-west', geometry: { type: 'LineString', coordinates: [[xOf(0), streetY], [xOf(100), streetY]] }, properties: { id: 'r-west', fromNode: 'a', toNode: 'b', widthM: 6, roadClass: 'woonstraat', lengthM: 100, motorVehicles: true } },
      { type: 'Feature', id: 'r-east', geometry: { type: 'LineString', coordinates: [[xOf(100), streetY], [xOf(200), streetY]] }, properties: { id: 'r-east', fromNode: 'b', toNode: 'c', widthM: 6, roadClass: 'woonstraat', lengthM: 100, motorVehicles: true } },
    ],
  };
  const buurten: FeatureCollection = {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', id: 'BU0001', geometry: square(ORIGIN_X, ORIGIN_Y - SIZE, SIZE), properties: { code: 'BU0001', naam: 'Teststraat', inwoners: 16 } }],
  };
  return {
    'demo-hoogte': { ...grid, data: dem }, 'demo-landgebruik': { ...grid, data: landUse },
    'demo-gebouwen': buildings, 'demo-wegen': roads, 'demo-buurten': buurten,
  };
}
