/**
 * Local inertial shallow-water kernel (LISFLOOD-FP family) on a regular raster.
 *
 * Layout, stated once: every per-cell array is row-major, `i = row * nx + col`, row 0 is the
 * northern row (as in `RasterGrid`). Face arrays:
 * - x faces: `ny * (nx + 1)`, index `row * (nx + 1) + col` is the WEST face of cell (row, col);
 *   flux `qx` is positive towards the east (increasing col).
 * - y faces: `(ny + 1) * nx`, index `row * nx + col` is the NORTH face of cell (row, col);
 *   flux `qy` is positive towards the south (increasing row).
 *
 * Method: Bates, Horritt & Fewtrell (2010), J. Hydrol. 387, 33–45, with the θ-weighted momentum
 * of de Almeida, Bates, Freer & Souvignet (2012), Water Resour. Res. 48, W05528. Positivity by a
 * donor-cell flux limiter so no cell gives more water than it holds (mass exact to round-off).
 *
 * The kernel does no I/O and keeps no clock: the caller asks `stableDt` and calls `step` (Landlab
 * style). The phase functions work on row bands so that threads can share them (see parallel.ts).
 */
import { continuityRows, fluxRows } from './phases.js';

/** Standard gravity, m/s². */
export const GRAVITY_M_PER_S2 = 9.81;

/** Tunable numerical parameters of the kernel. */
export interface KernelParams {
  /** Gravitational acceleration, m/s². Default 9.81. */
  gravityMPerS2: number;
  /** de Almeida et al. (2012) θ: 1 = Bates et al. (2010) scheme, 0.7–0.8 damps oscillations. Default 0.8. */
  theta: number;
  /**
   * Courant factor α of dt = α·Δx/√(g·h_max) (Bates et al. 2010 eq. 12). Default 0.6. In 2D the
   * θ-averaging turns the stability limit of the checkerboard mode into α ≤ √(θ/2) (0.63 for
   * θ = 0.8; von Neumann analysis in MODEL_CARD.md), so Bates' 0.7 is unstable with θ < 1 in 2D.
   */
  cflAlpha: number;
  /** Face flow depth below which a face carries no flux, m. Default 0.001. */
  wetThresholdM: number;
  /** Upper bound on the time step when the domain is (nearly) dry, s. Default 10. */
  maxDtS: number;
  /** Depth that counts as "inundated" for the first-inundation time, m. Default 0.05. */
  arrivalDepthM: number;
  /**
   * Largest Froude number a face flux may reach, |q| ≤ Fr·h_f·√(g·h_f) (Coulthard et al. 2013,
   * CAESAR-Lisflood): the local inertial scheme is unstable in supercritical flow (de Almeida &
   * Bates 2013). Default 0.8; Infinity disables the cap.
   */
  froudeMax: number;
  /** Cell depth below which no speed is recorded, m (thin films give meaningless q/h). Default 0.01. */
  speedDepthM: number;
}

/** Defaults of {@link KernelParams}. */
export const DEFAULT_KERNEL_PARAMS: Readonly<KernelParams> = Object.freeze({
  gravityMPerS2: GRAVITY_M_PER_S2,
  theta: 0.8,
  cflAlpha: 0.6,
  wetThresholdM: 0.001,
  maxDtS: 10,
  arrivalDepthM: 0.05,
  froudeMax: 0.8,
  speedDepthM: 0.01,
});

/** Largest stable Courant factor α for a given θ in 2D (checkerboard mode, no friction): √(θ/2). */
export function maxStableCflAlpha(theta: number): number {
  return Math.sqrt(theta / 2);
}

export * from './codes.js';

/** Static description of the domain; read-only during a run. */
export interface KernelGrid {
  /** Columns. */
  nx: number;
  /** Rows. */
  ny: number;
  /** Square cell size Δx, m. */
  cellSizeM: number;
  /** Bed (terrain) elevation per cell, m. */
  bedM: Float64Array;
  /** 1 where the cell is a wall (building footprint or nodata), 0 where water may be. */
  blocked: Uint8Array;
  /** g·n² on x faces (s²·m^-2/3 · m/s²); negative marks a closed face. */
  frictionX: Float64Array;
  /** g·n² on y faces; negative marks a closed face. */
  frictionY: Float64Array;
  /** Boundary kind per edge (north, south, east, west). */
  boundaryKind: Int32Array;
  /** Prescribed friction slope per edge for normal-depth boundaries (-). */
  boundarySlope: Float64Array;
  /** Rain multiplier per cell (dimensionless), or null for uniform rain. */
  rainFactor: Float64Array | null;
  /** Infiltration capacity per cell, m/s, or null for none. */
  infiltrationMPerS: Float64Array | null;
  /** Sewer storage per cell, m (Infinity: the sewer never fills). */
  sewerStorageM: number;
  /** Open (non-blocked) cells per row, for uniform-rain bookkeeping. */
  openCellsPerRow: Int32Array;
}

