import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_APPS } from './harness.js';
import { runCli } from './processes.js';

/** `tweeling run`: an app runs without the server, on files or the built-in demo area. */
describe('tweeling run', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const tmp = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tweeling-run-'));
    dirs.push(dir);
    return dir;
  };

  it('runs an app folder on a GeoJSON file and writes results and outputs; the same seed gives the same hashes', async () => {
    const dir = await tmp();
    const buildings = {
      type: 'FeatureCollection',
      features: [0, 1, 2, 3].map((i) => ({ type: 'Feature', properties: { use: i === 0 ? 'school' : 'wonen', residents: i * 2 }, geometry: { type: 'Polygon', coordinates: [[[141000 + i * 20, 486000], [141010 + i * 20, 486000], [141010 + i * 20, 486010], [141000 + i * 20, 486000]]] } })),
    };
    await writeFile(join(dir, 'panden.geojson'), JSON.stringify(buildings));
    const args = (out: string) => ['run', join(FIXTURE_APPS, 'gebouwen-telling'), '--dataset', `demo-gebouwen=${join(dir, 'panden.geojson')}`, '--input', 'radiusM=500', '--input', 'sampleSize=2', '--seed', '7', '--out-dir', join(dir, out)];
    const first = await runCli(args('a'), {});
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/100% stap 10 van 10/);
    const results = JSON.parse(await readFile(join(dir, 'a', 'results.json'), 'utf8')) as { results: { perUse: Record<string, { buildings: number }> }; hashes: Record<string, string>; seed: number };
    expect(results.results.perUse).toEqual({ school: { buildings: 1, residents: 0 }, wonen: { buildings: 3, residents: 12 } });
    expect(results.seed).toBe(7);
    const sample = JSON.parse(await readFile(join(dir, 'a', 'sample.geojson'), 'utf8')) as { features: unknown[] };
    expect(sample.features).toHaveLength(2);
    await runCli(args('b'), {});
    const again = JSON.parse(await readFile(join(dir, 'b', 'results.json'), 'utf8')) as { hashes: Record<string, string> };
    expect(again.hashes).toEqual(results.hashes);
  });

  it('runs a reference app on the built-in demo area and fails clearly on a bad input', async () => {
    const dir = await tmp();
    const ok = await runCli(['run', 'groen-3-30-300', '--demo', '--out-dir', dir], {});
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).files).toMatchObject({ homes: 'homes.geojson', canopy: 'canopy.tif' });
    const bad = await runCli(['run', 'groen-3-30-300', '--demo', '--input', 'viewDistanceM=-3', '--out-dir', dir], {});
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/viewDistanceM/);
  });
});
