/**
 * Driver: owns the clock, the forcing, the outputs and the mass balance around the kernel.
 * Steps are clamped to output times and series breakpoints so that every output lands on its time
 * exactly and rain/inflow volumes are integrated exactly.
 */
import { totalmem } from 'node:os';
import { float32Like, prepareDomain } from './domain.js';
import { DEFAULT_KERNEL_PARAMS, stableDt, storedVolumeM3, sumRows, type KernelGrid, type KernelParams, type KernelState, type StepForcing } from './kernel.js';
import { createEngine } from './parallel.js';
import { createKernelGrid, createKernelState } from './setup.js';
import { nextBreakpoint, seriesIntegral, type TimeSeries } from './storms.js';
import type { DepthFrame, GaugeSeries, MassBalance, SimulationInput, SimulationResult } from './types.js';
import { checkSimulationInput } from './validate.js';

const MM_PER_M = 1000;
const S_PER_H = 3600;
const DEFAULT_GAUGE_INTERVAL_S = 60;
const DEFAULT_MEMORY_FRACTION = 0.75;
/** Progress is also reported every this many steps, besides every output time. */
const PROGRESS_EVERY_STEPS = 100;

/** mm/h integrated over seconds → metres. */
const MM_PER_H_SECONDS_TO_M = 1 / (MM_PER_M * S_PER_H);

/**
 * Runs a flood simulation. Checks all input first (throws a clear Error before allocating).
 * @example
 * const result = await simulate({ dem, rainMmPerH: designStorm('T100_70mm_1h').rainMmPerH, durationS: 7200 });
 */
export async function simulate(input: SimulationInput): Promise<SimulationResult> {
  input.signal?.throwIfAborted();
  checkSimulationInput(input, input.memoryLimitBytes ?? DEFAULT_MEMORY_FRACTION * totalmem());
  const params: KernelParams = { ...DEFAULT_KERNEL_PARAMS, ...input.kernel };
  const threads = input.threads ?? 1;
  const domain = prepareDomain(input);
  const shared = threads > 1;
  const grid = createKernelGrid(domain.spec, shared);
  const state = createKernelState(grid, shared, input.initialDepthM?.data);
  const engine = await createEngine(grid, state, params, threads, domain.inflowCells);
  try {
    const loop = new TimeLoop(input, grid, state, params, domain.inflowCells, domain.gaugeCells);
    await loop.run((dtS, forcing) => engine.step(dtS, forcing));
    return loop.result(engine.threads);
  } finally {
    await engine.close();
  }
}

class TimeLoop {
  private readonly rain: TimeSeries | undefined;
  private readonly hydrographs: TimeSeries[];
  private readonly frameIntervalS: number;
  private readonly gaugeIntervalS: number;
  private readonly frames: DepthFrame[] = [];
  private readonly gauges: GaugeSeries[];
  private readonly initialStoredM3: number;
  private readonly maxRainFactor: number;
  private steps = 0;

  constructor(
    private readonly input: SimulationInput, private readonly grid: KernelGrid, private readonly state: KernelState,
    private readonly params: KernelParams, private readonly inflowCells: Int32Array, private readonly gaugeCells: Int32Array,
  ) {
    this.rain = input.rainMmPerH;
    this.hydrographs = (input.inflows ?? []).map((p) => p.hydrographM3PerS);
    this.frameIntervalS = input.frameIntervalS ?? 0;
    this.gaugeIntervalS = input.gaugeIntervalS ?? DEFAULT_GAUGE_INTERVAL_S;
    this.gauges = (input.gauges ?? []).map((g, k) => {
      const i = gaugeCells[k]!;
      return { ...g, row: Math.floor(i / grid.nx), col: i % grid.nx, bedM: grid.bedM[i]!, timesS: [], depthM: [], levelM: [] };
    });
    this.initialStoredM3 = storedVolumeM3(grid, state);
    this.maxRainFactor = grid.rainFactor ? grid.rainFactor.reduce((m, v) => Math.max(m, v), 0) : 1;
  }

