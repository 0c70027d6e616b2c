import { describe, expect, it } from 'vitest';
import { createKernelGrid, createKernelState, DEFAULT_KERNEL_PARAMS, simulate, stableDt, step } from '../src/index.js';
import { centre, raster } from './helpers.js';

const WATER_LEVEL_M = 1;

describe('lake at rest', () => {
  // Submerged Gaussian bump (top 0.6 m) and an emerged island (top 1.4 m) in a lake at 1 m.
  const bed = (r: number, c: number): number =>
    0.6 * Math.exp(-((r - 10) ** 2 + (c - 10) ** 2) / 12) + 1.4 * Math.exp(-((r - 18) ** 2 + (c - 28) ** 2) / 8);
  const dem = raster(40, 30, 2, bed);
  const initial = raster(40, 30, 2, (r, c) => Math.max(0, WATER_LEVEL_M - bed(r, c)));

  it('stays at rest over a non-flat bed with a submerged bump and a dry island', async () => {
    const result = await simulate({ dem, initialDepthM: initial, durationS: 3600, manningN: 0.03 });
    let maxChange = 0;
    for (let i = 0; i < initial.data.length; i++) maxChange = Math.max(maxChange, Math.abs(result.finalDepthM.data[i]! - Math.fround(initial.data[i]!)));
    expect(maxChange).toBeLessThan(1e-6);
    expect(Math.max(...result.maxSpeedMPerS.data)).toBeLessThan(1e-9);
    expect(result.steps).toBeGreaterThan(100);
    expect(result.massBalance.relativeError).toBeLessThan(1e-12);
  });
});

describe('symmetry', () => {
  const n = 41, mid = 20;
  const dem = raster(n, n, 1, (r, c) => 0.3 * Math.cos((r - mid) / 6) * Math.cos((c - mid) / 6));
  // Four buildings placed symmetrically about both axes and both diagonals.
  const buildings = raster(n, n, 1, (r, c) => (Math.abs(r - mid) >= 6 && Math.abs(r - mid) <= 8 && Math.abs(c - mid) >= 6 && Math.abs(c - mid) <= 8 ? 1 : 0));
  it('a point inflow in the centre of a symmetric domain gives a symmetric result', async () => {
    const result = await simulate({
      dem, buildings, durationS: 900, manningN: 0.03,
      inflows: [{ ...centre(dem, mid, mid), hydrographM3PerS: { timesS: [0], values: [0.5], interpolation: 'linear' } }],
    });
    const h = result.finalDepthM.data;
    const at = (r: number, c: number): number => h[r * n + c]!;
    let worst = 0;
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        const v = at(r, c);
        worst = Math.max(worst, Math.abs(v - at(c, r)), Math.abs(v - at(n - 1 - r, c)), Math.abs(v - at(r, n - 1 - c)));
      }
    }
    expect(at(mid, mid + 12)).toBeGreaterThan(0.01);
    expect(worst).toBeLessThan(1e-9);
    // An unstable scheme shows up as checkerboards and absurd speeds long before it blows up.
    expect(Math.max(...result.maxSpeedMPerS.data)).toBeLessThan(3);
  });
});

describe('buildings', () => {
  const dem = raster(30, 20, 1, () => 0);
  const inflow = { ...centre(dem, 10, 3), hydrographM3PerS: { timesS: [0], values: [0.2], interpolation: 'linear' as const } };
  const eastVolume = (h: Float32Array): number => {
    let v = 0;
    for (let r = 0; r < 20; r++) for (let c = 16; c < 30; c++) v += h[r * 30 + c]!;
    return v;
  };

  it('a closed row of buildings keeps all water on one side; building cells stay dry', async () => {
    const wall = raster(30, 20, 1, (_r, c) => (c === 15 ? 1 : 0));
    const result = await simulate({ dem, buildings: wall, inflows: [inflow], durationS: 1200 });
    expect(eastVolume(result.maxDepthM.data)).toBe(0);
    for (let r = 0; r < 20; r++) expect(result.maxDepthM.data[r * 30 + 15]).toBe(0);
    expect(result.maxDepthM.data[10 * 30 + 14]!).toBeGreaterThan(0.1);
    expect(result.massBalance.relativeError).toBeLessThan(1e-6);
  });

  it('water flows through a gap in the buildings and around them', async () => {
    const gapped = raster(30, 20, 1, (r, c) => (c === 15 && (r < 9 || r > 10) ? 1 : 0));
    const result = await simulate({ dem, buildings: gapped, inflows: [inflow], durationS: 1200 });
    expect(eastVolume(result.finalDepthM.data)).toBeGreaterThan(1);
    expect(result.maxDepthM.data[2 * 30 + 15]).toBe(0);
  });
});

describe('2D stability of the θ-scheme', () => {
  // A 0.2 m Gaussian hump on a 0.5 m lake, no friction to speak of: with α above √(θ/2) the
  // checkerboard mode grows (α = 0.7, θ = 0.75 blows up within 20 s); the defaults must not.
  function roughnessAfter(alpha: number, theta: number, tEndS: number): number {
    const n = 41, mid = 20;
    const h0 = new Float64Array(n * n).map((_, i) => 0.5 + 0.2 * Math.exp(-((Math.floor(i / n) - mid) ** 2 + ((i % n) - mid) ** 2) / 10));
    const grid = createKernelGrid({ nx: n, ny: n, cellSizeM: 1, bedM: new Float64Array(n * n), manningN: 0.01 }, false);
    const state = createKernelState(grid, false, h0);
    const params = { ...DEFAULT_KERNEL_PARAMS, cflAlpha: alpha, theta, froudeMax: Infinity };
    const forcing = { timeEndS: 0, rainDepthM: 0, sewerDepthM: 0, inflowCells: new Int32Array(0), inflowVolumesM3: new Float64Array(0) };
    for (let t = 0; t < tEndS;) {
      const dtS = Math.min(stableDt(grid, state, params), tEndS - t);
      t += dtS;
      forcing.timeEndS = t;
      step(grid, state, params, dtS, forcing);
    }
    let rough = 0;
    const h = state.depthM;
    for (let r = 1; r < n - 1; r++) {
      for (let c = 1; c < n - 1; c++) {
        const i = r * n + c;
        rough = Math.max(rough, Math.abs(h[i]! - 0.25 * (h[i - 1]! + h[i + 1]! + h[i - n]! + h[i + n]!)));
      }
    }
    return rough;
  }

  it('defaults (θ = 0.8, α = 0.6) keep a disturbed lake smooth; α = 0.7 with θ = 0.75 does not', () => {
    expect(roughnessAfter(DEFAULT_KERNEL_PARAMS.cflAlpha, DEFAULT_KERNEL_PARAMS.theta, 60)).toBeLessThan(0.01);
    expect(roughnessAfter(0.7, 0.75, 60)).toBeGreaterThan(0.05);
  });
});
