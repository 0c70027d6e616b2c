import { describe, expect, it } from 'vitest';
import { HittestressError } from '../src/errors.js';
import { compareScenarios, heatKpis, outdoorMask, zonalStats } from '../src/kpi.js';
import { applyMeasures } from '../src/measures.js';
import { runHeatModel } from '../src/model.js';
import { syntheticTown } from '../src/synthetic.js';

const OPTS = { svf: { directions: 16, maxRadiusM: 50 } };

describe('KPIs: baseline vs "plant trees along the streets"', () => {
  const town = syntheticTown({ sizeM: 200, buildings: 50, seed: 7 });
  const base = runHeatModel(town.surface, OPTS);
  const measures = town.streets.map((line, k) => ({ kind: 'trees' as const, id: `street-${k}`, geometry: { type: 'LineString' as const, coordinates: line }, spacingM: 12 }));
  const scen = applyMeasures(town.surface, measures);
  const planted = scen.outcomes.reduce((a, o) => a + o.quantity, 0);
  const result = runHeatModel(scen.surface, OPTS);
  const area = outdoorMask(town.surface);
  const rows = compareScenarios({ result: base, surface: town.surface }, [{ name: 'street trees', result, surface: scen.surface, costEur: scen.totalCostEur }], area, town.walkingRoutes);

  it('planting trees lowers the mean PET, raises route shade and has a finite cost-effectiveness', () => {
    expect(planted).toBeGreaterThan(10);
    const [b, s] = rows as [(typeof rows)[0], (typeof rows)[0]];
    expect(b.name).toBe('baseline');
    expect(s.deltaMeanPetC).toBeLessThan(-0.2);
    expect(s.meanPetC).toBeLessThan(b.meanPetC);
    expect(s.deltaRouteShadeShare).toBeGreaterThan(0.05);
    expect(s.costEur).toBe(planted * 2500);
    expect(s.coolingDegCHa).toBeGreaterThan(0);
    expect(s.eurPerDegCPerHa).toBeCloseTo(s.costEur / (-s.deltaMeanPetC * s.areaHa), 0);
    expect(s.classShares.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 10);
    expect(typeof s.routeShadeTargetMet).toBe('boolean');
  });

  it('is deterministic: the same inputs give bit-identical PET', () => {
    const again = runHeatModel(town.surface, OPTS);
    expect(Buffer.from(again.petC.buffer).equals(Buffer.from(base.petC.buffer))).toBe(true);
  });

  it('rejects an empty counted area', () => {
    expect(() => heatKpis(base, town.surface, new Uint8Array(area.length))).toThrow(HittestressError);
  });
});

describe('zonal statistics', () => {
  it('gives mean and max per zone id, ignoring zone 0 and masked cells', () => {
    const v = Float32Array.from([1, 2, 3, 4, 5, 6]);
    const z = Int32Array.from([1, 1, 2, 2, 0, 2]);
    expect(zonalStats(v, z)).toEqual([{ zoneId: 1, cells: 2, mean: 1.5, max: 2 }, { zoneId: 2, cells: 3, mean: 13 / 3, max: 6 }]);
    expect(zonalStats(v, z, Uint8Array.from([1, 1, 1, 0, 1, 0]))).toEqual([{ zoneId: 1, cells: 2, mean: 1.5, max: 2 }, { zoneId: 2, cells: 1, mean: 3, max: 3 }]);
  });
});
