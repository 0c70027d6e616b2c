import type { RasterGrid } from '@tweeling/core';
import { type SurfaceModel, createSurfaceModel } from '../src/surface.js';
import type { SunPosition } from '../src/sun.js';

/** Flat DEM at 0 m, `width × height` cells of `cellSize` m, north-west corner at (0, height·cellSize). */
export function flatSurface(width: number, height: number, cellSize = 1): SurfaceModel {
  const dem: RasterGrid<Float32Array> = {
    width, height, originX: 0, originY: height * cellSize, cellSize, crs: 'EPSG:28992', noData: null,
    data: new Float32Array(width * height),
  };
  return createSurfaceModel(dem);
}

/** Sets a rectangular block of building cells (rows r0..r1, cols c0..c1 inclusive) to `heightM`. */
export function block(s: SurfaceModel, r0: number, r1: number, c0: number, c1: number, heightM: number): void {
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) {
    const i = r * s.grid.width + c;
    s.buildingHeightM[i] = heightM;
    s.landCover[i] = 3;
  }
}

export function sun(azimuthDeg: number, elevationDeg: number): SunPosition {
  return { azimuthDeg, elevationDeg, instant: new Date(Date.UTC(2025, 6, 21, 12)) };
}
