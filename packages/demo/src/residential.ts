/**
 * Residential blocks in the Almere manner: parallel woonstraten, rows of terraced houses
 * (rijtjeshuizen) or semi-detached / detached houses or gallery flats facing the street, front
 * yards, back gardens back to back, green strips (groenstroken) where the block is deeper than
 * the houses need, street trees, and a spine street when the streets cannot reach a main road.
 */
import type { Rect } from './geometry.js';
import { roundCm } from './geometry.js';
import { LandUse } from './landuse.js';
import type { Plan, Side } from './plan.js';
import { Frame } from './plan.js';
import type { Rng } from './prng.js';
import { GARDEN_SPECIES, PARK_SPECIES, STREET_SPECIES, makeTree } from './trees.js';

/** House typologies. */
export type Typology = 'rij' | 'tweekap' | 'vrijstaand' | 'flat';

type Range = [number, number];
interface TypologyDims {
  /** Width of one unit along the street (flat: block length), m. */
  width: Range;
  depth: Range;
  front: Range;
  garden: Range;
  /** Gap between rows, m. */
  gap: Range;
  /** Units per row. */
  perRow: [number, number];
}

/** Dimensions per typology, m (typical Dutch 1980–2010 housing). */
const TYPOLOGY: Readonly<Record<Typology, TypologyDims>> = {
  rij: { width: [5.1, 6.0], depth: [8.5, 10.5], front: [3, 5], garden: [9, 13], gap: [5, 9], perRow: [4, 7] },
  tweekap: { width: [6.5, 8], depth: [9, 11], front: [4, 6], garden: [10, 14], gap: [4, 6], perRow: [2, 2] },
  vrijstaand: { width: [9, 12], depth: [9, 12], front: [5, 8], garden: [12, 16], gap: [6, 9], perRow: [1, 1] },
  flat: { width: [30, 60], depth: [11, 14], front: [8, 12], garden: [6, 10], gap: [14, 20], perRow: [1, 1] },
};
/** Shortest back garden accepted, m. */
const GARDEN_MIN_M = 6;
/** Clearance between buildings and the rectangle's ends, m. */
const END_MARGIN_M = 3;
/** Clearance between buildings and a crossing street's sidewalk, m. */
const CROSS_CLEARANCE_M = 3;
/** Dead-end streets stop this far inside the rectangle, m. */
const DEAD_END_INSET_M = 6;
/** Narrowest green strip that may hold a singel (water strip, 5 m banks each side), m. */
const SINGEL_MIN_STRIP_M = 20;
/** Half the width of a singel's water, at most, m. */
const SINGEL_MAX_HALF_WIDTH_M = 6;
/** Probability that a wide enough inner strip is a singel. */
const SINGEL_SHARE = 0.35;
/** Sidewalk width of a woonstraat, m. */
const SIDEWALK_M = 1.8;

/** A road the block can connect to: on which frame side, and how far its centreline lies outside. */
export interface Connect {
  side: 'a0' | 'a1' | 'c0' | 'c1';
  distM: number;
}

/** What to build in one residential rectangle. */
export interface ResidentialSpec {
  rect: Rect;
  /** Frame side: streets run parallel to this side. */
  side: Side;
  connect: Connect[];
  /** Intervals along `a` kept free of buildings (crossing corridors). */
  gaps?: Range[];
  mix: Partial<Record<Typology, number>>;
  bouwjaar: [number, number];
  /** Target depth of one band (street + two rows + gardens + green), m. */
  bandTargetM: number;
  /** Supplies street names. */
  nextName: () => string;
}

/** Subtract `cuts` from interval `[s, e]`. */
function subtract(s: number, e: number, cuts: Range[]): Range[] {
  let parts: Range[] = [[s, e]];
  for (const [c0, c1] of cuts) {
    const next: Range[] = [];
    for (const [p0, p1] of parts) {
      if (c1 <= p0 || c0 >= p1) next.push([p0, p1]);
      else {
        if (c0 > p0) next.push([p0, c0]);
        if (c1 < p1) next.push([c1, p1]);
      }
    }
    parts = next;
  }
  return parts.filter(([a, b]) => b - a > 1);
}

