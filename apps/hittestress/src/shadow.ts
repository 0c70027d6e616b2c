/**
 * Shadow casting on a surface-height model by the shifting method of Ratti & Richens (2004,
 * "Raster analysis of urban form", Environ. Plann. B 31:297–309), as used in SOLWEIG/UMEP
 * (Lindberg & Grimmond 2011): for step k = 1, 2, … towards the sun, every cell p compares the height
 * of the cell q that lies k steps sun-wards with the height of the sun ray above p at that distance:
 *
 *   p is shaded  ⇔  z(q) > z(p) + d(p, q) · tan(elevation)
 *
 * The step is one cell along the dominant axis of the sun direction; q is the nearest cell to the exact
 * ray point and d(p, q) the exact distance between the two cell centres. Marching stops when
 * d · tan(elevation) exceeds the height range of the model, so the cost is
 * O(cells × (max height − min height) / (cell size · tan(elevation))) and the inner loop runs over
 * contiguous row slices of flat `Float32Array`s (no per-cell objects).
 *
 * Tree crowns (and shade sails) block a ray only where it passes between crown base and crown top
 * (over the vertical span the ray climbs within one cell column, so thin sails are not skipped), and
 * then let `transmissivity` of the direct beam through (SOLWEIG's vegetation scheme). Cells outside
 * the grid never cast shadow (edge effect: shadows from outside the study area are missing).
 *
 * Layout: row-major `i = row * width + col`, row 0 north (col grows east, row grows south).
 */
import { type SunPosition, assertSunAboveHorizon } from './sun.js';
import type { SurfaceModel } from './surface.js';

const DEG = Math.PI / 180;

/** Absolute heights prepared once per surface for repeated shadow casting. */
export interface ShadowSurface {
  width: number;
  height: number;
  cellSizeM: number;
  /** Height of the receiving surface (ground, or roof on buildings), m above datum. */
  surfaceM: Float32Array;
  /** Crown top, m above datum (−∞ where there is no crown). */
  crownTopM: Float32Array;
  /** Crown base, m above datum (−∞ where there is no crown). */
  crownBaseM: Float32Array;
  /** Direct-beam transmissivity of the crown, 0–1. */
  transmissivity: Float32Array;
  /** Highest minus lowest height in the model, m (bounds the march). */
  reliefM: number;
  /** Whether there is any crown at all (skips the crown test when not). */
  hasCanopy: boolean;
}

/** Builds the absolute-height arrays the shadow kernel reads. */
export function prepareShadowSurface(s: SurfaceModel): ShadowSurface {
  const n = s.groundM.length;
  const surfaceM = new Float32Array(n);
  const crownTopM = new Float32Array(n);
  const crownBaseM = new Float32Array(n);
  let lo = Infinity;
  let hi = -Infinity;
  let hasCanopy = false;
  for (let i = 0; i < n; i++) {
    const g = s.groundM[i] as number;
    const z = g + (s.buildingHeightM[i] as number);
    surfaceM[i] = z;
    const top = s.canopyTopM[i] as number;
    if (top > 0) {
      hasCanopy = true;
      crownTopM[i] = g + top;
      crownBaseM[i] = g + (s.canopyBaseM[i] as number);
    } else {
      // No crown: an empty interval that no ray can hit.
      crownTopM[i] = -Infinity;
      crownBaseM[i] = -Infinity;
    }
    lo = Math.min(lo, g);
    hi = Math.max(hi, z, crownTopM[i] as number);
  }
  return {
    width: s.grid.width,
    height: s.grid.height,
    cellSizeM: s.grid.cellSize,
    surfaceM,
    crownTopM,
    crownBaseM,
    transmissivity: s.canopyTransmissivity,
    reliefM: n > 0 ? hi - lo : 0,
    hasCanopy,
  };
}

/**
 * Share of the direct sun beam reaching each cell for one sun position: 1 = full sun, 0 = shadow of a
 * building or terrain, the crown transmissivity (e.g. 0.03) under tree shade.
 *
 * @param out - Optional preallocated output (`width * height`), overwritten.
 * @throws HittestressError `SUN_BELOW_HORIZON` when the sun is not above the horizon.
 * @example const lit = sunlitFraction(prepareShadowSurface(surface), sunPosition(t, 52.36, 5.18));
 */
