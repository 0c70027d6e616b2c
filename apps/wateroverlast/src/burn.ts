/**
 * Burns building footprints (GeoJSON Polygon/MultiPolygon in the DEM's CRS) into a mask raster:
 * a cell is a building when its centre lies inside a footprint (even–odd rule, holes respected).
 */
import type { RasterGrid } from '@tweeling/core';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

/** Rings of every polygon in a geometry (outer and holes alike; even–odd handles holes). */
function ringsOf(geometry: Geometry | null): Position[][] {
  if (geometry === null) return [];
  if (geometry.type === 'Polygon') return geometry.coordinates;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(ringsOf);
  return [];
}

/** Marks, on one row's centre line y, the columns whose centre lies inside the rings. */
function burnRow(rings: Position[][], grid: RasterGrid, row: number, out: Uint8Array): void {
  const y = grid.originY - (row + 0.5) * grid.cellSize;
  const xs: number[] = [];
  for (const ring of rings) {
    for (let k = 0, j = ring.length - 1; k < ring.length; j = k++) {
      const [xa, ya] = ring[k] as [number, number];
      const [xb, yb] = ring[j] as [number, number];
      if ((ya > y) !== (yb > y)) xs.push(xa + ((y - ya) * (xb - xa)) / (yb - ya));
    }
  }
  xs.sort((a, b) => a - b);
  for (let k = 0; k + 1 < xs.length; k += 2) {
    const c0 = Math.max(0, Math.ceil((xs[k]! - grid.originX) / grid.cellSize - 0.5));
    const c1 = Math.min(grid.width - 1, Math.floor((xs[k + 1]! - grid.originX) / grid.cellSize - 0.5));
    for (let c = c0; c <= c1; c++) out[row * grid.width + c] = 1;
  }
}

/**
 * Building mask on the grid of `dem` (1 = building). Non-polygon features are ignored.
 * @example burnBuildings(dem, JSON.parse(await readFile('bag.geojson', 'utf8')))
 */
export function burnBuildings(dem: RasterGrid, buildings: FeatureCollection | Feature[]): RasterGrid<Uint8Array> {
  const data = new Uint8Array(dem.width * dem.height);
  const features = Array.isArray(buildings) ? buildings : buildings.features;
  for (const feature of features) {
    const rings = ringsOf(feature.geometry);
    if (rings.length === 0) continue;
    let minY = Infinity, maxY = -Infinity;
    for (const ring of rings) for (const p of ring) { minY = Math.min(minY, p[1]!); maxY = Math.max(maxY, p[1]!); }
    const r0 = Math.max(0, Math.floor((dem.originY - maxY) / dem.cellSize - 0.5));
    const r1 = Math.min(dem.height - 1, Math.ceil((dem.originY - minY) / dem.cellSize - 0.5));
    for (let r = r0; r <= r1; r++) burnRow(rings, dem, r, data);
  }
  return { width: dem.width, height: dem.height, originX: dem.originX, originY: dem.originY, cellSize: dem.cellSize, crs: dem.crs, noData: null, data };
}
