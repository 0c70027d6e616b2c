/**
 * Sun position and the hours of a hot day.
 *
 * Angles: `azimuthDeg` is a compass bearing, degrees clockwise from (true) north: 0 = N, 90 = E,
 * 180 = S, 270 = W. `elevationDeg` is the apparent (refraction-corrected) altitude above the horizon.
 *
 * Source: suncalc 2.x (Agafonkin; Meeus, *Astronomical Algorithms*, ch. 13, 16, 25), which already
 * returns degrees with a north-based clockwise azimuth. suncalc 1.x returned radians with the azimuth
 * measured from *south*, positive towards west; {@link sunPosition} checks the range of what it gets
 * so that a silent downgrade to 1.x would fail loudly instead of turning shadows by 180°.
 */
import { getPosition } from 'suncalc';
import { HittestressError } from './errors.js';

/** Sun position for one instant and place. */
export interface SunPosition {
  /** Compass bearing of the sun, degrees clockwise from north, [0, 360). */
  azimuthDeg: number;
  /** Apparent elevation above the horizon, degrees (negative below the horizon). */
  elevationDeg: number;
  /** The UTC instant this position is for. */
  instant: Date;
}

/** Approximate centre of the Almere demo area, RD (141000, 486000). */
export const DEMO_LOCATION = { latDeg: 52.3617, lonDeg: 5.1817 } as const;

/** Central European Summer Time, hours ahead of UTC (the Netherlands in July). */
export const CEST_UTC_OFFSET_H = 2;

const FULL_CIRCLE_DEG = 360;
const RIGHT_ANGLE_DEG = 90;

/**
 * Sun azimuth and elevation for a UTC instant at a WGS84 location.
 *
 * @param instant - UTC instant (a `Date`; only its epoch value is used, no local time zone).
 * @param latDeg - WGS84 latitude, degrees north.
 * @param lonDeg - WGS84 longitude, degrees east.
 * @throws HittestressError `INVALID_INPUT` for a non-finite instant or coordinates out of range.
 * @example sunPosition(new Date('2025-07-21T12:00:00Z'), 52.36, 5.18) // ≈ { azimuthDeg: 199, elevationDeg: 56 }
 */
export function sunPosition(instant: Date, latDeg: number, lonDeg: number): SunPosition {
  if (!Number.isFinite(instant.valueOf())) throw new HittestressError('INVALID_INPUT', 'Invalid date/time for the sun position.');
  if (!(Math.abs(latDeg) <= RIGHT_ANGLE_DEG) || !(Math.abs(lonDeg) <= 180)) {
    throw new HittestressError('INVALID_INPUT', `Location (${latDeg}, ${lonDeg}) is not a WGS84 latitude/longitude in degrees.`);
  }
  const p = getPosition(instant, latDeg, lonDeg);
  if (!(p.azimuth >= 0 && p.azimuth < FULL_CIRCLE_DEG && Math.abs(p.altitude) <= RIGHT_ANGLE_DEG)) {
    throw new Error(`suncalc returned azimuth ${p.azimuth}, altitude ${p.altitude}: expected suncalc 2.x degrees (north-based).`);
  }
  return { azimuthDeg: p.azimuth, elevationDeg: p.altitude, instant };
}

/**
 * Throws a clear error when the sun is at or below the horizon (no direct sun, no shadow to cast).
 *
 * @throws HittestressError `SUN_BELOW_HORIZON`
 */
export function assertSunAboveHorizon(sun: SunPosition): void {
  if (!(sun.elevationDeg > 0)) {
    throw new HittestressError(
      'SUN_BELOW_HORIZON',
      `The sun is below the horizon at ${sun.instant.toISOString()} (elevation ${sun.elevationDeg.toFixed(1)}°): ` +
        'choose a daytime hour for shade and felt temperature.',
    );
  }
}

/** Options for {@link dayInstants}. */
export interface DayHoursOptions {
  /** Calendar date `YYYY-MM-DD` (local date). */
  dateIso: string;
  /** First local clock hour of the period, e.g. 10 for 10:00. */
  startHourLocal: number;
  /** End local clock hour of the period (exclusive), e.g. 18 for 18:00. */
  endHourLocal: number;
  /** Hours local time is ahead of UTC; default {@link CEST_UTC_OFFSET_H} (summer time). */
  utcOffsetH?: number;
  /** Sampling step in minutes; default 60. */
  stepMin?: number;
}