/** Fill a rectangle with residential streets, houses, gardens, green strips and trees. */
export function fillResidential(plan: Plan, rng: Rng, spec: ResidentialSpec): void {
  const f = new Frame(spec.rect, spec.side);
  const streetW = roundCm(rng.range(5, 6));
  const curb = roundCm(rng.range(0.1, 0.12));
  const half = streetW / 2 + SIDEWALK_M;
  const n = Math.max(1, Math.round(f.lc / spec.bandTargetM));
  const b = f.lc / n;
  const conn = (s: Connect['side']): Connect | undefined => spec.connect.find((c) => c.side === s);
  const a0c = conn('a0');
  const a1c = conn('a1');
  const c0c = conn('c0');
  const c1c = conn('c1');
  if (!a0c && !a1c && !c0c && !c1c) throw new Error('residential block without a road connection');

  const way = (pts: [number, number][], name: string): void => {
    plan.ways.push({ name, roadClass: 'woonstraat', widthM: streetW, sidewalkM: SIDEWALK_M, curbHeightM: curb, pts: pts.map(([a, c]) => f.pt(a, c)) });
  };
  const cuts: Range[] = [...(spec.gaps ?? [])];
  const streetA0 = a0c ? -a0c.distM : DEAD_END_INSET_M;
  const streetA1 = a1c ? f.la + a1c.distM : f.la - DEAD_END_INSET_M;
  const bandCentres = Array.from({ length: n }, (_, k) => (k + 0.5) * b);
  for (const cS of bandCentres) {
    way([[streetA0, cS], [streetA1, cS]], spec.nextName());
    if (rng.chance(0.5)) plan.lowSpots.push(f.pt(rng.range(0.3, 0.7) * f.la, cS));
  }
  const needSpine = (!a0c && !a1c) || ((c0c || c1c) && f.la > 300);
  if (needSpine && (c0c || c1c)) {
    const aSp = roundCm(f.la * rng.range(0.35, 0.65));
    const first = bandCentres[0] as number;
    const last = bandCentres[n - 1] as number;
    const cFrom = c0c ? -c0c.distM : f.lc + (c1c as Connect).distM;
    const cTo = c0c ? last : first;
    way([[aSp, cFrom], [aSp, cTo]], spec.nextName());
    cuts.push([aSp - half - CROSS_CLEARANCE_M, aSp + half + CROSS_CLEARANCE_M]);
  } else if (needSpine) {
    throw new Error('residential block needs a spine but has no c-side connection');
  }
  const intervals = subtract(END_MARGIN_M, f.la - END_MARGIN_M, cuts);

  /** Back edge of the built zone per band side: index 2k (towards c=0) and 2k+1 (towards c=lc). */
  const backs: number[] = [];
  for (let k = 0; k < n; k++) {
    const cS = bandCentres[k] as number;
    for (const dir of [-1, 1] as const) {
      backs.push(cS + dir * fillSide(plan, rng, spec, f, cS, dir, b / 2 - half, half, intervals));
    }
    const sp = STREET_SPECIES[rng.int(0, STREET_SPECIES.length - 1)] as string;
    const spacing = rng.range(10, 15);
    for (const dir of [-1, 1] as const) {
      if (dir === 1 && rng.chance(0.35)) continue;
      for (const [s, e] of intervals) {
        for (let a = s + 4; a <= e - 4; a += spacing) plan.trees.push(makeTree(rng, f.pt(a, cS + dir * (streetW / 2 + 0.9)), sp, 'straat'));
      }
    }
  }
  // Green strips between the backs of gardens (and at the rectangle's edges).
  for (let j = 0; j <= n; j++) {
    const lower = j === 0 ? 0 : (backs[2 * j - 1] as number);
    const upper = j === n ? f.lc : (backs[2 * j] as number);
    const width = upper - lower;
    if (width < 8) continue;
    const sp = PARK_SPECIES[rng.int(0, PARK_SPECIES.length - 1)] as string;
    // Inner strips wide enough may hold a singel (water strip) instead of a lawn.
    const singel = j > 0 && j < n && width >= SINGEL_MIN_STRIP_M && rng.chance(SINGEL_SHARE);
    const base = spec.nextName().replace(/(straat|hof|laan|erf|pad|plein)$/, '');
    for (const [s, e] of intervals) {
      if (e - s >= 60 && width >= 12) plan.parks.push({ ring: f.ring(s, lower, e, upper), name: `${base}plantsoen`, kind: 'groenstrook' });
      const step = rng.range(12, 18);
      if (singel && e - s >= 40) {
        const mid = (lower + upper) / 2;
        const hw = Math.min(SINGEL_MAX_HALF_WIDTH_M, (width - 10) / 2);
        plan.water.push({ ring: f.ring(roundCm(s + 8), roundCm(mid - hw), roundCm(e - 8), roundCm(mid + hw)), name: `${base}singel`, kind: 'singel', depthM: 1.2 });
        for (let a = s + 6; a <= e - 6; a += step) for (const c of [mid - hw - 3, mid + hw + 3]) plan.trees.push(makeTree(rng, f.pt(a, c), sp, 'oever'));
        continue;
      }
      for (let a = s + 6; a <= e - 6; a += step) plan.trees.push(makeTree(rng, f.pt(a, (lower + upper) / 2 + rng.range(-1, 1)), sp, 'groenstrook'));
      if (width >= 14 && e - s > 40 && rng.chance(0.4)) plan.lowSpots.push(f.pt((s + e) / 2, (lower + upper) / 2));
    }
  }
}

