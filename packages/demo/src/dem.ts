/**
 * Land-use raster and DEM (bare-earth DTM, m NAP) from the plan.
 *
 * Terrain: Almere-like polder ground around −4 m NAP with a gentle tilt and smooth undulation;
 * sidewalks a few cm below the gardens, carriageways a curb (10–12 cm) lower with a slight camber;
 * canals and ponds at the target level −5.20 m NAP with sloping banks; a raised park; a few local
 * depressions (low spots in streets, greens and car parks) where rain water ponds.
 */
import { Canvas, distanceTo } from './canvas.js';
import { LandUse } from './landuse.js';
import type { Plan } from './plan.js';
import type { Rng } from './prng.js';

/** Mean ground level, m NAP. */
export const GROUND_LEVEL_M = -4.0;
/** Target water level of canals and ponds (streefpeil), m NAP. */
export const WATER_LEVEL_M = -5.2;
/** Sidewalks and paths lie this much below the adjacent gardens/greens, m. */
export const SIDEWALK_DROP_M = 0.03;
/** Cross-fall of a carriageway: centre above the gutters, m. */
export const CAMBER_M = 0.02;
/** Width of a canal/pond bank (talud), m. */
export const BANK_WIDTH_M = 5;
/** Distances to water are computed up to this, m. */
const WATER_DISTANCE_CAP_M = 80;
/** Total fall of the terrain trend across 1 km, m. */
const TILT_PER_KM_M = 0.3;

const PAVED_ROAD_CLASSES = new Set(['hoofdweg', 'wijkontsluitingsweg', 'woonstraat']);

/** Paint land use and the road profile offset. */
export function rasterizePlan(plan: Plan, cellSize: number): Canvas {
  const cv = new Canvas(plan.size, cellSize);
  const lu = cv.landUse;
  const off = cv.offset;
  lu.fill(LandUse.gras);
  for (const op of plan.paint) cv.paintRing(op.ring, op.code);
  for (const w of plan.water) cv.paintRing(w.ring, LandUse.water);
  const segs = (f: (a: [number, number], b: [number, number], way: Plan['ways'][number]) => void): void => {
    for (const way of plan.ways) for (let k = 1; k < way.pts.length; k++) f(way.pts[k - 1] as [number, number], way.pts[k] as [number, number], way);
  };
  // 1. sidewalks, 2. cycle/foot paths, 3. carriageways (crown kept where carriageways overlap).
  segs((a, b, way) => {
    if (way.sidewalkM <= 0) return;
    cv.buffer(a, b, way.widthM / 2 + way.sidewalkM, (i) => {
      lu[i] = LandUse.verhardOverig;
      off[i] = -SIDEWALK_DROP_M;
    });
  });
  segs((a, b, way) => {
    if (PAVED_ROAD_CLASSES.has(way.roadClass)) return;
    cv.buffer(a, b, way.widthM / 2, (i) => {
      if (lu[i] === LandUse.rijbaan) return;
      lu[i] = LandUse.verhardOverig;
      off[i] = -SIDEWALK_DROP_M;
    });
  });
  segs((a, b, way) => {
    if (!PAVED_ROAD_CLASSES.has(way.roadClass)) return;
    const half = way.widthM / 2;
    cv.buffer(a, b, half, (i, d) => {
      const q = d / half;
      const z = -SIDEWALK_DROP_M - way.curbHeightM + CAMBER_M * (1 - q * q);
      if (lu[i] === LandUse.rijbaan) off[i] = Math.max(off[i] as number, z);
      else off[i] = z;
      lu[i] = LandUse.rijbaan;
    });
  });
  for (const b of plan.buildings) cv.paintRing(b.ring, LandUse.gebouw);
  return cv;
}

/** Bilinear value noise with smoothstep interpolation on a lattice of `spacing` m. */
function valueNoise(rng: Rng, size: number, spacing: number): (x: number, y: number) => number {
  const n = Math.ceil(size / spacing) + 2;
  const lattice = new Float64Array(n * n);
  for (let i = 0; i < lattice.length; i++) lattice[i] = rng.range(-1, 1);
  return (x, y) => {
    const gx = x / spacing;
    const gy = y / spacing;
    const i = Math.floor(gx);
    const j = Math.floor(gy);
    const fx = gx - i;
    const fy = gy - j;
    const sx = fx * fx * (3 - 2 * fx);
    const sy = fy * fy * (3 - 2 * fy);
    const v = (a: number, b: number): number => lattice[b * n + a] as number;
    const top = v(i, j) * (1 - sx) + v(i + 1, j) * sx;
    const bot = v(i, j + 1) * (1 - sx) + v(i + 1, j + 1) * sx;
    return top * (1 - sy) + bot * sy;
  };
}

