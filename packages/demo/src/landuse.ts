/**
 * Land-use classes of the demo raster (`DemoArea.landUse`, Uint8 codes) with the Manning roughness
 * the flood model uses per class. Paved 0.02 and grass/open 0.05 s m^-1/3 follow DESIGN.md; the other
 * values are textbook choices (Chow 1959) stated here so they can be overridden.
 */

import type { RasterGrid } from '@tweeling/core';

/** Land-use codes. */
export const LandUse = {
  /** Not classified (never produced by the generator; reserved as no-data). */
  onbekend: 0,
  /** Road carriageway (asphalt). */
  rijbaan: 1,
  /** Building footprint. */
  gebouw: 2,
  /** Public grass, park lawn, verge, sports field. */
  gras: 3,
  /** Open water (canals, ponds). */
  water: 4,
  /** Private garden (front and back yards; mix of tiles and lawn). */
  tuin: 5,
  /** Woody planting (bosplantsoen, shrubs, tree groups). */
  beplanting: 6,
  /** Other paving: sidewalks, cycle and foot paths, squares, parking, schoolyards. */
  verhardOverig: 7,
} as const;
/** A land-use code. */
export type LandUseCode = (typeof LandUse)[keyof typeof LandUse];

/** Description of one land-use class. */
export interface LandUseClass {
  code: LandUseCode;
  key: keyof typeof LandUse;
  labelNl: string;
  labelEn: string;
  /** Manning roughness, s m^-1/3. */
  manningN: number;
  /** Sealed surface (no infiltration). */
  paved: boolean;
  /** Suggested map colour, `#rrggbb`. */
  colour: string;
}

/** The code table, in code order. */
export const LAND_USE_CLASSES: readonly LandUseClass[] = [
  { code: 0, key: 'onbekend', labelNl: 'Onbekend', labelEn: 'Unknown', manningN: 0.05, paved: false, colour: '#000000' },
  { code: 1, key: 'rijbaan', labelNl: 'Rijbaan', labelEn: 'Road carriageway', manningN: 0.02, paved: true, colour: '#7f7f7f' },
  { code: 2, key: 'gebouw', labelNl: 'Gebouw', labelEn: 'Building', manningN: 0.02, paved: true, colour: '#b3532f' },
  { code: 3, key: 'gras', labelNl: 'Gras / park', labelEn: 'Grass / park', manningN: 0.05, paved: false, colour: '#9fd46a' },
  { code: 4, key: 'water', labelNl: 'Water', labelEn: 'Water', manningN: 0.03, paved: false, colour: '#4a90d9' },
  { code: 5, key: 'tuin', labelNl: 'Tuin', labelEn: 'Garden', manningN: 0.04, paved: false, colour: '#cfe6a8' },
  { code: 6, key: 'beplanting', labelNl: 'Beplanting / bomen', labelEn: 'Trees / shrubs', manningN: 0.08, paved: false, colour: '#3e7d32' },
  { code: 7, key: 'verhardOverig', labelNl: 'Overig verhard (stoep, fietspad, plein)', labelEn: 'Other paving (sidewalk, cycle path, square)', manningN: 0.02, paved: true, colour: '#c8c0b4' },
];

/** Manning n per land-use code, indexable by code (256 entries; unknown codes get grass/open 0.05). */
export const MANNING_BY_CODE: Float32Array = (() => {
  const t = new Float32Array(256).fill(0.05);
  for (const c of LAND_USE_CLASSES) t[c.code] = c.manningN;
  return t;
})();

/** Manning n raster (Float32, s m^-1/3) on the grid of a land-use raster. */
export function manningGrid(landUse: RasterGrid<Uint8Array>): RasterGrid<Float32Array> {
  const { width, height, originX, originY, cellSize, crs } = landUse;
  return { width, height, originX, originY, cellSize, crs, noData: null, data: manningFromLandUse(landUse.data) };
}

/** Manning n raster values for a land-use raster (same length, Float32). */
export function manningFromLandUse(landUse: Uint8Array): Float32Array {
  const out = new Float32Array(landUse.length);
  for (let i = 0; i < landUse.length; i++) out[i] = MANNING_BY_CODE[landUse[i] as number] as number;
  return out;
}
