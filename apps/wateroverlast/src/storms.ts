/**
 * Time series (hyetographs, hydrographs) and the named design storms of DESIGN.md.
 *
 * Design storms: STOWA (2019) "Neerslagstatistiek en -reeksen voor het waterbeheer", current
 * climate, and the Klimaateffectatlas stress test. Temporal shape: a UNIFORM BLOCK (constant
 * intensity over the storm duration), the stress-test convention; a peaked STOWA shape can be given
 * as a custom hyetograph.
 */

/** A piecewise time series. Times strictly increasing, s; values in the unit of the series. */
export interface TimeSeries {
  timesS: number[];
  values: number[];
  /**
   * `step`: value i holds on [t_i, t_{i+1}) and the last value holds afterwards (hyetographs;
   * end with a 0 to stop the rain). `linear`: linear between points, constant outside (hydrographs).
   */
  interpolation: 'step' | 'linear';
}

/** A design storm: hyetograph in mm/h plus the lumped sink the convention prescribes. */
export interface DesignStorm {
  id: DesignStormId;
  /** Human description with the source. */
  description: string;
  /** Total rain, mm. */
  totalMm: number;
  /** Storm duration, s. */
  durationS: number;
  /** Rain intensity over time, mm/h. */
  rainMmPerH: TimeSeries;
  /** Lumped sewer/infiltration sink of the convention, mm/h (0 when none). */
  sinkMmPerH: number;
}

/** Names of the built-in design storms. */
export const DESIGN_STORM_IDS = ['T100_70mm_1h', 'T250_90mm_1h', 'T1000_160mm_2h', 'stresstest_70mm_2h', 'stresstest_140mm_2h'] as const;
export type DesignStormId = (typeof DESIGN_STORM_IDS)[number];

const S_PER_H = 3600;
/** Klimaateffectatlas stress-test convention: sewer and infiltration together take 20 mm/h. */
export const STRESS_TEST_SINK_MM_PER_H = 20;

function block(id: DesignStormId, totalMm: number, hours: number, sinkMmPerH: number, description: string): DesignStorm {
  const durationS = hours * S_PER_H;
  return {
    id, description, totalMm, durationS, sinkMmPerH,
    rainMmPerH: { timesS: [0, durationS], values: [totalMm / hours, 0], interpolation: 'step' },
  };
}

/** Returns a fresh copy of a named design storm (uniform block hyetograph). */
export function designStorm(id: DesignStormId): DesignStorm {
  switch (id) {
    case 'T100_70mm_1h': return block(id, 70, 1, 0, '70 mm in 1 h, return period ≈ 100 yr (STOWA 2019, current climate)');
    case 'T250_90mm_1h': return block(id, 90, 1, 0, '90 mm in 1 h, return period ≈ 250 yr (STOWA 2019, current climate)');
    case 'T1000_160mm_2h': return block(id, 160, 2, 0, '160 mm in 2 h, return period ≈ 1000 yr (STOWA 2019, current climate)');
    case 'stresstest_70mm_2h': return block(id, 70, 2, STRESS_TEST_SINK_MM_PER_H, 'Klimaateffectatlas stress test: 70 mm in 2 h, 20 mm/h lumped sink');
    case 'stresstest_140mm_2h': return block(id, 140, 2, STRESS_TEST_SINK_MM_PER_H, 'Klimaateffectatlas stress test: 140 mm in 2 h, 20 mm/h lumped sink');
    default: throw new Error(`unknown design storm "${String(id)}"; known: ${DESIGN_STORM_IDS.join(', ')}`);
  }
}

/**
 * Checks a series: same lengths, at least one point, finite values, strictly increasing times.
 * @throws Error naming `label` and the first problem.
 */
export function checkSeries(series: TimeSeries, label: string, allowNegative = false): void {
  const { timesS, values } = series;
  if (timesS.length === 0 || timesS.length !== values.length) {
    throw new Error(`${label}: needs at least one point and as many times as values (${timesS.length} times, ${values.length} values)`);
  }
  for (let k = 0; k < timesS.length; k++) {
    if (!Number.isFinite(timesS[k]) || !Number.isFinite(values[k])) throw new Error(`${label}: point ${k} is not a finite number`);
    if (k > 0 && timesS[k]! <= timesS[k - 1]!) throw new Error(`${label}: times must increase strictly (point ${k})`);
    if (!allowNegative && values[k]! < 0) throw new Error(`${label}: negative value ${values[k]} at t = ${timesS[k]} s`);
  }
}

/** Value of a series at time `tS` (right-continuous for `step`). */
export function seriesValue(series: TimeSeries, tS: number): number {
  const { timesS, values } = series;
  if (tS <= timesS[0]!) return tS < timesS[0]! && series.interpolation === 'step' ? 0 : values[0]!;
  const n = timesS.length;
  if (tS >= timesS[n - 1]!) return values[n - 1]!;
  let k = 0;
  while (timesS[k + 1]! <= tS) k++;
  if (series.interpolation === 'step') return values[k]!;
  const w = (tS - timesS[k]!) / (timesS[k + 1]! - timesS[k]!);
  return values[k]! + w * (values[k + 1]! - values[k]!);
}

/** Integral of a series over [t0S, t1S] in value·s, exact for both interpolations. */
export function seriesIntegral(series: TimeSeries, t0S: number, t1S: number): number {
  let total = 0;
  let a = t0S;
  while (a < t1S) {
    const b = Math.min(nextBreakpoint(series, a), t1S);
    total += series.interpolation === 'step'
      ? seriesValue(series, a) * (b - a)
      : 0.5 * (seriesValue(series, a) + seriesValue(series, b)) * (b - a);
    a = b;
  }
  return total;
}

/** First breakpoint strictly after `tS`, or Infinity. */
export function nextBreakpoint(series: TimeSeries, tS: number): number {
  for (const t of series.timesS) if (t > tS) return t;
  return Infinity;
}
