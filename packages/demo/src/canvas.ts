/**
 * Rasterisation on the demo grid (local metres, origin south-west; raster row 0 is north).
 * A cell belongs to a shape when its centre does (polygons: even–odd scanline; lines: distance
 * from the centre to the segment within the half-width).
 */
import type { Pt } from './geometry.js';

/** Grid geometry and the two rasters built together: land use and the road-profile DEM offset. */
export class Canvas {
  /** Columns. */
  readonly w: number;
  /** Rows. */
  readonly h: number;
  /** Land-use codes. */
  readonly landUse: Uint8Array;
  /** DEM offset from the road profile (sidewalks, curbs, camber), m. */
  readonly offset: Float32Array;

  constructor(
    /** Side of the area, m. */
    readonly size: number,
    /** Cell size, m. */
    readonly cs: number,
  ) {
    this.w = Math.round(size / cs);
    this.h = this.w;
    this.landUse = new Uint8Array(this.w * this.h);
    this.offset = new Float32Array(this.w * this.h);
  }

  /** Column of cell containing local x (may be outside the grid). */
  col(x: number): number {
    return Math.floor(x / this.cs);
  }

  /** Row of cell containing local y (may be outside the grid). */
  row(y: number): number {
    return Math.floor((this.size - y) / this.cs);
  }

  /** Local x of a column's centre. */
  cx(c: number): number {
    return (c + 0.5) * this.cs;
  }

  /** Local y of a row's centre. */
  cy(r: number): number {
    return this.size - (r + 0.5) * this.cs;
  }

  /** Call `fn(index)` for every cell whose centre lies inside the ring (even–odd). */
  fillRing(ring: readonly Pt[], fn: (i: number) => void): void {
    let y0 = Infinity;
    let y1 = -Infinity;
    for (const p of ring) {
      if (p[1] < y0) y0 = p[1];
      if (p[1] > y1) y1 = p[1];
    }
    const rTop = Math.max(0, Math.floor((this.size - y1) / this.cs - 0.5));
    const rBot = Math.min(this.h - 1, Math.ceil((this.size - y0) / this.cs - 0.5));
    const xs: number[] = [];
    for (let r = rTop; r <= rBot; r++) {
      const y = this.cy(r);
      xs.length = 0;
      for (let k = 1; k < ring.length; k++) {
        const a = ring[k - 1] as Pt;
        const b = ring[k] as Pt;
        if (a[1] > y !== b[1] > y) xs.push(a[0] + ((y - a[1]) * (b[0] - a[0])) / (b[1] - a[1]));
      }
      xs.sort((p, q) => p - q);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        const c0 = Math.max(0, Math.ceil((xs[k] as number) / this.cs - 0.5));
        const c1 = Math.min(this.w - 1, Math.ceil((xs[k + 1] as number) / this.cs - 0.5) - 1);
        const base = r * this.w;
        for (let c = c0; c <= c1; c++) fn(base + c);
      }
    }
  }

  /** Set the land-use code of every cell whose centre lies inside the ring. */
  paintRing(ring: readonly Pt[], code: number): void {
    const lu = this.landUse;
    this.fillRing(ring, (i) => {
      lu[i] = code;
    });
  }

  /** Call `fn(index, distance)` for every cell whose centre lies within `half` of segment a–b. */
  buffer(a: Pt, b: Pt, half: number, fn: (i: number, d: number) => void): void {
    const cMin = Math.max(0, this.col(Math.min(a[0], b[0]) - half));
    const cMax = Math.min(this.w - 1, this.col(Math.max(a[0], b[0]) + half));
    const rMin = Math.max(0, this.row(Math.max(a[1], b[1]) + half));
    const rMax = Math.min(this.h - 1, this.row(Math.min(a[1], b[1]) - half));
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy;
    for (let r = rMin; r <= rMax; r++) {
      const y = this.cy(r);
      for (let c = cMin; c <= cMax; c++) {
        const x = this.cx(c);
        let t = len2 === 0 ? 0 : ((x - a[0]) * dx + (y - a[1]) * dy) / len2;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const ex = a[0] + t * dx - x;
        const ey = a[1] + t * dy - y;
        const d = Math.sqrt(ex * ex + ey * ey);
        if (d <= half) fn(r * this.w + c, d);
      }
    }
  }
}

/**
 * Chamfer distance (m) from every cell to the nearest cell where `mask` is set (two passes,
 * weights 1 and √2 cells). Cells farther than `maxM` get `maxM`.
 */
export function distanceTo(mask: (i: number) => boolean, w: number, h: number, cs: number, maxM: number): Float32Array {
  const d = new Float32Array(w * h);
  for (let i = 0; i < d.length; i++) d[i] = mask(i) ? 0 : maxM;
  const s = cs;
  const g = cs * Math.SQRT2;
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const i = r * w + c;
      let v = d[i] as number;
      if (v === 0) continue;
      if (c > 0) v = Math.min(v, (d[i - 1] as number) + s);
      if (r > 0) {
        v = Math.min(v, (d[i - w] as number) + s);
        if (c > 0) v = Math.min(v, (d[i - w - 1] as number) + g);
        if (c < w - 1) v = Math.min(v, (d[i - w + 1] as number) + g);
      }
      d[i] = v;
    }
  }
  for (let r = h - 1; r >= 0; r--) {
    for (let c = w - 1; c >= 0; c--) {
      const i = r * w + c;
      let v = d[i] as number;
      if (v === 0) continue;
      if (c < w - 1) v = Math.min(v, (d[i + 1] as number) + s);
      if (r < h - 1) {
        v = Math.min(v, (d[i + w] as number) + s);
        if (c < w - 1) v = Math.min(v, (d[i + w + 1] as number) + g);
        if (c > 0) v = Math.min(v, (d[i + w - 1] as number) + g);
      }
      d[i] = Math.min(v, maxM);
    }
  }
  return d;
}
