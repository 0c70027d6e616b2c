import { describe, expect, it } from 'vitest';
import { alongFractions, deepStretch, EMERGENCY_IMPASSABLE_DEPTH_M, impassability, roadCells, TRAFFIC_IMPASSABLE_DEPTH_M } from '../src/roads.js';
import { facadeMaxima, labelFootprints } from '../src/footprints.js';

const grid = { width: 20, height: 10, originX: 1000, originY: 2000, cellSize: 1 };
const square = (x0: number, y0: number, x1: number, y1: number) => ({ type: 'Polygon' as const, coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });

describe('road impassability from a depth time series', () => {
  const timesS = [0, 600, 1200, 1800, 2400];

  it('uses DESIGN.md thresholds: 15 cm for traffic, 30 cm for emergency vehicles', () => {
    expect(TRAFFIC_IMPASSABLE_DEPTH_M).toBe(0.15);
    expect(EMERGENCY_IMPASSABLE_DEPTH_M).toBe(0.3);
  });

  it('interpolates crossing times linearly between samples', () => {
    const depths = [0, 0.4, 0.2, 0.1, 0];
    // > 0.30: up at 600·0.75 = 450 s, down at 600 + 600·(0.1/0.2) = 900 s → 7.5 … 15 min, 7.5 min.
    const e = impassability(timesS, depths, 0.3);
    expect(e).toMatchObject({ toMin: 15, atEnd: false });
    expect(e.fromMin).toBeCloseTo(7.5, 12);
    expect(e.minutes).toBeCloseTo(7.5, 12);
    // > 0.15: up at 225 s, down at 1200 + 600·(0.05/0.1) = 1500 s → 3.75 … 25 min.
    const t = impassability(timesS, depths, 0.15);
    expect(t.fromMin).toBeCloseTo(3.75, 12);
    expect(t.toMin).toBeCloseTo(25, 12);
    expect(t.minutes).toBeCloseTo(21.25, 12);
  });

  it('sums separate spells, keeps the first start and the last end', () => {
    const r = impassability(timesS, [0.4, 0.2, 0.4, 0.2, 0.2], 0.3);
    // above 0…300 s, then 900…1500 s
    expect(r).toMatchObject({ fromMin: 0, atEnd: false });
    expect(r.minutes).toBeCloseTo(15, 12);
    expect(r.toMin).toBeCloseTo(25, 12);
  });

  it('still impassable at the end: toMin null, atEnd true; never: all null', () => {
    expect(impassability(timesS, [0, 0.1, 0.35, 0.5, 0.6], 0.3)).toMatchObject({ fromMin: 18, toMin: null, atEnd: true });
    expect(impassability(timesS, [0, 0.1, 0.3, 0.2, 0], 0.3)).toEqual({ minutes: 0, fromMin: null, toMin: null, atEnd: false });
    expect(impassability([], [], 0.3)).toEqual({ minutes: 0, fromMin: null, toMin: null, atEnd: false });
  });
});

describe('road cells and facade cells', () => {
  it('takes the carriageway width around the centre line, minus blocked cells', () => {
    const line = { type: 'LineString' as const, coordinates: [[1002, 1995], [1012, 1995]] };
    expect(roadCells(grid, line, null).length).toBe(11); // one row, cols 2..12
    const wide = roadCells(grid, line, 2); // within 1 m: rows 4, 5 (centres 0.5 m off the line), cols 1..12 (round ends)
    expect(wide.length).toBe(24);
    expect([...wide].every((i) => Math.floor(i / 20) === 4 || Math.floor(i / 20) === 5)).toBe(true);
    const blocked = new Uint8Array(200);
    blocked[4 * 20 + 5] = 1;
    expect(roadCells(grid, line, 2, blocked).length).toBe(wide.length - 1);
  });

  it('facade depth is the maximum over open cells just outside the footprint, not under it', () => {
    const footprints = [square(1005, 1993, 1008, 1996), square(1008, 1993, 1010, 1996), square(1015.2, 1990.2, 1015.4, 1990.4)];
    const labels = labelFootprints(grid, footprints);
    expect(labels[4 * 20 + 5]).toBe(1);
    expect(labels[4 * 20 + 8]).toBe(2);
    const values = new Float64Array(200);
    values[4 * 20 + 6] = 9; // under building 1: ignored
    values[3 * 20 + 6] = 0.2; // north of building 1
    values[5 * 20 + 10] = 0.4; // east of building 2
    values[3 * 20 + 4] = 5; // diagonal to building 1: not a 4-neighbour
    values[9 * 20 + 15] = 0.7; // the cell under the tiny building 3
    const f = facadeMaxima(grid, labels, footprints, values);
    expect(f[0]).toEqual({ maxValue: 0.2, facadeCells: 3 * 2 + 3, footprintResolved: true }); // 3 cells N, 3 S, 3 W; E is building 2
    expect(f[1]).toMatchObject({ maxValue: 0.4, facadeCells: 2 * 2 + 3, footprintResolved: true });
    expect(f[2]).toMatchObject({ maxValue: 0.7, footprintResolved: false });
  });

  it('locates the deep stretch along the road (0 = first vertex, 1 = last)', () => {
    const line = { type: 'LineString' as const, coordinates: [[1002, 1995], [1012, 1995]] };
    const cells = roadCells(grid, line, null); // row 5, cols 2..12
    const f = alongFractions(grid, line, cells);
    expect(f[0]).toBeCloseTo(0.05, 12); // centre 1002.5 → 0.5 m of 10 m
    expect(f[10]).toBe(1); // centre 1012.5 lies past the end
    const depth = new Float64Array(200);
    depth[5 * 20 + 6] = 0.31; depth[5 * 20 + 8] = 0.5; depth[5 * 20 + 9] = 0.3; // 0.30 is not above
    expect(deepStretch(cells, f, depth, 0.3)).toEqual([f[4], f[6]]);
    expect(deepStretch(cells, f, new Float64Array(200), 0.3)).toBeNull();
  });
});
