import { describe, expect, it } from 'vitest';
import { formatAsciiGrid, parseAsciiGrid } from './ascii-grid.js';
import { RasterFormatError } from './raster-check.js';

const SAMPLE = `ncols        3
nrows        2
xllcorner    140000.0
yllcorner    485000.0
cellsize     5
NODATA_value -9999
1.5 2 -9999
-0.25 4 5
`;

describe('parseAsciiGrid', () => {
  it('reads header, origin (top-left) and values north row first', () => {
    const g = parseAsciiGrid(SAMPLE);
    expect(g).toMatchObject({ width: 3, height: 2, cellSize: 5, originX: 140000, originY: 485010, noData: -9999, crs: 'EPSG:28992' });
    expect(Array.from(g.data)).toEqual([1.5, 2, -9999, -0.25, 4, 5]);
    expect(g.data).toBeInstanceOf(Float64Array);
  });

  it('shifts xllcenter/yllcenter by half a cell to the corner', () => {
    const g = parseAsciiGrid(SAMPLE.replace('xllcorner    140000.0', 'XLLCENTER 140002.5').replace('yllcorner    485000.0', 'yllcenter 485002.5'));
    expect(g.originX).toBe(140000);
    expect(g.originY).toBe(485010);
  });

  it('accepts values spread over lines arbitrarily, case-insensitive keys, float32 and a given CRS', () => {
    const g = parseAsciiGrid('NCOLS 2\nNROWS 2\nXLLCORNER 0\nYLLCORNER 0\nCELLSIZE 1\n1 2 3\n4\n', { crs: 'EPSG:4326', dataType: 'float32' });
    expect(Array.from(g.data)).toEqual([1, 2, 3, 4]);
    expect(g.noData).toBeNull();
    expect(g.crs).toBe('EPSG:4326');
    expect(g.data).toBeInstanceOf(Float32Array);
  });

  it.each([
    ['', /empty/],
    ['ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2 3\n', /size mismatch.*4 but found 3/],
    ['ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\n1 2\n', /lacks "cellsize"/],
    ['ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 x2\n', /value 2 .*"x2"/],
    ['ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ndx 1\ndy 2\n1 2\n', /non-square/],
    ['ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize -1\n1 2\n', /cell size/],
    ['ncols two\n', /needs a number/],
  ])('rejects %j', (text, message) => {
    expect(() => parseAsciiGrid(text)).toThrow(RasterFormatError);
    expect(() => parseAsciiGrid(text)).toThrow(message);
  });
});

describe('formatAsciiGrid', () => {
  it('round-trips a float64 grid exactly, including no-data', () => {
    const g = parseAsciiGrid(SAMPLE);
    g.data[1] = 0.1 + 0.2;
    const back = parseAsciiGrid(formatAsciiGrid(g));
    expect(back).toEqual(g);
  });

  it('writes float32 values in their shortest form and reads them back to the same float32', () => {
    const data = Float32Array.from([0.1, 1 / 3, -12.75, 1e-7]);
    const g = { width: 2, height: 2, originX: 10, originY: 20, cellSize: 0.5, crs: 'EPSG:28992', noData: null, data };
    const text = formatAsciiGrid(g);
    expect(text).toContain('0.1 0.33333334');
    expect(text).not.toContain('NODATA_value');
    const back = parseAsciiGrid(text, { dataType: 'float32' });
    expect(back).toEqual(g);
  });

  it('writes NaN cells as -9999 when the grid has no no-data value', () => {
    const g = { width: 2, height: 1, originX: 0, originY: 1, cellSize: 1, crs: 'EPSG:28992', noData: null, data: Float64Array.from([NaN, 3]) };
    const text = formatAsciiGrid(g);
    expect(text).toContain('NODATA_value -9999');
    expect(text.trim().split('\n').at(-1)).toBe('-9999 3');
  });

  it('rejects a grid whose data length does not match its size', () => {
    const g = { width: 3, height: 3, originX: 0, originY: 0, cellSize: 1, crs: 'EPSG:28992', noData: null, data: new Float64Array(8) };
    expect(() => formatAsciiGrid(g)).toThrow(/size mismatch/);
  });
});
