/**
 * Building footprints on the computational grid: a label raster (which building owns a cell, by the
 * cell-centre rule of `burnBuildings`) and, per building, the maximum of a raster over the cells just
 * outside its footprint (4-neighbours of its cells that are not building cells): the depth against
 * the facade.
 */
import type { RasterGrid } from '@tweeling/core';
import type { Geometry, Position } from 'geojson';

/** Rings of a polygonal geometry (outer rings and holes; the even–odd rule handles holes). */
export function polygonRings(geometry: Geometry | null): Position[][] {
  if (geometry === null) return [];
  if (geometry.type === 'Polygon') return geometry.coordinates;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(polygonRings);
  return [];
}

/** Grid georeference (no cell values). */
export type GridFrame = Pick<RasterGrid, 'width' | 'height' | 'originX' | 'originY' | 'cellSize'>;

/**
 * Label raster: cell value k + 1 when the cell centre lies in footprint k (the last footprint wins
 * where footprints overlap), 0 elsewhere.
 */
export function labelFootprints(grid: GridFrame, footprints: ReadonlyArray<Geometry | null>): Int32Array {
  const { width, height, originX, originY, cellSize } = grid;
  const labels = new Int32Array(width * height);
  footprints.forEach((geometry, k) => {
    const rings = polygonRings(geometry);
    if (rings.length === 0) return;
    let minY = Infinity, maxY = -Infinity;
    for (const ring of rings) for (const p of ring) { minY = Math.min(minY, p[1]!); maxY = Math.max(maxY, p[1]!); }
    const r0 = Math.max(0, Math.floor((originY - maxY) / cellSize - 0.5));
    const r1 = Math.min(height - 1, Math.ceil((originY - minY) / cellSize - 0.5));
    for (let r = r0; r <= r1; r++) {
      const y = originY - (r + 0.5) * cellSize;
      const xs: number[] = [];
      for (const ring of rings) {
        for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
          const [xa, ya] = ring[a] as [number, number];
          const [xb, yb] = ring[b] as [number, number];
          if ((ya > y) !== (yb > y)) xs.push(xa + ((y - ya) * (xb - xa)) / (yb - ya));
        }
      }
      xs.sort((p, q) => p - q);
      for (let j = 0; j + 1 < xs.length; j += 2) {
        const c0 = Math.max(0, Math.ceil((xs[j]! - originX) / cellSize - 0.5));
        const c1 = Math.min(width - 1, Math.floor((xs[j + 1]! - originX) / cellSize - 0.5));
        for (let c = c0; c <= c1; c++) labels[r * width + c] = k + 1;
      }
    }
  });
  return labels;
}

/** Building mask (1 = building) from a label raster, on `grid`'s georeference. */
export function maskFromLabels(grid: RasterGrid, labels: Int32Array): RasterGrid<Uint8Array> {
  const data = Uint8Array.from(labels, (v) => (v > 0 ? 1 : 0));
  return { width: grid.width, height: grid.height, originX: grid.originX, originY: grid.originY, cellSize: grid.cellSize, crs: grid.crs, noData: null, data };
}

/** Facade statistic of one building. */
export interface FacadeValue {
  /** Maximum of the raster over the facade cells (0 when there are none). */
  maxValue: number;
  /** Number of open cells just outside the footprint. */
  facadeCells: number;
  /** Whether any cell centre lay in the footprint; otherwise the cell under the centroid and its 4 neighbours are used. */
  footprintResolved: boolean;
}

/** Mean of all ring vertices: enough to pick the cell of a footprint smaller than a cell. */
function vertexMean(geometry: Geometry | null): [number, number] | null {
  const rings = polygonRings(geometry);
  let sx = 0, sy = 0, n = 0;
  for (const ring of rings) for (const p of ring) { sx += p[0]!; sy += p[1]!; n++; }
  return n > 0 ? [sx / n, sy / n] : null;
}

/**
 * Per building k, the maximum of `values` over the open cells 4-adjacent to its cells (cells of any
 * building are skipped). A footprint that burned no cell (smaller than a cell) uses the cell under
 * its vertex mean and that cell's 4 neighbours, flagged `footprintResolved: false`.
 * @param labels from {@link labelFootprints} on the same grid
 */
export function facadeMaxima(grid: GridFrame, labels: Int32Array, footprints: ReadonlyArray<Geometry | null>, values: ArrayLike<number>): FacadeValue[] {
  const { width, height } = grid;
  const out: FacadeValue[] = footprints.map(() => ({ maxValue: 0, facadeCells: 0, footprintResolved: false }));
  const seen = new Int32Array(width * height); // building (k + 1) that last counted a cell: each facade cell counts once per building
  const visit = (k: number, i: number) => {
    if (labels[i] !== 0 || seen[i] === k + 1) return;
    seen[i] = k + 1;
    const f = out[k]!;
    f.facadeCells++;
    const v = values[i]!;
    if (v > f.maxValue) f.maxValue = v;
  };
  const neighbours = (k: number, r: number, c: number) => {
    if (r > 0) visit(k, i0(r - 1, c));
    if (r < height - 1) visit(k, i0(r + 1, c));
    if (c > 0) visit(k, i0(r, c - 1));
    if (c < width - 1) visit(k, i0(r, c + 1));
  };
  const i0 = (r: number, c: number) => r * width + c;
  // Cells of each building, grouped by label (counting sort), so a building is finished before the next starts.
  const start = new Int32Array(footprints.length + 1);
  for (let i = 0; i < labels.length; i++) if (labels[i]! > 0) start[labels[i]!]!++;
  for (let k = 0; k < footprints.length; k++) start[k + 1]! += start[k]!;
  const cells = new Int32Array(start[footprints.length]!);
  const fill = start.slice(0, footprints.length);
  for (let i = 0; i < labels.length; i++) if (labels[i]! > 0) cells[fill[labels[i]! - 1]!++] = i;
  for (let k = 0; k < footprints.length; k++) {
    if (start[k + 1]! > start[k]!) out[k]!.footprintResolved = true;
    for (let j = start[k]!; j < start[k + 1]!; j++) neighbours(k, Math.floor(cells[j]! / width), cells[j]! % width);
  }
  footprints.forEach((geometry, k) => {
    if (out[k]!.footprintResolved) return;
    const p = vertexMean(geometry);
    if (p === null) return;
    const c = Math.floor((p[0] - grid.originX) / grid.cellSize), r = Math.floor((grid.originY - p[1]) / grid.cellSize);
    if (r < 0 || c < 0 || r >= height || c >= width) return;
    visit(k, i0(r, c));
    neighbours(k, r, c);
  });
  return out;
}
