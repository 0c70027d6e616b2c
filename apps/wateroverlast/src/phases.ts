/**
 * The three phases of one local inertial step, each on a band of rows [r0, r1), so one thread or
 * several can run them with a barrier in between. Layout and sign conventions: see kernel.ts.
 *
 * Face ownership (who writes): a band owns the x faces of its rows, the north y faces of its rows
 * and, for the last band, the southern boundary faces. Reads of other bands' data only happen for
 * values that no thread writes in the same phase, which makes the result independent of the
 * number of threads, bit for bit.
 */
import type { KernelGrid, KernelParams, KernelState, StepForcing } from './kernel.js';
import { BOUNDARY_NORMAL_DEPTH, EDGE_EAST, EDGE_NORTH, EDGE_SOUTH, EDGE_WEST } from './codes.js';

/** Exponent 7/3 of the Manning friction term is written as h²·∛h (cheaper than Math.pow). */
function pow7over3(h: number): number {
  return h * h * Math.cbrt(h);
}

/**
 * Caps |q| at Fr_max·h·√(g·h) (Coulthard et al. 2013); `capSq` = Fr_max²·g. Compares squares so
 * the square root is only taken when the cap bites.
 */
function froudeCap(q: number, hf: number, capSq: number): number {
  const qMaxSq = capSq * hf * hf * hf;
  if (q * q <= qMaxSq) return q;
  const qMax = Math.sqrt(qMaxSq);
  return q > 0 ? qMax : -qMax;
}

/**
 * Outflow through an open boundary face, as an outward magnitude, m²/s: Manning normal flow for a
 * prescribed slope, or Bates et al. (2010) eq. 11 with the interior water-surface slope (zero gradient).
 */
function outflowFlux(qOutOld: number, depthM: number, slope: number, gn2: number, dtS: number, g: number, thr: number, manning: boolean): number {
  if (depthM <= thr) return 0;
  // Normal depth: Manning's q = h^{5/3}·√S / n directly (no inertia), which does not ring at the outlet.
  if (manning) return (depthM * Math.cbrt(depthM * depthM) * Math.sqrt(slope)) / Math.sqrt(gn2 / g);
  const qOld = qOutOld > 0 ? qOutOld : 0;
  const q = (qOld + g * depthM * dtS * slope) / (1 + (dtS * gn2 * qOld) / pow7over3(depthM));
  return q > 0 ? q : 0;
}

/** Outward slope for a boundary face of `cell` whose interior neighbour is `inner` (-1: none). */
function edgeSlope(grid: KernelGrid, h: Float64Array, edge: number, cell: number, inner: number): number {
  if (grid.boundaryKind[edge] === BOUNDARY_NORMAL_DEPTH) return grid.boundarySlope[edge]!;
  if (inner < 0) return 0;
  const s = (grid.bedM[inner]! + h[inner]! - grid.bedM[cell]! - h[cell]!) / grid.cellSizeM;
  return s > 0 ? s : 0;
}

/**
 * Phase 1: θ-weighted momentum (de Almeida et al. 2012, eq. 7 with Bates et al. 2010 semi-implicit
 * friction):  q⁺ = [θ·q + (1−θ)/2·(q₋ + q₊) − g·h_f·Δt·∂η/∂x] / [1 + g·Δt·n²·|q| / h_f^{7/3}],
 * h_f = max(η_a, η_b) − max(z_a, z_b). Faces with h_f ≤ threshold carry no flux. A closed neighbour
 * face (wall, building, closed edge) is replaced by q itself in the θ-average: averaging in its zero
 * would drag every flux along a wall towards zero. Writes trial fluxes.
 */
export function momentumRows(grid: KernelGrid, s: KernelState, p: KernelParams, dtS: number, r0: number, r1: number): void {
  const { nx, ny } = grid;
  const nxf = nx + 1;
  const rowMax = s.rows.maxDepthM;
  const thr = p.wetThresholdM;
  for (let r = r0; r < r1; r++) {
    const wetHere = rowMax[r]! > thr;
    const wetAbove = r > 0 && rowMax[r - 1]! > thr;
    if (wetHere && r > 0) {
      fusedRow(grid, s, p, dtS, r);
      continue;
    }
    if (wetHere) xFacesRow(grid, s, p, dtS, r);
    else s.qxTrial.fill(0, r * nxf, r * nxf + nxf);
    if (wetHere || wetAbove) yFacesRow(grid, s, p, dtS, r);
    else s.qyTrial.fill(0, r * nx, r * nx + nx);
  }
  if (r1 === ny) {
    if (rowMax[ny - 1]! > thr) yFacesRow(grid, s, p, dtS, ny);
    else s.qyTrial.fill(0, ny * nx, ny * nx + nx);
  }
}

/** Constants of one momentum sweep, computed once per row. */
interface SweepConstants {
  thr: number;
  theta: number;
  side: number;
  gDtOverDx: number;
  dtS: number;
  capSq: number;
}

