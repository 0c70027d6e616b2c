/**
 * Wind speed at 1.2 m (pedestrian level) from the 10 m wind over open terrain, reduced by the buildings
 * and tree crowns around each cell — the McDonald/Macdonald approach the Dutch standard heat map uses
 * (Koopmans et al. 2020; DPRA hittestress report, following Macdonald 2000):
 *
 * 1. Per cell, over a square window (default 175 m, the DPRA "small window"), the plan-area fraction
 *    λp of obstacles ≥ 2 m, the frontal-area index λf (vertical faces facing the wind, per m² ground)
 *    and the mean obstacle height H.
 * 2. Displacement height and roughness length (Macdonald, Griffiths & Hall 1998, Atmos. Environ.
 *    32:1857–1864, with A = 4.43, β = 1, C_D = 1.2, κ = 0.4):
 *      d/H  = 1 + A^(−λp) (λp − 1)
 *      z0/H = (1 − d/H) · exp(−[0.5 β (C_D/κ²) (1 − d/H) λf]^(−1/2))
 * 3. The 10 m open-terrain wind (z0 = 0.03 m) is lifted to a blending height of 60 m with a log profile,
 *    brought back down to H over the urban (d, z0), and into the canopy with the exponential profile of
 *    Macdonald (2000, Boundary-Layer Meteorol. 97:25–45): u(z) = u(H) · exp(9.6 λf (z/H − 1)).
 *
 * Simplifications (documented in the model card): a square, cell-centred window for every wind speed
 * (the DPRA method uses an upwind-offset oblong window above 1.5 m/s); crowns count as solid obstacles;
 * the result is clamped to [{@link MIN_WIND_M_PER_S}, open-terrain value].
 */
import { HittestressError } from './errors.js';
import type { SurfaceModel } from './surface.js';

/** Options for {@link pedestrianWind}. */
export interface WindOptions {
  /** Wind speed at 10 m over open terrain (a weather station), m/s; default {@link DEFAULT_WIND10_M_PER_S}. */
  wind10MPerS?: number;
  /** Direction the wind blows *from*, degrees clockwise from north; default 90 (east, typical of Dutch heat waves). */
  windFromDeg?: number;
  /** Side of the averaging window, m; default 175 (DPRA small window). */
  windowM?: number;
}

/** Default 10 m wind on a hot afternoon, m/s (assumption: light wind, typical of Dutch heat-wave days). */
export const DEFAULT_WIND10_M_PER_S = 3;
/** Lower bound for the pedestrian wind, m/s: the PET regressions use ln(u) and are not meant for calm air. */
export const MIN_WIND_M_PER_S = 0.5;
/** Obstacles lower than this are ignored (DPRA: buildings and trees under 2 m). */
export const MIN_OBSTACLE_M = 2;

const PEDESTRIAN_HEIGHT_M = 1.2;
const REF_HEIGHT_M = 10;
const Z0_OPEN_M = 0.03;
const BLENDING_HEIGHT_M = 60;
const MACDONALD_A = 4.43;
const MACDONALD_BETA = 1;
const DRAG_CD = 1.2;
const KARMAN = 0.4;
const CANOPY_ATTENUATION_PER_LAMBDA_F = 9.6;
const MIN_PLAN_FRACTION = 0.01;
const DEG = Math.PI / 180;

/** Summed-area table of `v` ((w+1) × (h+1), Float64 to keep sums exact enough over 10⁶ cells). */
function summedArea(v: Float32Array, w: number, h: number): Float64Array {
  const s = new Float64Array((w + 1) * (h + 1));
  for (let r = 0; r < h; r++) {
    let rowSum = 0;
    for (let c = 0; c < w; c++) {
      rowSum += v[r * w + c] as number;
      s[(r + 1) * (w + 1) + c + 1] = (s[r * (w + 1) + c + 1] as number) + rowSum;
    }
  }
  return s;
}

function boxSum(s: Float64Array, w: number, r0: number, c0: number, r1: number, c1: number): number {
  const W = w + 1;
  return (s[(r1 + 1) * W + c1 + 1] as number) - (s[r0 * W + c1 + 1] as number) - (s[(r1 + 1) * W + c0] as number) + (s[r0 * W + c0] as number);
}

