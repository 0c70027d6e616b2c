import { describe, expect, it } from 'vitest';
import { HittestressError } from '../src/errors.js';
import { DEMO_LOCATION, dayInstants, rdToWgs84, sunPosition, sunPositionsForDay } from '../src/sun.js';

const { latDeg, lonDeg } = DEMO_LOCATION;

describe('sun position', () => {
  it('is due south and ≈ 90 − lat + declination at solar noon on 21 July (compass convention)', () => {
    // Solar noon at 5.18° E in late July ≈ 12:00 − 20.7 min (longitude) + 6.4 min (equation of time) UTC.
    const noon = sunPosition(new Date(Date.UTC(2025, 6, 21, 11, 46)), latDeg, lonDeg);
    expect(noon.azimuthDeg).toBeGreaterThan(178);
    expect(noon.azimuthDeg).toBeLessThan(182);
    const declinationDeg = 20.4; // 21 July
    expect(noon.elevationDeg).toBeCloseTo(90 - latDeg + declinationDeg, 0);
  });

  it('is in the east in the morning and in the west in the evening', () => {
    const morning = sunPosition(new Date(Date.UTC(2025, 6, 21, 6)), latDeg, lonDeg);
    const evening = sunPosition(new Date(Date.UTC(2025, 6, 21, 17)), latDeg, lonDeg);
    expect(morning.azimuthDeg).toBeGreaterThan(60);
    expect(morning.azimuthDeg).toBeLessThan(110);
    expect(evening.azimuthDeg).toBeGreaterThan(250);
    expect(evening.azimuthDeg).toBeLessThan(300);
  });

  it('samples the middle of each hour in local summer time', () => {
    const t = dayInstants({ dateIso: '2025-07-21', startHourLocal: 10, endHourLocal: 18 });
    expect(t).toHaveLength(8);
    expect(t[0]?.toISOString()).toBe('2025-07-21T08:30:00.000Z');
    expect(t[7]?.toISOString()).toBe('2025-07-21T15:30:00.000Z');
    expect(() => dayInstants({ dateIso: '21-07-2025', startHourLocal: 10, endHourLocal: 18 })).toThrow(HittestressError);
    expect(() => dayInstants({ dateIso: '2025-02-30', startHourLocal: 10, endHourLocal: 18 })).toThrow(/does not exist/);
  });

  it('refuses night hours with a clear message', () => {
    expect(() => sunPositionsForDay({ dateIso: '2025-07-21', startHourLocal: 1, endHourLocal: 3 }, latDeg, lonDeg)).toThrow(
      /below the horizon at 2025-07-20T23:30:00.000Z/,
    );
  });

  it('converts RD to WGS84 (Amersfoort origin, demo area)', () => {
    const a = rdToWgs84(155000, 463000);
    expect(a.latDeg).toBeCloseTo(52.15517, 5);
    expect(a.lonDeg).toBeCloseTo(5.38721, 5);
    const d = rdToWgs84(141000, 486000);
    expect(d.latDeg).toBeCloseTo(52.36, 2);
    expect(d.lonDeg).toBeCloseTo(5.18, 2);
  });
});
