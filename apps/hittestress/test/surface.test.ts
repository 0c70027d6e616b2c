import { describe, expect, it } from 'vitest';
import { HittestressError } from '../src/errors.js';
import { DEFAULT_TREE_CLASS, LandCover, TREE_CLASSES, addBuildings, addTrees } from '../src/surface.js';
import { flatSurface } from './helpers.js';

describe('surface model', () => {
  it('burns building footprints (with a courtyard hole) at their height', () => {
    const s = flatSurface(50, 50);
    addBuildings(s, [{
      type: 'Feature', properties: { heightM: 9, id: 'pand-1' },
      geometry: { type: 'Polygon', coordinates: [[[10, 10], [30, 10], [30, 30], [10, 30], [10, 10]], [[15, 15], [25, 15], [25, 25], [15, 25], [15, 15]]] },
    }]);
    let cells = 0;
    for (let i = 0; i < s.buildingHeightM.length; i++) if ((s.buildingHeightM[i] as number) === 9) cells++;
    expect(cells).toBe(400 - 100);
    expect(s.landCover[(50 - 12) * 50 + 12]).toBe(LandCover.BUILT);
    expect(s.buildingHeightM[(50 - 20) * 50 + 20]).toBe(0); // courtyard
  });

  it('refuses buildings without a height, naming them', () => {
    const s = flatSurface(20, 20);
    const sq = { type: 'Polygon' as const, coordinates: [[[1, 1], [5, 1], [5, 5], [1, 5], [1, 1]]] };
    expect(() => addBuildings(s, [{ type: 'Feature', properties: { id: 'pand-7' }, geometry: sq }])).toThrow(HittestressError);
    expect(() => addBuildings(s, [{ type: 'Feature', properties: { heightM: null, id: 'pand-8' }, geometry: sq }])).toThrow(/pand-8/);
  });

  it('gives trees without height the documented class default, with a warning', () => {
    const s = flatSurface(30, 30);
    const warnings: string[] = [];
    addTrees(s, [{ xM: 15, yM: 15, id: 'boom-1' }, { xM: 5, yM: 5, treeClass: 'small', id: 'boom-2' }, { xM: 25, yM: 25, heightM: 10 }], warnings);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/boom-1 has no height; used the default 12 m of class "medium"/);
    expect(s.canopyTopM[15 * 30 + 15]).toBe(TREE_CLASSES[DEFAULT_TREE_CLASS].heightM);
    expect(s.canopyTopM[25 * 30 + 5]).toBe(TREE_CLASSES.small.heightM);
    expect(() => addTrees(s, [{ xM: 45, yM: 5 }], [])).toThrow(/outside the study area/);
  });
});
