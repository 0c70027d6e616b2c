import { describe, expect, it } from 'vitest';
import { createKernelGrid, createKernelState, DEFAULT_KERNEL_PARAMS, refreshRowMaxDepth, simulate, stableDt, step } from '../src/index.js';
import { raster } from './helpers.js';

/**
 * Hunter et al. (2005) / Bates et al. (2010) test: a front advancing at constant speed u over a
 * horizontal frictional plane, h(x, t) = [7/3·n²·u²·(u·t − x)]^{3/7}; the upstream depth is imposed.
 * The solution neglects ∂q/∂t, which the local inertial model keeps: near the tip its slope is
 * steeper by 1/(1 − Fr²). So the test uses a slow front (u = 0.2 m/s, n = 0.03, Fr² < 0.1 where
 * h > 5 cm); with Bates' u = 0.4, n = 0.01 the model lags ~5 %, as that term predicts.
 */
describe('advancing front over a horizontal plane', () => {
  const MANNING_N = 0.03, SPEED_M_PER_S = 0.2, DX_M = 5, NX = 120, T_END_S = 2400;
  const analytic = (xM: number, tS: number): number => {
    const arg = (7 / 3) * MANNING_N ** 2 * SPEED_M_PER_S ** 2 * (SPEED_M_PER_S * tS - xM);
    return arg > 0 ? arg ** (3 / 7) : 0;
  };
  /** x where the profile first drops below `depthM`, linearly interpolated between cell centres. */
  const positionOf = (h: ArrayLike<number>, depthM: number): number => {
    for (let c = 1; c < NX; c++) {
      if (h[c]! < depthM) return (c - 1 + (h[c - 1]! - depthM) / (h[c - 1]! - h[c]!)) * DX_M;
    }
    return NX * DX_M;
  };

  function run(): Float64Array {
    const grid = createKernelGrid({ nx: NX, ny: 1, cellSizeM: DX_M, bedM: new Float64Array(NX), manningN: MANNING_N }, false);
    const state = createKernelState(grid, false);
    const params = DEFAULT_KERNEL_PARAMS;
    const forcing = { timeEndS: 0, rainDepthM: 0, sewerDepthM: 0, inflowCells: new Int32Array(0), inflowVolumesM3: new Float64Array(0) };
    for (let t = 0; t < T_END_S;) {
      state.depthM[0] = analytic(0, t); // imposed upstream depth, as in the Landlab test
      refreshRowMaxDepth(grid, state);
      const dtS = Math.min(stableDt(grid, state, params), T_END_S - t);
      t += dtS;
      forcing.timeEndS = t;
      step(grid, state, params, dtS, forcing);
    }
    return state.depthM;
  }

  it('front position within 3 % and the profile within 5 % of the analytical solution', () => {
    const h = run();
    for (const depthM of [0.05, 0.1]) {
      const exact = SPEED_M_PER_S * T_END_S - (depthM ** (7 / 3)) / ((7 / 3) * MANNING_N ** 2 * SPEED_M_PER_S ** 2);
      expect(Math.abs(positionOf(h, depthM) - exact) / exact).toBeLessThan(0.03);
    }
    for (const xM of [100, 200, 300, 400]) {
      expect(Math.abs(h[xM / DX_M]! - analytic(xM, T_END_S)) / analytic(xM, T_END_S)).toBeLessThan(0.05);
    }
  });
});

/**
 * Rain on a uniform slope with a free outflow at the foot: at steady state the outflow equals
 * rain × area (kinematic equilibrium) and the depth follows Manning normal depth for q = r·x:
 * h(x) = (n·r·x / √S)^{3/5}.
 */
describe('rain on a uniform slope', () => {
  const NX = 100, NY = 4, DX_M = 2, SLOPE = 0.01, MANNING_N = 0.03, RAIN_MM_PER_H = 100;
  const dem = raster(NX, NY, DX_M, (_r, c) => SLOPE * DX_M * (NX - 1 - c));

  it('reaches steady state: outflow = rain × area within 1 %, depth = Manning normal depth within 5 %', async () => {
    const gauges = [25, 50, 99].map((c) => ({ id: `x${c}`, x: dem.originX + (c + 0.5) * DX_M, y: dem.originY - 1.5 * DX_M }));
    const run = (durationS: number) => simulate({
      dem, manningN: MANNING_N, durationS, gaugeIntervalS: 600, gauges,
      rainMmPerH: { timesS: [0], values: [RAIN_MM_PER_H], interpolation: 'step' },
      boundaries: { east: { kind: 'normalDepth', slope: SLOPE } },
    });
    const [early, late] = await Promise.all([run(3600), run(4200)]);
    const rainMPerS = RAIN_MM_PER_H / 1000 / 3600;
    const areaM2 = NX * NY * DX_M * DX_M;
    const outflowM3PerS = (late.massBalance.boundaryOutflowM3 - early.massBalance.boundaryOutflowM3) / 600;
    expect(Math.abs(outflowM3PerS - rainMPerS * areaM2) / (rainMPerS * areaM2)).toBeLessThan(0.01);
    for (const g of late.gauges) {
      const xM = (g.col + 1) * DX_M; // rain collected from the top of the slope to the cell's downstream face
      const normalDepth = ((MANNING_N * rainMPerS * xM) / Math.sqrt(SLOPE)) ** 0.6;
      const last = g.depthM[g.depthM.length - 1]!, before = g.depthM[g.depthM.length - 2]!;
      expect(Math.abs(last - before) / last).toBeLessThan(0.02);
      expect(Math.abs(last - normalDepth) / normalDepth).toBeLessThan(0.05);
    }
    expect(late.massBalance.relativeError).toBeLessThan(1e-6);
  });
});
