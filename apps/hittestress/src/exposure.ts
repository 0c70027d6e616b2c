/**
 * Who is exposed: facade zones of buildings (where people step outside), cool places (shaded parts of
 * public parks, and water) and the straight-line distance to the nearest one, on the model grid.
 * Distances are Euclidean on the raster (exact distance transform of Felzenszwalb & Huttenlocher 2012,
 * *Theory of Computing* 8:415–428) — not walking distance over the path network.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { rasteriseDisc, rasterisePolygon } from './rasterise.js';
import { LandCover, type SurfaceModel } from './surface.js';

/** Width of the facade zone: outdoor cells within this distance of a footprint, m. */
export const FACADE_ZONE_M = 3;
/** 3-30-300: a cool place within 300 m of every home (DESIGN.md). */
export const COOL_PLACE_MAX_DISTANCE_M = 300;
/** A park cell is cool when it is in shade at least this share of the shade hours. */
export const COOL_SHADE_FRACTION = 0.5;
/** A park counts as a cool place when at least this much of it is shaded, m² (a bench under one small tree is not a park). */
export const COOL_PLACE_MIN_SHADED_M2 = 200;

/**
 * Outdoor cells (no building) within `radiusM` of the polygon's cells, sorted. When the polygon covers
 * no cell centre, the zone is the outdoor cells within `radiusM` of its first vertex.
 */
export function facadeZone(s: SurfaceModel, geometry: Polygon | MultiPolygon, radiusM = FACADE_ZONE_M): Int32Array {
  const { width, height, cellSize } = s.grid;
  const own: number[] = [];
  rasterisePolygon(s.grid, geometry, (i) => own.push(i));
  const zone = new Set<number>();
  const r = Math.ceil(radiusM / cellSize);
  const offsets: Array<[number, number]> = [];
  for (let dr = -r; dr <= r; dr++) for (let dc = -r; dc <= r; dc++) if (Math.hypot(dr, dc) * cellSize <= radiusM) offsets.push([dr, dc]);
  if (own.length === 0) {
    const first = (geometry.type === 'Polygon' ? geometry.coordinates[0]?.[0] : geometry.coordinates[0]?.[0]?.[0]) ?? [NaN, NaN];
    rasteriseDisc(s.grid, first[0] as number, first[1] as number, radiusM, (i) => { if ((s.buildingHeightM[i] as number) <= 0) zone.add(i); });
  }
  for (const i of own) {
    const row = Math.floor(i / width), col = i % width;
    for (const [dr, dc] of offsets) {
      const rr = row + dr, cc = col + dc;
      if (rr < 0 || cc < 0 || rr >= height || cc >= width) continue;
      const j = rr * width + cc;
      if ((s.buildingHeightM[j] as number) <= 0) zone.add(j);
    }
  }
  return Int32Array.from([...zone].sort((a, b) => a - b));
}

/** Largest search radius of {@link pointZone} when a point lies inside a building, m. */
const MAX_POINT_ZONE_M = 48;

/**
 * Outdoor cells within `radiusM` of a point (for point locations). A point inside a building gets the
 * outdoor cells nearest to it: the radius doubles until some are found (at most 48 m).
 */
export function pointZone(s: SurfaceModel, xM: number, yM: number, radiusM = FACADE_ZONE_M): Int32Array {
  const cells: number[] = [];
  for (let r = radiusM; cells.length === 0 && r <= MAX_POINT_ZONE_M; r *= 2) {
    rasteriseDisc(s.grid, xM, yM, r, (i) => { if ((s.buildingHeightM[i] as number) <= 0) cells.push(i); });
  }
  return Int32Array.from(cells.sort((a, b) => a - b));
}

/**
 * Cool-place mask (1 = cool): water cells, and the shaded cells (shade fraction ≥ {@link COOL_SHADE_FRACTION})
 * of public parks that have at least {@link COOL_PLACE_MIN_SHADED_M2} of them.
 *
 * @param parkZones - Zone raster of the parks (1-based park index, 0 = none), see `zoneRaster`.
 * @param parks - The park features (index k ↔ zone k + 1); `public: false` parks are not cool places.
 */
