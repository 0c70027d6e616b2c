/** Turns a checked `SimulationInput` into the kernel's DomainSpec and index lists. */
import type { RasterGrid } from '@tweeling/core';
import { MANNING_N_PAVED } from './classes.js';
import type { DomainSpec } from './setup.js';
import type { SimulationInput } from './types.js';
import { cellOf, isNoData } from './validate.js';

/** Manning n used when none is given: roads and paved surfaces (DESIGN.md), for urban grids. */
export const DEFAULT_MANNING_N = MANNING_N_PAVED;

/** Kernel domain plus the cells of inflows and gauges. */
export interface PreparedDomain {
  spec: DomainSpec;
  inflowCells: Int32Array;
  gaugeCells: Int32Array;
}

function toArray(grid: RasterGrid | null | undefined): ArrayLike<number> | null {
  return grid ? grid.data : null;
}

/**
 * Builds the kernel domain: DEM nodata → wall (when allowed), buildings → wall.
 * @throws Error when an inflow lies on a wall cell.
 */
export function prepareDomain(input: SimulationInput): PreparedDomain {
  const { dem } = input;
  const nx = dem.width, ny = dem.height, n = nx * ny;
  const bedM = new Float64Array(n);
  const blocked = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const z = dem.data[i]!;
    const wall = isNoData(dem, z) || (input.buildings ? input.buildings.data[i]! !== 0 : false);
    blocked[i] = wall ? 1 : 0;
    bedM[i] = isNoData(dem, z) ? 0 : z;
  }
  const cellIndex = (x: number, y: number, label: string): number => {
    const rc = cellOf(dem, x, y);
    if (rc === null) throw new Error(`${label} at (${x}, ${y}) lies outside the grid`);
    return rc[0] * nx + rc[1];
  };
  const inflows = input.inflows ?? [];
  const inflowCells = new Int32Array(inflows.length);
  inflows.forEach((p, k) => {
    const i = cellIndex(p.x, p.y, `inflow ${p.id ?? k}`);
    if (blocked[i] === 1) throw new Error(`inflow ${p.id ?? k} at (${p.x}, ${p.y}) lies on a building or nodata cell`);
    inflowCells[k] = i;
  });
  const gauges = input.gauges ?? [];
  const gaugeCells = Int32Array.from(gauges, (g) => cellIndex(g.x, g.y, `gauge ${g.id}`));
  const manning = input.manningN ?? DEFAULT_MANNING_N;
  const spec: DomainSpec = {
    nx, ny, cellSizeM: dem.cellSize, bedM, blocked,
    manningN: typeof manning === 'number' ? manning : manning.data,
    rainFactor: toArray(input.rainFactor),
    infiltrationMmPerH: toArray(input.infiltrationMmPerH),
  };
  if (input.boundaries) spec.boundaries = input.boundaries;
  if (input.sewerStorageMm !== undefined) spec.sewerStorageMm = input.sewerStorageMm;
  if (input.kernel?.gravityMPerS2 !== undefined) spec.gravityMPerS2 = input.kernel.gravityMPerS2;
  return { spec, inflowCells, gaugeCells };
}

/** A Float32 raster on the DEM's georeference. */
export function float32Like(dem: RasterGrid, data: Float32Array, noData: number | null): RasterGrid<Float32Array> {
  return { width: dem.width, height: dem.height, originX: dem.originX, originY: dem.originY, cellSize: dem.cellSize, crs: dem.crs, noData, data };
}