function sweepConstants(grid: KernelGrid, p: KernelParams, dtS: number): SweepConstants {
  const g = p.gravityMPerS2;
  return {
    thr: p.wetThresholdM, theta: p.theta, side: 0.5 * (1 - p.theta), gDtOverDx: (g * dtS) / grid.cellSizeM,
    dtS, capSq: p.froudeMax * p.froudeMax * g,
  };
}

/**
 * One interior face from cell a (west/north) to cell b: the θ-weighted momentum equation above.
 * `qm`, `qp` are the neighbour fluxes already replaced by q0 where those faces are closed.
 */
function interiorFlux(k: SweepConstants, gn2: number, q0: number, qm: number, qp: number, za: number, ea: number, zb: number, eb: number): number {
  const hf = (ea > eb ? ea : eb) - (za > zb ? za : zb);
  if (hf <= k.thr) return 0;
  const num = k.theta * q0 + k.side * (qm + qp) - k.gDtOverDx * hf * (eb - ea);
  return froudeCap(num / (1 + (k.dtS * gn2 * Math.abs(q0)) / pow7over3(hf)), hf, k.capSq);
}

/**
 * x faces and north y faces of an interior row in one sweep (same arithmetic as xFacesRow and
 * yFacesRow): cell (r, c) is shared by its west and north faces, so its bed and level are read once.
 */
function fusedRow(grid: KernelGrid, s: KernelState, p: KernelParams, dtS: number, r: number): void {
  const { nx } = grid;
  const z = grid.bedM, h = s.depthM, gx = grid.frictionX, gy = grid.frictionY;
  const qxL = s.qxM2PerS, qxT = s.qxTrial, qyL = s.qyM2PerS, qyT = s.qyTrial;
  const k = sweepConstants(grid, p, dtS);
  const fx0 = r * (nx + 1), c0 = r * nx;
  let zw = 0, ew = 0;
  for (let c = 0; c < nx; c++) {
    const b = c0 + c;
    const zb = z[b]!, eb = zb + h[b]!;
    if (c > 0) {
      const f = fx0 + c;
      const gn2 = gx[f]!;
      if (gn2 < 0) {
        qxT[f] = 0;
      } else {
        const q0 = qxL[f]!;
        qxT[f] = interiorFlux(k, gn2, q0, gx[f - 1]! < 0 ? q0 : qxL[f - 1]!, gx[f + 1]! < 0 ? q0 : qxL[f + 1]!, zw, ew, zb, eb);
      }
    }
    const gn2 = gy[b]!;
    if (gn2 < 0) {
      qyT[b] = 0;
    } else {
      const a = b - nx;
      const q0 = qyL[b]!;
      qyT[b] = interiorFlux(k, gn2, q0, gy[a]! < 0 ? q0 : qyL[a]!, gy[b + nx]! < 0 ? q0 : qyL[b + nx]!, z[a]!, z[a]! + h[a]!, zb, eb);
    }
    zw = zb;
    ew = eb;
  }
  xEdgeFaces(grid, s, p, dtS, r);
}

function xFacesRow(grid: KernelGrid, s: KernelState, p: KernelParams, dtS: number, r: number): void {
  const { nx } = grid;
  const z = grid.bedM, h = s.depthM, gn = grid.frictionX, qL = s.qxM2PerS, qT = s.qxTrial;
  const k = sweepConstants(grid, p, dtS);
  const f0 = r * (nx + 1), c0 = r * nx;
  for (let c = 1; c < nx; c++) {
    const f = f0 + c;
    const gn2 = gn[f]!;
    if (gn2 < 0) { qT[f] = 0; continue; }
    const a = c0 + c - 1, b = a + 1;
    const q0 = qL[f]!;
    qT[f] = interiorFlux(k, gn2, q0, gn[f - 1]! < 0 ? q0 : qL[f - 1]!, gn[f + 1]! < 0 ? q0 : qL[f + 1]!, z[a]!, z[a]! + h[a]!, z[b]!, z[b]! + h[b]!);
  }
  xEdgeFaces(grid, s, p, dtS, r);
}

/** The west and east boundary faces of row r. */
function xEdgeFaces(grid: KernelGrid, s: KernelState, p: KernelParams, dtS: number, r: number): void {
  const { nx } = grid;
  const h = s.depthM, gn = grid.frictionX, qL = s.qxM2PerS, qT = s.qxTrial;
  const g = p.gravityMPerS2, thr = p.wetThresholdM;
  const f0 = r * (nx + 1), c0 = r * nx;
  const w = f0, e = f0 + nx;
  qT[w] = gn[w]! < 0 ? 0 : -outflowFlux(-qL[w]!, h[c0]!, edgeSlope(grid, h, EDGE_WEST, c0, nx > 1 ? c0 + 1 : -1), gn[w]!, dtS, g, thr, grid.boundaryKind[EDGE_WEST] === BOUNDARY_NORMAL_DEPTH);
  const last = c0 + nx - 1;
  qT[e] = gn[e]! < 0 ? 0 : outflowFlux(qL[e]!, h[last]!, edgeSlope(grid, h, EDGE_EAST, last, nx > 1 ? last - 1 : -1), gn[e]!, dtS, g, thr, grid.boundaryKind[EDGE_EAST] === BOUNDARY_NORMAL_DEPTH);
}

