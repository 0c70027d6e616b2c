/**
 * A deterministic synthetic town for the benchmark and tests (independent of the platform's demo
 * package): a street grid of 80 m blocks and 12 m streets, row houses, apartment blocks and a few
 * towers of realistic Dutch sizes, courtyard gardens, a canal, street trees and sidewalks as walking
 * routes. The random numbers come from a seeded generator, so the same options give the same town.
 */
import type { RasterGrid } from '@tweeling/core';
import { LandCover, type SurfaceModel, type TreeInput, addTrees, createSurfaceModel } from './surface.js';

/** Options of {@link syntheticTown}. */
export interface SyntheticTownOptions {
  /** Side of the square area, m; default 1000. */
  sizeM?: number;
  /** Cell size, m; default 1. */
  cellSizeM?: number;
  /** Number of buildings aimed for; default 1500 per km². */
  buildings?: number;
  /** Seed; default 42. */
  seed?: number;
  /** RD x of the west edge; default 140500 (around the Almere demo point). */
  originX?: number;
  /** RD y of the north edge; default 486500. */
  originY?: number;
}

/** The generated town. */
export interface SyntheticTown {
  surface: SurfaceModel;
  /** 1 on sidewalk cells (2 m strips along both sides of every street). */
  walkingRoutes: Uint8Array;
  /** Street centre lines in RD metres (for tree-planting scenarios), each [[x0, y0], [x1, y1]]. */
  streets: Array<[[number, number], [number, number]]>;
  buildingCount: number;
  treeCount: number;
}

const BLOCK_M = 80;
const STREET_M = 12;
const SIDEWALK_M = 2;
const GAP_M = 2;
const TREE_SPACING_M = 15;

/** mulberry32: a small, well-mixed 32-bit PRNG (public domain, T. Ettinger). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Building type mix: [probability, min/max length, min/max depth, min/max height] (m). */
const TYPES = [
  { p: 0.7, len: [10, 30], dep: [8, 11], h: [6, 10] }, // row houses, 2–3 storeys
  { p: 0.26, len: [15, 40], dep: [10, 16], h: [12, 24] }, // apartment blocks, 4–8 storeys
  { p: 0.04, len: [14, 22], dep: [14, 22], h: [30, 48] }, // towers
] as const;

/**
 * Generates the synthetic town.
 *
 * @example const town = syntheticTown({ sizeM: 1000, buildings: 1500 });
 */
