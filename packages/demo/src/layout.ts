/**
 * The master plan of the district: main roads, canal, zones (one per buurt) and what fills them.
 * All in local metres, origin at the south-west corner.
 */
import type { Rect } from './geometry.js';
import { rectRing, roundCm } from './geometry.js';
import type { Plan } from './plan.js';
import { emptyPlan } from './plan.js';
import { fillPark, fillPlayground } from './park.js';
import type { Rng } from './prng.js';
import { fillResidential } from './residential.js';
import { fillSite } from './sites.js';
import { makeTree } from './trees.js';

/** Half-width of the hoofdweg corridor (carriageway, verges, parallel cycle paths), m. */
export const HOOFDWEG_CORRIDOR_HALF_M = 16.5;
/** Half-width of the wijkontsluitingsweg corridor, m. */
export const WIJKWEG_CORRIDOR_HALF_M = 12;
/** Half-width of the canal corridor (water + banks), m. */
export const CANAL_CORRIDOR_HALF_M = 18;
/** Main-road profiles: carriageway width, cycle-path width and the cycle path's centre offset, m. */
const HOOFDWEG = { widthM: 12, cycleWidthM: 3.5, cycleOffsetM: 11.75, curbM: 0.12 } as const;
const WIJKWEG = { widthM: 7, cycleWidthM: 3, cycleOffsetM: 8, curbM: 0.12 } as const;
/** Footpath along the east bank of the canal: offset from the canal centre and width, m. */
const BANK_PATH = { offsetM: 14, widthM: 2 } as const;
/** Half-width of the canal water, m. */
export const CANAL_WATER_HALF_M = 10;
/** Depth of the hospital campus from the hoofdweg corridor, m (a park lies south of it). */
const HOSPITAL_DEPTH_M = 160;
/** Half-width of the green cycle-route corridor, m. */
const ROUTE_CORRIDOR_HALF_M = 7.75;

/** The five buurten of the plan (rectangles between road/canal centrelines). */
export interface BuurtDraft {
  code: string;
  naam: string;
  rect: Rect;
  /** Probability that a household is 75+. */
  elderlyShare: number;
}

/** Street-name themes per buurt (fictitious). */
const THEMES: readonly (readonly string[])[] = [
  ['Merel', 'Lijster', 'Vink', 'Mees', 'Roodborst', 'Winterkoning', 'Zwaluw', 'Specht', 'Gaai', 'Kwikstaart', 'Boomklever', 'Goudvink', 'Putter', 'Sijs', 'Kievit', 'Grutto'],
  ['Akelei', 'Klaproos', 'Korenbloem', 'Margriet', 'Lavendel', 'Zonnebloem', 'Tulp', 'Narcis', 'Krokus', 'Hyacint', 'Iris', 'Lelie', 'Dahlia', 'Anjer', 'Distel', 'Salie'],
  ['Smids', 'Bakkers', 'Kuipers', 'Wevers', 'Molenaars', 'Touwslagers', 'Pottenbakkers', 'Schilders', 'Timmermans', 'Metselaars', 'Kaarsenmakers', 'Mandenmakers', 'Zadelmakers', 'Klompenmakers', 'Lijndraaiers', 'Glazeniers'],
  ['Orion', 'Lyra', 'Vega', 'Sirius', 'Pegasus', 'Andromeda', 'Cassiopeia', 'Draco', 'Perseus', 'Polaris', 'Altair', 'Deneb', 'Capella', 'Rigel', 'Antares', 'Castor'],
  ['Schouw', 'Tjalk', 'Botter', 'Aak', 'Praam', 'Punter', 'Boeier', 'Klipper', 'Kotter', 'Schokker', 'Hoogaars', 'Galjoen', 'Fluit', 'Pink', 'Snik', 'Kaag'],
];
const SUFFIXES = ['straat', 'hof', 'laan', 'erf', 'pad', 'plein'];

/** A name supplier cycling through a theme and suffixes, shuffled by the stream. */
function namer(rng: Rng, theme: readonly string[]): () => string {
  const order = theme.map((t) => ({ t, k: rng.random() })).sort((x, y) => x.k - y.k).map((x) => x.t);
  let i = 0;
  return () => {
    const word = order[i % order.length] as string;
    const suffix = SUFFIXES[Math.floor(i / order.length) % SUFFIXES.length] as string;
    i++;
    return `${word}${suffix}`;
  };
}

