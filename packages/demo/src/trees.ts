/** Tree species table and a constructor for tree drafts. */
import type { Pt } from './geometry.js';
import { roundCm } from './geometry.js';
import type { TreeDraft } from './plan.js';
import type { Rng } from './prng.js';
import type { TreeProps, TreeSizeClass } from './types.js';

/** Reference year of the synthetic data set (ages are computed against it). */
export const REFERENCE_YEAR = 2024;
/** Share of trees whose height is left unknown (null) to exercise app defaults. */
export const TREE_HEIGHT_MISSING_SHARE = 0.06;
/** Age, years, at which a tree reaches its mature size. */
const MATURITY_AGE_Y = 35;

/** Mature height and crown ranges per genus, m. */
export const TREE_SPECIES: Readonly<Record<string, { speciesClass: TreeSizeClass; heightM: [number, number]; crownM: [number, number] }>> = {
  Tilia: { speciesClass: 'groot', heightM: [14, 20], crownM: [7, 11] },
  Platanus: { speciesClass: 'groot', heightM: [15, 22], crownM: [8, 12] },
  Quercus: { speciesClass: 'groot', heightM: [13, 20], crownM: [8, 12] },
  Fraxinus: { speciesClass: 'groot', heightM: [12, 18], crownM: [7, 10] },
  Salix: { speciesClass: 'middel', heightM: [8, 14], crownM: [6, 10] },
  Alnus: { speciesClass: 'middel', heightM: [9, 14], crownM: [5, 8] },
  Acer: { speciesClass: 'middel', heightM: [8, 14], crownM: [5, 8] },
  Carpinus: { speciesClass: 'middel', heightM: [8, 12], crownM: [4, 7] },
  Betula: { speciesClass: 'middel', heightM: [9, 15], crownM: [4, 7] },
  Prunus: { speciesClass: 'klein', heightM: [5, 8], crownM: [3, 6] },
  Sorbus: { speciesClass: 'klein', heightM: [5, 9], crownM: [3, 5] },
  Malus: { speciesClass: 'klein', heightM: [3, 6], crownM: [3, 5] },
  Pyrus: { speciesClass: 'klein', heightM: [5, 9], crownM: [2.5, 4] },
};

/** Street-tree genera (one per street, as municipalities plant them). */
export const STREET_SPECIES = ['Tilia', 'Fraxinus', 'Acer', 'Carpinus', 'Prunus', 'Sorbus', 'Pyrus', 'Betula'] as const;
/** Park and green-strip genera. */
export const PARK_SPECIES = ['Quercus', 'Alnus', 'Betula', 'Salix', 'Fraxinus', 'Acer', 'Tilia', 'Carpinus'] as const;
/** Garden genera. */
export const GARDEN_SPECIES = ['Malus', 'Prunus', 'Betula', 'Sorbus', 'Acer'] as const;

/** A tree of `species` planted in `plantYear` range, sized by age. */
export function makeTree(
  rng: Rng,
  p: Pt,
  species: string,
  setting: TreeProps['setting'],
  plantYears: [number, number] = [1980, 2015],
): TreeDraft {
  const spec = TREE_SPECIES[species];
  if (!spec) throw new RangeError(`unknown tree species ${species}`);
  const plantYear = rng.int(plantYears[0], plantYears[1]);
  const maturity = Math.min(1, Math.max(0.3, (REFERENCE_YEAR - plantYear) / MATURITY_AGE_Y));
  const h = rng.range(spec.heightM[0], spec.heightM[1]) * maturity;
  const crown = rng.range(spec.crownM[0], spec.crownM[1]) * (0.4 + 0.6 * maturity);
  return {
    p: [roundCm(p[0]), roundCm(p[1])],
    species,
    speciesClass: spec.speciesClass,
    heightM: rng.chance(TREE_HEIGHT_MISSING_SHARE) ? null : Math.round(h * 10) / 10,
    crownDiameterM: Math.round(crown * 10) / 10,
    setting,
    public: setting !== 'tuin',
    plantYear,
  };
}
