/**
 * Non-residential sites: shopping centre (winkel), care home (zorg), primary school, fire station,
 * hospital and offices. Each faces a road on its `side`, is reached by a short access street, and
 * has its buildings, paving and trees.
 */
import type { Pt, Rect } from './geometry.js';
import { roundCm } from './geometry.js';
import { LandUse } from './landuse.js';
import type { BuildingDraft, Plan, Side } from './plan.js';
import { Frame } from './plan.js';
import type { Rng } from './prng.js';
import { PARK_SPECIES, makeTree } from './trees.js';

/** Kinds of site. */
export type SiteKind = 'winkel' | 'zorg' | 'school' | 'brandweer' | 'ziekenhuis' | 'kantoor';

/** What to build on one site. */
export interface SiteSpec {
  rect: Rect;
  /** Side facing the access road. */
  side: Side;
  /** Distance from that side to the road centreline, m. */
  distM: number;
  kind: SiteKind;
  name: string;
  accessName: string;
  bouwjaar: number;
}

/** Residents of the care home (verpleeghuis), persons. */
export const CARE_HOME_RESIDENTS = 96;
/** Access street carriageway width, m. */
const ACCESS_WIDTH_M = 6;
/** Storey height of non-residential buildings, m. */
const STOREY_M = 3.6;

