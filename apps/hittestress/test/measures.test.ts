import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { HittestressError } from '../src/errors.js';
import { DEFAULT_UNIT_COSTS, applyMeasures } from '../src/measures.js';
import { prepareShadowSurface, sunlitFraction } from '../src/shadow.js';
import { LandCover } from '../src/surface.js';
import { block, flatSurface, sun } from './helpers.js';

// 100 × 100 m grid, NW corner at (0, 100); a 20 × 20 m building in the middle (rows/cols 40–59).
function scene() {
  const s = flatSurface(100, 100);
  block(s, 40, 59, 40, 59, 10);
  return s;
}
const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});

describe('measures', () => {
  it('plants a tree as a crown disc of its class and prices it; the baseline stays untouched', () => {
    const base = scene();
    const r = applyMeasures(base, [{ kind: 'trees', geometry: { type: 'Point', coordinates: [20.5, 79.5] }, treeClass: 'large' }]);
    expect(r.outcomes[0]).toMatchObject({ kind: 'trees', quantity: 1, costEur: DEFAULT_UNIT_COSTS.treeEur.large });
    expect(r.surface.canopyTopM[20 * 100 + 20]).toBe(18);
    expect(r.surface.canopyTopM[20 * 100 + 25]).toBe(18); // within the 6 m crown radius
    expect(r.surface.canopyTopM[20 * 100 + 27]).toBe(0);
    expect(base.canopyTopM[20 * 100 + 20]).toBe(0);
  });

  it('plants trees along a line at the spacing and skips positions on buildings with a warning', () => {
    const r = applyMeasures(scene(), [{ kind: 'trees', geometry: { type: 'LineString', coordinates: [[0, 50], [100, 50]] }, spacingM: 10, unitCostEur: 1000 }]);
    // 10 positions at x = 5, 15, …, 95; the two at x = 45 and 55 fall on the building.
    expect(r.outcomes[0]?.quantity).toBe(8);
    expect(r.totalCostEur).toBe(8000);
    expect(r.warnings.filter((w) => /building or water/.test(w))).toHaveLength(2);
  });

  it('green roof only on roofs, de-paving only paved ground, water on the ground; area and cost follow', () => {
    const r = applyMeasures(scene(), [
      { kind: 'green-roof', geometry: rect(30, 30, 70, 70) },
      { kind: 'depave', geometry: rect(0, 0, 10, 10) },
      { kind: 'water', geometry: rect(80, 0, 90, 5) },
    ]);
    expect(r.outcomes.map((o) => o.quantity)).toEqual([400, 100, 50]);
    expect(r.outcomes[0]?.costEur).toBe(400 * DEFAULT_UNIT_COSTS.greenRoofEurPerM2);
    expect(r.surface.landCover[50 * 100 + 50]).toBe(LandCover.GREEN);
    expect(r.surface.buildingHeightM[50 * 100 + 50]).toBe(10);
    expect(r.surface.landCover[35 * 100 + 35]).toBe(LandCover.PAVED); // ground around the roof untouched
    expect(r.surface.landCover[99 * 100 + 85]).toBe(LandCover.WATER);
  });

  it('a shade sail shades the ground under it with the fabric transmissivity', () => {
    const r = applyMeasures(scene(), [{ kind: 'shade-sail', geometry: rect(10, 10, 20, 20), transmissivity: 0.2 }]);
    const lit = sunlitFraction(prepareShadowSurface(r.surface), sun(180, 58));
    // Sail at 4 m, sun from the south at 58°: the shadow falls 2.5 m north of the sail's footprint.
    expect(lit[(100 - 16) * 100 + 15]).toBeCloseTo(0.2);
    expect(lit[(100 - 5) * 100 + 15]).toBe(1);
  });

  it('a measure outside the area is a clear error, also when only partly outside', () => {
    const out = () => applyMeasures(scene(), [{ kind: 'trees', geometry: { type: 'Point', coordinates: [150, 50] }, id: 'boom-A' }]);
    expect(out).toThrow(HittestressError);
    expect(out).toThrow(/Measure boom-A \(trees\) lies \(partly\) outside the study area/);
    expect(() => applyMeasures(scene(), [{ kind: 'depave', geometry: rect(90, 90, 110, 95) }])).toThrow(/outside the study area/);
  });
});
