/**
 * Momentum sweeps of the local inertial step (see kernel.ts for layout and signs): one row of
 * faces at a time, so the flux phase can run the limiter one row behind.
 */
import type { KernelGrid, KernelParams, KernelState } from './kernel.js';
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
 * Trial fluxes of row r's x faces and north y faces: θ-weighted momentum (de Almeida et al. 2012, eq. 7 with Bates et al. 2010 semi-implicit
 * friction):  q⁺ = [θ·q + (1−θ)/2·(q₋ + q₊) − g·h_f·Δt·∂η/∂x] / [1 + g·Δt·n²·|q| / h_f^{7/3}],
 * h_f = max(η_a, η_b) − max(z_a, z_b). Faces with h_f ≤ threshold carry no flux. A closed neighbour
 * face (wall, building, closed edge) is replaced by q itself in the θ-average: averaging in its zero
 * would drag every flux along a wall towards zero. Writes trial fluxes.
 */
export function momentumRow(grid: KernelGrid, s: KernelState, p: KernelParams, dtS: number, r: number): void {
  const { nx } = grid;
  const nxf = nx + 1;
  const rowMax = s.rows.maxDepthM;
  const thr = p.wetThresholdM;
  const wetHere = rowMax[r]! > thr;
  const wetAbove = r > 0 && rowMax[r - 1]! > thr;
  if (wetHere && r > 0) {
    fusedRow(grid, s, p, dtS, r);
    return;
  }
  if (wetHere) xFacesRow(grid, s, p, dtS, r);
  else s.qxTrial.fill(0, r * nxf, r * nxf + nxf);
  if (wetHere || wetAbove) yFacesRow(grid, s, p, dtS, r);
  else s.qyTrial.fill(0, r * nx, r * nx + nx);
}

/** The southern boundary faces (face row ny). */
export function southEdgeFaces(grid: KernelGrid, s: KernelState, p: KernelParams, dtS: number): void {
  const { nx, ny } = grid;
  if (s.rows.maxDepthM[ny - 1]! > p.wetThresholdM) yFacesRow(grid, s, p, dtS, ny);
  else s.qyTrial.fill(0, ny * nx, ny * nx + nx);
}

/**
 * Trial fluxes of the north faces of interior row r (0 < r < ny) written into `out` instead of the
 * shared trial array: a band computes its neighbour's first face row this way so that it can limit
 * its own last row without waiting. Same arithmetic as the owner's, so the same bits.
 */
export function northFacesInto(grid: KernelGrid, s: KernelState, p: KernelParams, dtS: number, r: number, out: Float64Array): void {
  const { nx } = grid;
  const rowMax = s.rows.maxDepthM, thr = p.wetThresholdM;
  if (!(rowMax[r]! > thr || rowMax[r - 1]! > thr)) {
    out.fill(0, 0, nx);
    return;
  }
  const z = grid.bedM, h = s.depthM, gn = grid.frictionY, qL = s.qyM2PerS;
  const k = sweepConstants(grid, p, dtS);
  for (let c = 0; c < nx; c++) {
    const f = r * nx + c;
    const gn2 = gn[f]!;
    if (gn2 < 0) { out[c] = 0; continue; }
    const a = f - nx;
    const q0 = qL[f]!;
    out[c] = interiorFlux(k, gn2, q0, gn[a]! < 0 ? q0 : qL[a]!, gn[f + nx]! < 0 ? q0 : qL[f + nx]!, z[a]!, z[a]! + h[a]!, z[f]!, z[f]! + h[f]!);
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