/**
 * Build the master plan for an area of `size` metres. `bandScale` stretches the depth of the
 * residential bands (more green between rows of houses, fewer houses).
 */
export function buildPlan(rng: Rng, size: number, bandScale = 1): { plan: Plan; buurten: BuurtDraft[]; lines: { hv: number; wu: number; cu: number } } {
  const S = size;
  const plan = emptyPlan(S);
  const r = roundCm;
  const hv = r(S * (0.4 + rng.range(-0.02, 0.02)));
  const wu = r(S * (0.45 + rng.range(-0.02, 0.02)));
  const cu = r(S * (0.8 + rng.range(-0.02, 0.02)));
  const H = HOOFDWEG_CORRIDOR_HALF_M;
  const W = WIJKWEG_CORRIDOR_HALF_M;
  const C = CANAL_CORRIDOR_HALF_M;

  // Main roads with their parallel cycle paths.
  plan.ways.push({ name: 'Tweelingweg', roadClass: 'hoofdweg', widthM: HOOFDWEG.widthM, sidewalkM: 0, curbHeightM: HOOFDWEG.curbM, pts: [[0, hv], [S, hv]] });
  for (const d of [-HOOFDWEG.cycleOffsetM, HOOFDWEG.cycleOffsetM]) {
    plan.ways.push({ name: 'Tweelingweg (fietspad)', roadClass: 'fietspad', widthM: HOOFDWEG.cycleWidthM, sidewalkM: 0, curbHeightM: 0, pts: [[0, hv + d], [S, hv + d]] });
  }
  plan.ways.push({ name: 'Demolaan', roadClass: 'wijkontsluitingsweg', widthM: WIJKWEG.widthM, sidewalkM: 0, curbHeightM: WIJKWEG.curbM, pts: [[wu, 0], [wu, S]] });
  for (const d of [-WIJKWEG.cycleOffsetM, WIJKWEG.cycleOffsetM]) {
    plan.ways.push({ name: 'Demolaan (fietspad)', roadClass: 'fietspad', widthM: WIJKWEG.cycleWidthM, sidewalkM: 0, curbHeightM: 0, pts: [[wu + d, 0], [wu + d, S]] });
  }
  plan.ways.push({ name: 'Vaartpad', roadClass: 'voetpad', widthM: BANK_PATH.widthM, sidewalkM: 0, curbHeightM: 0, pts: [[cu + BANK_PATH.offsetM, 0], [cu + BANK_PATH.offsetM, S]] });

  // Canal, interrupted by the hoofdweg dam (with culvert).
  const canalParts: Rect[] = [
    { x0: cu - CANAL_WATER_HALF_M, y0: 0, x1: cu + CANAL_WATER_HALF_M, y1: hv - H },
    { x0: cu - CANAL_WATER_HALF_M, y0: hv + H, x1: cu + CANAL_WATER_HALF_M, y1: S },
  ];
  canalParts.forEach((rect, i) => plan.water.push({ ring: rectRing(rect), name: `Demovaart ${i === 0 ? 'zuid' : 'noord'}`, kind: 'vaart', depthM: 2 }));

  // Roadside and bank trees.
  const tr = rng.fork('main-trees');
  for (let x = 6; x <= S - 6; x += 10) for (const d of [-8, 8]) plan.trees.push(makeTree(tr, [x, hv + d], 'Platanus', 'straat', [1980, 1990]));
  for (let y = 6; y <= S - 6; y += 9) for (const d of [-5, 5]) plan.trees.push(makeTree(tr, [wu + d, y], 'Tilia', 'straat', [1980, 1995]));
  for (let y = 5; y <= S - 5; y += 11) for (const d of [-13, 12]) plan.trees.push(makeTree(tr, [cu + d, y], tr.chance(0.6) ? 'Salix' : 'Alnus', 'oever'));

  const A: Rect = { x0: 0, y0: hv + H, x1: wu - W, y1: S };
  const B: Rect = { x0: wu + W, y0: hv + H, x1: cu - C, y1: S };
  const Cz: Rect = { x0: 0, y0: 0, x1: wu - W, y1: hv - H };
  const D: Rect = { x0: wu + W, y0: 0, x1: cu - C, y1: hv - H };
  const E: Rect = { x0: cu + C, y0: hv + H, x1: S, y1: S };
  const F: Rect = { x0: cu + C, y0: 0, x1: S, y1: hv - H };
  const names = THEMES.map((t, i) => namer(rng.fork(`names-${i}`), t));
  const nm = (i: number): (() => string) => names[i] as () => string;

  // Zone A (Parkkwartier): cycle route, park, flats, residential north and south.
  {
    const z = rng.fork('zone-A');
    const aw = A.x1 - A.x0;
    const ah = A.y1 - A.y0;
    const gu = r(A.x0 + 0.4 * aw);
    const pv0 = r(A.y0 + 0.36 * ah);
    const pv1 = r(pv0 + Math.min(160, Math.max(100, 0.25 * ah)));
    const pu1 = r(A.x0 + 0.68 * aw);
    plan.ways.push({ name: 'Groene Route', roadClass: 'fietspad', widthM: HOOFDWEG.cycleWidthM, sidewalkM: 0, curbHeightM: 0, pts: [[gu, hv + HOOFDWEG.cycleOffsetM], [gu, S]] });
    const gap: [number, number] = [gu - A.x0 - ROUTE_CORRIDOR_HALF_M, gu - A.x0 + ROUTE_CORRIDOR_HALF_M];
    const mix = { rij: 0.55, tweekap: 0.3, vrijstaand: 0.1, flat: 0.05 };
    fillResidential(plan, z.fork('s'), { rect: { ...A, y1: pv0 }, side: 's', connect: [{ side: 'a1', distM: W }, { side: 'c0', distM: H }], gaps: [gap], mix, bouwjaar: [1990, 1996], bandTargetM: 108 * bandScale, nextName: nm(0) });
    fillResidential(plan, z.fork('n'), { rect: { ...A, y0: pv1 }, side: 's', connect: [{ side: 'a1', distM: W }], gaps: [gap], mix, bouwjaar: [1992, 1999], bandTargetM: 108 * bandScale, nextName: nm(0) });
    fillResidential(plan, z.fork('m'), { rect: { x0: pu1, y0: pv0, x1: A.x1, y1: pv1 }, side: 's', connect: [{ side: 'a1', distM: W }], mix: { flat: 1 }, bouwjaar: [1995, 2002], bandTargetM: 66 * bandScale, nextName: nm(0) });
    fillPark(plan, z.fork('park'), { x0: A.x0, y0: pv0, x1: pu1, y1: pv1 }, gu, 'Tweelingpark');
  }
  // Zone B (Marktbuurt): shops and care home on the hoofdweg, school, residential north.
  {
    const z = rng.fork('zone-B');
    const bw = B.x1 - B.x0;
    const s1 = r(B.y0 + 120);
    const s2 = r(B.y0 + 240);
    const xs = r(B.x0 + 0.55 * bw);
    fillSite(plan, z.fork('winkel'), { rect: { x0: B.x0, y0: B.y0, x1: xs, y1: s1 }, side: 's', distM: H, kind: 'winkel', name: 'Winkelcentrum De Tweeling (demo)', accessName: 'Marktplein', bouwjaar: 1994 });
    fillSite(plan, z.fork('zorg'), { rect: { x0: xs, y0: B.y0, x1: B.x1, y1: s1 }, side: 's', distM: H, kind: 'zorg', name: 'Zorgcentrum De Linde (demo)', accessName: 'Zorgpad', bouwjaar: 1998 });
    const xsch = r(B.x0 + 0.6 * bw);
    fillSite(plan, z.fork('school'), { rect: { x0: B.x0, y0: s1, x1: xsch, y1: s2 }, side: 'w', distM: W, kind: 'school', name: 'Basisschool De Vaart (demo)', accessName: 'Schoolstraat', bouwjaar: 1996 });
    const field: Rect = { x0: xsch + 4, y0: s1 + 4, x1: B.x1 - 4, y1: s2 - 4 };
    plan.parks.push({ ring: rectRing(field), name: 'Trapveld Marktbuurt', kind: 'trapveld' });
    for (let x = field.x0 + 3; x <= field.x1 - 3; x += 10) for (const y of [field.y0 + 3, field.y1 - 3]) plan.trees.push(makeTree(z, [x, y], 'Tilia', 'park'));
    for (let y = field.y0 + 13; y <= field.y1 - 13; y += 10) for (const x of [field.x0 + 3, field.x1 - 3]) plan.trees.push(makeTree(z, [x, y], 'Tilia', 'park'));
    fillResidential(plan, z.fork('n'), { rect: { ...B, y0: s2 }, side: 's', connect: [{ side: 'a0', distM: W }], mix: { rij: 0.6, tweekap: 0.25, flat: 0.15 }, bouwjaar: [1993, 2000], bandTargetM: 105 * bandScale, nextName: nm(1) });
  }
  // Zone C (Molenbuurt): older terraced housing, flats and a playground along the Demolaan.
  {
    const z = rng.fork('zone-C');
    const xe = r(Cz.x1 - 70);
    fillResidential(plan, z.fork('main'), { rect: { ...Cz, x1: xe }, side: 'w', connect: [{ side: 'a1', distM: H }], mix: { rij: 0.8, tweekap: 0.2 }, bouwjaar: [1979, 1986], bandTargetM: 105 * bandScale, nextName: nm(2) });
    fillPlayground(plan, z.fork('speel'), { x0: xe + 3, y0: 3, x1: Cz.x1 - 3, y1: 72 }, 'Speeltuin Molenbuurt');
    fillResidential(plan, z.fork('flats'), { rect: { x0: xe, y0: 75, x1: Cz.x1, y1: Cz.y1 }, side: 's', connect: [{ side: 'a1', distM: W }], mix: { flat: 1 }, bouwjaar: [1982, 1988], bandTargetM: 66 * bandScale, nextName: nm(2) });
  }
  // Zone D (Kazernebuurt): fire station and offices on the hoofdweg, terraced housing.
  {
    const z = rng.fork('zone-D');
    const ys = r(D.y1 - 60);
    fillSite(plan, z.fork('brandweer'), { rect: { x0: D.x0, y0: ys, x1: D.x0 + 70, y1: D.y1 }, side: 'n', distM: H, kind: 'brandweer', name: 'Brandweerkazerne Tweeling (demo)', accessName: 'Kazerneplein', bouwjaar: 1990 });
    fillSite(plan, z.fork('kantoor'), { rect: { x0: D.x0 + 70, y0: ys, x1: D.x1, y1: D.y1 }, side: 'n', distM: H, kind: 'kantoor', name: 'Kantorenstrook Tweelingweg (demo)', accessName: 'Kantorenerf', bouwjaar: 2001 });
    fillResidential(plan, z.fork('res'), { rect: { ...D, y1: ys }, side: 's', connect: [{ side: 'a0', distM: W }], mix: { rij: 0.75, tweekap: 0.15, flat: 0.1 }, bouwjaar: [1983, 1990], bandTargetM: 105 * bandScale, nextName: nm(3) });
  }
  // Zone E+F (Vaartoever): waterfront housing north, hospital campus south.
  {
    const z = rng.fork('zone-E');
    fillResidential(plan, z.fork('res'), { rect: E, side: 'w', connect: [{ side: 'a0', distM: H }], mix: { rij: 0.3, tweekap: 0.45, vrijstaand: 0.25 }, bouwjaar: [2003, 2012], bandTargetM: 105 * bandScale, nextName: nm(4) });
    fillSite(plan, z.fork('zkh'), { rect: { ...F, y0: F.y1 - HOSPITAL_DEPTH_M }, side: 'n', distM: H, kind: 'ziekenhuis', name: 'Ziekenhuis Tweeling (demo)', accessName: 'Ziekenhuislaan', bouwjaar: 2008 });
    if (F.y1 - HOSPITAL_DEPTH_M > 80) fillPark(plan, z.fork('park'), { ...F, y1: F.y1 - HOSPITAL_DEPTH_M }, cu + BANK_PATH.offsetM, 'Vaartoeverpark');
  }

  const buurten: BuurtDraft[] = [
    { code: 'BU0034DM01', naam: 'Parkkwartier (demo)', rect: { x0: 0, y0: hv, x1: wu, y1: S }, elderlyShare: 0.05 },
    { code: 'BU0034DM02', naam: 'Marktbuurt (demo)', rect: { x0: wu, y0: hv, x1: cu, y1: S }, elderlyShare: 0.08 },
    { code: 'BU0034DM03', naam: 'Molenbuurt (demo)', rect: { x0: 0, y0: 0, x1: wu, y1: hv }, elderlyShare: 0.09 },
    { code: 'BU0034DM04', naam: 'Kazernebuurt (demo)', rect: { x0: wu, y0: 0, x1: cu, y1: hv }, elderlyShare: 0.06 },
    { code: 'BU0034DM05', naam: 'Vaartoever (demo)', rect: { x0: cu, y0: 0, x1: S, y1: S }, elderlyShare: 0.03 },
  ];
  return { plan, buurten, lines: { hv, wu, cu } };
}
