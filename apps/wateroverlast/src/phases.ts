/**
 * The phases of one local inertial step on a band of rows [r0, r1), so one thread or several can
 * run them with a barrier in between. Layout and sign conventions: see kernel.ts.
 *
 * Phase 1 (`fluxRows`): momentum for the band's faces, the donor limiter one row behind.
 * Phase 2 (`continuityRows`): limited fluxes, depth update, sources and sinks.
 *
 * Face ownership (who writes): a band owns the x faces of its rows, the north y faces of its rows
 * and, for the last band, the southern boundary faces. To limit its last row a band needs the
 * north faces of the next band's first row: it computes them itself into a private halo row, with
 * the same arithmetic, so no thread reads what another writes in the same phase and the result is
 * independent of the number of threads, bit for bit.
 */
import type { KernelGrid, KernelParams, KernelState, StepForcing } from './kernel.js';
import { limiterRow } from './limiter.js';
import { momentumRow, northFacesInto, southEdgeFaces } from './momentum.js';

/**
 * Phase 1 on rows [r0, r1): trial fluxes and limiters.
 * @param halo scratch of ≥ nx values, needed when r1 < ny (a band that is not the last).
 * @throws Error when a halo is needed and missing.
 */
export function fluxRows(
  grid: KernelGrid, s: KernelState, p: KernelParams, dtS: number, forcing: StepForcing,
  r0: number, r1: number, halo: Float64Array | null,
): void {
  const { nx, ny } = grid;
  for (let r = r0; r < r1; r++) {
    momentumRow(grid, s, p, dtS, r);
    if (r > r0) limiterRow(grid, s, p, dtS, forcing, r - 1, s.qyTrial, r * nx);
  }
  if (r1 === ny) {
    southEdgeFaces(grid, s, p, dtS);
    limiterRow(grid, s, p, dtS, forcing, ny - 1, s.qyTrial, ny * nx);
    return;
  }
  if (halo === null || halo.length < nx) throw new Error('fluxRows: a band that is not the last needs a halo row of nx values');
  northFacesInto(grid, s, p, dtS, r1, halo);
  limiterRow(grid, s, p, dtS, forcing, r1 - 1, halo, 0);
}

export { continuityRows } from './continuity.js';
