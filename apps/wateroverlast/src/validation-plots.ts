/**
 * Writes the validation comparison plots of MODEL_CARD.md as SVG into docs/ (run from the package
 * root after a build: `node dist/validation-plots.js`). Same set-ups as test/analytic.test.ts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { DEFAULT_KERNEL_PARAMS, refreshRowMaxDepth, stableDt, step } from './kernel.js';
import { createKernelGrid, createKernelState } from './setup.js';
import { simulate } from './simulate.js';

interface Series { label: string; colour: string; xs: number[]; ys: number[]; dashed?: boolean }

const W = 640, H = 360, M = 50;

/** A minimal line chart with axes, ticks and a legend. */
function lineChart(title: string, xLabel: string, yLabel: string, series: Series[]): string {
  const xMax = Math.max(...series.flatMap((s) => s.xs)), yMax = Math.max(...series.flatMap((s) => s.ys)) * 1.1;
  const px = (x: number): number => M + (x / xMax) * (W - 2 * M);
  const py = (y: number): number => H - M - (y / yMax) * (H - 2 * M);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${title}</text>`,
    `<line x1="${M}" y1="${H - M}" x2="${W - M}" y2="${H - M}" stroke="black"/><line x1="${M}" y1="${M}" x2="${M}" y2="${H - M}" stroke="black"/>`,
    ...ticks.map((t) => `<text x="${px(t * xMax)}" y="${H - M + 16}" text-anchor="middle">${(t * xMax).toPrecision(3)}</text>`),
    ...ticks.map((t) => `<text x="${M - 6}" y="${py(t * yMax) + 4}" text-anchor="end">${(t * yMax).toPrecision(2)}</text>`),
    `<text x="${W / 2}" y="${H - 12}" text-anchor="middle">${xLabel}</text>`,
    `<text x="14" y="${H / 2}" text-anchor="middle" transform="rotate(-90 14 ${H / 2})">${yLabel}</text>`,
  ];
  series.forEach((s, k) => {
    const d = s.xs.map((x, i) => `${i === 0 ? 'M' : 'L'}${px(x).toFixed(1)},${py(s.ys[i]!).toFixed(1)}`).join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    parts.push(`<text x="${W - M - 4}" y="${M + 16 * k}" text-anchor="end" fill="${s.colour}">${s.label}</text>`);
  });
  return `${parts.join('\n')}\n</svg>\n`;
}

function frontPlot(): string {
  const n = 0.03, u = 0.2, dx = 5, nx = 120, tEnd = 2400;
  const exact = (x: number, t: number): number => {
    const a = (7 / 3) * n * n * u * u * (u * t - x);
    return a > 0 ? a ** (3 / 7) : 0;
  };
  const grid = createKernelGrid({ nx, ny: 1, cellSizeM: dx, bedM: new Float64Array(nx), manningN: n }, false);
  const state = createKernelState(grid, false);
  const forcing = { timeEndS: 0, rainDepthM: 0, sewerDepthM: 0, inflowCells: new Int32Array(0), inflowVolumesM3: new Float64Array(0) };
  for (let t = 0; t < tEnd;) {
    state.depthM[0] = exact(0, t);
    refreshRowMaxDepth(grid, state);
    const dtS = Math.min(stableDt(grid, state, DEFAULT_KERNEL_PARAMS), tEnd - t);
    t += dtS;
    forcing.timeEndS = t;
    step(grid, state, DEFAULT_KERNEL_PARAMS, dtS, forcing);
  }
  const xs = Array.from({ length: nx }, (_, c) => c * dx);
  const fine = Array.from({ length: 601 }, (_, k) => k);
  return lineChart(`Advancing front, t = ${tEnd} s (n = ${n}, u = ${u} m/s, Δx = ${dx} m)`, 'x (m)', 'depth (m)', [
    { label: 'analytical (Hunter et al. 2005)', colour: '#444', xs: fine, ys: fine.map((x) => exact(x, tEnd)), dashed: true },
    { label: 'model', colour: '#0069b4', xs, ys: Array.from(state.depthM) },
  ]);
}

async function slopePlot(): Promise<string> {
  const nx = 100, dx = 2, slope = 0.01, n = 0.03, rainMmPerH = 100;
  const data = new Float64Array(nx * 4).map((_, i) => slope * dx * (nx - 1 - (i % nx)));
  const dem = { width: nx, height: 4, originX: 0, originY: 8, cellSize: dx, crs: 'EPSG:28992', noData: null, data };
  const result = await simulate({
    dem, manningN: n, durationS: 4200, rainMmPerH: { timesS: [0], values: [rainMmPerH], interpolation: 'step' },
    boundaries: { east: { kind: 'normalDepth', slope } },
  });
  const r = rainMmPerH / 3.6e6;
  const xs = Array.from({ length: nx }, (_, c) => (c + 1) * dx);
  return lineChart(`Rain on a slope, steady state (S = ${slope}, n = ${n}, ${rainMmPerH} mm/h)`, 'x (m)', 'depth (m)', [
    { label: 'Manning normal depth (n·r·x/√S)^0.6', colour: '#444', xs, ys: xs.map((x) => ((n * r * x) / Math.sqrt(slope)) ** 0.6), dashed: true },
    { label: 'model', colour: '#0069b4', xs, ys: Array.from(result.finalDepthM.data.subarray(nx, 2 * nx)) },
  ]);
}

await mkdir('docs', { recursive: true });
await writeFile('docs/front.svg', frontPlot());
await writeFile('docs/slope.svg', await slopePlot());
console.log('wrote docs/front.svg, docs/slope.svg');
