/**
 * From platform data to the model's rasters: DEM + land use + buildings + trees → {@link SurfaceModel};
 * roads → walking-route mask; polygons (buurten, parks) → zone rasters. Grid layout as `RasterGrid` of
 * `@tweeling/core` (row-major, row 0 north); all geometry in RD New (EPSG:28992, metres).
 */
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { RasterGrid } from '@tweeling/core';
import { HittestressError } from './errors.js';
import { type GridSpec, cellIndexAt, geometryBounds, rasterisePolygon } from './rasterise.js';
import { LandCover, type SurfaceModel, type TreeClass, type TreeInput, addTrees, createSurfaceModel } from './surface.js';

/**
 * Land cover per land-use code of the Tweeling code table (`@tweeling/demo` `LAND_USE_CLASSES`):
 * 0 unknown → paved (conservative: warmest in the sun), 1 carriageway → paved, 2 building → paved
 * (actual buildings come from the footprints), 3 grass → green, 4 water → water, 5 garden → green
 * (gardens mix tiles and lawn: an optimistic choice, see the model card), 6 planting → green,
 * 7 other paving → paved. Codes above 7 → paved.
 */
export const LAND_COVER_BY_LAND_USE: readonly LandCover[] = [
  LandCover.PAVED, LandCover.PAVED, LandCover.PAVED, LandCover.GREEN,
  LandCover.WATER, LandCover.GREEN, LandCover.GREEN, LandCover.PAVED,
];

/** Road classes whose whole width is a walking route (the brief: cycle paths, footpaths, residential streets). */
export const WALKING_ROAD_CLASSES: readonly string[] = ['fietspad', 'voetpad', 'woonstraat'];

/** Dutch size class of a tree (*1e/2e/3e grootte*) or the model's own class name → {@link TreeClass}. */
const TREE_CLASS_BY_NAME: Record<string, TreeClass> = { klein: 'small', middel: 'medium', groot: 'large', small: 'small', medium: 'medium', large: 'large' };

/** What {@link buildSurface} did, for the run log. */
export interface SurfaceStats {
  buildings: number;
  buildingsOutside: number;
  trees: number;
  treesOutside: number;
  /** Messages of trees that got a class-default height. */
  treeHeightDefaults: string[];
  demNoDataFilled: number;
}

/** Throws unless `b` lies on exactly the grid of `a` (size, origin, cell size, CRS). */
export function assertSameGrid(a: RasterGrid, b: RasterGrid, what: string): void {
  const same = a.width === b.width && a.height === b.height && a.cellSize === b.cellSize && a.crs === b.crs &&
    Math.abs(a.originX - b.originX) < 1e-6 && Math.abs(a.originY - b.originY) < 1e-6;
  if (!same) {
    throw new HittestressError('INVALID_INPUT', `${what} is not on the grid of the DEM (${b.width}×${b.height} cells of ${b.cellSize} m at ` +
      `(${b.originX}, ${b.originY}) ${b.crs} vs ${a.width}×${a.height} of ${a.cellSize} m at (${a.originX}, ${a.originY}) ${a.crs}); resample it first.`);
  }
}

/** Whether the extent of `g` overlaps the grid; `inside` when entirely within it. */
function extentVsGrid(grid: GridSpec, g: Geometry): 'inside' | 'partly' | 'outside' {
  const [minX, minY, maxX, maxY] = geometryBounds(g);
  const gx1 = grid.originX + grid.width * grid.cellSize;
  const gy0 = grid.originY - grid.height * grid.cellSize;
  if (maxX < grid.originX || minX > gx1 || maxY < gy0 || minY > grid.originY) return 'outside';
  return minX >= grid.originX && maxX <= gx1 && minY >= gy0 && maxY <= grid.originY ? 'inside' : 'partly';
}

function isPolygonal(g: Geometry | null): g is Polygon | MultiPolygon {
  return g?.type === 'Polygon' || g?.type === 'MultiPolygon';
}

function featureId(f: Feature, k: number): string {
  const id = f.properties?.id ?? f.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : `#${k + 1}`;
}

