/**
 * Phase 3 of a step: limited fluxes, continuity, sources and sinks, and the per-cell maxima.
 * Continuity (Bates et al. 2010, eq. 6):  h⁺ = h + Δt/Δx·(q_w − q_e + q_n − q_s) + rain,
 * then infiltration and the lumped sewer sink, each limited to the water present, then point inflow.
 */
import type { KernelGrid, KernelParams, KernelState, StepForcing } from './kernel.js';

/** Per-row running sums of one step, in depth units (m) or m²/s·… as named. */
interface RowSums {
  rainM: number;
  infiltrationM: number;
  sewerM: number;
  outflowQ: number;
  maxDepthM: number;
}

/**
 * Phase 3 on rows [r0, r1): applies the donor limiter to the trial fluxes, stores them as the
 * step's fluxes (owned faces only), updates depth, and accumulates per-row totals.
 */
export function continuityRows(grid: KernelGrid, s: KernelState, p: KernelParams, dtS: number, forcing: StepForcing, r0: number, r1: number): void {
  const { nx, ny } = grid;
  const nxf = nx + 1;
  const area = grid.cellSizeM * grid.cellSizeM;
  for (let r = r0; r < r1; r++) {
    if (s.rowActive[r] === 0) {
      // No wet cell in or next to this row: every face of it carries zero flux.
      s.qxM2PerS.fill(0, r * nxf, r * nxf + nxf);
      s.qyM2PerS.fill(0, r * nx, r * nx + nx);
      if (r === ny - 1) s.qyM2PerS.fill(0, ny * nx, ny * nx + nx);
      s.rows.maxDepthM[r] = 0;
      continue;
    }
    const sums = updateRow(grid, s, p, dtS, forcing, r);
    const rows = s.rows;
    rows.rainM3[r]! += (grid.rainFactor === null ? forcing.rainDepthM * grid.openCellsPerRow[r]! : sums.rainM) * area;
    rows.infiltrationM3[r]! += sums.infiltrationM * area;
    rows.sewerM3[r]! += sums.sewerM * area;
    rows.outflowM3[r]! += sums.outflowQ * dtS * grid.cellSizeM;
    rows.maxDepthM[r] = addInflows(grid, s, p, forcing, r, sums.maxDepthM);
  }
}

function updateRow(grid: KernelGrid, s: KernelState, p: KernelParams, dtS: number, forcing: StepForcing, r: number): RowSums {
  const { nx, ny } = grid;
  const nxf = nx + 1;
  const k = dtS / grid.cellSizeM;
  const h = s.depthM, lim = s.limiter, blocked = grid.blocked;
  const qxT = s.qxTrial, qyT = s.qyTrial, qxL = s.qxM2PerS, qyL = s.qyM2PerS;
  const factor = grid.rainFactor, infil = grid.infiltrationMPerS, used = s.sewerUsedM;
  const rain = forcing.rainDepthM, sewerCap = forcing.sewerDepthM, storage = grid.sewerStorageM;
  const speedDepth = p.speedDepthM, arrivalDepth = p.arrivalDepthM, tEnd = forcing.timeEndS;
  const maxD = s.maxDepthM, maxU = s.maxSpeedSqM2PerS2, arrival = s.arrivalS;
  const lastRow = r === ny - 1;
  // No cell in this row or the rows beside it was limited: every limiter is exactly 1, skip them.
  const lim0 = s.rowLimited;
  const unlimited = lim0[r] === 0 && (r === 0 || lim0[r - 1] === 0) && (lastRow || lim0[r + 1] === 0);
  let rainM = 0, infM = 0, sewerM = 0, outQ = 0, rowMax = 0;
  for (let c = 0; c < nx; c++) {
    const i = r * nx + c;
    const fw = r * nxf + c, fn = i;
    let qw = qxT[fw]!, qe = qxT[fw + 1]!, qn = qyT[fn]!, qs = qyT[fn + nx]!;
    if (!unlimited) {
      // A face is scaled by its donor's limiter; boundary faces only ever flow outwards, and a
      // zero flux is scaled by its own cell, so no index outside the grid is read.
      qw = qw > 0 ? qw * lim[i - 1]! : qw * lim[i]!;
      qe = qe >= 0 ? qe * lim[i]! : qe * lim[i + 1]!;
      qn = qn > 0 ? qn * lim[i - nx]! : qn * lim[i]!;
      qs = qs >= 0 ? qs * lim[i]! : qs * lim[i + nx]!;
    }
    qxL[fw] = qw;
    qyL[fn] = qn;
    if (c === nx - 1) { qxL[fw + 1] = qe; outQ += qe; }
    if (c === 0) outQ -= qw;
    if (r === 0) outQ -= qn;
    if (lastRow) { qyL[fn + nx] = qs; outQ += qs; }
    if (blocked[i] === 1) continue;
    let hn = h[i]! + k * (qw - qe + (qn - qs));
    if (rain > 0) {
      const rc = factor === null ? rain : rain * factor[i]!;
      hn += rc;
      rainM += rc;
    }
    if (hn < 0) hn = 0; // round-off only: the limiter keeps the exact value ≥ 0
    if (infil !== null && hn > 0) {
      const cap = infil[i]! * dtS;
      const take = cap < hn ? cap : hn;
      hn -= take;
      infM += take;
    }
    if (sewerCap > 0 && hn > 0) {
      let cap = sewerCap;
      if (used !== null) {
        const room = storage - used[i]!;
        if (room < cap) cap = room > 0 ? room : 0;
      }
      const take = cap < hn ? cap : hn;
      hn -= take;
      sewerM += take;
      if (used !== null) used[i]! += take;
    }
    h[i] = hn;
    if (hn > rowMax) rowMax = hn;
    if (hn > maxD[i]!) maxD[i] = hn;
    if (hn > arrivalDepth && arrival[i]! < 0) arrival[i] = tEnd;
    if (hn > speedDepth) {
      // Squared speed (q_x̄² + q_ȳ²)/h², face fluxes averaged to the centre; √ taken once at output.
      // Compared without dividing; the division only when a new maximum is stored.
      const sx = qw + qe, sy = qn + qs;
      const fluxSq = sx * sx + sy * sy, hSq4 = 4 * hn * hn;
      if (fluxSq > maxU[i]! * hSq4) maxU[i] = fluxSq / hSq4;
    }
  }
  return { rainM, infiltrationM: infM, sewerM, outflowQ: outQ, maxDepthM: rowMax };
}

/** Adds this step's point inflow to cells of row `r`; returns the row's new maximum depth. */
function addInflows(grid: KernelGrid, s: KernelState, p: KernelParams, forcing: StepForcing, r: number, rowMax: number): number {
  const cells = forcing.inflowCells;
  const area = grid.cellSizeM * grid.cellSizeM;
  let m = rowMax;
  for (let j = 0; j < cells.length; j++) {
    const i = cells[j]!;
    if (Math.floor(i / grid.nx) !== r) continue;
    const vol = forcing.inflowVolumesM3[j]!;
    const hn = s.depthM[i]! + vol / area;
    s.depthM[i] = hn;
    s.rows.inflowM3[r]! += vol;
    if (hn > m) m = hn;
    if (hn > s.maxDepthM[i]!) s.maxDepthM[i] = hn;
    if (hn > p.arrivalDepthM && s.arrivalS[i]! < 0) s.arrivalS[i] = forcing.timeEndS;
  }
  return m;
}