export function syntheticTown(o: SyntheticTownOptions = {}): SyntheticTown {
  const sizeM = o.sizeM ?? 1000;
  const cs = o.cellSizeM ?? 1;
  const target = o.buildings ?? Math.round((1500 * sizeM * sizeM) / 1e6);
  const rnd = prng(o.seed ?? 42);
  const n = Math.round(sizeM / cs);
  const originX = o.originX ?? 140500;
  const originY = o.originY ?? 486500;
  const dem: RasterGrid<Float32Array> = { width: n, height: n, originX, originY, cellSize: cs, crs: 'EPSG:28992', noData: null, data: new Float32Array(n * n) };
  const s = createSurfaceModel(dem);
  const pitch = BLOCK_M + STREET_M;
  const inStreet = (m: number): boolean => m % pitch >= BLOCK_M;
  const walkingRoutes = new Uint8Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
    const x = (c + 0.5) * cs;
    const y = (r + 0.5) * cs;
    const i = r * n + c;
    const sx = inStreet(x);
    const sy = inStreet(y);
    if (!sx && !sy) continue;
    const dx = x % pitch - BLOCK_M;
    const dy = y % pitch - BLOCK_M;
    const edge = (d: number): boolean => d < SIDEWALK_M || d >= STREET_M - SIDEWALK_M;
    if ((sx && edge(dx)) || (sy && edge(dy))) walkingRoutes[i] = 1;
  }
  // Canal: one block row of water along a street in the south third.
  const canalRow0 = Math.floor((Math.floor((0.66 * sizeM) / pitch) * pitch + BLOCK_M + 3) / cs);
  for (let r = canalRow0; r < Math.min(n, canalRow0 + Math.round(6 / cs)); r++) for (let c = 0; c < n; c++) {
    s.landCover[r * n + c] = LandCover.WATER;
    walkingRoutes[r * n + c] = 0;
  }
  const blocks: Array<[number, number]> = [];
  for (let by = 0; by + BLOCK_M <= sizeM; by += pitch) for (let bx = 0; bx + BLOCK_M <= sizeM; bx += pitch) blocks.push([bx, by]);
  // Gardens: the inner part of every block is green until a building is placed on it.
  for (const [bx, by] of blocks) {
    for (let r = Math.ceil(by / cs); r < (by + BLOCK_M) / cs; r++) for (let c = Math.ceil(bx / cs); c < (bx + BLOCK_M) / cs; c++) {
      if (rnd() < 0.6) s.landCover[r * n + c] = LandCover.GREEN;
    }
  }
  let count = 0;
  for (let attempt = 0; count < target && attempt < target * 80; attempt++) {
    const [bx, by] = blocks[attempt % blocks.length] as [number, number];
    const u = rnd();
    const t = u < TYPES[0].p ? TYPES[0] : u < TYPES[0].p + TYPES[1].p ? TYPES[1] : TYPES[2];
    const along = t.len[0] + rnd() * (t.len[1] - t.len[0]);
    const depth = t.dep[0] + rnd() * (t.dep[1] - t.dep[0]);
    const [wM, hM] = rnd() < 0.5 ? [along, depth] : [depth, along];
    const x0 = bx + rnd() * (BLOCK_M - wM);
    const y0 = by + rnd() * (BLOCK_M - hM);
    const c0 = Math.floor(x0 / cs), c1 = Math.ceil((x0 + wM) / cs) - 1;
    const r0 = Math.floor(y0 / cs), r1 = Math.ceil((y0 + hM) / cs) - 1;
    const g = Math.round(GAP_M / cs);
    let free = true;
    for (let r = Math.max(0, r0 - g); free && r <= Math.min(n - 1, r1 + g); r++) for (let c = Math.max(0, c0 - g); c <= Math.min(n - 1, c1 + g); c++) {
      if ((s.buildingHeightM[r * n + c] as number) > 0) { free = false; break; }
    }
    if (!free) continue;
    const height = Math.round(t.h[0] + rnd() * (t.h[1] - t.h[0]));
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) {
      s.buildingHeightM[r * n + c] = height;
      s.landCover[r * n + c] = LandCover.BUILT;
    }
    count++;
  }
  // Street trees on the sidewalk-side of the east–west streets (north side), with gaps.
  const trees: TreeInput[] = [];
  const streets: SyntheticTown['streets'] = [];
  for (let k = 0; k * pitch + BLOCK_M + STREET_M <= sizeM; k++) {
    const yStreet = k * pitch + BLOCK_M + STREET_M / 2; // metres from the north edge
    const xStreet = yStreet; // same pattern for north–south streets
    streets.push([[originX, originY - yStreet], [originX + sizeM, originY - yStreet]]);
    streets.push([[originX + xStreet, originY], [originX + xStreet, originY - sizeM]]);
    for (let x = TREE_SPACING_M / 2; x < sizeM; x += TREE_SPACING_M) {
      if (rnd() < 0.5) trees.push({ xM: originX + x, yM: originY - (yStreet - STREET_M / 2 + SIDEWALK_M + 1), treeClass: rnd() < 0.5 ? 'medium' : 'small', heightM: 8 + Math.round(rnd() * 6) });
    }
  }
  const dry = trees.filter((t) => s.landCover[Math.floor((originY - t.yM) / cs) * n + Math.floor((t.xM - originX) / cs)] !== LandCover.WATER);
  addTrees(s, dry, []);
  return { surface: s, walkingRoutes, streets, buildingCount: count, treeCount: dry.length };
}
