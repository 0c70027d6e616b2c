/** One step on one row band, with the barriers between phases; shared by main thread and workers. */
import { barrierWait, CTL_ERROR } from './barrier.js';
import type { KernelGrid, KernelParams, KernelState, StepForcing } from './kernel.js';
import { continuityRows, fluxRows } from './phases.js';

/**
 * Runs the two phases on rows [r0, r1), waiting for the other threads after each. A phase that
 * throws sets the shared error flag instead, so every thread still meets every barrier (no hang);
 * the main thread checks the flag after the step.
 * @param halo private scratch row (nx values) for bands that are not the last.
 */
export function bandStep(
  grid: KernelGrid, state: KernelState, params: KernelParams, dtS: number, forcing: StepForcing,
  r0: number, r1: number, halo: Float64Array | null, ctl: Int32Array, parties: number, timeoutMs = Infinity,
): void {
  try { fluxRows(grid, state, params, dtS, forcing, r0, r1, halo); } catch { Atomics.store(ctl, CTL_ERROR, 1); }
  barrierWait(ctl, parties, timeoutMs);
  try { continuityRows(grid, state, params, dtS, forcing, r0, r1); } catch { Atomics.store(ctl, CTL_ERROR, 1); }
  barrierWait(ctl, parties, timeoutMs);
}
