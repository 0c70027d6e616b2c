/** Parks: a wijkpark with a pond, a footpath loop, woody patches and tree groups; a playground. */
import type { Pt, Rect } from './geometry.js';
import { pointSegmentDistance, rectRing, roundCm } from './geometry.js';
import { LandUse } from './landuse.js';
import type { Plan } from './plan.js';
import type { Rng } from './prng.js';
import { PARK_SPECIES, makeTree } from './trees.js';

/** Park plateau above surrounding ground, m. */
const PARK_RAISE_M = 0.3;
/** Minimum spacing of park trees, m. */
const PARK_TREE_SPACING_M = 7;
/** Park area per tree, m². */
const PARK_AREA_PER_TREE_M2 = 150;

/** A wijkpark in `rect`, crossed north–south by a cycle route at `routeX` (drawn by the caller). */
export function fillPark(plan: Plan, rng: Rng, rect: Rect, routeX: number, name: string): void {
  const r = roundCm;
  plan.parks.push({ ring: rectRing(rect), name, kind: 'park' });
  plan.raises.push({ rect, heightM: PARK_RAISE_M, edgeM: 12 });
  const west = routeX - rect.x0;
  const east = rect.x1 - routeX;
  const onEast = east >= west;
  const sideW = onEast ? east : west;
  const h = rect.y1 - rect.y0;
  const rx = Math.min(45, 0.3 * sideW);
  const ry = Math.min(25, 0.22 * h);
  const cx = onEast ? routeX + sideW / 2 : routeX - sideW / 2;
  const cy = (rect.y0 + rect.y1) / 2 + rng.range(-0.08, 0.08) * h;
  const pond: Pt[] = [];
  for (let i = 0; i < 24; i++) {
    const t = (2 * Math.PI * i) / 24;
    const wobble = 1 + 0.08 * Math.sin(3 * t + rng.range(0, 0.5));
    pond.push([r(cx + rx * wobble * Math.cos(t)), r(cy + ry * wobble * Math.sin(t))]);
  }
  pond.push([pond[0]![0], pond[0]![1]]);
  plan.water.push({ ring: pond, name: `${name} vijver`, kind: 'vijver', depthM: 1.5 });
  // Footpath loop around the pond, both ends on the cycle route.
  const m = 9;
  const xf = onEast ? Math.min(rect.x1 - 6, cx + rx * 1.1 + m) : Math.max(rect.x0 + 6, cx - rx * 1.1 - m);
  const yLo = r(cy - ry * 1.1 - m);
  const yHi = r(cy + ry * 1.1 + m);
  const loop: Pt[] = [[routeX, yLo], [r(xf), yLo], [r(xf), yHi], [routeX, yHi]];
  plan.ways.push({ name: `${name}pad`, roadClass: 'voetpad', widthM: 2, sidewalkM: 0, curbHeightM: 0, pts: loop });
  // Woody patches in the corners away from the paths.
  const patch = 26;
  const corners: Rect[] = [
    { x0: rect.x0 + 4, y0: rect.y0 + 4, x1: rect.x0 + 4 + patch, y1: rect.y0 + 4 + patch },
    { x0: rect.x1 - 4 - patch, y0: rect.y0 + 4, x1: rect.x1 - 4, y1: rect.y0 + 4 + patch },
    { x0: rect.x0 + 4, y0: rect.y1 - 4 - patch, x1: rect.x0 + 4 + patch, y1: rect.y1 - 4 },
    { x0: rect.x1 - 4 - patch, y0: rect.y1 - 4 - patch, x1: rect.x1 - 4, y1: rect.y1 - 4 },
  ];
  const nearPath = (p: Pt, clearance: number): boolean => {
    if (Math.abs(p[0] - routeX) < clearance + 2) return true;
    for (let i = 1; i < loop.length; i++) if (pointSegmentDistance(p, loop[i - 1]!, loop[i]!) < clearance + 1) return true;
    return false;
  };
  const patches: Rect[] = [];
  for (const c of corners) {
    const touches = [[c.x0, c.y0], [c.x1, c.y0], [c.x0, c.y1], [c.x1, c.y1], [(c.x0 + c.x1) / 2, (c.y0 + c.y1) / 2]].some((p) => nearPath(p as Pt, 4));
    const overlapsPath = c.x0 < routeX + 6 && c.x1 > routeX - 6;
    if (!touches && !overlapsPath) {
      patches.push(c);
      plan.paint.push({ ring: rectRing(c), code: LandUse.beplanting });
    }
  }
  // Tree groups: rejection sampling around a few cluster centres.
  const clusters: Pt[] = Array.from({ length: 5 }, () => [rng.range(rect.x0, rect.x1), rng.range(rect.y0, rect.y1)]);
  const target = Math.round(((rect.x1 - rect.x0) * h) / PARK_AREA_PER_TREE_M2);
  const placed: Pt[] = [];
  for (let tries = 0; tries < target * 30 && placed.length < target; tries++) {
    const p: Pt = [rng.range(rect.x0 + 3, rect.x1 - 3), rng.range(rect.y0 + 3, rect.y1 - 3)];
    const inPond = ((p[0] - cx) / (rx + 5)) ** 2 + ((p[1] - cy) / (ry + 5)) ** 2 < 1.3;
    if (inPond || nearPath(p, 3)) continue;
    const dc = Math.min(...clusters.map((c) => Math.hypot(c[0] - p[0], c[1] - p[1])));
    const inPatch = patches.some((c) => p[0] > c.x0 && p[0] < c.x1 && p[1] > c.y0 && p[1] < c.y1);
    if (!inPatch && !rng.chance(Math.exp(-dc / 40))) continue;
    if (placed.some((q) => Math.hypot(q[0] - p[0], q[1] - p[1]) < PARK_TREE_SPACING_M)) continue;
    placed.push(p);
    plan.trees.push(makeTree(rng, p, PARK_SPECIES[rng.int(0, PARK_SPECIES.length - 1)] as string, 'park', [1982, 2018]));
  }
  plan.lowSpots.push([cx, r(cy + ry + 14)]);
}

/** A small neighbourhood playground (speeltuin) with paving and edge trees. */
export function fillPlayground(plan: Plan, rng: Rng, rect: Rect, name: string): void {
  plan.parks.push({ ring: rectRing(rect), name, kind: 'speeltuin' });
  const cx = (rect.x0 + rect.x1) / 2;
  const cy = (rect.y0 + rect.y1) / 2;
  plan.paint.push({ ring: rectRing({ x0: cx - 9, y0: cy - 7, x1: cx + 9, y1: cy + 7 }), code: LandUse.verhardOverig });
  const step = 9;
  for (let x = rect.x0 + 4; x <= rect.x1 - 4; x += step) {
    plan.trees.push(makeTree(rng, [x, rect.y0 + 4], 'Acer', 'park'));
    plan.trees.push(makeTree(rng, [x, rect.y1 - 4], 'Tilia', 'park'));
  }
}
