/**
 * A uniform-grid spatial index over bounding boxes: items are registered in every bucket their box
 * touches; a query returns each item once (stamp array, no Set allocation per query).
 * Chosen over an R-tree because the data (homes, trees, road edges of one district) is evenly spread,
 * and the grid is simple to make deterministic.
 */

/** Bounding box `minX, minY, maxX, maxY` in metres. */
export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Spatial grid index of item ids `0 … n-1` by bounding box. */
export class GridIndex {
  private readonly buckets = new Map<number, number[]>();
  private readonly stamps: Uint32Array;
  private stamp = 0;

  /**
   * @param boxes - one bounding box per item, item id = array index
   * @param cellSizeM - bucket size in metres; about the typical query size works best
   */
  constructor(boxes: readonly Box[], private readonly cellSizeM: number) {
    if (!(cellSizeM > 0)) throw new RangeError(`cellSizeM must be positive, got ${cellSizeM}`);
    this.stamps = new Uint32Array(boxes.length);
    boxes.forEach((b, id) => {
      this.forBuckets(b.minX, b.minY, b.maxX, b.maxY, (key) => {
        const list = this.buckets.get(key);
        if (list) list.push(id);
        else this.buckets.set(key, [id]);
      });
    });
  }

  private forBuckets(minX: number, minY: number, maxX: number, maxY: number, visit: (key: number) => void): void {
    const c0 = Math.floor(minX / this.cellSizeM), c1 = Math.floor(maxX / this.cellSizeM);
    const r0 = Math.floor(minY / this.cellSizeM), r1 = Math.floor(maxY / this.cellSizeM);
    for (let r = r0; r <= r1; r++) {
      // Cantor-free key: rows and columns of RD New fit easily in 2^21 buckets of ≥ 1 m.
      for (let c = c0; c <= c1; c++) visit(r * 2_097_152 + c);
    }
  }

  /**
   * Calls `visit(id)` once for every item whose box may intersect the query box.
   * Not re-entrant: `visit` must not query the same index.
   */
  query(minX: number, minY: number, maxX: number, maxY: number, visit: (id: number) => void): void {
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    const stamp = this.stamp;
    this.forBuckets(minX, minY, maxX, maxY, (key) => {
      const list = this.buckets.get(key);
      if (!list) return;
      for (const id of list) {
        if (this.stamps[id] === stamp) continue;
        this.stamps[id] = stamp;
        visit(id);
      }
    });
  }
}
