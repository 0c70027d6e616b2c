import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RasterGrid } from '@tweeling/core';
import { writeAsciiGrid } from './ascii-grid.js';
import { decodeGeoTiff, encodeGeoTiff, writeGeoTiff } from './geotiff-io.js';
import { epsgFromWkt, readRasterFile } from './raster-file.js';

const dir = mkdtempSync(join(tmpdir(), 'tweeling-sdk-raster-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function demGrid(data: Float32Array | Float64Array = new Float32Array(12 * 7)): RasterGrid {
  for (let i = 0; i < data.length; i++) data[i] = -4.5 + 0.01 * i;
  data[5] = -9999;
  return { width: 12, height: 7, originX: 143000.5, originY: 487250, cellSize: 0.5, crs: 'EPSG:28992', noData: -9999, data };
}

function hasGdal(): boolean {
  try {
    execFileSync('gdalinfo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('GeoTIFF', () => {
  it('round-trips float32 through writeGeoTiff → readRasterFile', async () => {
    const grid = demGrid();
    const path = join(dir, 'dem.tif');
    await writeGeoTiff(path, grid);
    expect(await readRasterFile(path)).toEqual(grid);
  });

  it('round-trips float64 in memory, keeping the cell type', async () => {
    const grid = { ...demGrid(new Float64Array(84)), crs: 'EPSG:4326', cellSize: 0.001, originX: 5.2, originY: 52.4 };
    const back = await decodeGeoTiff(encodeGeoTiff(grid));
    expect(back).toEqual(grid);
    expect(back.data).toBeInstanceOf(Float64Array);
  });

  it('writes int32 grids as Float64 and small integer grids as Float32, values intact', async () => {
    const base = { width: 3, height: 1, originX: 0, originY: 3, cellSize: 1, crs: 'EPSG:28992', noData: null };
    const big = await decodeGeoTiff(encodeGeoTiff({ ...base, data: Int32Array.from([2147483647, -5, 0]) }));
    expect(big.data).toBeInstanceOf(Float64Array);
    expect(Array.from(big.data)).toEqual([2147483647, -5, 0]);
    const small = await decodeGeoTiff(encodeGeoTiff({ ...base, data: Uint16Array.from([65535, 1, 0]) }));
    expect(small.data).toBeInstanceOf(Float32Array);
    expect(Array.from(small.data)).toEqual([65535, 1, 0]);
  });

  it('gives clear errors on empty, corrupt and all-no-data files', async () => {
    const empty = join(dir, 'empty.tif');
    writeFileSync(empty, '');
    await expect(readRasterFile(empty)).rejects.toThrow(/empty/);
    const corrupt = join(dir, 'corrupt.tif');
    writeFileSync(corrupt, 'this is not a tiff at all');
    await expect(readRasterFile(corrupt)).rejects.toThrow(/corrupt\.tif: not a readable GeoTIFF/);
    const allNoData = { ...demGrid(), data: new Float32Array(84).fill(-9999) };
    await expect(decodeGeoTiff(encodeGeoTiff(allNoData))).rejects.toThrow(/every one of its 84 cells is no-data/);
    const nan = { ...demGrid(), noData: null, data: new Float32Array(84).fill(NaN) };
    await expect(decodeGeoTiff(encodeGeoTiff(nan))).rejects.toThrow(/no-data or NaN/);
  });

  it('refuses to write a grid whose data does not match its size', () => {
    expect(() => encodeGeoTiff({ ...demGrid(), width: 13 })).toThrow(/size mismatch/);
  });

  it.skipIf(!hasGdal())('is read by GDAL with the same size, origin, pixel size, EPSG and no-data', async () => {
    const path = join(dir, 'gdal.tif');
    await writeGeoTiff(path, demGrid());
    const info = JSON.parse(execFileSync('gdalinfo', ['-json', path], { encoding: 'utf8' })) as {
      size: number[]; geoTransform: number[]; stac?: { 'proj:epsg'?: number }; coordinateSystem: { wkt: string };
      bands: { type: string; noDataValue?: number }[];
    };
    expect(info.size).toEqual([12, 7]);
    expect(info.geoTransform).toEqual([143000.5, 0.5, 0, 487250, 0, -0.5]);
    expect(info.coordinateSystem.wkt).toMatch(/ID\["EPSG",28992\]\]$/);
    expect(info.bands[0]).toMatchObject({ type: 'Float32', noDataValue: -9999 });
  });
});

describe.skipIf(!hasGdal())('files written by GDAL', () => {
  const gdal = (args: string[]) => execFileSync('gdal_translate', ['-q', ...args], { stdio: 'pipe' });

  it('reads a tiled, DEFLATE-compressed little-endian GeoTIFF', async () => {
    const src = join(dir, 'src.tif');
    const grid = demGrid();
    await writeGeoTiff(src, grid);
    const out = join(dir, 'deflate.tif');
    gdal(['-co', 'COMPRESS=DEFLATE', '-co', 'TILED=YES', '-co', 'BLOCKXSIZE=16', '-co', 'BLOCKYSIZE=16', '-co', 'PREDICTOR=3', src, out]);
    expect(await readRasterFile(out)).toEqual(grid);
  });

  it('reads Int16 data, and shifts PixelIsPoint files by half a cell as GDAL does', async () => {
    const src = join(dir, 'src16.tif');
    await writeGeoTiff(src, demGrid());
    const out = join(dir, 'int16.tif');
    gdal(['-ot', 'Int16', '-a_nodata', '-9999', src, out]);
    const back = await readRasterFile(out);
    expect(back.data).toBeInstanceOf(Int16Array);
    expect([back.originX, back.originY, back.cellSize, back.noData, back.data[5]]).toEqual([143000.5, 487250, 0.5, -9999, -9999]);
    const point = join(dir, 'point.tif');
    gdal(['-mo', 'AREA_OR_POINT=Point', '-co', 'GEOTIFF_VERSION=1.1', src, point]);
    const info = JSON.parse(execFileSync('gdalinfo', ['-json', point], { encoding: 'utf8' })) as { geoTransform: number[] };
    const p = await readRasterFile(point);
    expect([p.originX, p.originY]).toEqual([info.geoTransform[0], info.geoTransform[3]]);
  });

  it('writes .asc that GDAL places where we do', async () => {
    const path = join(dir, 'gdal.asc');
    await writeAsciiGrid(path, demGrid(new Float64Array(84)));
    const info = JSON.parse(execFileSync('gdalinfo', ['-json', path], { encoding: 'utf8' })) as { size: number[]; geoTransform: number[]; bands: { noDataValue?: number }[] };
    expect(info.size).toEqual([12, 7]);
    expect(info.geoTransform).toEqual([143000.5, 0.5, 0, 487250, 0, -0.5]);
    expect(info.bands[0]?.noDataValue).toBe(-9999);
  });
});

describe('ASCII grid files', () => {
  it('reads .asc with EPSG:28992 by default, or the CRS of a sidecar .prj', async () => {
    const grid = { ...demGrid(new Float64Array(84)) };
    const path = join(dir, 'dem.asc');
    await writeAsciiGrid(path, grid);
    expect(await readRasterFile(path)).toEqual(grid);
    const other = join(dir, 'wgs.asc');
    await writeAsciiGrid(other, grid);
    writeFileSync(join(dir, 'wgs.prj'), 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]]],AUTHORITY["EPSG","4326"]]');
    expect((await readRasterFile(other)).crs).toBe('EPSG:4326');
  });

  it('finds EPSG codes in WKT1, WKT2 and ESRI .prj texts', () => {
    expect(epsgFromWkt('PROJCRS["Amersfoort / RD New",BASEGEOGCRS["Amersfoort",ID["EPSG",4289]],ID["EPSG",28992]]')).toBe('EPSG:28992');
    expect(epsgFromWkt('PROJCS["RD_New",GEOGCS["GCS_Amersfoort"]]')).toBe('EPSG:28992');
    expect(epsgFromWkt('LOCAL_CS["unknown"]')).toBeNull();
  });

  it('rejects unknown extensions and an all-no-data .asc', async () => {
    await expect(readRasterFile(join(dir, 'x.png'))).rejects.toThrow(/unsupported raster format/);
    const path = join(dir, 'nodata.asc');
    writeFileSync(path, 'ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\nNODATA_value -1\n-1 -1\n');
    await expect(readRasterFile(path)).rejects.toThrow(/no-data/);
  });
});