  async run(advance: (dtS: number, forcing: StepForcing) => void): Promise<void> {
    const signal = this.input.signal;
    const durationS = this.input.durationS;
    const forcing: StepForcing = {
      timeEndS: 0, rainDepthM: 0, sewerDepthM: 0, inflowCells: this.inflowCells,
      inflowVolumesM3: new Float64Array(this.inflowCells.length),
    };
    const sinkMmPerH = this.input.sinkMmPerH ?? 0;
    let tS = 0;
    let frameK = 1, gaugeK = 1;
    this.record(tS, true, true);
    while (tS < durationS) {
      signal?.throwIfAborted();
      const nextFrameS = this.frameIntervalS > 0 ? frameK * this.frameIntervalS : Infinity;
      const nextGaugeS = this.gauges.length > 0 ? gaugeK * this.gaugeIntervalS : Infinity;
      let tEndS = Math.min(tS + this.sourceAwareDt(tS), durationS, nextFrameS, nextGaugeS);
      if (this.rain) tEndS = Math.min(tEndS, nextBreakpoint(this.rain, tS));
      for (const h of this.hydrographs) tEndS = Math.min(tEndS, nextBreakpoint(h, tS));
      const dtS = tEndS - tS;
      forcing.timeEndS = tEndS;
      forcing.rainDepthM = this.rain ? seriesIntegral(this.rain, tS, tEndS) * MM_PER_H_SECONDS_TO_M : 0;
      forcing.sewerDepthM = sinkMmPerH * dtS * MM_PER_H_SECONDS_TO_M;
      this.hydrographs.forEach((h, j) => { forcing.inflowVolumesM3[j] = seriesIntegral(h, tS, tEndS); });
      advance(dtS, forcing);
      this.steps++;
      tS = tEndS;
      // Gauges are also read at the very end, so a series always closes at durationS.
      const frameDue = tS >= nextFrameS, gaugeDue = tS >= nextGaugeS || (tS >= durationS && this.gauges.length > 0);
      if (frameDue) frameK++;
      if (gaugeDue) gaugeK++;
      let reported = true;
      if (frameDue || gaugeDue) this.record(tS, frameDue, gaugeDue);
      else if (this.steps % PROGRESS_EVERY_STEPS === 0 || tS >= durationS) this.report(tS);
      else reported = false;
      // Let timers and I/O (an abort, a progress write) through; results do not depend on it.
      if (reported && signal) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    signal?.throwIfAborted();
  }

  private report(tS: number): void {
    this.input.onProgress?.({ timeS: tS, durationS: this.input.durationS, steps: this.steps });
  }

  /**
   * Stable step, shortened when this step's rain or inflow would raise the deepest cell enough to
   * break the CFL condition (one fixed-point pass on h_max + source depth).
   */
  private sourceAwareDt(tS: number): number {
    const dtS = stableDt(this.grid, this.state, this.params);
    const area = this.grid.cellSizeM * this.grid.cellSizeM;
    let addedM = this.rain ? seriesIntegral(this.rain, tS, tS + dtS) * MM_PER_H_SECONDS_TO_M * this.maxRainFactor : 0;
    for (const h of this.hydrographs) addedM = Math.max(addedM, seriesIntegral(h, tS, tS + dtS) / area);
    if (addedM === 0) return dtS;
    let hMaxM = 0;
    for (let r = 0; r < this.grid.ny; r++) hMaxM = Math.max(hMaxM, this.state.rows.maxDepthM[r]!);
    const limitS = (this.params.cflAlpha * this.grid.cellSizeM) / Math.sqrt(this.params.gravityMPerS2 * (hMaxM + addedM));
    return Math.min(dtS, limitS);
  }

  private record(tS: number, frame: boolean, gauge: boolean): void {
    const h = this.state.depthM;
    if (frame && this.frameIntervalS > 0) this.frames.push({ timeS: tS, depthM: float32Like(this.input.dem, Float32Array.from(h), null) });
    if (gauge) {
      this.gauges.forEach((g, k) => {
        const d = h[this.gaugeCells[k]!]!;
        g.timesS.push(tS);
        g.depthM.push(d);
        g.levelM.push(g.bedM + d);
      });
    }
    this.report(tS);
  }

  result(threads: number): SimulationResult {
    const { dem } = this.input;
    const s = this.state;
    return {
      maxDepthM: float32Like(dem, Float32Array.from(s.maxDepthM), null),
      maxSpeedMPerS: float32Like(dem, Float32Array.from(s.maxSpeedSqM2PerS2, Math.sqrt), null),
      arrivalTimeS: float32Like(dem, Float32Array.from(s.arrivalS), -1),
      finalDepthM: float32Like(dem, Float32Array.from(s.depthM), null),
      frames: this.frames,
      gauges: this.gauges,
      massBalance: this.massBalance(),
      steps: this.steps,
      cellUpdates: this.steps * this.grid.nx * this.grid.ny,
      threads,
    };
  }

  private massBalance(): MassBalance {
    const rows = this.state.rows;
    const rainM3 = sumRows(rows.rainM3), inflowM3 = sumRows(rows.inflowM3);
    const sewerM3 = sumRows(rows.sewerM3), infiltrationM3 = sumRows(rows.infiltrationM3), boundaryOutflowM3 = sumRows(rows.outflowM3);
    const finalStoredM3 = storedVolumeM3(this.grid, this.state);
    const errorM3 = finalStoredM3 - this.initialStoredM3 - (rainM3 + inflowM3 - sewerM3 - infiltrationM3 - boundaryOutflowM3);
    const added = rainM3 + inflowM3 > 0 ? rainM3 + inflowM3 : this.initialStoredM3;
    return {
      rainM3, inflowM3, sewerM3, infiltrationM3, boundaryOutflowM3, initialStoredM3: this.initialStoredM3, finalStoredM3,
      errorM3, relativeError: added > 0 ? Math.abs(errorM3) / added : 0, rainOnBuildingsM3: this.rainOnBuildingsM3(),
    };
  }

  private rainOnBuildingsM3(): number {
    if (!this.rain) return 0;
    const g = this.grid;
    const depthM = seriesIntegral(this.rain, 0, this.input.durationS) * MM_PER_H_SECONDS_TO_M;
    let weight = 0;
    for (let i = 0; i < g.blocked.length; i++) if (g.blocked[i] === 1) weight += g.rainFactor ? g.rainFactor[i]! : 1;
    return depthM * weight * g.cellSizeM * g.cellSizeM;
  }
}
