/**
 * Physiological equivalent temperature (PET, °C) per cell for a hot afternoon, with the regressions of
 * the Dutch standard heat map ("hittekaart gevoelstemperatuur", Klimaateffectatlas; Koopmans,
 * Heusinkveld & Steeneveld 2020, "A standardized Physical Equivalent Temperature urban heat map at
 * 1-m spatial resolution to facilitate climate stress tests in the Netherlands", Building and
 * Environment 181:106984; formulas as documented for the DPRA method in the Tygron Heat Overlay):
 *
 *   PET_sun   = −13.26 + 1.25 Ta + 0.011 Qg − 3.37 ln u + 0.078 Tw + 0.0055 Qg ln u + 5.56 sin φ
 *               − 0.0103 Qg ln u sin φ + 0.546 Bb + 1.94 SVF
 *   PET_shade = −12.14 + 1.25 Ta − 1.47 ln u + 0.060 Tw + 0.015 SVF Qd + 0.0060 (1 − SVF) σ (Ta + 273.15)⁴
 *
 * Ta air temperature (°C), Qg global and Qd diffuse radiation (W/m²), u wind at 1.2 m (m/s), Tw wet-bulb
 * temperature (°C, Stull 2011), φ sun elevation, Bb Bowen ratio of the land cover (0.4 green/water,
 * 3.0 paved/built, as in the DPRA method), SVF sky-view factor, σ Stefan–Boltzmann.
 * A cell with sunlit fraction f gets f · max(PET_sun, PET_shade) + (1 − f) · PET_shade (f = crown
 * transmissivity under trees; the max guards against the two fits crossing at low sun). The hour values are averaged over the afternoon (the national map: 12:00–18:00 local time).
 *
 * Not reproduced (see MODEL_CARD.md): the map's urban-heat-island term on Ta, its observed radiation of
 * the 1 July 2015 reference day (here a clear-sky model), and its upwind wind window.
 */
import { HittestressError } from './errors.js';
import { LandCover } from './surface.js';

/** Bowen ratio per land cover, daytime (DPRA method: 0.4 for vegetation and water, 3.0 otherwise). */
export const BOWEN_RATIO: Record<LandCover, number> = {
  [LandCover.PAVED]: 3.0,
  [LandCover.GREEN]: 0.4,
  [LandCover.WATER]: 0.4,
  [LandCover.BUILT]: 3.0,
};

/** Weather of one hour. */
export interface HourWeather {
  /** Air temperature, °C. */
  airTempC: number;
  /** Relative humidity, %. */
  relHumidityPct: number;
  /** Global (horizontal) radiation, W/m². */
  globalWm2: number;
  /** Diffuse (horizontal) radiation, W/m². */
  diffuseWm2: number;
  /** Sun elevation, degrees. */
  sunElevationDeg: number;
}

const STEFAN_BOLTZMANN = 5.670374419e-8;
const KELVIN = 273.15;
const DEG = Math.PI / 180;
/** Haurwitz (1945) clear-sky global radiation: G = 1098 sin h · exp(−0.057 / sin h) W/m². */
const HAURWITZ_A_WM2 = 1098;
const HAURWITZ_B = 0.057;
/** Diffuse fraction of clear skies (Erbs, Klein & Duffie 1982: kd = 0.165 for clearness index > 0.8). */
export const CLEAR_SKY_DIFFUSE_FRACTION = 0.165;

/** Clear-sky global and diffuse radiation for a sun elevation (Haurwitz 1945; Erbs et al. 1982). */
export function clearSkyRadiation(sunElevationDeg: number): { globalWm2: number; diffuseWm2: number } {
  const s = Math.sin(sunElevationDeg * DEG);
  if (s <= 0) return { globalWm2: 0, diffuseWm2: 0 };
  const g = HAURWITZ_A_WM2 * s * Math.exp(-HAURWITZ_B / s);
  return { globalWm2: g, diffuseWm2: CLEAR_SKY_DIFFUSE_FRACTION * g };
}

/**
 * Wet-bulb temperature from air temperature and relative humidity (Stull 2011, J. Appl. Meteorol.
 * Climatol. 50:2267–2269; valid for RH 5–99 %, Ta −20…50 °C, error within ±1 °C).
 */
export function wetBulbC(airTempC: number, relHumidityPct: number): number {
  const T = airTempC;
  const RH = relHumidityPct;
  return (
    T * Math.atan(0.151977 * Math.sqrt(RH + 8.313659)) + Math.atan(T + RH) - Math.atan(RH - 1.676331) +
    0.00391838 * Math.pow(RH, 1.5) * Math.atan(0.023101 * RH) - 4.686935
  );
}

