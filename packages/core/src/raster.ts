import { z } from 'zod';

/**
 * A georeferenced regular raster in memory.
 *
 * Layout: row-major, `i = row * width + col`, row 0 is the northern (top) row, so the centre of
 * cell (row, col) lies at `x = originX + (col + 0.5) * cellSize`, `y = originY - (row + 0.5) * cellSize`.
 * Cells are square; `cellSize` is in CRS units (metres for EPSG:28992).
 */
export interface RasterGrid<T extends RasterArray = RasterArray> {
  /** Number of columns. */
  width: number;
  /** Number of rows. */
  height: number;
  /** X of the top-left (north-west) corner of the grid, CRS units. */
  originX: number;
  /** Y of the top-left (north-west) corner of the grid, CRS units. */
  originY: number;
  /** Cell size, CRS units. */
  cellSize: number;
  /** CRS as `EPSG:<code>`, e.g. `EPSG:28992`. */
  crs: string;
  /** Value marking cells without data, or null when every cell has data. */
  noData: number | null;
  /** Cell values, `width * height` long. */
  data: T;
}

/** Typed arrays a raster may hold. */
export type RasterArray = Float32Array | Float64Array | Int16Array | Int32Array | Uint8Array | Uint16Array;

/** Metadata of a raster (everything but the cells), as served by APIs. */
export const RasterInfo = z
  .object({
    width: z.number().int().positive().describe('Number of columns'),
    height: z.number().int().positive().describe('Number of rows'),
    originX: z.number().describe('X of the top-left corner, CRS units'),
    originY: z.number().describe('Y of the top-left corner, CRS units'),
    cellSize: z.number().positive().describe('Cell size, CRS units'),
    crs: z.string().regex(/^EPSG:\d+$/).describe('CRS, e.g. EPSG:28992'),
    noData: z.number().nullable().describe('No-data value'),
    dataType: z.enum(['float32', 'float64', 'int16', 'int32', 'uint8', 'uint16']).describe('Cell type'),
  })
  .describe('Raster metadata');
export type RasterInfo = z.infer<typeof RasterInfo>;

/** Bounding box `[minX, minY, maxX, maxY]` of a raster in its CRS. */
export function rasterBounds(grid: Pick<RasterGrid, 'width' | 'height' | 'originX' | 'originY' | 'cellSize'>): [number, number, number, number] {
  return [
    grid.originX,
    grid.originY - grid.height * grid.cellSize,
    grid.originX + grid.width * grid.cellSize,
    grid.originY,
  ];
}