/** DEM with no-data cells set to the mean of the valid cells (a 0 m fill would build walls in polders at −5 m NAP). */
function filledDem(dem: RasterGrid): { dem: RasterGrid<Float32Array>; filled: number } {
  const data = Float32Array.from(dem.data as ArrayLike<number>);
  let sum = 0;
  let valid = 0;
  for (const v of data) if (v !== dem.noData && Number.isFinite(v)) { sum += v; valid++; }
  if (valid === 0) throw new HittestressError('INVALID_INPUT', 'The DEM has no valid cells.');
  const mean = sum / valid;
  let filled = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === dem.noData || !Number.isFinite(data[i] as number)) { data[i] = mean; filled++; }
  return { dem: { ...dem, data, noData: null }, filled };
}

/** Burns footprints (height above ground, land cover BUILT); footprints outside the grid are skipped, partly outside clipped. */
function burnBuildings(s: SurfaceModel, buildings: Feature[]): { burnt: number; outside: number } {
  const missing: string[] = [];
  buildings.forEach((b, k) => {
    const h = b.properties?.heightM;
    if (!isPolygonal(b.geometry)) throw new HittestressError('INVALID_INPUT', `Building ${featureId(b, k)} is a ${b.geometry?.type ?? 'null geometry'}, not a polygon.`);
    if (!(typeof h === 'number' && h > 0 && Number.isFinite(h))) missing.push(featureId(b, k));
  });
  if (missing.length > 0) {
    throw new HittestressError('MISSING_HEIGHT', `${missing.length} building(s) have no valid height (heightM > 0 m): ${missing.slice(0, 10).join(', ')}` +
      `${missing.length > 10 ? ', …' : ''}. Add heights (e.g. from 3D BAG / AHN) before computing shade.`);
  }
  let burnt = 0;
  let outside = 0;
  for (const b of buildings) {
    const g = b.geometry as Polygon | MultiPolygon;
    if (extentVsGrid(s.grid, g) === 'outside') { outside++; continue; }
    const h = b.properties?.heightM as number;
    rasterisePolygon(s.grid, g, (i) => {
      if (h > (s.buildingHeightM[i] as number)) s.buildingHeightM[i] = h;
      s.landCover[i] = LandCover.BUILT;
    });
    burnt++;
  }
  return { burnt, outside };
}

/** Tree features → model trees (RD point, height or null, crown diameter, class). */
export function treeInputs(trees: Feature[]): TreeInput[] {
  return trees.map((f, k) => {
    if (f.geometry?.type !== 'Point') throw new HittestressError('INVALID_INPUT', `Tree ${featureId(f, k)} is not a Point.`);
    const [x, y] = f.geometry.coordinates as [number, number];
    const p = f.properties ?? {};
    const t: TreeInput = { xM: x, yM: y, id: featureId(f, k) };
    if (typeof p.heightM === 'number' && p.heightM > 0) t.heightM = p.heightM;
    if (typeof p.crownDiameterM === 'number' && p.crownDiameterM > 0) t.crownDiameterM = p.crownDiameterM;
    const cls = typeof p.speciesClass === 'string' ? TREE_CLASS_BY_NAME[p.speciesClass] : undefined;
    if (cls) t.treeClass = cls;
    return t;
  });
}

/**
 * Builds the baseline surface model: DEM (no-data filled), land cover from the land-use codes,
 * building footprints, then tree crowns (trees without height get their class default; the messages
 * are returned in `stats.treeHeightDefaults` for the caller to log as a warning).
 *
 * @throws HittestressError `MISSING_HEIGHT` for buildings without height, `INVALID_INPUT` for a land-use
 *   raster on another grid or wrong geometry types.
 */
export function buildSurface(demGrid: RasterGrid, landUse: RasterGrid, buildings: Feature[], trees: Feature[]): { surface: SurfaceModel; stats: SurfaceStats } {
  assertSameGrid(demGrid, landUse, 'The land-use raster');
  const { dem, filled } = filledDem(demGrid);
  const s = createSurfaceModel(dem);
  for (let i = 0; i < s.landCover.length; i++) {
    const code = landUse.data[i] as number;
    s.landCover[i] = LAND_COVER_BY_LAND_USE[code] ?? LandCover.PAVED;
  }
  const { burnt, outside } = burnBuildings(s, buildings);
  const treeHeightDefaults: string[] = [];
  const all = treeInputs(trees);
  const inGrid = all.filter((t) => cellIndexAt(s.grid, t.xM, t.yM) >= 0);
  addTrees(s, inGrid, treeHeightDefaults);
  return {
    surface: s,
    stats: { buildings: burnt, buildingsOutside: outside, trees: inGrid.length, treesOutside: all.length - inGrid.length, treeHeightDefaults, demNoDataFilled: filled },
  };
}

