/**
 * Planar geometry on RD New coordinates (metres): polygon shapes as flat typed arrays, point-in-polygon,
 * nearest boundary point, area and centroid, the segment/polygon crossing test used for lines of sight,
 * and rasterising shapes onto a grid. Pure functions, no I/O; shared by the apps that need them.
 */
import type { Geometry, Position } from 'geojson';

/** Tolerance on the sight-line parameter (0..1) below which a touch at the start counts as no crossing. */
const CROSSING_EPS = 1e-9;

/**
 * A polygon or multipolygon: every ring as a flat `[x0, y0, x1, y1, …]` array without the closing
 * vertex, `outer[k]` true for exterior rings. Inside-tests use the even-odd rule over all rings,
 * which is right for valid (multi)polygons with holes.
 */
export interface Shape {
  rings: Float64Array[];
  outer: boolean[];
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function ringFromPositions(ring: readonly Position[]): Float64Array {
  let n = ring.length;
  const first = ring[0];
  const last = ring[n - 1];
  if (n > 1 && first && last && first[0] === last[0] && first[1] === last[1]) n -= 1;
  const out = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const p = ring[i] as Position;
    out[2 * i] = p[0] as number;
    out[2 * i + 1] = p[1] as number;
  }
  return out;
}

/**
 * Makes a {@link Shape} of a Polygon or MultiPolygon geometry; null for other geometry types or rings
 * with fewer than three vertices.
 */
export function shapeFromGeometry(geometry: Geometry | null | undefined): Shape | null {
  if (!geometry) return null;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : null;
  if (!polygons) return null;
  return shapeFromRings(polygons.flatMap((poly) => poly.map((ring, k) => ({ ring, outer: k === 0 }))));
}

/** Makes a {@link Shape} from rings given as position lists; null when no ring has three vertices. */
export function shapeFromRings(rings: { ring: readonly Position[]; outer: boolean }[]): Shape | null {
  const shape: Shape = { rings: [], outer: [], minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const { ring, outer } of rings) {
    const flat = ringFromPositions(ring);
    if (flat.length < 6) continue;
    shape.rings.push(flat);
    shape.outer.push(outer);
    for (let i = 0; i < flat.length; i += 2) {
      const x = flat[i] as number;
      const y = flat[i + 1] as number;
      if (x < shape.minX) shape.minX = x;
      if (x > shape.maxX) shape.maxX = x;
      if (y < shape.minY) shape.minY = y;
      if (y > shape.maxY) shape.maxY = y;
    }
  }
  return shape.rings.length > 0 ? shape : null;
}

/** Signed shoelace area of a flat ring, m² (positive when counter-clockwise). */
export function ringSignedAreaM2(ring: Float64Array): number {
  let sum = 0;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    sum += (ring[2 * j] as number) * (ring[2 * i + 1] as number) - (ring[2 * i] as number) * (ring[2 * j + 1] as number);
  }
  return sum / 2;
}

/** Area of a shape, m²: exterior rings minus holes. */
export function shapeAreaM2(shape: Shape): number {
  let area = 0;
  shape.rings.forEach((ring, k) => {
    const a = Math.abs(ringSignedAreaM2(ring));
    area += shape.outer[k] ? a : -a;
  });
  return area;
}

/** Area-weighted centroid of the exterior rings (holes ignored), `[x, y]`. */
export function shapeCentroid(shape: Shape): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  shape.rings.forEach((ring, k) => {
    if (!shape.outer[k]) return;
    const n = ring.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const xj = ring[2 * j] as number, yj = ring[2 * j + 1] as number;
      const xi = ring[2 * i] as number, yi = ring[2 * i + 1] as number;
      const cross = xj * yi - xi * yj;
      a += cross;
      cx += (xj + xi) * cross;
      cy += (yj + yi) * cross;
    }
  });
  if (a === 0) return [(shape.minX + shape.maxX) / 2, (shape.minY + shape.maxY) / 2];
  return [cx / (3 * a), cy / (3 * a)];
}