/** A local depression dug into the terrain (local metres). */
export interface Depression {
  x: number;
  y: number;
  /** Depth at the centre, m. */
  depthM: number;
  /** Gaussian standard deviation of the bowl, m. */
  sigmaM: number;
}

/** Build the DEM (m NAP, Float32, row 0 north) on the canvas grid, and the depressions it holds. */
export function buildDem(plan: Plan, cv: Canvas, rng: Rng): { dem: Float32Array; depressions: Depression[] } {
  const { w, h, size, cs } = cv;
  const lu = cv.landUse;
  const base = GROUND_LEVEL_M + rng.range(-0.1, 0.1);
  const angle = rng.range(0, 2 * Math.PI);
  const gx = (Math.cos(angle) * TILT_PER_KM_M) / 1000;
  const gy = (Math.sin(angle) * TILT_PER_KM_M) / 1000;
  const coarse = valueNoise(rng.fork('coarse'), size, 90);
  const fine = valueNoise(rng.fork('fine'), size, 25);
  const dem = new Float32Array(w * h);
  for (let r = 0; r < h; r++) {
    const y = cv.cy(r);
    for (let c = 0; c < w; c++) {
      const x = cv.cx(c);
      const i = r * w + c;
      dem[i] = base + gx * (x - size / 2) + gy * (y - size / 2) + 0.1 * coarse(x, y) + 0.025 * fine(x, y) + (cv.offset[i] as number);
    }
  }
  // Raised parks: a plateau with a smooth edge.
  for (const rz of plan.raises) {
    const r0 = Math.max(0, cv.row(rz.rect.y1));
    const r1 = Math.min(h - 1, cv.row(rz.rect.y0));
    const c0 = Math.max(0, cv.col(rz.rect.x0));
    const c1 = Math.min(w - 1, cv.col(rz.rect.x1));
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const x = cv.cx(c);
        const y = cv.cy(r);
        const din = Math.min(x - rz.rect.x0, rz.rect.x1 - x, y - rz.rect.y0, rz.rect.y1 - y);
        if (din <= 0) continue;
        const t = Math.min(1, din / rz.edgeM);
        const i = r * w + c;
        if (lu[i] !== LandUse.rijbaan) dem[i] = (dem[i] as number) + rz.heightM * t * t * (3 - 2 * t);
      }
    }
  }
  // Local depressions at a few of the plan's low spots.
  const spots = plan.lowSpots.slice();
  const depressions: Depression[] = [];
  const nSpots = Math.min(spots.length, Math.max(4, Math.round((6 * size * size) / 1e6)));
  // Distance to open water: depressions keep clear of banks (water there would drain to the pond).
  const dist = distanceTo((i) => lu[i] === LandUse.water, w, h, cs, WATER_DISTANCE_CAP_M);
  while (depressions.length < nSpots && spots.length > 0) {
    const [p] = spots.splice(rng.int(0, spots.length - 1), 1);
    if (!p) break;
    const depth = rng.range(0.15, 0.35);
    const sigma = rng.range(7, 16);
    const reach = 3 * sigma;
    const pc = Math.min(w - 1, Math.max(0, cv.col(p[0])));
    const pr = Math.min(h - 1, Math.max(0, cv.row(p[1])));
    if ((dist[pr * w + pc] as number) < reach + BANK_WIDTH_M + 2) continue;
    depressions.push({ x: p[0], y: p[1], depthM: depth, sigmaM: sigma });
    for (let r = Math.max(0, cv.row(p[1] + reach)); r <= Math.min(h - 1, cv.row(p[1] - reach)); r++) {
      for (let c = Math.max(0, cv.col(p[0] - reach)); c <= Math.min(w - 1, cv.col(p[0] + reach)); c++) {
        const d2 = (cv.cx(c) - p[0]) ** 2 + (cv.cy(r) - p[1]) ** 2;
        const i = r * w + c;
        dem[i] = (dem[i] as number) - depth * Math.exp(-d2 / (2 * sigma * sigma));
      }
    }
  }
  // Water at the target level, banks sloping down to it.
  for (let i = 0; i < dem.length; i++) {
    if (lu[i] === LandUse.water) dem[i] = WATER_LEVEL_M;
    else {
      const d = dist[i] as number;
      if (d <= BANK_WIDTH_M) {
        const t = d / BANK_WIDTH_M;
        dem[i] = Math.min(dem[i] as number, WATER_LEVEL_M + 0.15 + t * ((dem[i] as number) - WATER_LEVEL_M - 0.15));
      }
    }
  }
  return { dem, depressions };
}
