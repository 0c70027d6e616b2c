/**
 * Per-class parameter rasters: Manning n per land-use class, infiltration capacity per soil or
 * land-use class. A class raster (integer codes) plus a table gives a value raster on the same grid.
 */
import type { RasterGrid } from '@tweeling/core';

/** Manning n (s·m^-1/3) of DESIGN.md: roads/paved 0.02, grass/open 0.05. */
export const MANNING_N_PAVED = 0.02;
/** Manning n for grass and open land (DESIGN.md). */
export const MANNING_N_GRASS = 0.05;

/**
 * Maps every cell's class code to a value from `valueByClass`.
 * Nodata cells of the class raster take `noDataValue` when given, otherwise they are an error.
 * @param label names the raster in error messages.
 * @throws Error naming the first cell whose class has no value in the table.
 * @example classRaster(landUse, { 1: MANNING_N_PAVED, 2: MANNING_N_GRASS }, 'Manning n')
 */
export function classRaster(
  classes: RasterGrid, valueByClass: Readonly<Record<number, number>>, label: string, noDataValue?: number,
): RasterGrid<Float64Array> {
  const data = new Float64Array(classes.width * classes.height);
  for (let i = 0; i < data.length; i++) {
    const code = classes.data[i]!;
    const isNoData = !Number.isFinite(code) || (classes.noData !== null && code === classes.noData);
    if (isNoData && noDataValue !== undefined) {
      data[i] = noDataValue;
      continue;
    }
    const value = Object.hasOwn(valueByClass, code) ? valueByClass[code] : undefined;
    if (value === undefined || isNoData) {
      throw new Error(`${label}: class ${code} at row ${Math.floor(i / classes.width)}, col ${i % classes.width} has no value in the table`);
    }
    data[i] = value;
  }
  return { width: classes.width, height: classes.height, originX: classes.originX, originY: classes.originY, cellSize: classes.cellSize, crs: classes.crs, noData: null, data };
}
