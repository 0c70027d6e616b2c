/** Validation of a rule table given as input (`ruleTable`), so an edited table fails clearly, not silently. */
import { CATEGORY_FACTORS, GOOD, LAND_FUNCTIONS, NUMERIC_FACTORS, POOR, type Rule } from './rules.js';

/** Thrown for an invalid rule table; `problems` lists each, with the rule's position and id. */
export class RuleTableError extends Error {
  override name = 'RuleTableError';
  constructor(readonly problems: string[]) {
    super(`Invalid rule table (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${problems.join('; ')}`);
  }
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const includes = (list: readonly string[], v: unknown): boolean => typeof v === 'string' && list.includes(v);

/** Problems of one rule (empty when valid). */
function ruleProblems(r: Record<string, unknown>): string[] {
  const p: string[] = [];
  if (typeof r.id !== 'string' || r.id === '') p.push('id must be a non-empty string');
  if (!includes(LAND_FUNCTIONS, r.landFunction)) p.push(`landFunction must be one of ${LAND_FUNCTIONS.join(', ')}`);
  if (typeof r.source !== 'string' || r.source === '') p.push('source must name where the threshold comes from');
  if (typeof r.assumption !== 'boolean') p.push('assumption must be true or false');
  if (r.soilClasses !== undefined && !(Array.isArray(r.soilClasses) && r.soilClasses.every((s) => typeof s === 'string'))) p.push('soilClasses must be a list of strings');
  if (r.kind === 'minimum' || r.kind === 'maximum') {
    if (!includes(NUMERIC_FACTORS, r.factor)) p.push(`factor of a ${r.kind} rule must be one of ${NUMERIC_FACTORS.join(', ')}`);
    const [good, moderate] = r.kind === 'minimum' ? [r.goodFrom, r.moderateFrom] : [r.goodUpTo, r.moderateUpTo];
    if (!isNum(good) || !isNum(moderate)) p.push(`${r.kind} rule needs numeric ${r.kind === 'minimum' ? 'goodFrom and moderateFrom' : 'goodUpTo and moderateUpTo'}`);
    else if (r.kind === 'minimum' ? good < moderate : good > moderate) p.push(`thresholds out of order (good ${good}, moderate ${moderate})`);
  } else if (r.kind === 'category') {
    if (!includes(CATEGORY_FACTORS, r.factor)) p.push(`factor of a category rule must be one of ${CATEGORY_FACTORS.join(', ')}`);
    const classes = r.classes;
    if (typeof classes !== 'object' || classes === null || !Object.values(classes).every((c) => Number.isInteger(c) && (c as number) >= GOOD && (c as number) <= POOR)) {
      p.push('classes must map category values to 1 (goed), 2 (matig) or 3 (slecht)');
    }
  } else {
    p.push('kind must be minimum, maximum or category');
  }
  return p;
}

/**
 * Checks a rule table given as JSON and returns it typed.
 *
 * @throws {RuleTableError} listing every problem as `rule <n> (<id>): <problem>`
 * @example const rules = parseRuleTable(inputs.ruleTable ?? RULES);
 */
export function parseRuleTable(json: unknown): Rule[] {
  if (!Array.isArray(json) || json.length === 0) throw new RuleTableError(['the table must be a non-empty list of rules']);
  const problems: string[] = [];
  const ids = new Set<string>();
  json.forEach((raw, n) => {
    const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const where = `rule ${n + 1} (${typeof r.id === 'string' ? r.id : '?'})`;
    for (const p of ruleProblems(r)) problems.push(`${where}: ${p}`);
    if (typeof r.id === 'string') {
      if (ids.has(r.id)) problems.push(`${where}: duplicate id`);
      ids.add(r.id);
    }
  });
  if (problems.length > 0) throw new RuleTableError(problems);
  return json as Rule[];
}