export function sunlitFraction(p: ShadowSurface, sun: SunPosition, out?: Float32Array): Float32Array {
  assertSunAboveHorizon(sun);
  const { width: w, height: h, surfaceM, crownTopM, crownBaseM, transmissivity, hasCanopy } = p;
  const lit = out ?? new Float32Array(w * h);
  lit.fill(1);
  const az = sun.azimuthDeg * DEG;
  // Sun-ward direction in grid steps: east = +col, north = −row.
  let dc = Math.sin(az);
  let dr = -Math.cos(az);
  const m = Math.max(Math.abs(dc), Math.abs(dr));
  dc /= m;
  dr /= m;
  const tanE = Math.tan(sun.elevationDeg * DEG);
  // Over the width of one cell column the ray climbs one step's rise: a crown or a thin shade sail
  // blocks when that vertical span [z − half, z + half] overlaps [base, top], so thin layers are not
  // skipped between steps.
  const halfStepRise = 0.5 * Math.hypot(dc, dr) * p.cellSizeM * tanE;
  for (let k = 1; ; k++) {
    const oc = Math.round(k * dc);
    const or = Math.round(k * dr);
    const rise = Math.hypot(oc, or) * p.cellSizeM * tanE;
    if (rise > p.reliefM || Math.abs(oc) >= w || Math.abs(or) >= h) break;
    const r0 = Math.max(0, -or);
    const r1 = Math.min(h, h - or);
    const c0 = Math.max(0, -oc);
    const c1 = Math.min(w, w - oc);
    const shift = or * w + oc;
    for (let r = r0; r < r1; r++) {
      const end = r * w + c1;
      for (let i = r * w + c0; i < end; i++) {
        const z = (surfaceM[i] as number) + rise;
        const q = i + shift;
        if ((surfaceM[q] as number) > z) lit[i] = 0;
        else if (hasCanopy && (crownTopM[q] as number) > z - halfStepRise && (crownBaseM[q] as number) < z + halfStepRise) {
          const t = transmissivity[q] as number;
          if (t < (lit[i] as number)) lit[i] = t;
        }
      }
    }
  }
  return lit;
}

/** Share of direct-beam sun below which a cell counts as "in shade" in a shade mask. */
export const SHADE_THRESHOLD = 0.5;

/**
 * Binary shade mask for one sun position: 1 where less than {@link SHADE_THRESHOLD} of the direct
 * beam arrives (building, terrain or tree shade), else 0.
 *
 * @throws HittestressError `SUN_BELOW_HORIZON`
 */
export function shadeMask(p: ShadowSurface, sun: SunPosition): Uint8Array {
  const lit = sunlitFraction(p, sun);
  const mask = new Uint8Array(lit.length);
  for (let i = 0; i < lit.length; i++) mask[i] = (lit[i] as number) < SHADE_THRESHOLD ? 1 : 0;
  return mask;
}

/**
 * Time-mean shade fraction over a set of sun positions (e.g. the hours 10:00–18:00 of 21 July):
 * per cell the mean of (1 − sunlit fraction), 0 = always in sun, 1 = always in full shade.
 *
 * @param onPosition - Optional callback receiving each position's sunlit array (reused buffer: copy
 *   it if you keep it), so a caller can compute felt temperature without casting shadows twice.
 * @throws HittestressError `SUN_BELOW_HORIZON` if any position is at night; `INVALID_INPUT` for none.
 */
export function shadeFractionOverDay(
  p: ShadowSurface,
  suns: SunPosition[],
  onPosition?: (sunlit: Float32Array, sun: SunPosition, k: number) => void,
): Float32Array {
  const n = p.width * p.height;
  const shade = new Float32Array(n);
  if (suns.length === 0) return shade;
  const lit = new Float32Array(n);
  suns.forEach((sun, k) => {
    sunlitFraction(p, sun, lit);
    for (let i = 0; i < n; i++) shade[i] = (shade[i] as number) + 1 - (lit[i] as number);
    onPosition?.(lit, sun, k);
  });
  for (let i = 0; i < n; i++) shade[i] = (shade[i] as number) / suns.length;
  return shade;
}