export function coolPlaceMask(s: SurfaceModel, shadeFraction: Float32Array, parkZones: Int32Array, parks: Feature[]): Uint8Array {
  const n = s.landCover.length;
  const shadedCells = new Int32Array(parks.length + 1);
  for (let i = 0; i < n; i++) {
    const z = parkZones[i] as number;
    if (z > 0 && (s.buildingHeightM[i] as number) <= 0 && (shadeFraction[i] as number) >= COOL_SHADE_FRACTION) shadedCells[z] = (shadedCells[z] as number) + 1;
  }
  const cellM2 = s.grid.cellSize ** 2;
  const coolPark = Array.from(shadedCells, (c, z) => z > 0 && c * cellM2 >= COOL_PLACE_MIN_SHADED_M2 && parks[z - 1]?.properties?.public !== false);
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (s.landCover[i] === LandCover.WATER) { mask[i] = 1; continue; }
    const z = parkZones[i] as number;
    if (z > 0 && coolPark[z] && (s.buildingHeightM[i] as number) <= 0 && (shadeFraction[i] as number) >= COOL_SHADE_FRACTION) mask[i] = 1;
  }
  return mask;
}

/** Stand-in for "no source" in the distance transform: larger than any squared distance on a grid. */
const FAR = 1e20;

/** 1-D squared Euclidean distance transform of f (cell units²) into d: lower envelope of parabolas (Felzenszwalb & Huttenlocher). */
function edt1d(f: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = 1; q < n; q++) {
    const fq = (f[q] as number) + q * q;
    let p = v[k] as number;
    let s = (fq - ((f[p] as number) + p * p)) / (2 * q - 2 * p);
    while (s <= (z[k] as number)) {
      k--;
      p = v[k] as number;
      s = (fq - ((f[p] as number) + p * p)) / (2 * q - 2 * p);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while ((z[k + 1] as number) < q) k++;
    const p = v[k] as number;
    d[q] = (q - p) * (q - p) + (f[p] as number);
  }
}

/**
 * Straight-line distance (m) from every cell centre to the nearest cell with `mask` ≠ 0
 * (Infinity when the mask is empty). Exact Euclidean, O(cells).
 */
export function distanceToMaskM(mask: Uint8Array, width: number, height: number, cellSize: number): Float32Array {
  const n = Math.max(width, height);
  const f = new Float64Array(n), d = new Float64Array(n), z = new Float64Array(n + 1);
  const v = new Int32Array(n);
  const tmp = new Float64Array(width * height);
  for (let c = 0; c < width; c++) {
    for (let r = 0; r < height; r++) f[r] = mask[r * width + c] !== 0 ? 0 : FAR;
    edt1d(f, height, d, v, z);
    for (let r = 0; r < height; r++) tmp[r * width + c] = d[r] as number;
  }
  const out = new Float32Array(width * height);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) f[c] = tmp[r * width + c] as number;
    edt1d(f, width, d, v, z);
    for (let c = 0; c < width; c++) out[r * width + c] = (d[c] as number) >= FAR / 2 ? Infinity : Math.sqrt(d[c] as number) * cellSize;
  }
  return out;
}

/** PET and cool-place distance of one zone of cells. */
export interface ZoneExposure {
  /** Mean PET over the zone, °C (null for an empty zone). */
  petMeanC: number | null;
  /** Maximum PET over the zone, °C. */
  petMaxC: number | null;
  /** Straight-line distance from the nearest zone cell to the nearest cool place, m (null: none in the area). */
  coolPlaceDistanceM: number | null;
}

/** Exposure of one zone (facade or point zone) for one situation. */
export function zoneExposure(cells: Int32Array, petC: Float32Array, coolDistM: Float32Array): ZoneExposure {
  if (cells.length === 0) return { petMeanC: null, petMaxC: null, coolPlaceDistanceM: null };
  let sum = 0, max = -Infinity, dist = Infinity;
  for (const i of cells) {
    const p = petC[i] as number;
    sum += p;
    if (p > max) max = p;
    dist = Math.min(dist, coolDistM[i] as number);
  }
  return { petMeanC: sum / cells.length, petMaxC: max, coolPlaceDistanceM: Number.isFinite(dist) ? dist : null };
}
