/**
 * Worker-thread entry: runs its fixed row band of every step until told to exit.
 * Loaded from the package's dist/ folder by parallel.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { bandStep } from './band-step.js';
import {
  barrierWait, CMD_EXIT, CTL_COMMAND, CTL_DT_S, CTL_INFLOW_START, CTL_RAIN_DEPTH_M,
  CTL_SEWER_DEPTH_M, CTL_TIME_END_S,
} from './barrier.js';
import type { KernelGrid, KernelParams, KernelState, StepForcing } from './kernel.js';

/** What parallel.ts sends; typed arrays on SharedArrayBuffers arrive as views on the same memory. */
export interface WorkerInit {
  grid: KernelGrid;
  state: KernelState;
  params: KernelParams;
  ctl: Int32Array;
  ctlF64: Float64Array;
  inflowCells: Int32Array;
  r0: number;
  r1: number;
  parties: number;
}

function run(init: WorkerInit): void {
  const { grid, state, params, ctl, ctlF64, r0, r1, parties } = init;
  const halo = r1 < grid.ny ? new Float64Array(grid.nx) : null;
  const forcing: StepForcing = {
    timeEndS: 0, rainDepthM: 0, sewerDepthM: 0, inflowCells: init.inflowCells,
    inflowVolumesM3: ctlF64.subarray(CTL_INFLOW_START, CTL_INFLOW_START + init.inflowCells.length),
  };
  for (;;) {
    barrierWait(ctl, parties);
    if (Atomics.load(ctl, CTL_COMMAND) === CMD_EXIT) return;
    forcing.timeEndS = ctlF64[CTL_TIME_END_S]!;
    forcing.rainDepthM = ctlF64[CTL_RAIN_DEPTH_M]!;
    forcing.sewerDepthM = ctlF64[CTL_SEWER_DEPTH_M]!;
    bandStep(grid, state, params, ctlF64[CTL_DT_S]!, forcing, r0, r1, halo, ctl, parties);
  }
}

if (parentPort !== null) {
  parentPort.postMessage('ready');
  run(workerData as WorkerInit);
}