/** Whether point (x, y) lies inside the shape (even-odd rule; points on an edge may go either way). */
export function pointInShape(shape: Shape, x: number, y: number): boolean {
  if (x < shape.minX || x > shape.maxX || y < shape.minY || y > shape.maxY) return false;
  let inside = false;
  for (const ring of shape.rings) {
    const n = ring.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const yi = ring[2 * i + 1] as number, yj = ring[2 * j + 1] as number;
      if (yi > y !== yj > y) {
        const xi = ring[2 * i] as number, xj = ring[2 * j] as number;
        if (x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

/** Closest point on segment a–b to p: parameter t (0..1) and squared distance. */
export function closestOnSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): { t: number; d2: number } {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const qx = ax + t * dx - px, qy = ay + t * dy - py;
  return { t, d2: qx * qx + qy * qy };
}

/** Nearest point on the shape's boundary (every ring) to (x, y), with its distance in m. */
export function nearestBoundaryPoint(shape: Shape, x: number, y: number): { x: number; y: number; distM: number } {
  let best = { x: NaN, y: NaN, d2: Infinity };
  for (const ring of shape.rings) {
    const n = ring.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const ax = ring[2 * j] as number, ay = ring[2 * j + 1] as number;
      const bx = ring[2 * i] as number, by = ring[2 * i + 1] as number;
      const { t, d2 } = closestOnSegment(x, y, ax, ay, bx, by);
      if (d2 < best.d2) best = { x: ax + t * (bx - ax), y: ay + t * (by - ay), d2 };
    }
  }
  return { x: best.x, y: best.y, distM: Math.sqrt(best.d2) };
}

/**
 * Whether segment a→b crosses an edge of the shape. A touch at the very start (a on the boundary, as
 * for a sight line leaving a facade) does not count; running along an edge (collinear) does not count;
 * passing exactly through a vertex does (conservative for sight lines).
 */
export function segmentCrossesShape(shape: Shape, ax: number, ay: number, bx: number, by: number): boolean {
  if (Math.max(ax, bx) < shape.minX || Math.min(ax, bx) > shape.maxX || Math.max(ay, by) < shape.minY || Math.min(ay, by) > shape.maxY) {
    return false;
  }
  const rx = bx - ax, ry = by - ay;
  for (const ring of shape.rings) {
    const n = ring.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const cx = ring[2 * j] as number, cy = ring[2 * j + 1] as number;
      const sx = (ring[2 * i] as number) - cx, sy = (ring[2 * i + 1] as number) - cy;
      const denom = rx * sy - ry * sx;
      if (denom === 0) continue;
      const qx = cx - ax, qy = cy - ay;
      const t = (qx * sy - qy * sx) / denom;
      const u = (qx * ry - qy * rx) / denom;
      if (t > CROSSING_EPS && t < 1 - CROSSING_EPS && u >= 0 && u <= 1) return true;
    }
  }
  return false;
}

/** Points every `spacingM` along the exterior rings of a shape (vertices included), flat `[x, y, …]`. */
export function densifyOuterRings(shape: Shape, spacingM: number): number[] {
  const out: number[] = [];
  shape.rings.forEach((ring, k) => {
    if (!shape.outer[k]) return;
    const n = ring.length / 2;
    for (let i = 0; i < n; i++) {
      const ax = ring[2 * i] as number, ay = ring[2 * i + 1] as number;
      const bx = ring[(2 * i + 2) % ring.length] as number, by = ring[(2 * i + 3) % ring.length] as number;
      const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / spacingM));
      for (let s = 0; s < steps; s++) out.push(ax + ((bx - ax) * s) / steps, ay + ((by - ay) * s) / steps);
    }
  });
  return out;
}

/** A regular grid in RD New: top-left corner, size in cells, square cells of `cellSizeM` metres. */
export interface GridFrame {
  originX: number;
  originY: number;
  width: number;
  height: number;
  cellSizeM: number;
}

/**
 * Rasterises polygons by cell centre with an even-odd scanline over every ring, writing `index + 1`
 * (0 = none). Later polygons overwrite earlier ones where they overlap.
 */
export function rasteriseShapes(shapes: readonly Shape[], frame: GridFrame): Int32Array {
  const { originX, originY, width, height, cellSizeM: cs } = frame;
  const out = new Int32Array(width * height);
  const xs: number[] = [];
  shapes.forEach((shape, z) => {
    const r0 = Math.max(0, Math.floor((originY - shape.maxY) / cs)), r1 = Math.min(height - 1, Math.floor((originY - shape.minY) / cs));
    for (let row = r0; row <= r1; row++) {
      const yc = originY - (row + 0.5) * cs;
      xs.length = 0;
      for (const ring of shape.rings) {
        const n = ring.length / 2;
        for (let i = 0, j = n - 1; i < n; j = i++) {
          const yi = ring[2 * i + 1] as number, yj = ring[2 * j + 1] as number;
          if (yi > yc !== yj > yc) {
            const xi = ring[2 * i] as number, xj = ring[2 * j] as number;
            xs.push(xi + ((yc - yi) * (xj - xi)) / (yj - yi));
          }
        }
      }
      xs.sort((a, b) => a - b);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        // Cells whose centre x lies in [xs[k], xs[k+1]).
        const c0 = Math.max(0, Math.ceil(((xs[k] as number) - originX) / cs - 0.5));
        const c1 = Math.min(width - 1, Math.ceil(((xs[k + 1] as number) - originX) / cs - 0.5) - 1);
        for (let col = c0; col <= c1; col++) out[row * width + col] = z + 1;
      }
    }
  });
  return out;
}

