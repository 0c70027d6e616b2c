/**
 * From app inputs to a simulation set-up: the rain (design storm or custom hyetograph), the DEM
 * resampled to the computational cell size (block mean), and Manning n from land-use classes.
 * Pure functions on arrays; no I/O.
 */
import type { RasterGrid } from '@tweeling/core';
import { MANNING_N_GRASS, MANNING_N_PAVED } from './classes.js';
import { DESIGN_STORM_IDS, designStorm, type DesignStormId, type TimeSeries } from './storms.js';

/**
 * Manning n (s·m^-1/3) per land-use code of the Tweeling land-use table (`@tweeling/demo`
 * `LAND_USE_CLASSES`): paved 0.02 and grass/open 0.05 from DESIGN.md; water 0.03, garden 0.04,
 * woody planting 0.08 are textbook values (Chow 1959, open-channel hydraulics).
 */
export const MANNING_N_BY_LAND_USE: Readonly<Record<number, number>> = {
  1: MANNING_N_PAVED, // rijbaan
  2: MANNING_N_PAVED, // gebouw (walls in the model; value unused)
  3: MANNING_N_GRASS, // gras / park
  4: 0.03, // water
  5: 0.04, // tuin
  6: 0.08, // beplanting
  7: MANNING_N_PAVED, // overig verhard
};
/** Manning n for codes not in the table (0 = onbekend included): grass/open (DESIGN.md). */
export const MANNING_N_UNKNOWN_CLASS = MANNING_N_GRASS;

/** Rain of a run. */
export interface RunRain {
  /** Rain intensity, mm/h, step series ending with 0. */
  rainMmPerH: TimeSeries;
  /** End of the rain, s. */
  stormDurationS: number;
  /** Lumped sink of the storm's convention, mm/h. */
  defaultSinkMmPerH: number;
  /** Design storm id, or `custom`. */
  label: DesignStormId | 'custom';
}

/**
 * The rain of a run: the custom hyetograph when given (blocks; value i holds from timesS[i] to
 * timesS[i+1]; the last value must be 0), else the named design storm.
 * @throws Error for an unknown storm or a malformed hyetograph
 */
export function runRain(storm: string, hyetograph?: { timesS: number[]; mmPerH: number[] }): RunRain {
  if (hyetograph) {
    const { timesS, mmPerH } = hyetograph;
    if (timesS.length !== mmPerH.length) throw new Error(`hyetograph: ${timesS.length} times but ${mmPerH.length} intensities`);
    if (timesS[0] !== 0) throw new Error('hyetograph: the first time must be 0 (the start of the storm)');
    if (timesS.some((t, k) => k > 0 && !(t > timesS[k - 1]!))) throw new Error('hyetograph: times must increase strictly');
    if (mmPerH.at(-1) !== 0) throw new Error('hyetograph: the last intensity must be 0 (it marks the end of the storm)');
    if (mmPerH.some((v) => !(v >= 0))) throw new Error('hyetograph: intensities must be ≥ 0 mm/h');
    return { rainMmPerH: { timesS: [...timesS], values: [...mmPerH], interpolation: 'step' }, stormDurationS: timesS.at(-1)!, defaultSinkMmPerH: 0, label: 'custom' };
  }
  if (!(DESIGN_STORM_IDS as readonly string[]).includes(storm)) throw new Error(`unknown storm "${storm}"; known: ${DESIGN_STORM_IDS.join(', ')}`);
  const s = designStorm(storm as DesignStormId);
  return { rainMmPerH: s.rainMmPerH, stormDurationS: s.durationS, defaultSinkMmPerH: s.sinkMmPerH, label: s.id };
}

/** Whether a raster value is nodata (NaN, infinite or the nodata marker). */
function isNoData(grid: RasterGrid, v: number): boolean {
  return !Number.isFinite(v) || (grid.noData !== null && v === grid.noData);
}

/**
 * Integer block factor from the source to the target cell size; 1 when the target is not coarser.
 * @throws Error when the target is coarser but not a whole multiple of the source cell size
 */
export function blockFactor(sourceCellSizeM: number, targetCellSizeM: number): number {
  if (targetCellSizeM <= sourceCellSizeM) return 1;
  const k = Math.round(targetCellSizeM / sourceCellSizeM);
  if (Math.abs(k * sourceCellSizeM - targetCellSizeM) > 1e-9 * targetCellSizeM) {
    throw new Error(`cell size ${targetCellSizeM} m is not a whole multiple of the DEM's ${sourceCellSizeM} m cells`);
  }
  return k;
}

/**
 * Block mean of a raster over k × k blocks (edge blocks may be smaller: ceil(width / k) columns).
 * Nodata cells are left out of the mean; an all-nodata block is NaN (nodata). Output Float64, same
 * origin and CRS, cell size × k.
 */
export function blockMean(grid: RasterGrid, k: number): RasterGrid<Float64Array> {
  const w = Math.ceil(grid.width / k), h = Math.ceil(grid.height / k);
  const sum = new Float64Array(w * h), count = new Uint32Array(w * h);
  for (let r = 0; r < grid.height; r++) {
    const rr = Math.floor(r / k);
    for (let c = 0; c < grid.width; c++) {
      const v = grid.data[r * grid.width + c]!;
      if (isNoData(grid, v)) continue;
      const j = rr * w + Math.floor(c / k);
      sum[j]! += v;
      count[j]!++;
    }
  }
  const data = new Float64Array(w * h);
  for (let j = 0; j < data.length; j++) data[j] = count[j]! > 0 ? sum[j]! / count[j]! : NaN;
  return { width: w, height: h, originX: grid.originX, originY: grid.originY, cellSize: grid.cellSize * k, crs: grid.crs, noData: null, data };
}

/** Manning n raster from land-use codes, and how many cells had a code not in the table. */
export function manningFromLandUse(landUse: RasterGrid, table: Readonly<Record<number, number>> = MANNING_N_BY_LAND_USE): { manningN: RasterGrid<Float64Array>; unknownCells: number } {
  const data = new Float64Array(landUse.data.length);
  let unknownCells = 0;
  for (let i = 0; i < data.length; i++) {
    const code = landUse.data[i]!;
    const n = Object.hasOwn(table, code) ? table[code] : undefined;
    if (n === undefined) unknownCells++;
    data[i] = n ?? MANNING_N_UNKNOWN_CLASS;
  }
  return { manningN: { ...landUse, noData: null, data }, unknownCells };
}

/** Whether two rasters share size, origin, cell size and CRS. */
export function sameGrid(a: RasterGrid, b: RasterGrid): boolean {
  return a.width === b.width && a.height === b.height && a.originX === b.originX && a.originY === b.originY && a.cellSize === b.cellSize && a.crs === b.crs;
}
