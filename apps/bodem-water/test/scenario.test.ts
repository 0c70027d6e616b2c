import { describe, expect, it } from 'vitest';
import { CLIMATE_SCENARIOS, SCENARIO_IDS, shiftFor } from '../src/climate.js';
import { assessSuitability } from '../src/model.js';
import { GOOD, MODERATE, POOR, RULES } from '../src/rules.js';
import { twoParcelSite, type SoilProps } from './helpers.js';

const CLAY_JUST_DRY_ENOUGH: SoilProps = { soilClass: 'klei', ghgM: 0.75, glgM: 1.5, kwelMmPerDag: 0, zettingsgevoeligheid: 'laag' };
const SAND_DEEP: SoilProps = { soilClass: 'zand', ghgM: 1.5, glgM: 1.9, kwelMmPerDag: -0.5, zettingsgevoeligheid: 'laag' };

describe('2050 scenario', () => {
  const site = twoParcelSite(CLAY_JUST_DRY_ENOUGH, SAND_DEEP);
  const shapes = site.soil.map((s) => s.shape);

  it('changes nothing under the current climate', () => {
    const r = assessSuitability(site, shapes, RULES, CLIMATE_SCENARIOS.huidig);
    expect(r.changeCount.every((c) => c === 0)).toBe(true);
  });

  it('changes woningbouw where the groundwater rises above the norm, and only there', () => {
    const r = assessSuitability(site, shapes, RULES, CLIMATE_SCENARIOS.Hn);
    const [clay, sand] = r.parcels;
    expect(clay?.now.woningbouw.cls).toBe(GOOD);
    expect(clay?.scenario.woningbouw.cls).toBe(MODERATE); // GHG 0.75 − 0.07 rise − 0.025 subsidence = 0.655 m < 0.70 m
    expect(clay?.changedShare.woningbouw).toBe(1);
    expect(sand?.scenario.woningbouw.cls).toBe(GOOD);
    expect(sand?.changedShare.woningbouw).toBe(0);
    // Per cell: the west half (clay) changes, the east half (sand) does not change for woningbouw.
    const { width, height } = r.frame;
    for (let row = 0; row < height; row++) {
      expect(r.now.woningbouw.cls[row * width + 2]).not.toBe(r.scenario.woningbouw.cls[row * width + 2]);
      expect(r.now.woningbouw.cls[row * width + width - 3]).toBe(r.scenario.woningbouw.cls[row * width + width - 3]);
    }
    expect(r.areas.woningbouw.worseM2).toBeCloseTo(10_000, 6);
    expect(r.areas.woningbouw.betterM2).toBe(0);
  });

  it('a dry scenario deepens the summer groundwater: grassland on sand gets drought-limited', () => {
    const sandy = twoParcelSite({ ...SAND_DEEP, glgM: 1.55 }, SAND_DEEP);
    const r = assessSuitability(sandy, sandy.soil.map((s) => s.shape), RULES, CLIMATE_SCENARIOS.Hd);
    expect(r.parcels[0]?.now.grasland.cls).toBe(GOOD);
    expect(r.parcels[0]?.scenario.grasland.cls).toBe(MODERATE); // 1.55 + 16 × 0.009 − 0.025 = 1.669 m > 1.60 m
    expect(r.parcels[0]?.scenario.grasland.factor).toBe(2); // glgM
  });

  it('scales flood depth with the extreme-rain factor', () => {
    const wet = { ...twoParcelSite(SAND_DEEP, SAND_DEEP), floodDepthM: new Float32Array(40 * 20).fill(0.14) };
    const r = assessSuitability(wet, wet.soil.map((s) => s.shape), RULES, CLIMATE_SCENARIOS.Hn);
    expect(r.parcels[0]?.now.woningbouw.cls).toBe(MODERATE);
    expect(r.parcels[0]?.scenario.woningbouw.cls).toBe(POOR); // 0.14 × 1.11 = 0.155 m > 0.15 m
  });

  it('shifts are zero now and grow with emissions in the wet variants', () => {
    expect(shiftFor(CLIMATE_SCENARIOS.huidig, 'hoog')).toEqual({ ghgRiseM: 0, glgDropM: 0, subsidenceM: 0 });
    const rise = (id: 'Ln' | 'Mn' | 'Hn') => shiftFor(CLIMATE_SCENARIOS[id], 'laag').ghgRiseM;
    expect(rise('Ln')).toBeLessThan(rise('Mn'));
    expect(rise('Mn')).toBeLessThan(rise('Hn'));
    expect(shiftFor(CLIMATE_SCENARIOS.Hn, 'hoog').subsidenceM).toBeCloseTo(0.25, 9);
    expect(SCENARIO_IDS).toHaveLength(7);
  });
});
