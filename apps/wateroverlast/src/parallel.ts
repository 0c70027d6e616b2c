/**
 * Step engines: the single-threaded in-process path and a multi-threaded one over node:worker_threads
 * with a fixed row-band decomposition on shared memory. Both give bit-identical results (see phases.ts).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { bandStep } from './band-step.js';
import {
  barrierWait, CMD_EXIT, CMD_STEP, createControl, CTL_COMMAND, CTL_DT_S, CTL_ERROR, CTL_INFLOW_START,
  CTL_RAIN_DEPTH_M, CTL_SEWER_DEPTH_M, CTL_TIME_END_S, MAIN_BARRIER_TIMEOUT_MS, rowBand,
} from './barrier.js';
import { step, type KernelGrid, type KernelParams, type KernelState, type StepForcing } from './kernel.js';
import type { WorkerInit } from './worker.js';

/** Advances a kernel state one step at a time; `close` releases threads. */
export interface StepEngine {
  /** Number of threads taking part (1 = in-process). */
  readonly threads: number;
  /** Advances by exactly `dtS` seconds; `forcing.inflowCells` must be the cells given at creation. */
  step(dtS: number, forcing: StepForcing): void;
  /** Stops the worker threads (no-op for one thread). */
  close(): Promise<void>;
}

/** How long `close` waits for workers to reach the exit barrier before terminating them, ms. */
const CLOSE_TIMEOUT_MS = 10_000;

/**
 * Compiled worker file, resolved from the package root so it works both from src/ (Vitest) and
 * dist/: both folders sit directly under the package root.
 */
export const WORKER_FILE = fileURLToPath(new URL('../dist/worker.js', import.meta.url));

/**
 * Creates an engine with `threads` threads (1 or more). For more than one thread the grid and state
 * arrays must have been allocated shared (`createKernelGrid(spec, true)`, `createKernelState(grid, true)`).
 * @throws Error when the arrays are not shared or the compiled worker is missing (run `npm run build`).
 */
export async function createEngine(
  grid: KernelGrid, state: KernelState, params: KernelParams, threads: number, inflowCells: Int32Array,
): Promise<StepEngine> {
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be a positive integer, got ${threads}`);
  const bands = Math.min(threads, grid.ny);
  if (bands === 1) {
    return { threads: 1, step: (dtS, forcing) => step(grid, state, params, dtS, forcing), close: async () => {} };
  }
  if (!(state.depthM.buffer instanceof SharedArrayBuffer) || !(grid.bedM.buffer instanceof SharedArrayBuffer)) {
    throw new Error('multi-threaded run needs grid and state allocated with shared = true');
  }
  if (!existsSync(WORKER_FILE)) throw new Error(`compiled worker not found at ${WORKER_FILE}; run "npm run build" first`);
  const ctl = createControl();
  const ctlF64 = new Float64Array(new SharedArrayBuffer((CTL_INFLOW_START + inflowCells.length) * 8));
  const sharedCells = new Int32Array(new SharedArrayBuffer(Math.max(1, inflowCells.length) * 4)).subarray(0, inflowCells.length);
  sharedCells.set(inflowCells);
  const workers = await Promise.all(
    Array.from({ length: bands - 1 }, (_, k) => startWorker({
      grid, state, params, ctl, ctlF64, inflowCells: sharedCells, r0: rowBand(grid.ny, bands, k + 1)[0],
      r1: rowBand(grid.ny, bands, k + 1)[1], parties: bands,
    })),
  );
  const [r0, r1] = rowBand(grid.ny, bands, 0);
  const halo = new Float64Array(grid.nx);
  const local: StepForcing = {
    timeEndS: 0, rainDepthM: 0, sewerDepthM: 0, inflowCells: sharedCells,
    inflowVolumesM3: ctlF64.subarray(CTL_INFLOW_START, CTL_INFLOW_START + inflowCells.length),
  };
  let closed = false;
  return {
    threads: bands,
    step(dtS, forcing) {
      if (closed) throw new Error('engine is closed');
      ctlF64[CTL_DT_S] = dtS;
      ctlF64[CTL_TIME_END_S] = local.timeEndS = forcing.timeEndS;
      ctlF64[CTL_RAIN_DEPTH_M] = local.rainDepthM = forcing.rainDepthM;
      ctlF64[CTL_SEWER_DEPTH_M] = local.sewerDepthM = forcing.sewerDepthM;
      local.inflowVolumesM3.set(forcing.inflowVolumesM3);
      Atomics.store(ctl, CTL_COMMAND, CMD_STEP);
      barrierWait(ctl, bands, MAIN_BARRIER_TIMEOUT_MS);
      bandStep(grid, state, params, dtS, local, r0, r1, halo, ctl, bands, MAIN_BARRIER_TIMEOUT_MS);
      if (Atomics.load(ctl, CTL_ERROR) !== 0) throw new Error('a kernel thread failed during a step');
    },
    async close() {
      if (closed) return;
      closed = true;
      const exited = workers.map((w) => new Promise<void>((resolve) => { w.once('exit', () => resolve()); }));
      Atomics.store(ctl, CTL_COMMAND, CMD_EXIT);
      try {
        barrierWait(ctl, bands, CLOSE_TIMEOUT_MS);
      } catch {
        await Promise.all(workers.map((w) => w.terminate())); // a worker is stuck or gone
      }
      await Promise.all(exited);
    },
  };
}

function startWorker(init: WorkerInit): Promise<Worker> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, { workerData: init });
    worker.once('message', () => resolve(worker));
    worker.once('error', reject);
  });
}