const MS_PER_MIN = 60_000;
const MIN_PER_H = 60;

/**
 * UTC instants sampling a period of a day at the *middle* of each step (10:30, 11:30, … for hourly
 * steps from 10:00), so that the mean over the samples estimates the mean over the period.
 *
 * @throws HittestressError `INVALID_INPUT` for a malformed date or an empty period.
 * @example dayInstants({ dateIso: '2025-07-21', startHourLocal: 10, endHourLocal: 18 }) // 8 instants, 08:30Z … 15:30Z
 */
export function dayInstants(opts: DayHoursOptions): Date[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(opts.dateIso);
  if (!m) throw new HittestressError('INVALID_INPUT', `Date "${opts.dateIso}" is not YYYY-MM-DD.`);
  const stepMin = opts.stepMin ?? MIN_PER_H;
  const offsetH = opts.utcOffsetH ?? CEST_UTC_OFFSET_H;
  if (!(opts.endHourLocal > opts.startHourLocal) || !(stepMin > 0)) {
    throw new HittestressError('INVALID_INPUT', `Empty period ${opts.startHourLocal}:00–${opts.endHourLocal}:00.`);
  }
  const midnightUtcMs = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(midnightUtcMs).toISOString().slice(0, 10) !== opts.dateIso) {
    throw new HittestressError('INVALID_INPUT', `Date "${opts.dateIso}" does not exist.`);
  }
  const out: Date[] = [];
  const totalMin = (opts.endHourLocal - opts.startHourLocal) * MIN_PER_H;
  for (let t = stepMin / 2; t < totalMin; t += stepMin) {
    const localMin = opts.startHourLocal * MIN_PER_H + t;
    out.push(new Date(midnightUtcMs + (localMin - offsetH * MIN_PER_H) * MS_PER_MIN));
  }
  return out;
}

/**
 * Sun positions for the sampled hours of a day; throws if the sun is below the horizon at any of them.
 *
 * @throws HittestressError `SUN_BELOW_HORIZON` naming the first night-time sample.
 */
export function sunPositionsForDay(opts: DayHoursOptions, latDeg: number, lonDeg: number): SunPosition[] {
  return dayInstants(opts).map((t) => {
    const s = sunPosition(t, latDeg, lonDeg);
    assertSunAboveHorizon(s);
    return s;
  });
}

/**
 * RD New (EPSG:28992) to WGS84 latitude/longitude, with the published approximation polynomials of
 * Schreutelaar / Strang van Hees ("Benaderingsformules voor de transformatie tussen RD- en
 * WGS84-kaartcoördinaten", 2001); accurate to about a metre inside the Netherlands — ample for sun
 * positions (1 km ≈ 0.01°, a few seconds of sun time).
 */
export function rdToWgs84(xM: number, yM: number): { latDeg: number; lonDeg: number } {
  const dx = (xM - 155000) * 1e-5;
  const dy = (yM - 463000) * 1e-5;
  const sumN =
    3235.65389 * dy - 32.58297 * dx ** 2 - 0.2475 * dy ** 2 - 0.84978 * dx ** 2 * dy - 0.0655 * dy ** 3 -
    0.01709 * dx ** 2 * dy ** 2 - 0.00738 * dx + 0.0053 * dx ** 4 - 0.00039 * dx ** 2 * dy ** 3 +
    0.00033 * dx ** 4 * dy - 0.00012 * dx * dy;
  const sumE =
    5260.52916 * dx + 105.94684 * dx * dy + 2.45656 * dx * dy ** 2 - 0.81885 * dx ** 3 + 0.05594 * dx * dy ** 3 -
    0.05607 * dx ** 3 * dy + 0.01199 * dy - 0.00256 * dx ** 3 * dy ** 2 + 0.00128 * dx * dy ** 4 + 0.00022 * dy ** 2 -
    0.00022 * dx ** 2 + 0.00026 * dx ** 5;
  const SECONDS_PER_DEG = 3600;
  return { latDeg: 52.1551744 + sumN / SECONDS_PER_DEG, lonDeg: 5.38720621 + sumE / SECONDS_PER_DEG };
}