/** Squared distance from (px, py) to segment a–b. */
function segmentDist2(px: number, py: number, a: Position, b: Position): number {
  const ax = a[0] as number, ay = a[1] as number;
  const dx = (b[0] as number) - ax, dy = (b[1] as number) - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
  const ex = ax + t * dx - px, ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/** Marks cells whose centre lies at a distance in [innerM, outerM] from the polyline(s). */
function burnLineBand(grid: GridSpec, lines: Position[][], innerM: number, outerM: number, out: Uint8Array): void {
  const { width, height, originX, originY, cellSize } = grid;
  for (const line of lines) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const p of line) {
      minX = Math.min(minX, p[0] as number); maxX = Math.max(maxX, p[0] as number);
      minY = Math.min(minY, p[1] as number); maxY = Math.max(maxY, p[1] as number);
    }
    const c0 = Math.max(0, Math.floor((minX - outerM - originX) / cellSize));
    const c1 = Math.min(width - 1, Math.floor((maxX + outerM - originX) / cellSize));
    const r0 = Math.max(0, Math.floor((originY - maxY - outerM) / cellSize));
    const r1 = Math.min(height - 1, Math.floor((originY - minY + outerM) / cellSize));
    const in2 = innerM * innerM, out2 = outerM * outerM;
    for (let r = r0; r <= r1; r++) {
      const y = originY - (r + 0.5) * cellSize;
      for (let c = c0; c <= c1; c++) {
        const x = originX + (c + 0.5) * cellSize;
        let d2 = Infinity;
        for (let k = 0; k + 1 < line.length; k++) d2 = Math.min(d2, segmentDist2(x, y, line[k] as Position, line[k + 1] as Position));
        if (d2 <= out2 && d2 >= in2) out[r * width + c] = 1;
      }
    }
  }
}

/**
 * Walking-route mask (1 = route cell): the full width of cycle paths, footpaths and residential streets
 * (carriageway + sidewalks, `widthM / 2 + sidewalkM` either side of the centre line), and the sidewalk
 * bands of all other roads. Building cells are cleared. At least half a cell either side, so narrow
 * paths still get cells.
 */
export function walkingRouteMask(s: SurfaceModel, roads: Feature[]): Uint8Array {
  const out = new Uint8Array(s.groundM.length);
  const half = s.grid.cellSize / 2;
  roads.forEach((f, k) => {
    const g = f.geometry;
    const lines = g?.type === 'LineString' ? [g.coordinates] : g?.type === 'MultiLineString' ? g.coordinates : null;
    if (!lines) throw new HittestressError('INVALID_INPUT', `Road ${featureId(f, k)} is not a (Multi)LineString.`);
    const p = f.properties ?? {};
    const widthM = typeof p.widthM === 'number' && p.widthM > 0 ? p.widthM : 0;
    const sidewalkM = typeof p.sidewalkM === 'number' && p.sidewalkM > 0 ? p.sidewalkM : 0;
    if (WALKING_ROAD_CLASSES.includes(String(p.roadClass))) burnLineBand(s.grid, lines, 0, Math.max(half, widthM / 2 + sidewalkM), out);
    else if (sidewalkM > 0) burnLineBand(s.grid, lines, widthM / 2, widthM / 2 + Math.max(half, sidewalkM), out);
  });
  for (let i = 0; i < out.length; i++) if ((s.buildingHeightM[i] as number) > 0) out[i] = 0;
  return out;
}

/**
 * Zone raster of polygons: cell = 1-based index of the (last) polygon containing its centre, 0 elsewhere.
 * Non-polygon features are an error; polygons outside the grid simply get no cells.
 */
export function zoneRaster(grid: GridSpec, features: Feature[], what: string): Int32Array {
  const zones = new Int32Array(grid.width * grid.height);
  features.forEach((f, k) => {
    if (!isPolygonal(f.geometry)) throw new HittestressError('INVALID_INPUT', `${what} ${featureId(f, k)} is not a polygon.`);
    rasterisePolygon(grid, f.geometry, (i) => { zones[i] = k + 1; });
  });
  return zones;
}