/** y faces of face-row `r` (north faces of cell row r; r = ny is the southern boundary). */
function yFacesRow(grid: KernelGrid, s: KernelState, p: KernelParams, dtS: number, r: number): void {
  const { nx, ny } = grid;
  const z = grid.bedM, h = s.depthM, gn = grid.frictionY, qL = s.qyM2PerS, qT = s.qyTrial;
  const g = p.gravityMPerS2, thr = p.wetThresholdM;
  const f0 = r * nx;
  if (r === 0 || r === ny) {
    const north = r === 0;
    for (let c = 0; c < nx; c++) {
      const f = f0 + c;
      if (gn[f]! < 0) { qT[f] = 0; continue; }
      const cell = north ? c : (ny - 1) * nx + c;
      const inner = ny > 1 ? (north ? cell + nx : cell - nx) : -1;
      const edge = north ? EDGE_NORTH : EDGE_SOUTH;
      const slope = edgeSlope(grid, h, edge, cell, inner);
      const out = outflowFlux(north ? -qL[f]! : qL[f]!, h[cell]!, slope, gn[f]!, dtS, g, thr, grid.boundaryKind[edge] === BOUNDARY_NORMAL_DEPTH);
      qT[f] = north ? -out : out;
    }
    return;
  }
  const k = sweepConstants(grid, p, dtS);
  for (let c = 0; c < nx; c++) {
    const f = f0 + c;
    const gn2 = gn[f]!;
    if (gn2 < 0) { qT[f] = 0; continue; }
    const a = f - nx;
    const q0 = qL[f]!;
    qT[f] = interiorFlux(k, gn2, q0, gn[f - nx]! < 0 ? q0 : qL[f - nx]!, gn[f + nx]! < 0 ? q0 : qL[f + nx]!, z[a]!, z[a]! + h[a]!, z[f]!, z[f]! + h[f]!);
  }
}

/**
 * Phase 2: donor-cell limiter. For each cell the outgoing volume of the trial fluxes is compared
 * with what the cell holds (depth plus this step's rain); if it would give more, all its outgoing
 * fluxes are scaled by holds/gives. A face is scaled only by its donor, so every cell ends ≥ 0.
 * Also decides which rows phase 3 must visit (read here, while no thread writes row maxima).
 */
export function limiterRows(grid: KernelGrid, s: KernelState, p: KernelParams, dtS: number, forcing: StepForcing, r0: number, r1: number): void {
  const { nx, ny } = grid;
  const nxf = nx + 1;
  const k = dtS / grid.cellSizeM;
  const h = s.depthM, qx = s.qxTrial, qy = s.qyTrial, lim = s.limiter, rowMax = s.rows.maxDepthM;
  const thr = p.wetThresholdM;
  const rain = forcing.rainDepthM, factor = grid.rainFactor;
  for (let r = r0; r < r1; r++) {
    const wetNear = rowMax[r]! > thr || (r > 0 && rowMax[r - 1]! > thr) || (r < ny - 1 && rowMax[r + 1]! > thr);
    s.rowActive[r] = wetNear || rain > 0 || rowMax[r]! > 0 || rowHasInflow(grid, forcing, r) ? 1 : 0;
    s.rowLimited[r] = 0;
    if (!wetNear) continue;
    let limited = 0;
    for (let c = 0; c < nx; c++) {
      const i = r * nx + c;
      const qw = qx[r * nxf + c]!, qe = qx[r * nxf + c + 1]!, qn = qy[i]!, qs = qy[i + nx]!;
      const out = (qw < 0 ? -qw : 0) + (qe > 0 ? qe : 0) + (qn < 0 ? -qn : 0) + (qs > 0 ? qs : 0);
      if (out === 0) { lim[i] = 1; continue; }
      const outDepthM = out * k;
      const holdsM = h[i]! + (factor === null ? rain : rain * factor[i]!);
      if (outDepthM > holdsM) {
        lim[i] = holdsM / outDepthM;
        limited = 1;
      } else {
        lim[i] = 1;
      }
    }
    s.rowLimited[r] = limited;
  }
}

function rowHasInflow(grid: KernelGrid, forcing: StepForcing, r: number): boolean {
  const cells = forcing.inflowCells;
  for (let j = 0; j < cells.length; j++) {
    if (Math.floor(cells[j]! / grid.nx) === r && forcing.inflowVolumesM3[j]! !== 0) return true;
  }
  return false;
}

export { continuityRows } from './continuity.js';
