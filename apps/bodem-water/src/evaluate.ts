/**
 * Applies the rule table to cells: per land function the worst class over its rules (maximum
 * limitation, FAO 1976) and the factor of the first rule giving that class. Pure, typed arrays.
 */
import { FACTORS, GOOD, MODERATE, POOR, type CategoryFactor, type LandFunction, type NumericFactor, type Rule } from './rules.js';

/**
 * Factor values per cell (index `i = row * width + col` of the app's frame). Numeric factors: NaN =
 * unknown. Categorical factors: code into the matching name list, −1 = unknown. `valid` 0 marks cells
 * that are not assessed (water, outside the soil map).
 */
export interface CellFactors {
  n: number;
  valid: Uint8Array;
  numeric: Record<NumericFactor, Float32Array>;
  category: Record<CategoryFactor, Int16Array>;
  categoryNames: Record<CategoryFactor, string[]>;
}

/** Allocates factors for `n` cells: all unknown, all invalid. */
export function emptyFactors(n: number): CellFactors {
  const nan = () => new Float32Array(n).fill(NaN);
  const unknown = () => new Int16Array(n).fill(-1);
  return {
    n, valid: new Uint8Array(n),
    numeric: { ghgM: nan(), glgM: nan(), kwelMmPerDag: nan(), droogleggingM: nan(), floodDepthM: nan() },
    category: { soilClass: unknown(), zettingsgevoeligheid: unknown() },
    categoryNames: { soilClass: [], zettingsgevoeligheid: [] },
  };
}

/** Code of a category value, adding it to the name list when new. */
export function categoryCode(f: CellFactors, factor: CategoryFactor, value: string | null | undefined): number {
  if (value === null || value === undefined || value === '') return -1;
  const names = f.categoryNames[factor];
  let code = names.indexOf(value);
  if (code < 0) {
    code = names.length;
    names.push(value);
  }
  return code;
}

/** Suitability class (1–3, 0 = not assessed) and limiting factor code (index in FACTORS + 1, 0 = none) per cell. */
export interface Suitability {
  cls: Uint8Array;
  factor: Uint8Array;
}

/** Class of one numeric value under a minimum or maximum rule. */
function numericClass(rule: Extract<Rule, { kind: 'minimum' | 'maximum' }>, v: number): number {
  if (rule.kind === 'minimum') return v >= rule.goodFrom ? GOOD : v >= rule.moderateFrom ? MODERATE : POOR;
  return v <= rule.goodUpTo ? GOOD : v <= rule.moderateUpTo ? MODERATE : POOR;
}

/**
 * Classifies every valid cell for one land function.
 *
 * @param rules - the rule table (only the rules of `landFunction` are used, in table order)
 * @example const { cls, factor } = classify(factors, RULES, 'woningbouw');
 */
export function classify(f: CellFactors, rules: readonly Rule[], landFunction: LandFunction): Suitability {
  const mine = rules.filter((r) => r.landFunction === landFunction);
  const soilNames = f.categoryNames.soilClass;
  // Per rule: the soil codes it applies to (null = all), and for category rules the class per code.
  const prepared = mine.map((rule) => ({
    rule,
    factorCode: FACTORS.indexOf(rule.factor) + 1,
    soils: rule.soilClasses ? new Set(rule.soilClasses.map((s) => soilNames.indexOf(s)).filter((c) => c >= 0)) : null,
    perCode: rule.kind === 'category' ? f.categoryNames[rule.factor].map((name) => rule.classes[name] ?? GOOD) : null,
  }));
  const cls = new Uint8Array(f.n);
  const factor = new Uint8Array(f.n);
  const soil = f.category.soilClass;
  for (let i = 0; i < f.n; i++) {
    if (f.valid[i] === 0) continue;
    let worst = GOOD;
    let limiting = 0;
    for (const p of prepared) {
      if (p.soils && !p.soils.has(soil[i] as number)) continue;
      let c: number;
      if (p.rule.kind === 'category') {
        const code = f.category[p.rule.factor][i] as number;
        if (code < 0) continue;
        c = (p.perCode as number[])[code] as number;
      } else {
        const v = f.numeric[p.rule.factor][i] as number;
        if (Number.isNaN(v)) continue;
        c = numericClass(p.rule, v);
      }
      if (c > worst) {
        worst = c;
        limiting = p.factorCode;
      }
    }
    cls[i] = worst;
    factor[i] = limiting;
  }
  return { cls, factor };
}
