import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRasterFile, writeAsciiGrid } from '@tweeling/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { burnBuildings } from '../src/burn.js';
import { formatGaugesCsv } from '../src/csv.js';
import { simulate } from '../src/index.js';
import { bumpy, centre, raster } from './helpers.js';

describe('tweeling-wateroverlast simulate', () => {
  const dirs: string[] = [];
  afterAll(async () => { await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))); });

  it('writes gauges.csv, max_depth.tif and mass_balance.json that match a direct run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wateroverlast-cli-'));
    dirs.push(dir);
    const dem = raster(30, 20, 2, bumpy);
    await writeAsciiGrid(join(dir, 'dem.asc'), dem);
    const g1 = centre(dem, 10, 25), g2 = centre(dem, 5, 5);
    await writeFile(join(dir, 'gauges.csv'), `id,x,y\nlow,${g1.x},${g1.y}\nhigh,${g2.x},${g2.y}\n`);
    await writeFile(join(dir, 'rain.csv'), 'time_s,mm_per_h\n0,90\n1200,0\n');
    const p = centre(dem, 12, 3);
    await writeFile(join(dir, 'inflow.csv'), `x,y,time_s,m3_per_s\n${p.x},${p.y},0,0\n${p.x},${p.y},600,0.1\n${p.x},${p.y},1200,0\n`);
    // One 8 × 6 m building (cells rows 4..6, cols 12..15 on the 2 m grid).
    const x0 = dem.originX + 24, y0 = dem.originY - 8;
    const building = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x0 + 8, y0], [x0 + 8, y0 - 6], [x0, y0 - 6], [x0, y0]]] } }] };
    await writeFile(join(dir, 'buildings.geojson'), JSON.stringify(building));
    const lines: string[] = [];
    const code = await main(['simulate', '--dem', join(dir, 'dem.asc'), '--duration', '1800', '--out-dir', join(dir, 'out'),
      '--gauges', join(dir, 'gauges.csv'), '--rain', join(dir, 'rain.csv'), '--inflow', join(dir, 'inflow.csv'),
      '--buildings', join(dir, 'buildings.geojson'), '--manning', '0.03', '--sink-mm-per-h', '20', '--output-interval', '300', '--threads', '2'],
    (l) => lines.push(l));
    expect(code).toBe(0);
    expect(lines.some((l) => /ETA/.test(l))).toBe(true);

    const asc = await readRasterFile(join(dir, 'dem.asc'));
    const buildings = burnBuildings(asc, building as never);
    expect(buildings.data.reduce((s, v) => s + v, 0)).toBe(12);
    const direct = await simulate({
      dem: asc, durationS: 1800, gaugeIntervalS: 300, manningN: 0.03, sinkMmPerH: 20, buildings, threads: 1,
      gauges: [{ id: 'low', ...g1 }, { id: 'high', ...g2 }],
      rainMmPerH: { timesS: [0, 1200], values: [90, 0], interpolation: 'step' },
      inflows: [{ x: p.x, y: p.y, hydrographM3PerS: { timesS: [0, 600, 1200], values: [0, 0.1, 0], interpolation: 'linear' } }],
    });
    const csv = await readFile(join(dir, 'out', 'gauges.csv'), 'utf8');
    expect(csv).toBe(formatGaugesCsv(direct.gauges));
    expect(csv.split('\n')[0]).toBe('time_s,low_depth_m,low_level_m,high_depth_m,high_level_m');
    expect(csv.trim().split('\n')).toHaveLength(1 + 7);
    const maxDepth = await readRasterFile(join(dir, 'out', 'max_depth.tif'));
    expect(Array.from(maxDepth.data)).toEqual(Array.from(direct.maxDepthM.data));
    expect(maxDepth.data[5 * 30 + 13]).toBe(0);
    const mb = JSON.parse(await readFile(join(dir, 'out', 'mass_balance.json'), 'utf8'));
    expect(mb.rainM3).toBe(direct.massBalance.rainM3);
    expect(mb.relativeError).toBeLessThan(1e-6);
  });

  it('reports a missing --dem and bad input files clearly', async () => {
    await expect(main(['simulate', '--duration', '60', '--out-dir', 'x'], () => {})).rejects.toThrow(/--dem is required/);
    const dir = await mkdtemp(join(tmpdir(), 'wateroverlast-cli-'));
    dirs.push(dir);
    await writeAsciiGrid(join(dir, 'dem.asc'), raster(5, 5, 1, () => 0));
    await writeFile(join(dir, 'rain.csv'), 'time_s,mm_per_h\n0,-3\n');
    await expect(main(['simulate', '--dem', join(dir, 'dem.asc'), '--duration', '60', '--out-dir', join(dir, 'o'), '--rain', join(dir, 'rain.csv')], () => {}))
      .rejects.toThrow(/negative value -3/);
    expect(await main(['help'], () => {})).toBe(2);
  });
});