/** PET in the sun, °C (Koopmans et al. 2020 regression; see the file header). */
export function petSunC(w: HourWeather, windMPerS: number, bowenRatio: number, svf: number): number {
  const lnU = Math.log(windMPerS);
  const sinPhi = Math.sin(w.sunElevationDeg * DEG);
  const Tw = wetBulbC(w.airTempC, w.relHumidityPct);
  const Q = w.globalWm2;
  return (
    -13.26 + 1.25 * w.airTempC + 0.011 * Q - 3.37 * lnU + 0.078 * Tw + 0.0055 * Q * lnU + 5.56 * sinPhi -
    0.0103 * Q * lnU * sinPhi + 0.546 * bowenRatio + 1.94 * svf
  );
}

/** PET in the shade (and at night), °C (Koopmans et al. 2020 regression; see the file header). */
export function petShadeC(w: HourWeather, windMPerS: number, svf: number): number {
  const Tw = wetBulbC(w.airTempC, w.relHumidityPct);
  const longwave = STEFAN_BOLTZMANN * (w.airTempC + KELVIN) ** 4;
  return -12.14 + 1.25 * w.airTempC - 1.47 * Math.log(windMPerS) + 0.06 * Tw + 0.015 * svf * w.diffuseWm2 + 0.006 * (1 - svf) * longwave;
}

/**
 * Adds one hour's PET to `accC` for every cell: f · PET_sun + (1 − f) · PET_shade.
 *
 * @param sunlit - Direct-beam sunlit fraction per cell (from `sunlitFraction`).
 * @throws HittestressError `INVALID_INPUT` for arrays of different length or a non-positive wind.
 */
export function accumulatePetHour(
  accC: Float64Array,
  w: HourWeather,
  sunlit: Float32Array,
  svf: Float32Array,
  windMPerS: Float32Array,
  landCover: Uint8Array,
): void {
  const n = accC.length;
  if (sunlit.length !== n || svf.length !== n || windMPerS.length !== n || landCover.length !== n) {
    throw new HittestressError('INVALID_INPUT', 'PET inputs must all cover the same grid.');
  }
  for (let i = 0; i < n; i++) {
    const u = windMPerS[i] as number;
    if (!(u > 0)) throw new HittestressError('INVALID_INPUT', `Wind speed at cell ${i} must be > 0 m/s.`);
    const f = sunlit[i] as number;
    const v = svf[i] as number;
    const bb = BOWEN_RATIO[landCover[i] as LandCover] ?? BOWEN_RATIO[LandCover.PAVED];
    const shade = petShadeC(w, u, v);
    // The two regressions are fitted separately and cross at low sun with strong wind and a closed sky
    // (e.g. φ = 15°, u = 2 m/s, SVF = 0); sun never makes a person cooler, so the sunlit part is at
    // least the shade value (consistency guard, documented in the model card).
    const sun = f > 0 ? Math.max(petSunC(w, u, bb, v), shade) : shade;
    accC[i] = (accC[i] as number) + f * sun + (1 - f) * shade;
  }
}

/** Upper bounds (exclusive) of the thermal-perception classes, °C PET (Matzarakis & Mayer 1996). */
export const PET_CLASS_BOUNDS_C = [23, 29, 35, 41] as const;

/** Labels of the PET classes 0–4 as on the Klimaateffectatlas heat map. */
export const PET_CLASS_LABELS = [
  { nl: 'geen tot zwakke hittestress (< 23 °C)', en: 'no heat stress (< 23 °C)' },
  { nl: 'lichte hittestress (23–29 °C)', en: 'slight heat stress (23–29 °C)' },
  { nl: 'matige hittestress (29–35 °C)', en: 'moderate heat stress (29–35 °C)' },
  { nl: 'sterke hittestress (35–41 °C)', en: 'strong heat stress (35–41 °C)' },
  { nl: 'extreme hittestress (> 41 °C)', en: 'extreme heat stress (> 41 °C)' },
] as const;

/** Thermal-perception class 0–4 of a PET value (°C); a value on a bound goes to the upper class. */
export function petClass(petC: number): number {
  let k = 0;
  while (k < PET_CLASS_BOUNDS_C.length && petC >= (PET_CLASS_BOUNDS_C[k] as number)) k++;
  return k;
}

/** {@link petClass} for every cell. */
export function petClassRaster(petC: Float32Array): Uint8Array {
  const out = new Uint8Array(petC.length);
  for (let i = 0; i < petC.length; i++) out[i] = petClass(petC[i] as number);
  return out;
}
