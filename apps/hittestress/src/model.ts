/**
 * The Hittestress model pipeline on one surface: sun positions for a hot day → shadows (per hour) →
 * shade fraction, sky-view factor, pedestrian wind → mean afternoon PET and its classes.
 * Pure: no I/O, no clock, no randomness; the same inputs give bit-identical outputs.
 */
import { HittestressError } from './errors.js';
import { type HourWeather, accumulatePetHour, clearSkyRadiation, petClassRaster } from './pet.js';
import { prepareShadowSurface, sunlitFraction } from './shadow.js';
import { type SunPosition, CEST_UTC_OFFSET_H, dayInstants, rdToWgs84, sunPosition, assertSunAboveHorizon } from './sun.js';
import type { SurfaceModel } from './surface.js';
import { type SvfOptions, skyViewFactor } from './svf.js';
import { type WindOptions, pedestrianWind } from './wind.js';

/** Default hot day: 21 July (brief; the national map uses 1 July 2015, the 1-in-1000 hot day 2004–2018). */
export const DEFAULT_DATE_ISO = '2025-07-21';
/** Default air temperature of the hot afternoon, °C. */
export const DEFAULT_AIR_TEMP_C = 30;
/** Default relative humidity, % (assumption: a dry, sunny heat-wave afternoon). */
export const DEFAULT_REL_HUMIDITY_PCT = 40;

/** Options of {@link runHeatModel}; every field has a documented default. */
export interface HeatModelOptions {
  /** WGS84 latitude, degrees; default from the grid centre (RD New) or the demo location. */
  latDeg?: number;
  /** WGS84 longitude, degrees. */
  lonDeg?: number;
  /** Local date `YYYY-MM-DD`; default {@link DEFAULT_DATE_ISO}. */
  dateIso?: string;
  /** Hours local time is ahead of UTC; default 2 (CEST). */
  utcOffsetH?: number;
  /** Local hours [start, end) for the shade fraction; default [10, 18]. */
  shadeHoursLocal?: [number, number];
  /** Local hours [start, end) for the mean PET; default [12, 18] (as the national heat map). */
  petHoursLocal?: [number, number];
  /** Air temperature, °C; default {@link DEFAULT_AIR_TEMP_C} (uniform over area and afternoon). */
  airTempC?: number;
  /** Relative humidity, %; default {@link DEFAULT_REL_HUMIDITY_PCT}. */
  relHumidityPct?: number;
  /** Wind options (10 m wind, direction, window). */
  wind?: WindOptions;
  /** Sky-view factor options (directions, radius). */
  svf?: SvfOptions;
}

/** Outputs of {@link runHeatModel}; rasters on the surface grid, row-major, row 0 north. */
export interface HeatModelResult {
  /** Mean PET over the PET hours, °C. */
  petC: Float32Array;
  /** Thermal-perception class 0–4 of `petC`. */
  petClass: Uint8Array;
  /** Mean shade fraction over the shade hours, 0–1. */
  shadeFraction: Float32Array;
  /** Sky-view factor, 0–1. */
  svf: Float32Array;
  /** Wind at 1.2 m, m/s. */
  windMPerS: Float32Array;
  /** Sun positions used (shade and PET hours together, sorted in time). */
  sunPositions: SunPosition[];
}

/** Projected bounds of RD New (EPSG:28992), m: the domain where the RD→WGS84 polynomials apply. */
const RD_BOUNDS = [-7000, 289000, 300000, 629000] as const;

function location(s: SurfaceModel, o: HeatModelOptions): { latDeg: number; lonDeg: number } {
  if (o.latDeg !== undefined && o.lonDeg !== undefined) return { latDeg: o.latDeg, lonDeg: o.lonDeg };
  if (s.grid.crs !== 'EPSG:28992') {
    throw new HittestressError('INVALID_INPUT', `Give latDeg/lonDeg: the grid CRS ${s.grid.crs} is not RD New (EPSG:28992).`);
  }
  const { width, height, originX, originY, cellSize } = s.grid;
  const x = originX + (width * cellSize) / 2;
  const y = originY - (height * cellSize) / 2;
  if (!(x >= RD_BOUNDS[0] && x <= RD_BOUNDS[2] && y >= RD_BOUNDS[1] && y <= RD_BOUNDS[3])) {
    throw new HittestressError('INVALID_INPUT', `Grid centre (${x}, ${y}) is outside the RD New domain: give latDeg/lonDeg.`);
  }
  return rdToWgs84(x, y);
}

/**
 * Runs shade, sky-view factor, wind and PET for one surface (baseline or scenario).
 *
 * @throws HittestressError `SUN_BELOW_HORIZON` if a requested hour is at night; `INVALID_INPUT`.
 * @example const base = runHeatModel(surface, { airTempC: 30 });
 */
export function runHeatModel(s: SurfaceModel, o: HeatModelOptions = {}): HeatModelResult {
  const { latDeg, lonDeg } = location(s, o);
  const day = { dateIso: o.dateIso ?? DEFAULT_DATE_ISO, utcOffsetH: o.utcOffsetH ?? CEST_UTC_OFFSET_H };
  const [sh0, sh1] = o.shadeHoursLocal ?? [10, 18];
  const [ph0, ph1] = o.petHoursLocal ?? [12, 18];
  const shadeT = dayInstants({ ...day, startHourLocal: sh0, endHourLocal: sh1 }).map((d) => d.valueOf());
  const petT = dayInstants({ ...day, startHourLocal: ph0, endHourLocal: ph1 }).map((d) => d.valueOf());
  const all = [...new Set([...shadeT, ...petT])].sort((a, b) => a - b);
  const suns = all.map((t) => sunPosition(new Date(t), latDeg, lonDeg));
  suns.forEach(assertSunAboveHorizon);

  const n = s.groundM.length;
  const svf = skyViewFactor(s, o.svf);
  const windMPerS = pedestrianWind(s, o.wind);
  const prep = prepareShadowSurface(s);
  const lit = new Float32Array(n);
  const shade = new Float32Array(n);
  const petAcc = new Float64Array(n);
  const airTempC = o.airTempC ?? DEFAULT_AIR_TEMP_C;
  const relHumidityPct = o.relHumidityPct ?? DEFAULT_REL_HUMIDITY_PCT;
  const shadeSet = new Set(shadeT);
  const petSet = new Set(petT);
  suns.forEach((sun) => {
    sunlitFraction(prep, sun, lit);
    const t = sun.instant.valueOf();
    if (shadeSet.has(t)) for (let i = 0; i < n; i++) shade[i] = (shade[i] as number) + 1 - (lit[i] as number);
    if (petSet.has(t)) {
      const w: HourWeather = { airTempC, relHumidityPct, sunElevationDeg: sun.elevationDeg, ...clearSkyRadiation(sun.elevationDeg) };
      accumulatePetHour(petAcc, w, lit, svf, windMPerS, s.landCover);
    }
  });
  const petC = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    shade[i] = (shade[i] as number) / shadeT.length;
    petC[i] = (petAcc[i] as number) / petT.length;
  }
  return { petC, petClass: petClassRaster(petC), shadeFraction: shade, svf, windMPerS, sunPositions: suns };
}
