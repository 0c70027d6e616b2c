/** Building attributes that need the whole area: ids, residents, 75+, thresholds, buurt. */
import type { Pt, Rect } from './geometry.js';
import { ringArea, ringCentroid } from './geometry.js';
import type { BuurtDraft } from './layout.js';
import type { BuildingDraft } from './plan.js';
import type { Rng } from './prng.js';
import type { BuildingProps } from './types.js';

/** Entrance threshold assumed by the apps when `thresholdM` is null, m (DESIGN.md). */
export const DEFAULT_THRESHOLD_M = 0.15;
/** Share of care-home residents aged 75+. */
const CARE_HOME_75_SHARE = 0.85;
/** Household size distribution (persons → probability), about the Almere mean of 2.4. */
const HOUSEHOLD_SIZES: Readonly<Record<'1' | '2' | '3' | '4' | '5', number>> = { '1': 0.3, '2': 0.3, '3': 0.15, '4': 0.17, '5': 0.08 };

/** Whether local point p lies in the half-open rectangle. */
function inRect(p: Pt, r: Rect): boolean {
  return p[0] >= r.x0 && p[0] < r.x1 && p[1] >= r.y0 && p[1] < r.y1;
}

/** Draw an entrance threshold (m) for a building, or null (unknown). */
function drawThreshold(rng: Rng, b: BuildingDraft): number | null {
  const cm = (v: number): number => Math.round(v * 100) / 100;
  switch (b.subtype) {
    case 'verpleeghuis':
      return 0.05;
    case 'winkelcentrum':
      return rng.chance(0.5) ? 0.02 : null;
    case 'ziekenhuis':
      return 0.3;
    case 'brandweerkazerne':
      return 0.1;
    case 'basisschool':
      return DEFAULT_THRESHOLD_M;
    case 'kantoor':
      return rng.chance(0.7) ? 0.2 : null;
    case 'appartementen':
      return rng.weighted({ std: 0.6, high: 0.2, none: 0.2 }) === 'std' ? DEFAULT_THRESHOLD_M : rng.chance(0.5) ? 0.3 : null;
    default: {
      const k = rng.weighted({ std: 0.62, low: 0.1, vlow: 0.08, high: 0.08, none: 0.12 });
      return k === 'std' ? DEFAULT_THRESHOLD_M : k === 'low' ? 0.1 : k === 'vlow' ? 0.05 : k === 'high' ? cm(rng.range(0.2, 0.3)) : null;
    }
  }
}

/** Complete building attributes (without `groundLevelM`, filled from the DEM by the caller). */
export function buildingAttributes(rng: Rng, drafts: readonly BuildingDraft[], buurten: readonly BuurtDraft[]): Omit<BuildingProps, 'groundLevelM'>[] {
  return drafts.map((b, i) => {
    const c = ringCentroid(b.ring);
    const buurt = buurten.find((u) => inRect(c, u.rect)) ?? (buurten[buurten.length - 1] as BuurtDraft);
    let residents = 0;
    let residents75plus = 0;
    if (b.residentsFixed !== null) {
      residents = b.residentsFixed;
      residents75plus = Math.round(residents * CARE_HOME_75_SHARE);
    } else {
      const elderly = buurt.elderlyShare * (b.subtype === 'appartementen' ? 1.6 : 1);
      for (let d = 0; d < b.dwellings; d++) {
        if (rng.chance(elderly)) {
          const n = rng.chance(0.55) ? 1 : 2;
          residents += n;
          residents75plus += n;
        } else {
          residents += Number(rng.weighted(HOUSEHOLD_SIZES));
        }
      }
    }
    const n = String(i + 1);
    return {
      id: `b${n.padStart(5, '0')}`,
      bagId: `NL.DEMO.Pand.0034100000${n.padStart(6, '0')}`,
      use: b.use,
      subtype: b.subtype,
      name: b.name,
      heightM: b.heightM,
      floors: b.floors,
      thresholdM: drawThreshold(rng, b),
      dwellings: b.dwellings,
      residents,
      residents75plus,
      buurt: buurt.code,
      bouwjaar: b.bouwjaar,
      footprintM2: Math.round(ringArea(b.ring) * 10) / 10,
    };
  });
}
