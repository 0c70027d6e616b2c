/**
 * The in-memory master plan: draft features in local metres (origin at the south-west corner of the
 * area, x east, y north) before they are converted to RD coordinates and GeoJSON.
 */
import type { Pt, Rect } from './geometry.js';
import { bounds, rectRing } from './geometry.js';
import type { LandUseCode } from './landuse.js';
import type { BuildingSubtype, BuildingUse, ParkProps, RoadClass, TreeProps, WaterProps } from './types.js';

/** A road before noding: one polyline with its profile. */
export interface WayDraft {
  name: string;
  roadClass: RoadClass;
  widthM: number;
  sidewalkM: number;
  curbHeightM: number;
  pts: Pt[];
}

/** A building before attributes that depend on the whole area are filled in. */
export interface BuildingDraft {
  ring: Pt[];
  use: BuildingUse;
  subtype: BuildingSubtype;
  name: string | null;
  floors: number;
  heightM: number;
  bouwjaar: number;
  /** Dwellings for residential buildings (0 otherwise). */
  dwellings: number;
  /** Fixed occupancy for institutions (care home), else null to draw per dwelling. */
  residentsFixed: number | null;
}

/** A tree before its id. */
export type TreeDraft = Omit<TreeProps, 'id'> & { p: Pt };

/** A land-use paint operation (later operations win). */
export interface PaintOp {
  ring: Pt[];
  code: LandUseCode;
}

/** A raised area (park plateau) in the DEM. */
export interface RaiseDraft {
  rect: Rect;
  heightM: number;
  /** Width of the smooth edge, m. */
  edgeM: number;
}

/** A named point the assembly needs later (facility exits). */
export interface AnchorDraft {
  key: 'brandweerkazerne' | 'ziekenhuis';
  p: Pt;
  name: string;
  /** Index of the facility building in `Plan.buildings`. */
  buildingIndex: number;
}

/** Everything the layout produces. */
export interface Plan {
  size: number;
  ways: WayDraft[];
  buildings: BuildingDraft[];
  trees: TreeDraft[];
  paint: PaintOp[];
  parks: { ring: Pt[]; name: string; kind: ParkProps['kind'] }[];
  water: { ring: Pt[]; name: string; kind: WaterProps['kind']; depthM: number }[];
  raises: RaiseDraft[];
  /** Candidate centres of local depressions (low spots). */
  lowSpots: Pt[];
  anchors: AnchorDraft[];
}

/** An empty plan for an area of `size` metres. */
export function emptyPlan(size: number): Plan {
  return { size, ways: [], buildings: [], trees: [], paint: [], parks: [], water: [], raises: [], lowSpots: [], anchors: [] };
}

/** Which side of a rectangle a frame's `c = 0` edge lies on. */
export type Side = 's' | 'n' | 'w' | 'e';

/**
 * A local frame on a rectangle: `a` runs along the `c = 0` side, `c` runs away from it into the
 * rectangle. Lets one generator lay out blocks facing any side.
 */
export class Frame {
  /** Length along `a`, m. */
  readonly la: number;
  /** Length along `c`, m. */
  readonly lc: number;
  private readonly o: Pt;
  private readonly ea: Pt;
  private readonly ec: Pt;

  constructor(rect: Rect, side: Side) {
    const w = rect.x1 - rect.x0;
    const h = rect.y1 - rect.y0;
    switch (side) {
      case 's':
        [this.o, this.ea, this.ec, this.la, this.lc] = [[rect.x0, rect.y0], [1, 0], [0, 1], w, h];
        break;
      case 'n':
        [this.o, this.ea, this.ec, this.la, this.lc] = [[rect.x0, rect.y1], [1, 0], [0, -1], w, h];
        break;
      case 'w':
        [this.o, this.ea, this.ec, this.la, this.lc] = [[rect.x0, rect.y0], [0, 1], [1, 0], h, w];
        break;
      case 'e':
        [this.o, this.ea, this.ec, this.la, this.lc] = [[rect.x1, rect.y0], [0, 1], [-1, 0], h, w];
        break;
    }
  }

  /** World point of frame coordinates (a, c). */
  pt(a: number, c: number): Pt {
    return [this.o[0] + a * this.ea[0] + c * this.ec[0], this.o[1] + a * this.ea[1] + c * this.ec[1]];
  }

  /** World rectangle of a frame rectangle. */
  rect(a0: number, c0: number, a1: number, c1: number): Rect {
    return bounds([this.pt(a0, c0), this.pt(a1, c1)]);
  }

  /** Counter-clockwise ring of a frame rectangle. */
  ring(a0: number, c0: number, a1: number, c1: number): Pt[] {
    return rectRing(this.rect(a0, c0, a1, c1));
  }

  /** Counter-clockwise ring of a frame polygon given as frame vertices. */
  poly(vertices: readonly [number, number][]): Pt[] {
    const pts = vertices.map(([a, c]) => this.pt(a, c));
    let s = 0;
    for (let i = 0; i < pts.length; i++) {
      const p = pts[i] as Pt;
      const q = pts[(i + 1) % pts.length] as Pt;
      s += p[0] * q[1] - q[0] * p[1];
    }
    if (s < 0) pts.reverse();
    const first = pts[0] as Pt;
    pts.push([first[0], first[1]]);
    return pts;
  }
}
