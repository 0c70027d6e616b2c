/**
 * Sky-view factor (SVF) per cell from horizon angles, for a horizontal surface under an isotropic sky:
 *
 *   SVF = (1 / N) · Σ_a cos²(β_a)                                      (Dozier & Frew 1990; Oke 1987)
 *
 * with β_a the horizon elevation in direction a (N directions evenly spread over 360°). For a cell in
 * the middle of an infinitely long street canyon of height H and width W this gives the analytical
 * cos(atan(2H/W)) (Oke 1981, J. Climatol. 1:237–254), which the tests check.
 *
 * Horizon search: from each cell, sample points along each direction up to `maxRadiusM` — every half
 * cell up to 20 cells, then steps growing by 5 % of the distance (far obstacles subtend small angles,
 * so coarser sampling costs little accuracy). A cell is taken at the first sample that enters it (≈
 * the distance to its near face). The march stops early once even the highest point of the model
 * could not raise the horizon any more. Points outside the grid count as open sky (SVF is
 * overestimated within `maxRadiusM` of the grid edge; give the model a margin).
 *
 * Tree crowns are treated as solid from the ground up for the horizon (the trunk gap is ignored) and
 * blended with the crown transmissivity: SVF = SVF_all + τ · (SVF_buildings − SVF_all)
 * (after SOLWEIG's vegetation SVF, Lindberg & Grimmond 2011).
 */
import { HittestressError } from './errors.js';
import { LEAF_ON_TRANSMISSIVITY, type SurfaceModel } from './surface.js';

/** Options for {@link skyViewFactor}. */
export interface SvfOptions {
  /** Number of azimuth directions; default 32 (UMEP uses 32–145; 16 is coarser but faster). */
  directions?: number;
  /** Horizon search radius, m; default 100 m (obstacles farther away are ignored). */
  maxRadiusM?: number;
  /** Transmissivity of crowns for diffuse sky light, 0–1; default {@link LEAF_ON_TRANSMISSIVITY}. */
  canopyTransmissivity?: number;
}

const DEFAULT_DIRECTIONS = 32;
const DEFAULT_RADIUS_M = 100;
const FINE_STEP_CELLS = 0.5;
const FINE_RANGE_CELLS = 20;
const STEP_GROWTH = 0.05;

interface Ray { dRow: Int32Array; dCol: Int32Array; distM: Float64Array }

function buildRays(directions: number, radiusM: number, cellSizeM: number): Ray[] {
  const rays: Ray[] = [];
  for (let a = 0; a < directions; a++) {
    const phi = (2 * Math.PI * a) / directions;
    const sx = Math.sin(phi);
    const sy = -Math.cos(phi); // rows grow southwards
    const dRow: number[] = [];
    const dCol: number[] = [];
    const dist: number[] = [];
    let d = FINE_STEP_CELLS * cellSizeM;
    while (d <= radiusM) {
      const c = Math.round((d * sx) / cellSizeM);
      const r = Math.round((d * sy) / cellSizeM);
      const last = dRow.length - 1;
      if ((r !== 0 || c !== 0) && (last < 0 || dRow[last] !== r || dCol[last] !== c)) {
        dRow.push(r);
        dCol.push(c);
        dist.push(d);
      }
      d += d < FINE_RANGE_CELLS * cellSizeM ? FINE_STEP_CELLS * cellSizeM : d * STEP_GROWTH;
    }
    rays.push({ dRow: Int32Array.from(dRow), dCol: Int32Array.from(dCol), distM: Float64Array.from(dist) });
  }
  return rays;
}

/** Absolute heights without (`solid`) and with (`all`) crowns, and the highest point. */
function horizonHeights(s: SurfaceModel): { solid: Float32Array; all: Float32Array; top: number } {
  const n = s.groundM.length;
  const solid = new Float32Array(n);
  const all = new Float32Array(n);
  let top = -Infinity;
  for (let i = 0; i < n; i++) {
    const z = (s.groundM[i] as number) + (s.buildingHeightM[i] as number);
    solid[i] = z;
    const c = (s.canopyTopM[i] as number) > 0 ? (s.groundM[i] as number) + (s.canopyTopM[i] as number) : z;
    all[i] = Math.max(z, c);
    top = Math.max(top, all[i] as number);
  }
  return { solid, all, top };
}

/**
 * Sky-view factor (0–1) for every cell, seen from the receiving surface (ground, or roof on buildings).
 *
 * @throws HittestressError `INVALID_INPUT` for fewer than 4 directions or a non-positive radius.
 * @example const svf = skyViewFactor(surface, { directions: 32, maxRadiusM: 100 });
 */
export function skyViewFactor(s: SurfaceModel, opts: SvfOptions = {}): Float32Array {
  const directions = opts.directions ?? DEFAULT_DIRECTIONS;
  const radiusM = opts.maxRadiusM ?? DEFAULT_RADIUS_M;
  const tau = opts.canopyTransmissivity ?? LEAF_ON_TRANSMISSIVITY;
  if (!(directions >= 4) || !(radiusM > 0) || !(tau >= 0 && tau <= 1)) {
    throw new HittestressError('INVALID_INPUT', `SVF needs ≥ 4 directions and a positive radius (got ${directions}, ${radiusM} m).`);
  }
  const { width: w, height: h, cellSize } = s.grid;
  const n = w * h;
  const { solid, all, top } = horizonHeights(s);
  const rays = buildRays(directions, radiusM, cellSize);
  const out = new Float32Array(n);
  for (let row = 0; row < h; row++) {
    for (let col = 0; col < w; col++) {
      const i = row * w + col;
      const z0 = solid[i] as number;
      let sumSolid = 0;
      let sumAll = 0;
      for (const ray of rays) {
        let tS = 0;
        let tA = 0;
        const m = ray.distM.length;
        for (let j = 0; j < m; j++) {
          const d = ray.distM[j] as number;
          if ((top - z0) / d <= tS) break; // nothing left that could raise the horizon
          const r = row + (ray.dRow[j] as number);
          const c = col + (ray.dCol[j] as number);
          if (r < 0 || r >= h || c < 0 || c >= w) break;
          const q = r * w + c;
          const ts = ((solid[q] as number) - z0) / d;
          const ta = ((all[q] as number) - z0) / d;
          if (ts > tS) tS = ts;
          if (ta > tA) tA = ta;
        }
        sumSolid += 1 / (1 + tS * tS); // cos²β = 1 / (1 + tan²β)
        sumAll += 1 / (1 + tA * tA);
      }
      const svfSolid = sumSolid / directions;
      const svfAll = sumAll / directions;
      out[i] = svfAll + tau * (svfSolid - svfAll);
    }
  }
  return out;
}
