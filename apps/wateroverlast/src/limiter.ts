/** Donor-cell flux limiter of the local inertial step, one row at a time (see kernel.ts). */
import type { KernelGrid, KernelParams, KernelState, StepForcing } from './kernel.js';

/**
 * Donor-cell limiter of row r. For each cell the outgoing volume of the trial fluxes is compared
 * with what the cell holds (depth plus this step's rain); if it would give more, all its outgoing
 * fluxes are scaled by holds/gives. A face is scaled only by its donor, so every cell ends ≥ 0.
 * Also decides whether phase 3 must visit the row (read here, while no thread writes row maxima).
 * `south` holds the trial fluxes of the row's south faces from `southOffset` on.
 */
export function limiterRow(
  grid: KernelGrid, s: KernelState, p: KernelParams, dtS: number, forcing: StepForcing, r: number,
  south: Float64Array, southOffset: number,
): void {
  const { nx, ny } = grid;
  const nxf = nx + 1;
  const k = dtS / grid.cellSizeM;
  const h = s.depthM, qx = s.qxTrial, qy = s.qyTrial, lim = s.limiter, rowMax = s.rows.maxDepthM;
  const thr = p.wetThresholdM;
  const rain = forcing.rainDepthM, factor = grid.rainFactor;
  const wetNear = rowMax[r]! > thr || (r > 0 && rowMax[r - 1]! > thr) || (r < ny - 1 && rowMax[r + 1]! > thr);
  s.rowActive[r] = wetNear || rain > 0 || rowMax[r]! > 0 || rowHasInflow(grid, forcing, r) ? 1 : 0;
  s.rowLimited[r] = 0;
  if (!wetNear) return;
  let limited = 0;
  for (let c = 0; c < nx; c++) {
    const i = r * nx + c;
    const qw = qx[r * nxf + c]!, qe = qx[r * nxf + c + 1]!, qn = qy[i]!, qs = south[southOffset + c]!;
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

function rowHasInflow(grid: KernelGrid, forcing: StepForcing, r: number): boolean {
  const cells = forcing.inflowCells;
  for (let j = 0; j < cells.length; j++) {
    if (Math.floor(cells[j]! / grid.nx) === r && forcing.inflowVolumesM3[j]! !== 0) return true;
  }
  return false;
}
