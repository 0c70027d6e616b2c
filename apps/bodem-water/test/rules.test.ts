import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIMATE_SCENARIOS } from '../src/climate.js';
import { assessSuitability } from '../src/model.js';
import { parseRuleTable, RuleTableError } from '../src/rule-check.js';
import { FACTORS, FACTOR_LABELS, LAND_FUNCTIONS, MODERATE, POOR, GOOD, RULES } from '../src/rules.js';
import { twoParcelSite, type SoilProps } from './helpers.js';

const PEAT_WET: SoilProps = { soilClass: 'veen', ghgM: 0.2, glgM: 0.8, kwelMmPerDag: 0.5, zettingsgevoeligheid: 'hoog' };
const SAND_DRY: SoilProps = { soilClass: 'zand', ghgM: 1.2, glgM: 2.5, kwelMmPerDag: -0.5, zettingsgevoeligheid: 'laag' };
const factorName = (code: number) => FACTOR_LABELS[FACTORS[code - 1] as (typeof FACTORS)[number]];
const now = (site: ReturnType<typeof twoParcelSite>) => assessSuitability(site, site.soil.map((s) => s.shape), RULES, CLIMATE_SCENARIOS.huidig);

describe('rule table', () => {
  it('a peat parcel with a high groundwater level is poor for woningbouw, limited by the drainage depth', () => {
    const r = now(twoParcelSite(PEAT_WET, SAND_DRY));
    const peat = r.parcels[0]?.now.woningbouw;
    expect(peat?.cls).toBe(POOR);
    expect(factorName(peat?.factor ?? 0)).toBe('ontwateringsdiepte (GHG)');
    expect(peat?.shares).toEqual([0, 0, 1]);
    // The deep sand parcel is good for housing but poor for arable farming because of drought (GLG, sand only).
    expect(r.parcels[1]?.now.woningbouw.cls).toBe(GOOD);
    expect(r.parcels[1]?.now.woningbouw.factor).toBe(0);
    expect(r.parcels[1]?.now.akkerbouw.cls).toBe(POOR);
    expect(factorName(r.parcels[1]?.now.akkerbouw.factor ?? 0)).toBe('droogte (GLG)');
    // Wet peat with seepage suits wet nature.
    expect(r.parcels[0]?.now.natuur.cls).toBe(GOOD);
  });

  it('names the next factor when the groundwater is fine but the peat is subsidence-prone', () => {
    const r = now(twoParcelSite({ ...PEAT_WET, ghgM: 0.9, glgM: 1.5 }, SAND_DRY));
    expect(r.parcels[0]?.now.woningbouw.cls).toBe(POOR);
    expect(factorName(r.parcels[0]?.now.woningbouw.factor ?? 0)).toBe('zettingsgevoeligheid');
  });

  it('applies soil-specific rules only on their soil: deep GLG on clay is no drought limit', () => {
    const r = now(twoParcelSite({ ...SAND_DRY, soilClass: 'klei' }, SAND_DRY));
    expect(r.parcels[0]?.now.akkerbouw.cls).toBe(GOOD);
    expect(r.parcels[1]?.now.akkerbouw.cls).toBe(POOR);
  });

  it('skips rules on unknown factors (no flood raster, no surface height)', () => {
    const r = now(twoParcelSite(SAND_DRY, SAND_DRY));
    for (const fn of LAND_FUNCTIONS) {
      expect(r.now[fn].factor.includes(FACTORS.indexOf('floodDepthM') + 1)).toBe(false);
      expect(r.now[fn].factor.includes(FACTORS.indexOf('droogleggingM') + 1)).toBe(false);
    }
  });

  it('is complete and consistent: sources, ordered thresholds, every function covered', () => {
    expect(parseRuleTable(RULES.map((r) => ({ ...r })))).toHaveLength(RULES.length);
    for (const fn of LAND_FUNCTIONS) expect(RULES.filter((r) => r.landFunction === fn).length, fn).toBeGreaterThanOrEqual(2);
    for (const r of RULES) expect(r.source.length, r.id).toBeGreaterThan(10);
    expect(new Set(RULES.map((r) => r.factor))).toEqual(new Set(FACTORS));
  });

  it('is explained rule by rule in MODEL_CARD.md', () => {
    const card = readFileSync(new URL('../MODEL_CARD.md', import.meta.url), 'utf8');
    for (const r of RULES) expect(card, r.id).toContain(`\`${r.id}\``);
  });

  it('rejects a broken table, naming each problem', () => {
    const bad = [
      { ...RULES[0], goodFrom: 0.3, moderateFrom: 0.5 },
      { ...RULES[1], id: RULES[0]?.id, source: '' },
      { id: 'x', landFunction: 'kassen', factor: 'ghgM', kind: 'minimum', goodFrom: 1, moderateFrom: 0.5, source: 'test', assumption: true },
      { id: 'y', landFunction: 'bos', factor: 'soilClass', kind: 'category', classes: { veen: 4 }, source: 'test', assumption: true },
    ];
    try {
      parseRuleTable(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RuleTableError);
      const msg = (e as Error).message;
      expect(msg).toMatch(/rule 1 \(woningbouw-ontwatering\): thresholds out of order/);
      expect(msg).toMatch(/rule 2 \(woningbouw-ontwatering\): source/);
      expect(msg).toMatch(/duplicate id/);
      expect(msg).toMatch(/rule 3 \(x\): landFunction/);
      expect(msg).toMatch(/rule 4 \(y\): classes/);
    }
    expect(() => parseRuleTable([])).toThrow(RuleTableError);
  });

  it('an edited threshold changes the result', () => {
    const site = twoParcelSite({ ...SAND_DRY, ghgM: 0.6 }, SAND_DRY);
    const shapes = site.soil.map((s) => s.shape);
    expect(assessSuitability(site, shapes, RULES, CLIMATE_SCENARIOS.huidig).parcels[0]?.now.woningbouw.cls).toBe(MODERATE);
    const lenient = RULES.map((r) => (r.id === 'woningbouw-ontwatering' ? { ...r, goodFrom: 0.5, moderateFrom: 0.3 } : r));
    expect(assessSuitability(site, shapes, lenient, CLIMATE_SCENARIOS.huidig).parcels[0]?.now.woningbouw.cls).toBe(GOOD);
  });
});