/** Wind at 1.2 m for an obstacle array (λp, λf, H) and a 10 m open-terrain wind; see the file header. */
export function canopyWindMPerS(wind10MPerS: number, lambdaP: number, lambdaF: number, obstacleHeightM: number): number {
  const lnOpen = Math.log(REF_HEIGHT_M / Z0_OPEN_M);
  const uOpen = (wind10MPerS * Math.log(PEDESTRIAN_HEIGHT_M / Z0_OPEN_M)) / lnOpen;
  if (lambdaP < MIN_PLAN_FRACTION || obstacleHeightM <= PEDESTRIAN_HEIGHT_M || lambdaF <= 0) return Math.max(MIN_WIND_M_PER_S, uOpen);
  const H = obstacleHeightM;
  const dH = 1 + Math.pow(MACDONALD_A, -lambdaP) * (lambdaP - 1);
  const z0H = (1 - dH) * Math.exp(-Math.pow(0.5 * MACDONALD_BETA * (DRAG_CD / KARMAN ** 2) * (1 - dH) * lambdaF, -0.5));
  const d = dH * H;
  const z0 = Math.max(z0H * H, Z0_OPEN_M);
  const zb = Math.max(BLENDING_HEIGHT_M, 2 * H);
  const uBlend = (wind10MPerS * Math.log(zb / Z0_OPEN_M)) / lnOpen;
  // Guard (H − d) ≥ e·z0 so the log profile stays positive for very dense arrays.
  const uH = (uBlend * Math.log(Math.max(Math.E, (H - d) / z0))) / Math.log((zb - d) / z0);
  const u = uH * Math.exp(CANOPY_ATTENUATION_PER_LAMBDA_F * lambdaF * (PEDESTRIAN_HEIGHT_M / H - 1));
  return Math.min(uOpen, Math.max(MIN_WIND_M_PER_S, u));
}

/**
 * Obstacle height (≥ {@link MIN_OBSTACLE_M}, else 0), plan-area indicator and projected frontal area
 * (m² of vertical face facing a wind from `fromRad`) per cell.
 */
function obstacleFields(s: SurfaceModel, fromRad: number): { obs: Float32Array; plan: Float32Array; frontal: Float32Array } {
  const { width: w, height: h, cellSize } = s.grid;
  const sx = Math.sin(fromRad);
  const sy = Math.cos(fromRad);
  const n = w * h;
  const obs = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const top = Math.max(s.buildingHeightM[i] as number, s.canopyTopM[i] as number);
    obs[i] = top >= MIN_OBSTACLE_M ? top : 0;
  }
  const plan = new Float32Array(n);
  const frontal = new Float32Array(n);
  const stepC = sx > 0 ? 1 : -1; // upwind neighbour column (wind from the east → east neighbour)
  const stepR = sy > 0 ? -1 : 1; // upwind neighbour row (wind from the north → row above)
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const i = r * w + c;
      const z = obs[i] as number;
      if (z <= 0) continue;
      plan[i] = 1;
      const cu = c + stepC;
      const ru = r + stepR;
      const zx = cu >= 0 && cu < w ? (obs[i + stepC] as number) : 0;
      const zy = ru >= 0 && ru < h ? (obs[i + stepR * w] as number) : 0;
      // Projected vertical face area facing the wind, m² (face height × cell width × |cos(angle)|).
      frontal[i] = (Math.max(0, z - zx) * Math.abs(sx) + Math.max(0, z - zy) * Math.abs(sy)) * cellSize;
    }
  }
  return { obs, plan, frontal };
}

/**
 * Pedestrian-level (1.2 m) wind speed per cell, m/s.
 *
 * @throws HittestressError `INVALID_INPUT` for a negative wind or a window smaller than a cell.
 * @example const u = pedestrianWind(surface, { wind10MPerS: 3, windFromDeg: 90 });
 */
export function pedestrianWind(s: SurfaceModel, opts: WindOptions = {}): Float32Array {
  const u10 = opts.wind10MPerS ?? DEFAULT_WIND10_M_PER_S;
  const windowM = opts.windowM ?? 175;
  const { width: w, height: h, cellSize } = s.grid;
  if (!(u10 >= 0) || !(windowM >= cellSize)) {
    throw new HittestressError('INVALID_INPUT', `Wind ${u10} m/s or window ${windowM} m is invalid.`);
  }
  const { obs, plan, frontal } = obstacleFields(s, (opts.windFromDeg ?? 90) * DEG);
  const sPlan = summedArea(plan, w, h);
  const sFront = summedArea(frontal, w, h);
  const sObs = summedArea(obs, w, h);
  const half = Math.floor(windowM / cellSize / 2);
  const out = new Float32Array(w * h);
  for (let r = 0; r < h; r++) {
    const r0 = Math.max(0, r - half);
    const r1 = Math.min(h - 1, r + half);
    for (let c = 0; c < w; c++) {
      const c0 = Math.max(0, c - half);
      const c1 = Math.min(w - 1, c + half);
      const cells = (r1 - r0 + 1) * (c1 - c0 + 1);
      const planCells = boxSum(sPlan, w, r0, c0, r1, c1);
      const lambdaP = planCells / cells;
      const lambdaF = boxSum(sFront, w, r0, c0, r1, c1) / (cells * cellSize * cellSize);
      const meanH = planCells > 0 ? boxSum(sObs, w, r0, c0, r1, c1) / planCells : 0;
      out[r * w + c] = canopyWindMPerS(u10, lambdaP, lambdaF, meanH);
    }
  }
  return out;
}