/** Build a site. */
export function fillSite(plan: Plan, rng: Rng, spec: SiteSpec): void {
  const f = new Frame(spec.rect, spec.side);
  const la = f.la;
  const r = roundCm;
  const aAcc = r(la * 0.5);
  const access = (cEnd: number): Pt => {
    plan.ways.push({
      name: spec.accessName,
      roadClass: 'woonstraat',
      widthM: ACCESS_WIDTH_M,
      sidewalkM: 1.5,
      curbHeightM: 0.1,
      pts: [f.pt(aAcc, -spec.distM), f.pt(aAcc, cEnd)],
    });
    return f.pt(aAcc, cEnd);
  };
  const paved = (a0: number, c0: number, a1: number, c1: number): void => {
    plan.paint.push({ ring: f.ring(r(a0), r(c0), r(a1), r(c1)), code: LandUse.verhardOverig });
  };
  const building = (ring: Pt[], d: Partial<BuildingDraft> & Pick<BuildingDraft, 'use' | 'subtype' | 'floors'>): number => {
    plan.buildings.push({
      ring,
      name: spec.name,
      heightM: Math.round((d.floors * STOREY_M + 1) * 10) / 10,
      bouwjaar: spec.bouwjaar,
      dwellings: 0,
      residentsFixed: null,
      ...d,
    });
    return plan.buildings.length - 1;
  };
  const treeRow = (a0: number, a1: number, c: number, species: string, step: number): void => {
    for (let a = a0; a <= a1; a += step) plan.trees.push(makeTree(rng, f.pt(a, c), species, 'terrein'));
  };
  const box = (a0: number, c0: number, a1: number, c1: number): Pt[] => f.ring(r(a0), r(c0), r(a1), r(c1));

  switch (spec.kind) {
    case 'winkel': {
      paved(3, 3, la - 3, 40);
      access(34);
      plan.lowSpots.push(f.pt(la * 0.3, 20));
      const sw = Math.min(60, 0.45 * la);
      building(box(0.08 * la, 44, 0.08 * la + sw, 79), { use: 'winkel', subtype: 'winkelcentrum', floors: 1, heightM: 7.5 });
      const a0 = 0.58 * la;
      const a1 = Math.min(la - 5, a0 + 45);
      building(box(a0, 44, a1, 60), { use: 'winkel', subtype: 'winkelcentrum', floors: 2, heightM: 8 });
      if (f.lc >= 85) {
        building(box(a0, 66, a1, 78), { use: 'wonen', subtype: 'appartementen', name: null, floors: 4, heightM: 13, dwellings: 4 * Math.floor((a1 - a0) / 8) });
      }
      treeRow(8, la - 8, 41.5, 'Tilia', 12);
      break;
    }
    case 'zorg': {
      const a0 = 0.15 * la;
      const a1 = a0 + Math.min(65, 0.7 * la);
      paved(aAcc - 15, 3, aAcc + 15, 13);
      access(8);
      building(f.poly([[a0, 15], [a1, 15], [a1, 30], [a0 + 15, 30], [a0 + 15, Math.min(65, f.lc - 5)], [a0, Math.min(65, f.lc - 5)]].map(([a, c]) => [r(a as number), r(c as number)] as [number, number])), {
        use: 'zorg',
        subtype: 'verpleeghuis',
        floors: 4,
        heightM: 14,
        residentsFixed: CARE_HOME_RESIDENTS,
        dwellings: 0,
      });
      for (let i = 0; i < 10; i++) plan.trees.push(makeTree(rng, f.pt(rng.range(a0 + 22, la - 6), rng.range(38, f.lc - 6)), rng.pick(PARK_SPECIES), 'terrein'));
      break;
    }
    case 'school': {
      const a0 = 0.1 * la;
      const a1 = a0 + Math.min(55, 0.6 * la);
      access(6);
      paved(aAcc - 12, 3, aAcc + 12, 10);
      paved(a0 + 17, 29, a1, Math.min(60, f.lc - 5));
      building(f.poly([[a0, 12], [a1, 12], [a1, 26], [a0 + 14, 26], [a0 + 14, 56], [a0, 56]].map(([a, c]) => [r(a as number), r(c as number)] as [number, number])), {
        use: 'school',
        subtype: 'basisschool',
        floors: 2,
        heightM: 8.5,
      });
      if (a1 + 28 < la - 3) building(box(a1 + 6, 12, a1 + 28, 32), { use: 'school', subtype: 'basisschool', floors: 1, heightM: 7 });
      treeRow(a0 + 20, a1 - 3, 62, 'Acer', 9);
      break;
    }
    case 'brandweer': {
      paved(3, 0, la - 3, 17);
      const exit = access(12);
      const b = building(box(0.2 * la, 18, 0.2 * la + Math.min(40, 0.6 * la), 36), { use: 'kantoor', subtype: 'brandweerkazerne', floors: 2, heightM: 9 });
      plan.anchors.push({ key: 'brandweerkazerne', p: exit, name: spec.name, buildingIndex: b });
      break;
    }
    case 'ziekenhuis': {
      paved(3, 3, la - 3, 36);
      const exit = access(32);
      const a0 = 0.15 * la;
      const b = building(box(a0, 40, a0 + Math.min(110, 0.7 * la), 90), { use: 'zorg', subtype: 'ziekenhuis', floors: 6, heightM: 26 });
      building(box(a0, 91, a0 + 35, 130), { use: 'zorg', subtype: 'ziekenhuis', floors: 3, heightM: 12 });
      plan.anchors.push({ key: 'ziekenhuis', p: exit, name: spec.name, buildingIndex: b });
      if (f.lc >= 160) {
        // Service road round the back of the campus (ambulances, supplies).
        plan.ways.push({
          name: `${spec.accessName} (dienstweg)`,
          roadClass: 'woonstraat',
          widthM: ACCESS_WIDTH_M,
          sidewalkM: 1.5,
          curbHeightM: 0.1,
          pts: [exit, f.pt(la - 8, 32), f.pt(la - 8, 150), f.pt(10, 150)],
        });
      }
      if (f.lc >= 145) {
        const cx = 0.72 * la;
        const ring: [number, number][] = [];
        for (let i = 0; i < 20; i++) {
          const t = (2 * Math.PI * i) / 20;
          ring.push([r(cx + 22 * Math.cos(t)), r(125 + 14 * Math.sin(t))]);
        }
        plan.water.push({ ring: f.poly(ring), name: 'Ziekenhuisvijver', kind: 'vijver', depthM: 1.2 });
      }
      treeRow(8, la - 8, 37.5, 'Platanus', 11);
      plan.lowSpots.push(f.pt(la * 0.8, 18));
      break;
    }
    case 'kantoor': {
      paved(3, 3, la - 3, 22);
      access(18);
      let a = 6;
      while (a + 25 < la - 6) {
        const w = Math.min(rng.range(25, 40), la - 6 - a);
        const floors = rng.int(4, 6);
        building(box(a, 26, a + w, 26 + rng.range(16, 24)), { use: 'kantoor', subtype: 'kantoor', floors });
        a += w + rng.range(10, 16);
      }
      break;
    }
  }
}
