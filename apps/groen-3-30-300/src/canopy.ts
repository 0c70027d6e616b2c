/**
 * Rule "30": tree-canopy cover of each neighbourhood (Konijnendijk 2021: "30 % tree canopy cover in
 * every neighbourhood"). Crowns are discs of the tree's crown diameter around the trunk, unioned on a
 * raster (a cell is canopy when its centre lies in any disc), and the cover of a neighbourhood is the
 * share of its cells (centre in the polygon) that are canopy. Cell-centre sampling makes the error of
 * the union area shrink with the cell size; at 1 m it is a few % for crowns of 5 m and more.
 *
 * Raster layout as `RasterGrid` of @tweeling/core: row-major, `i = row * width + col`, row 0 north.
 */
import { rasteriseShapes, type GridFrame, type Shape } from '@tweeling/sdk';

/** Canopy cover the rule asks for, fraction of the neighbourhood area (Konijnendijk 2021). */
export const RULE_30_MIN_CANOPY_FRACTION = 0.3;
/** Default canopy raster cell size, m. */
export const DEFAULT_CANOPY_CELL_M = 1;

/** A north-up raster frame: north-west corner, size in cells, square cells in m. */
/** The analysis grid (see GridFrame in the SDK). */
export type Frame = GridFrame;

/** Smallest frame with cells of `cellSizeM`, aligned to multiples of the cell size, that covers the box. */
export function frameAround(minX: number, minY: number, maxX: number, maxY: number, cellSizeM: number): Frame {
  const x0 = Math.floor(minX / cellSizeM) * cellSizeM;
  const y1 = Math.ceil(maxY / cellSizeM) * cellSizeM;
  const width = Math.max(1, Math.ceil((maxX - x0) / cellSizeM));
  const height = Math.max(1, Math.ceil((y1 - minY) / cellSizeM));
  return { originX: x0, originY: y1, width, height, cellSizeM };
}

/**
 * Burns crown discs into a canopy raster: `value` where the cell centre is within the crown radius,
 * cells already non-zero keep their value.
 *
 * @param canopy - raster to burn into (width × height of `frame`), changed in place
 * @param x - trunk x per tree, m; @param y - trunk y per tree, m
 * @param crownDiameterM - crown diameter per tree, m (≤ 0 burns nothing)
 * @param value - code to write (1 = existing, 2 = scenario trees in the app)
 */
export function burnCrowns(canopy: Uint8Array, frame: Frame, x: ArrayLike<number>, y: ArrayLike<number>, crownDiameterM: ArrayLike<number>, value = 1): void {
  const { originX, originY, width, height, cellSizeM: cs } = frame;
  for (let t = 0; t < x.length; t++) {
    const r = (crownDiameterM[t] as number) / 2;
    if (!(r > 0)) continue;
    const cx = x[t] as number, cy = y[t] as number;
    const r2 = r * r;
    const c0 = Math.max(0, Math.floor((cx - r - originX) / cs)), c1 = Math.min(width - 1, Math.floor((cx + r - originX) / cs));
    const r0 = Math.max(0, Math.floor((originY - (cy + r)) / cs)), r1 = Math.min(height - 1, Math.floor((originY - (cy - r)) / cs));
    for (let row = r0; row <= r1; row++) {
      const dy = originY - (row + 0.5) * cs - cy;
      for (let col = c0; col <= c1; col++) {
        const dx = originX + (col + 0.5) * cs - cx;
        const i = row * width + col;
        if (dx * dx + dy * dy <= r2 && canopy[i] === 0) canopy[i] = value;
      }
    }
  }
}

/** Rasterises zones (neighbourhoods) by cell centre: `zone index + 1`, 0 = no zone (the SDK's scanline). */
export const rasteriseZones = rasteriseShapes;

/** Canopy statistics of one zone: cells, canopy cells (any non-zero code) and the cover fraction. */
export interface ZoneCanopy {
  cells: number;
  canopyCells: number;
  areaM2: number;
  canopyM2: number;
  /** canopyCells / cells; 0 for an empty zone. */
  canopyFraction: number;
}

/** Canopy cover per zone from a canopy raster and a zone raster of the same frame. */
export function canopyPerZone(canopy: Uint8Array, zoneRaster: Int32Array, zoneCount: number, cellSizeM: number): ZoneCanopy[] {
  const cells = new Float64Array(zoneCount);
  const covered = new Float64Array(zoneCount);
  for (let i = 0; i < zoneRaster.length; i++) {
    const z = (zoneRaster[i] as number) - 1;
    if (z < 0) continue;
    cells[z] = (cells[z] as number) + 1;
    if (canopy[i] !== 0) covered[z] = (covered[z] as number) + 1;
  }
  const a = cellSizeM * cellSizeM;
  return Array.from(cells, (n, z) => {
    const c = covered[z] as number;
    return { cells: n, canopyCells: c, areaM2: n * a, canopyM2: c * a, canopyFraction: n > 0 ? c / n : 0 };
  });
}
