/**
 * Shared-memory control block and a generation barrier for a fixed group of threads
 * (Atomics on an Int32Array in a SharedArrayBuffer).
 */

/** Int32 slots of the control block. */
export const CTL_COUNT = 0;
export const CTL_GENERATION = 1;
export const CTL_COMMAND = 2;
export const CTL_ERROR = 3;
export const CTL_INT_SLOTS = 4;

/** Commands the main thread posts before the start barrier of a step. */
export const CMD_STEP = 1;
export const CMD_EXIT = 2;

/** Float64 slots: step parameters, then one inflow volume per inflow point. */
export const CTL_DT_S = 0;
export const CTL_TIME_END_S = 1;
export const CTL_RAIN_DEPTH_M = 2;
export const CTL_SEWER_DEPTH_M = 3;
export const CTL_INFLOW_START = 4;

/** How long the main thread waits for workers at a barrier before declaring them dead, ms. */
export const MAIN_BARRIER_TIMEOUT_MS = 600_000;

/** Spins before sleeping: a step is milliseconds, a futex wake-up tens of microseconds. */
const SPIN_ITERATIONS = 4000;

/** Allocates the Int32 control block. */
export function createControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(CTL_INT_SLOTS * Int32Array.BYTES_PER_ELEMENT));
}

/**
 * Blocks until `parties` threads have called it for the current generation. Safe for reuse
 * immediately: the counter is reset before the generation moves on.
 * @param timeoutMs give up after this long (main thread: a worker that died never arrives).
 * @throws Error when the timeout passes.
 */
export function barrierWait(ctl: Int32Array, parties: number, timeoutMs = Infinity): void {
  const gen = Atomics.load(ctl, CTL_GENERATION);
  if (Atomics.add(ctl, CTL_COUNT, 1) === parties - 1) {
    Atomics.store(ctl, CTL_COUNT, 0);
    Atomics.add(ctl, CTL_GENERATION, 1);
    Atomics.notify(ctl, CTL_GENERATION);
    return;
  }
  for (let i = 0; i < SPIN_ITERATIONS; i++) {
    if (Atomics.load(ctl, CTL_GENERATION) !== gen) return;
  }
  const deadline = performance.now() + timeoutMs;
  while (Atomics.load(ctl, CTL_GENERATION) === gen) {
    const leftMs = deadline - performance.now();
    if (leftMs <= 0) throw new Error(`a kernel thread did not reach the barrier within ${timeoutMs} ms (worker died?)`);
    Atomics.wait(ctl, CTL_GENERATION, gen, leftMs);
  }
}

/** Row band [r0, r1) of thread `k` of `threads` over `ny` rows: a fixed, even split. */
export function rowBand(ny: number, threads: number, k: number): [number, number] {
  return [Math.floor((k * ny) / threads), Math.floor(((k + 1) * ny) / threads)];
}
