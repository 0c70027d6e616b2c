/** Minimal CSV readers for the command line: numbers in named columns, an optional header row. */
import type { GaugePoint, InflowPoint } from './types.js';
import type { TimeSeries } from './storms.js';

/** Parses `text` into rows of cells; skips empty lines and `#` comments; drops a header row. */
function rows(text: string, label: string, columns: number): string[][] {
  const out = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split(/[,;\t]/).map((c) => c.trim()));
  if (out.length > 0 && out[0]!.some((c, k) => k > 0 && c !== '' && Number.isNaN(Number(c)))) out.shift();
  out.forEach((r, k) => {
    if (r.length < columns) throw new Error(`${label}: line ${k + 1} has ${r.length} columns, expected ${columns}`);
  });
  return out;
}

function num(cell: string, label: string, line: number): number {
  const v = Number(cell);
  if (cell === '' || !Number.isFinite(v)) throw new Error(`${label}: line ${line}: "${cell}" is not a number`);
  return v;
}

/** `time_s, mm_per_h` → a step hyetograph. */
export function parseRainCsv(text: string): TimeSeries {
  const r = rows(text, 'rain CSV', 2);
  return { timesS: r.map((c, k) => num(c[0]!, 'rain CSV', k + 1)), values: r.map((c, k) => num(c[1]!, 'rain CSV', k + 1)), interpolation: 'step' };
}

/** `x, y, time_s, m3_per_s` → one linear hydrograph per distinct (x, y). */
export function parseInflowCsv(text: string): InflowPoint[] {
  const byPoint = new Map<string, InflowPoint>();
  rows(text, 'inflow CSV', 4).forEach((c, k) => {
    const [x, y, t, q] = c.map((v) => num(v, 'inflow CSV', k + 1)) as [number, number, number, number];
    const key = `${x},${y}`;
    const p = byPoint.get(key) ?? { id: key, x, y, hydrographM3PerS: { timesS: [], values: [], interpolation: 'linear' } };
    p.hydrographM3PerS.timesS.push(t);
    p.hydrographM3PerS.values.push(q);
    byPoint.set(key, p);
  });
  return [...byPoint.values()];
}

/** `id, x, y` → gauges. */
export function parseGaugesCsv(text: string): GaugePoint[] {
  return rows(text, 'gauges CSV', 3).map((c, k) => ({ id: c[0]!, x: num(c[1]!, 'gauges CSV', k + 1), y: num(c[2]!, 'gauges CSV', k + 1) }));
}

/** gauges.csv: `time_s`, then `<id>_depth_m` and `<id>_level_m` per gauge. */
export function formatGaugesCsv(gauges: { id: string; timesS: number[]; depthM: number[]; levelM: number[] }[]): string {
  const header = ['time_s', ...gauges.flatMap((g) => [`${g.id}_depth_m`, `${g.id}_level_m`])].join(',');
  const times = gauges[0]?.timesS ?? [];
  const lines = times.map((t, k) => [t, ...gauges.flatMap((g) => [g.depthM[k]!.toFixed(5), g.levelM[k]!.toFixed(5)])].join(','));
  return [header, ...lines].join('\n') + '\n';
}