/**
 * Houses along one side of a street. Returns how far from the street centre the built zone
 * (houses + gardens) reaches, m.
 */
function fillSide(plan: Plan, rng: Rng, spec: ResidentialSpec, f: Frame, cS: number, dir: -1 | 1, available: number, half: number, intervals: Range[]): number {
  let typ = rng.weighted(spec.mix as Record<Typology, number>);
  let dims = TYPOLOGY[typ];
  let front = rng.range(dims.front[0], dims.front[1]);
  let depth = rng.range(dims.depth[0], dims.depth[1]);
  if (front + depth + GARDEN_MIN_M > available) {
    typ = 'rij';
    dims = TYPOLOGY.rij;
    front = 2.5;
    depth = dims.depth[0];
    if (front + depth + GARDEN_MIN_M > available) return half;
  }
  const garden = Math.min(rng.range(dims.garden[0], dims.garden[1]), available - front - depth);
  const cF = cS + dir * (half + front);
  const cB = cF + dir * depth;
  const cG = cB + dir * garden;
  const cEdge = cS + dir * half;
  const bouwjaar = rng.int(spec.bouwjaar[0], spec.bouwjaar[1]);
  const r = (v: number): number => roundCm(v);
  for (const [s, e] of intervals) {
    let pos = s;
    for (;;) {
      const w = typ === 'flat' ? Math.min(rng.range(dims.width[0], dims.width[1]), e - pos) : rng.range(dims.width[0], dims.width[1]);
      let k = rng.int(dims.perRow[0], dims.perRow[1]);
      if (pos + k * w > e) k = Math.floor((e - pos) / w);
      const minUnits = typ === 'rij' ? 3 : dims.perRow[0];
      if (k < minUnits || (typ === 'flat' && w < dims.width[0])) break;
      const rowEnd = pos + k * w;
      plan.paint.push({ ring: f.ring(r(pos), r(cEdge), r(rowEnd), r(cF)), code: typ === 'flat' ? LandUse.verhardOverig : LandUse.tuin });
      if (typ !== 'flat') plan.paint.push({ ring: f.ring(r(pos), r(cB), r(rowEnd), r(cG)), code: LandUse.tuin });
      const floors = typ === 'flat' ? rng.int(4, 7) : rng.chance(0.75) ? 2 : 3;
      const roof = typ === 'flat' ? 1 : floors === 2 ? rng.range(2.5, 3.5) : 0.6;
      for (let i = 0; i < k; i++) {
        const aL = pos + i * w;
        plan.buildings.push({
          ring: f.ring(r(aL), r(cF), r(aL + w), r(cB)),
          use: 'wonen',
          subtype: typ === 'flat' ? 'appartementen' : typ === 'rij' ? (i === 0 || i === k - 1 ? 'hoekwoning' : 'rijwoning') : typ === 'tweekap' ? 'twee-onder-een-kap' : 'vrijstaand',
          name: null,
          floors,
          heightM: Math.round((floors * (typ === 'flat' ? 3 : 2.8) + roof) * 10) / 10,
          bouwjaar,
          dwellings: typ === 'flat' ? floors * Math.max(1, Math.floor(w / 8)) : 1,
          residentsFixed: null,
        });
        if (typ !== 'flat' && garden >= GARDEN_MIN_M && rng.chance(0.28)) {
          const sp = GARDEN_SPECIES[rng.int(0, GARDEN_SPECIES.length - 1)] as string;
          plan.trees.push(makeTree(rng, f.pt(aL + w / 2, (cB + cG) / 2 + rng.range(-1, 1)), sp, 'tuin', [bouwjaar, 2020]));
        }
      }
      pos = rowEnd + rng.range(dims.gap[0], dims.gap[1]);
    }
  }
  return Math.abs(cG - cS);
}
