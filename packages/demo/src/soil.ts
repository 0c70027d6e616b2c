/**
 * Soil map: the area is cut into convex polygons by random lines and each gets a Dutch soil class
 * (klei, zavel, veen, zand) with indicative Bodemkaart-style codes and groundwater levels (GHG/GLG,
 * m below surface). Flevoland polder soils are mostly calcareous clay and loam (poldervaaggronden);
 * peat and sand occur locally. Every class occurs at least once.
 */
import type { Pt } from './geometry.js';
import { clipHalfPlane, closeRing, ringArea, ringCentroid, roundCm } from './geometry.js';
import type { Rng } from './prng.js';
import type { SoilClass, SoilProps } from './types.js';

type Range = [number, number];
/** Per-class soil description and groundwater ranges (m below surface), seepage (mm/day). */
export const SOIL_CLASSES: Readonly<Record<SoilClass, { soilCode: string; description: string; ghgM: Range; glgM: Range; kwel: Range; zetting: SoilProps['zettingsgevoeligheid'] }>> = {
  klei: { soilCode: 'Mn35A', description: 'Kalkrijke poldervaaggrond, lichte klei (indicatief)', ghgM: [0.5, 0.8], glgM: [1.2, 1.6], kwel: [-0.3, 0.5], zetting: 'matig' },
  zavel: { soilCode: 'Mn25A', description: 'Kalkrijke poldervaaggrond, zware zavel (indicatief)', ghgM: [0.6, 0.9], glgM: [1.3, 1.7], kwel: [-0.3, 0.3], zetting: 'laag' },
  veen: { soilCode: 'Vp', description: 'Koopveengrond onder dun kleidek (indicatief)', ghgM: [0.2, 0.38], glgM: [0.7, 1.0], kwel: [0.2, 1.0], zetting: 'hoog' },
  zand: { soilCode: 'Zn21', description: 'Vlakvaaggrond, leemarm fijn zand (indicatief)', ghgM: [0.8, 1.2], glgM: [1.6, 2.2], kwel: [-0.5, 0.2], zetting: 'laag' },
};

/**
 * Grondwatertrap from GHG and GLG (m below surface), after the standard Dutch table:
 * I GLG < 0.5; II GLG 0.5–0.8; III/IV GLG 0.8–1.2 with GHG < / ≥ 0.4; V/VI/VII/VIII GLG > 1.2 with
 * GHG < 0.4 / 0.4–0.8 / 0.8–1.4 / ≥ 1.4.
 */
export function grondwatertrap(ghgM: number, glgM: number): string {
  if (glgM < 0.5) return 'I';
  if (glgM < 0.8) return 'II';
  if (glgM < 1.2) return ghgM < 0.4 ? 'III' : 'IV';
  if (ghgM < 0.4) return 'V';
  if (ghgM < 0.8) return 'VI';
  return ghgM < 1.4 ? 'VII' : 'VIII';
}

/** Soil polygons (local metres, closed rings) covering the square of side `size`. */
export function buildSoil(rng: Rng, size: number): { ring: Pt[]; props: SoilProps }[] {
  const target = Math.min(24, Math.max(6, Math.round((8 * size * size) / 1e6)));
  let polys: Pt[][] = [[[0, 0], [size, 0], [size, size], [0, size]]];
  for (let tries = 0; polys.length < target && tries < 500; tries++) {
    polys.sort((a, b) => ringArea(b) - ringArea(a));
    const big = polys[0] as Pt[];
    const c = ringCentroid(big);
    const span = Math.sqrt(ringArea(big)) * 0.25;
    const p: Pt = [c[0] + rng.range(-span, span), c[1] + rng.range(-span, span)];
    const ang = rng.range(0, Math.PI);
    const d: Pt = [Math.cos(ang), Math.sin(ang)];
    const left = clipHalfPlane(big, p, d);
    const right = clipHalfPlane(big, p, [-d[0], -d[1]]);
    const total = ringArea(big);
    if (left.length < 3 || right.length < 3 || ringArea(left) < 0.2 * total || ringArea(right) < 0.2 * total) continue;
    polys = [left, right, ...polys.slice(1)];
  }
  // Stable order: by centroid, north to south then west to east.
  const ordered = polys
    .map((ring) => ({ ring: closeRing(ring.map((q): Pt => [roundCm(q[0]), roundCm(q[1])])), c: ringCentroid(ring) }))
    .sort((a, b) => b.c[1] - a.c[1] || a.c[0] - b.c[0]);
  const forced: SoilClass[] = ['klei', 'zavel', 'veen', 'zand'];
  for (let i = forced.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [forced[i], forced[j]] = [forced[j] as SoilClass, forced[i] as SoilClass];
  }
  return ordered.map(({ ring }, i) => {
    const soilClass: SoilClass = forced[i] ?? rng.weighted({ klei: 0.4, zavel: 0.35, veen: 0.1, zand: 0.15 });
    const spec = SOIL_CLASSES[soilClass];
    const ghgM = Math.round(rng.range(spec.ghgM[0], spec.ghgM[1]) * 100) / 100;
    const glgM = Math.round(rng.range(spec.glgM[0], spec.glgM[1]) * 100) / 100;
    return {
      ring,
      props: {
        id: `s${String(i + 1).padStart(2, '0')}`,
        soilClass,
        soilCode: spec.soilCode,
        description: spec.description,
        ghgM,
        glgM,
        grondwatertrap: grondwatertrap(ghgM, glgM),
        kwelMmPerDag: Math.round(rng.range(spec.kwel[0], spec.kwel[1]) * 100) / 100,
        zettingsgevoeligheid: spec.zetting,
      },
    };
  });
}
