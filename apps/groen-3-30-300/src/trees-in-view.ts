/**
 * Rule "3": trees visible from each home (Konijnendijk 2021, 2023: "every citizen should be able to see
 * at least three trees of a decent size from their home").
 *
 * Operationalisation (ours, documented in MODEL_CARD.md): a tree counts for a home when
 *  1. its trunk lies within `viewDistanceM` of the home's facade (footprint boundary), and
 *  2. a straight sight line from the facade to the trunk crosses no building footprint (other buildings
 *     and the home itself: a line from the back facade through the house to a street tree is blocked).
 * Observer points tried per tree: the nearest facade point first, then the midpoint of every facade
 * edge within the view distance. Planar (2D) test: no heights, no crowns hiding trunks, no fences.
 */
import { GridIndex } from './grid-index.js';
import { nearestBoundaryPoint, pointInShape, segmentCrossesShape, type Shape } from '@tweeling/sdk';

/**
 * Default view distance from the facade, m. Our assumption: Konijnendijk (2021, 2023) gives no distance;
 * 30 m is about a residential street plus front gardens on both sides. An input, so users can change it.
 */
export const DEFAULT_VIEW_DISTANCE_M = 30;
/** Number of visible trees the rule asks for (Konijnendijk 2021). */
export const RULE_3_MIN_TREES = 3;
/** Bucket size of the building index, m: about a building plus a street. */
const BUILDING_INDEX_CELL_M = 25;

/** Trees as flat coordinate arrays (RD New, m). */
export interface TreePoints {
  x: Float64Array;
  y: Float64Array;
}

/** Result per home: number of visible trees and the index of each visible tree. */
export interface TreesInView {
  counts: Int32Array;
  visible: number[][];
}

/** Midpoints of all boundary edges of a shape, flat `[x, y, …]`. */
function edgeMidpoints(shape: Shape): number[] {
  const out: number[] = [];
  for (const ring of shape.rings) {
    const n = ring.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      out.push(((ring[2 * j] as number) + (ring[2 * i] as number)) / 2, ((ring[2 * j + 1] as number) + (ring[2 * i + 1] as number)) / 2);
    }
  }
  return out;
}

/**
 * Counts, for every home, the trees within `viewDistanceM` of its facade with an unobstructed sight line.
 *
 * @param buildings - all building footprints (obstacles), homes included
 * @param homeIndices - indices into `buildings` of the homes to evaluate
 * @param trees - tree trunk positions
 * @param viewDistanceM - maximum facade-to-trunk distance, m (> 0)
 * @returns per home (same order as `homeIndices`) the count and the visible tree indices
 * @example
 * const { counts } = countTreesInView(shapes, [0, 1], { x, y }, 30);
 */
export function countTreesInView(buildings: readonly Shape[], homeIndices: readonly number[], trees: TreePoints, viewDistanceM: number): TreesInView {
  if (!(viewDistanceM > 0)) throw new RangeError(`viewDistanceM must be positive, got ${viewDistanceM}`);
  const buildingIndex = new GridIndex(buildings, BUILDING_INDEX_CELL_M);
  const treeBoxes = Array.from(trees.x, (x, i) => ({ minX: x, minY: trees.y[i] as number, maxX: x, maxY: trees.y[i] as number }));
  const treeIndex = new GridIndex(treeBoxes, viewDistanceM);
  const counts = new Int32Array(homeIndices.length);
  const visible: number[][] = [];
  const reach2 = viewDistanceM * viewDistanceM;

  const blocked = (ax: number, ay: number, bx: number, by: number): boolean => {
    let hit = false;
    buildingIndex.query(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by), (b) => {
      if (!hit && segmentCrossesShape(buildings[b] as Shape, ax, ay, bx, by)) hit = true;
    });
    return hit;
  };

  homeIndices.forEach((h, k) => {
    const home = buildings[h] as Shape;
    const candidates: number[] = [];
    treeIndex.query(home.minX - viewDistanceM, home.minY - viewDistanceM, home.maxX + viewDistanceM, home.maxY + viewDistanceM, (t) => {
      candidates.push(t);
    });
    candidates.sort((a, b) => a - b);
    const mids = edgeMidpoints(home);
    const seen: number[] = [];
    for (const t of candidates) {
      const tx = trees.x[t] as number, ty = trees.y[t] as number;
      const near = nearestBoundaryPoint(home, tx, ty);
      if (near.distM > viewDistanceM || pointInShape(home, tx, ty)) continue;
      let ok = !blocked(near.x, near.y, tx, ty);
      for (let m = 0; !ok && m < mids.length; m += 2) {
        const mx = mids[m] as number, my = mids[m + 1] as number;
        const d2 = (tx - mx) ** 2 + (ty - my) ** 2;
        if (d2 <= reach2 && !blocked(mx, my, tx, ty)) ok = true;
      }
      if (ok) seen.push(t);
    }
    counts[k] = seen.length;
    visible.push(seen);
  });
  return { counts, visible };
}