/** Cumulative per-row totals; summed in row order so results do not depend on thread count. */
export interface RowTotals {
  /** Largest depth in the row after the last step, m. */
  maxDepthM: Float64Array;
  /** Rain added, m³. */
  rainM3: Float64Array;
  /** Point inflow added, m³. */
  inflowM3: Float64Array;
  /** Taken by the sewer sink, m³. */
  sewerM3: Float64Array;
  /** Infiltrated, m³. */
  infiltrationM3: Float64Array;
  /** Left through open boundaries, m³. */
  outflowM3: Float64Array;
}

/** Evolving state; every array is preallocated and updated in place. */
export interface KernelState {
  /** Water depth per cell, m (never negative). */
  depthM: Float64Array;
  /** Limited unit-width flux on x faces after the last step, m²/s. */
  qxM2PerS: Float64Array;
  /** Limited unit-width flux on y faces after the last step, m²/s. */
  qyM2PerS: Float64Array;
  /** Scratch: unlimited trial fluxes of the current step. */
  qxTrial: Float64Array;
  /** Scratch: unlimited trial fluxes of the current step. */
  qyTrial: Float64Array;
  /** Scratch: donor-cell flux limiter per cell (0..1). */
  limiter: Float64Array;
  /** Maximum depth reached per cell, m. */
  maxDepthM: Float64Array;
  /** Square of the maximum cell-centred speed reached per cell, m²/s² (√ at output). */
  maxSpeedSqM2PerS2: Float64Array;
  /** Time the depth first exceeded `arrivalDepthM`, s; -1 if never. */
  arrivalS: Float64Array;
  /** Depth already taken by the sewer per cell, m (only when sewer storage is finite). */
  sewerUsedM: Float64Array | null;
  /** Per-row cumulative totals. */
  rows: RowTotals;
  /** Scratch per row: 1 when phase 3 must visit the row this step. */
  rowActive: Uint8Array;
  /** Scratch per row: 1 when the limiter scaled some cell of the row this step. */
  rowLimited: Uint8Array;
}

/** Forcing of one step, prepared by the caller (time integrals over the step). */
export interface StepForcing {
  /** Model time at the END of the step, s (for first-inundation times). */
  timeEndS: number;
  /** Uniform rain depth over the step, m (times `rainFactor` where given). */
  rainDepthM: number;
  /** Lumped sewer sink capacity over the step, m. */
  sewerDepthM: number;
  /** Cells receiving point inflow. */
  inflowCells: Int32Array;
  /** Inflow volume over the step per entry of `inflowCells`, m³. */
  inflowVolumesM3: Float64Array;
}

/**
 * Stable time step of the local inertial scheme, dt = α·Δx/√(g·h_max) (Bates et al. 2010, eq. 12),
 * capped at `params.maxDtS`.
 * @returns the step in seconds.
 */
export function stableDt(grid: KernelGrid, state: KernelState, params: KernelParams): number {
  const rowMax = state.rows.maxDepthM;
  let hMax = 0;
  for (let r = 0; r < grid.ny; r++) {
    const v = rowMax[r] as number;
    if (v > hMax) hMax = v;
  }
  if (hMax <= 0) return params.maxDtS;
  const dtS = (params.cflAlpha * grid.cellSizeM) / Math.sqrt(params.gravityMPerS2 * hMax);
  return dtS < params.maxDtS ? dtS : params.maxDtS;
}

/**
 * Advances the state by exactly `dtS` seconds on one thread (momentum with the limiter, then
 * continuity with sources and sinks). Updates `state` in place.
 */
export function step(grid: KernelGrid, state: KernelState, params: KernelParams, dtS: number, forcing: StepForcing): void {
  fluxRows(grid, state, params, dtS, forcing, 0, grid.ny, null);
  continuityRows(grid, state, params, dtS, forcing, 0, grid.ny);
}

/** Recomputes the per-row maximum depth after the caller changed `depthM` directly. */
export function refreshRowMaxDepth(grid: KernelGrid, state: KernelState): void {
  const { nx, ny } = grid;
  const h = state.depthM;
  for (let r = 0; r < ny; r++) {
    let m = 0;
    for (let i = r * nx, end = i + nx; i < end; i++) {
      const v = h[i] as number;
      if (v > m) m = v;
    }
    state.rows.maxDepthM[r] = m;
  }
}

/** Water volume stored on the grid, m³, summed row by row in fixed order. */
export function storedVolumeM3(grid: KernelGrid, state: KernelState): number {
  const { nx, ny } = grid;
  const area = grid.cellSizeM * grid.cellSizeM;
  const h = state.depthM;
  let total = 0;
  for (let r = 0; r < ny; r++) {
    let row = 0;
    for (let i = r * nx, end = i + nx; i < end; i++) row += h[i] as number;
    total += row * area;
  }
  return total;
}

/** Sum of a per-row array in row order. */
export function sumRows(values: Float64Array): number {
  let total = 0;
  for (let r = 0; r < values.length; r++) total += values[r] as number;
  return total;
}
