/**
 * Suitability per parcel from the cell results: the class covering the largest share of the parcel's
 * assessed cells (ties go to the worse class, to stay on the safe side) and the most frequent limiting
 * factor among the cells of that class.
 */
import type { Suitability } from './evaluate.js';
import { FACTORS, GOOD, POOR } from './rules.js';

/** One land function on one parcel. */
export interface ParcelSuitability {
  /** Modal class 1–3; 0 when no cell of the parcel was assessed. */
  cls: number;
  /** Limiting factor code (index in FACTORS + 1), 0 = none. */
  factor: number;
  /** Share of assessed cells that are good, moderate, poor. */
  shares: [number, number, number];
  /** Assessed cells. */
  cells: number;
}

/**
 * Aggregates a cell classification per zone (parcel).
 *
 * @param zoneRaster - `zone index + 1` per cell, 0 = no parcel
 * @param zoneCount - number of parcels
 * @param extraCells - per parcel, cells to use when the parcel holds no cell centre (e.g. the cell at its centroid), −1 for none
 */
export function aggregateParcels(zoneRaster: Int32Array, zoneCount: number, suit: Suitability, extraCells: readonly number[] = []): ParcelSuitability[] {
  const nf = FACTORS.length + 1;
  const counts = new Float64Array(zoneCount * 4);
  const factorCounts = new Float64Array(zoneCount * 4 * nf);
  const add = (z: number, i: number) => {
    const c = suit.cls[i] as number;
    if (c === 0) return;
    counts[z * 4 + c] = (counts[z * 4 + c] as number) + 1;
    const k = (z * 4 + c) * nf + (suit.factor[i] as number);
    factorCounts[k] = (factorCounts[k] as number) + 1;
  };
  const hasCells = new Uint8Array(zoneCount);
  for (let i = 0; i < zoneRaster.length; i++) {
    const z = (zoneRaster[i] as number) - 1;
    if (z < 0) continue;
    hasCells[z] = 1;
    add(z, i);
  }
  extraCells.forEach((i, z) => {
    if (z < zoneCount && hasCells[z] === 0 && i >= 0) add(z, i);
  });
  return Array.from({ length: zoneCount }, (_, z): ParcelSuitability => {
    const c = [0, 1, 2, 3].map((k) => counts[z * 4 + k] as number);
    const total = (c[1] as number) + (c[2] as number) + (c[3] as number);
    if (total === 0) return { cls: 0, factor: 0, shares: [0, 0, 0], cells: 0 };
    let cls = POOR;
    for (let k = POOR - 1; k >= GOOD; k--) if ((c[k] as number) > (c[cls] as number)) cls = k;
    let factor = 0;
    let most = -1;
    for (let f = 0; f < nf; f++) {
      const v = factorCounts[(z * 4 + cls) * nf + f] as number;
      if (v > most) {
        most = v;
        factor = f;
      }
    }
    return { cls, factor, shares: [(c[1] as number) / total, (c[2] as number) / total, (c[3] as number) / total], cells: total };
  });
}
