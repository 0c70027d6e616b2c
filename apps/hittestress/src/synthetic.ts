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

const PITCH_M = BLOCK_M + STREET_M;
const GARDEN_SHARE = 0.6;
const CANAL_WIDTH_M = 6;

/** Sidewalks: 2 m strips along both sides of every street. */
function sidewalks(n: number, cs: number): Uint8Array {
  const routes = new Uint8Array(n * n);
  const edge = (d: number): boolean => d >= 0 && (d < SIDEWALK_M || d >= STREET_M - SIDEWALK_M);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
    const dx = ((c + 0.5) * cs) % PITCH_M - BLOCK_M;
    const dy = ((r + 0.5) * cs) % PITCH_M - BLOCK_M;
    if (edge(dx) || edge(dy)) routes[r * n + c] = 1;
  }
  return routes;
}

/** Canal: a 6 m strip of water in the middle of one east–west street in the south third. */
function digCanal(s: SurfaceModel, routes: Uint8Array, sizeM: number): void {
  const { width: n, cellSize: cs } = s.grid;
  const row0 = Math.floor((Math.floor((0.66 * sizeM) / PITCH_M) * PITCH_M + BLOCK_M + (STREET_M - CANAL_WIDTH_M) / 2) / cs);
  for (let r = row0; r < Math.min(n, row0 + Math.round(CANAL_WIDTH_M / cs)); r++) for (let c = 0; c < n; c++) {
    s.landCover[r * n + c] = LandCover.WATER;
    routes[r * n + c] = 0;
  }
}

/** Random gardens in the blocks, then buildings placed round-robin over the blocks without overlap. */
function placeBuildings(s: SurfaceModel, blocks: Array<[number, number]>, target: number, rnd: () => number): number {
  const { width: n, cellSize: cs } = s.grid;
  for (const [bx, by] of blocks) {
    for (let r = Math.ceil(by / cs); r < (by + BLOCK_M) / cs; r++) for (let c = Math.ceil(bx / cs); c < (bx + BLOCK_M) / cs; c++) {
      if (rnd() < GARDEN_SHARE) s.landCover[r * n + c] = LandCover.GREEN;
    }
  }
  const g = Math.round(GAP_M / cs);
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
  return count;
}

/** Street centre lines, and street trees (half the positions, every 15 m) in the north verge of east–west streets. */
function streetsAndTrees(s: SurfaceModel, sizeM: number, rnd: () => number): { streets: SyntheticTown['streets']; trees: TreeInput[] } {
  const { originX, originY } = s.grid;
  const trees: TreeInput[] = [];
  const streets: SyntheticTown['streets'] = [];
  for (let k = 0; k * PITCH_M + BLOCK_M + STREET_M <= sizeM; k++) {
    const mid = k * PITCH_M + BLOCK_M + STREET_M / 2; // metres from the north (and west) edge
    streets.push([[originX, originY - mid], [originX + sizeM, originY - mid]]);
    streets.push([[originX + mid, originY], [originX + mid, originY - sizeM]]);
    for (let x = TREE_SPACING_M / 2; x < sizeM; x += TREE_SPACING_M) {
      if (rnd() < 0.5) {
        trees.push({ xM: originX + x, yM: originY - (mid - STREET_M / 2 + SIDEWALK_M + 1), treeClass: rnd() < 0.5 ? 'medium' : 'small', heightM: 8 + Math.round(rnd() * 6) });
      }
    }
  }
  return { streets, trees };
}

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
  const dem: RasterGrid<Float32Array> = {
    width: n, height: n, originX: o.originX ?? 140500, originY: o.originY ?? 486500, cellSize: cs, crs: 'EPSG:28992', noData: null,
    data: new Float32Array(n * n),
  };
  const s = createSurfaceModel(dem);
  const walkingRoutes = sidewalks(n, cs);
  digCanal(s, walkingRoutes, sizeM);
  const blocks: Array<[number, number]> = [];
  for (let by = 0; by + BLOCK_M <= sizeM; by += PITCH_M) for (let bx = 0; bx + BLOCK_M <= sizeM; bx += PITCH_M) blocks.push([bx, by]);
  const buildingCount = placeBuildings(s, blocks, target, rnd);
  const { streets, trees } = streetsAndTrees(s, sizeM, rnd);
  const dry = trees.filter((t) => s.landCover[Math.floor((dem.originY - t.yM) / cs) * n + Math.floor((t.xM - dem.originX) / cs)] !== LandCover.WATER);
  addTrees(s, dry, []);
  return { surface: s, walkingRoutes, streets, buildingCount, treeCount: dry.length };
}
