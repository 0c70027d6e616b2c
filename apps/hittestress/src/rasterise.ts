/**
 * Small rasterisers for measures and buildings: polygons (scanline, even–odd rule, so holes work),
 * discs (tree crowns) and points along lines. Grid layout as in `RasterGrid` of `@tweeling/core`:
 * row-major `i = row * width + col`, row 0 north, a cell is inside a shape when its *centre* is.
 */
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { RasterGrid } from '@tweeling/core';
import { HittestressError } from './errors.js';

/** The geometry of a grid: everything but its cells. */
export type GridSpec = Pick<RasterGrid, 'width' | 'height' | 'originX' | 'originY' | 'cellSize'>;

/** Bounding box `[minX, minY, maxX, maxY]` of all coordinates of a geometry. */
export function geometryBounds(geometry: Geometry): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (p: Position): void => {
    const x = p[0] ?? NaN;
    const y = p[1] ?? NaN;
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new HittestressError('INVALID_INPUT', 'Geometry has a non-numeric coordinate.');
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  };
  const walk = (g: Geometry): void => {
    switch (g.type) {
      case 'Point': visit(g.coordinates); break;
      case 'MultiPoint': case 'LineString': g.coordinates.forEach(visit); break;
      case 'MultiLineString': case 'Polygon': g.coordinates.forEach((r) => r.forEach(visit)); break;
      case 'MultiPolygon': g.coordinates.forEach((p) => p.forEach((r) => r.forEach(visit))); break;
      case 'GeometryCollection': g.geometries.forEach(walk); break;
    }
  };
  walk(geometry);
  return b;
}

/**
 * Throws when a geometry (plus an optional margin, e.g. a crown radius) is not entirely inside the grid.
 *
 * @param what - Human description used in the message, e.g. `measure 3 (trees)`.
 * @throws HittestressError `OUTSIDE_GRID`
 */
export function assertInsideGrid(grid: GridSpec, geometry: Geometry, what: string, marginM = 0): void {
  const [minX, minY, maxX, maxY] = geometryBounds(geometry);
  const gMinX = grid.originX;
  const gMaxX = grid.originX + grid.width * grid.cellSize;
  const gMinY = grid.originY - grid.height * grid.cellSize;
  const gMaxY = grid.originY;
  if (minX - marginM < gMinX || maxX + marginM > gMaxX || minY - marginM < gMinY || maxY + marginM > gMaxY) {
    throw new HittestressError(
      'OUTSIDE_GRID',
      `${what} lies (partly) outside the study area: its extent [${minX.toFixed(1)}, ${minY.toFixed(1)}, ${maxX.toFixed(1)}, ` +
        `${maxY.toFixed(1)}] (RD, m) is not inside [${gMinX}, ${gMinY}, ${gMaxX}, ${gMaxY}]. Draw it inside the area.`,
    );
  }
}

/** Row-major index of the cell containing RD point (x, y), or -1 outside the grid. */
export function cellIndexAt(grid: GridSpec, xM: number, yM: number): number {
  const col = Math.floor((xM - grid.originX) / grid.cellSize);
  const row = Math.floor((grid.originY - yM) / grid.cellSize);
  if (col < 0 || row < 0 || col >= grid.width || row >= grid.height) return -1;
  return row * grid.width + col;
}

/**
 * Calls `visit(i)` for every cell whose centre lies inside the polygon(s) (even–odd rule).
 * Cost O(rows × edges); cells are visited once each.
 */
export function rasterisePolygon(grid: GridSpec, geometry: Polygon | MultiPolygon, visit: (i: number) => void): void {
  const rings: Position[][] = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  const [, minY, , maxY] = geometryBounds(geometry);
  const { width, height, originX, originY, cellSize } = grid;
  const rowFirst = Math.max(0, Math.floor((originY - maxY) / cellSize));
  const rowLast = Math.min(height - 1, Math.ceil((originY - minY) / cellSize));
  const xs: number[] = [];
  for (let row = rowFirst; row <= rowLast; row++) {
    const y = originY - (row + 0.5) * cellSize;
    xs.length = 0;
    for (const ring of rings) {
      for (let k = 0, n = ring.length; k < n; k++) {
        const a = ring[k] as Position;
        const b = ring[(k + 1) % n] as Position;
        const ay = a[1] as number;
        const by = b[1] as number;
        // Half-open rule (ay <= y < by or by <= y < ay) counts each vertex once.
        if ((ay <= y && by > y) || (by <= y && ay > y)) {
          const ax = a[0] as number;
          xs.push(ax + ((y - ay) / (by - ay)) * ((b[0] as number) - ax));
        }
      }
    }
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // Cells whose centre x = originX + (col + 0.5) * cellSize lies in [x0, x1).
      const c0 = Math.max(0, Math.ceil(((xs[k] as number) - originX) / cellSize - 0.5));
      const c1 = Math.min(width - 1, Math.ceil(((xs[k + 1] as number) - originX) / cellSize - 0.5) - 1);
      for (let col = c0; col <= c1; col++) visit(row * width + col);
    }
  }
}

/** Calls `visit(i, distM)` for every cell whose centre lies within `radiusM` of (x, y). */
export function rasteriseDisc(grid: GridSpec, xM: number, yM: number, radiusM: number, visit: (i: number, distM: number) => void): void {
  const { width, height, originX, originY, cellSize } = grid;
  const c0 = Math.max(0, Math.floor((xM - radiusM - originX) / cellSize));
  const c1 = Math.min(width - 1, Math.floor((xM + radiusM - originX) / cellSize));
  const r0 = Math.max(0, Math.floor((originY - yM - radiusM) / cellSize));
  const r1 = Math.min(height - 1, Math.floor((originY - yM + radiusM) / cellSize));
  for (let row = r0; row <= r1; row++) {
    const dy = originY - (row + 0.5) * cellSize - yM;
    for (let col = c0; col <= c1; col++) {
      const dx = originX + (col + 0.5) * cellSize - xM;
      const d = Math.hypot(dx, dy);
      if (d <= radiusM) visit(row * width + col, d);
    }
  }
}

/**
 * Points every `spacingM` along a polyline, starting half a spacing in (so a 200 m street at 10 m
 * spacing gets 20 trees, none on the street ends).
 */
export function pointsAlongLine(line: Position[], spacingM: number): Array<[number, number]> {
  if (!(spacingM > 0)) throw new HittestressError('INVALID_INPUT', `Spacing ${spacingM} m must be positive.`);
  const out: Array<[number, number]> = [];
  let next = spacingM / 2;
  let walked = 0;
  for (let k = 0; k + 1 < line.length; k++) {
    const [ax, ay] = line[k] as [number, number];
    const [bx, by] = line[k + 1] as [number, number];
    const len = Math.hypot(bx - ax, by - ay);
    while (next <= walked + len) {
      const t = len > 0 ? (next - walked) / len : 0;
      out.push([ax + t * (bx - ax), ay + t * (by - ay)]);
      next += spacingM;
    }
    walked += len;
  }
  return out;
}
