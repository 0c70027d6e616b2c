import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { AppManifestError, ProcessInputError, type RasterGrid } from '@tweeling/core';
import { defineApp, isTweelingApp, type RasterDatasetReader, type TweelingApp, type VectorDatasetReader } from './app.js';
import { hashRaster } from './hash.js';
import { rasterOutput, timeSeriesOutput, vectorOutput, type AppOutputs } from './outputs.js';
import { AppOutputError, runLocally, type ProgressReport } from './run-locally.js';
import { fileDatasets } from './file-datasets.js';
import { writeGeoTiff } from './geotiff-io.js';

const text = (nl: string) => ({ nl });

const MANIFEST = {
  id: 'toy-ponding',
  name: text('Speelgoed-plassen'),
  summary: text('Tilt regen op een hoogtemodel; alleen voor tests.'),
  useCases: ['wateroverlast'],
  version: '0.1.0',
  publisher: 'almere',
  licence: 'EUPL-1.2',
  inputs: {
    rainMm: { title: text('Neerslag'), description: text('Bui'), schema: { type: 'number', minimum: 0, maximum: 200, default: 70 }, unit: 'mm' },
    mode: { title: text('Modus'), description: text('Snel of precies'), schema: { type: 'string', enum: ['fast', 'exact'], default: 'fast' } },
    label: { title: text('Naam'), description: text('Naam van de run'), schema: { type: 'string', minLength: 1 } },
    dem: { title: text('Hoogte'), description: text('AHN'), schema: { default: { dataset: 'demo-dem' } }, dataRequirement: 'dem' },
    buildings: { title: text('Panden'), description: text('BAG'), schema: {}, dataRequirement: 'buildings', minOccurs: 0 },
  },
  outputs: {
    depth: { title: text('Diepte'), description: text('m'), schema: { type: 'string' }, kind: 'raster', unit: 'm' },
    wetCells: { title: text('Natte cellen'), description: text('aantal'), schema: { type: 'integer', minimum: 0 } },
    flooded: { title: text('Panden'), description: text('met water'), schema: { type: 'object' }, kind: 'vector' },
    volume: { title: text('Volume'), description: text('in de tijd'), schema: { type: 'object' }, kind: 'timeSeries' },
  },
  dataRequirements: {
    dem: { kind: 'raster', description: text('AHN'), maxCellSizeM: 5 },
    buildings: { kind: 'vector', description: text('BAG'), geometryTypes: ['Point'], requiredAttributes: [{ name: 'id', type: 'string' }] },
  },
  serviceLevel: text('Geen'),
  modelCard: { method: text('Geen'), validation: text('Geen') },
};

const DEM: RasterGrid = {
  width: 4, height: 3, originX: 140000, originY: 487000, cellSize: 1, crs: 'EPSG:28992', noData: -9999,
  data: Float32Array.from([1, 1.2, 0.9, -9999, 0.8, 0.7, 1.1, 1, 0.95, 1.3, 0.6, 1]),
};
const BUILDINGS: FeatureCollection = {
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: { id: 'p1' }, geometry: { type: 'Point', coordinates: [140001.5, 486998.5] } }],
};

/** An interface (no index signature) must be accepted as the inputs type. */
interface ToyInputs { rainMm: number; mode: string; label: string; dem: RasterDatasetReader; buildings?: VectorDatasetReader }

/** A tiny app: depth = rain + seeded noise, with progress and cooperative cancellation. */
const toyApp = defineApp<ToyInputs>({
  manifest: MANIFEST,
  async run({ rainMm, dem, buildings, label, mode }, ctx) {
    ctx.log.info('start', { label, mode });
    const grid = await dem.read();
    const depth = new Float32Array(grid.data.length);
    for (let i = 0; i < depth.length; i++) {
      depth[i] = grid.data[i] === grid.noData ? -9999 : rainMm / 1000 + ctx.random() * 0.01;
      ctx.progress(i / depth.length, `cel ${i}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const features = [];
    if (buildings) for await (const f of buildings.features()) features.push(f);
    ctx.progress(1, 'klaar');
    return {
      depth: rasterOutput({ ...grid, data: depth }, { unit: 'm' }),
      wetCells: depth.filter((d) => d > 0.05).length,
      flooded: vectorOutput({ type: 'FeatureCollection', features }),
      volume: timeSeriesOutput({ timesS: [0, 3600], series: [{ name: 'volumeM3', unit: 'm3', values: [0, rainMm / 1000 * 11] }] }),
    };
  },
});

const datasets = { 'demo-dem': DEM, 'demo-bag': BUILDINGS };

describe('defineApp', () => {
  it('validates the manifest when the app is defined', () => {
    expect(() => defineApp({ manifest: { ...MANIFEST, version: 'one' }, run: () => ({}) })).toThrow(AppManifestError);
    expect(toyApp.manifest.inputs.rainMm?.minOccurs).toBe(1);
    expect(toyApp.processDescription().inputs.dem?.dataRequirement?.kind).toBe('raster');
    const registry: TweelingApp[] = [toyApp];
    expect(registry.every(isTweelingApp)).toBe(true);
    expect(isTweelingApp({ manifest: MANIFEST, run: () => ({}) })).toBe(false);
  });
});

describe('runLocally', () => {
  it('applies defaults, resolves datasets, reports progress and produces every output', async () => {
    const reports: ProgressReport[] = [];
    const r = await runLocally(toyApp, { label: 'test', buildings: { dataset: 'demo-bag' } }, { seed: 7, datasets, onProgress: (p) => reports.push(p) });
    expect(r.inputs).toMatchObject({ rainMm: 70, mode: 'fast', dem: { dataset: 'demo-dem' } });
    expect(r.inputsRead).toEqual(['buildings', 'dem', 'label', 'mode', 'rainMm']);
    expect(r.datasets.map((d) => [d.input, d.dataset, d.version, d.kind])).toEqual([['dem', 'demo-dem', 1, 'raster'], ['buildings', 'demo-bag', 1, 'vector']]);
    expect(r.datasets[0]?.contentHash).toBe(hashRaster(DEM));
    expect(reports).toHaveLength(13);
    expect(reports[0]).toEqual({ fraction: 0, message: 'cel 0' });
    expect(reports.at(-1)).toEqual({ fraction: 1, message: 'klaar' });
    expect(r.outputs.wetCells).toBe(11);
    expect(r.results.depth).toMatchObject({ kind: 'raster', unit: 'm', info: { width: 4, height: 3, dataType: 'float32' } });
    expect(r.results.flooded).toMatchObject({ kind: 'vector', featureCount: 1, geometryTypes: ['Point'], crs: 'EPSG:28992', bbox: [140001.5, 486998.5, 140001.5, 486998.5] });
    expect(Object.keys(r.hashes).sort()).toEqual(['depth', 'flooded', 'volume', 'wetCells']);
    expect(r.log).toEqual([{ level: 'info', message: 'start', data: { label: 'test', mode: 'fast' } }]);
    expect(Array.from(DEM.data).slice(0, 2)).toEqual([1, Math.fround(1.2)]);
  });

  it('gives identical hashes for the same seed and different ones for another seed', async () => {
    const run = (seed: number) => runLocally(toyApp, { label: 'x' }, { seed, datasets });
    const [a, b, c] = await Promise.all([run(42), run(42), run(43)]);
    expect(a.hashes).toEqual(b.hashes);
    expect(c.hashes.depth).not.toBe(a.hashes.depth);
    expect(c.hashes.wetCells).toBe(a.hashes.wetCells);
  });

  it('reports every invalid input by name before running', async () => {
    const err = await runLocally(toyApp, { rainMm: 500, mode: 'slow' }, { datasets }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProcessInputError);
    expect((err as ProcessInputError).errors.map((e) => e.path).sort()).toEqual(['label', 'mode', 'rainMm']);
    expect((err as Error).message).toMatch(/rainMm: must be ≤ 200, got 500/);
    expect((err as Error).message).toMatch(/mode: must be one of "fast", "exact", got "slow"/);
    expect((err as Error).message).toMatch(/label: is required/);
  });

  it('refuses unknown or unfit datasets with the input name', async () => {
    await expect(runLocally(toyApp, { label: 'x' }, { datasets: {} })).rejects.toThrow(/dem: unknown dataset "demo-dem"/);
    await expect(runLocally(toyApp, { label: 'x', dem: { dataset: 'demo-bag' } }, { datasets })).rejects.toThrow(/dem: dataset "demo-bag" is vector data/);
    const coarse = { ...DEM, cellSize: 25 };
    await expect(runLocally(toyApp, { label: 'x' }, { datasets: { 'demo-dem': coarse } })).rejects.toThrow(/25 m cells, coarser than the required 5 m/);
    const noId = { ...BUILDINGS, features: [{ ...BUILDINGS.features[0]!, properties: {} }] };
    await expect(runLocally(toyApp, { label: 'x', buildings: { dataset: 'bag-zonder-id' } }, { datasets: { ...datasets, 'bag-zonder-id': noId } })).rejects.toThrow(/lacks attribute "id"/);
  });

  it('rejects with an AbortError when cancelled mid-run', async () => {
    const controller = new AbortController();
    const run = runLocally(toyApp, { label: 'x' }, {
      datasets, signal: controller.signal,
      onProgress: (p) => { if (p.fraction > 0.3) controller.abort(); },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects promptly even when the app ignores the signal, and at once when already aborted', async () => {
    const stubborn = defineApp({ manifest: MANIFEST, run: () => new Promise<AppOutputs>(() => {}) });
    const controller = new AbortController();
    const run = runLocally(stubborn, { label: 'x' }, { datasets, signal: controller.signal });
    setImmediate(() => controller.abort());
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    await expect(runLocally(toyApp, { label: 'x' }, { datasets, signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('names missing, undeclared and malformed outputs', async () => {
    const sloppy = defineApp({
      manifest: MANIFEST,
      run: () => ({ depth: 3, wetCells: -1, flooded: vectorOutput({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { d: NaN }, geometry: { type: 'Point', coordinates: [0, 0] } }] }), extra: 'x', volume: { kind: 'timeSeries', timesS: [0, 1], series: [{ name: 'v', unit: 'm3', values: [1] }] } }),
    });
    const err = await runLocally(sloppy, { label: 'x' }, { datasets }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppOutputError);
    expect((err as AppOutputError).errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'extra: is not an output in the manifest',
      'depth: must be a rasterOutput(grid, meta)',
      'wetCells: must be ≥ 0, got -1',
      'flooded: cannot be stored: canonicalJson: NaN has no JSON form',
      'volume: must be a time series: series.0.values: has 1 values for 2 times',
    ]);
  });

  it('reads datasets from files with fileDatasets and hashes them as in memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tweeling-sdk-run-'));
    try {
      await writeGeoTiff(join(dir, 'dem.tif'), DEM);
      writeFileSync(join(dir, 'bag.geojson'), JSON.stringify(BUILDINGS));
      const files = fileDatasets({ 'demo-dem': join(dir, 'dem.tif'), 'demo-bag': join(dir, 'bag.geojson') });
      const fromFiles = await runLocally(toyApp, { label: 'x', buildings: { dataset: 'demo-bag' } }, { seed: 3, datasets: files });
      const inMemory = await runLocally(toyApp, { label: 'x', buildings: { dataset: 'demo-bag' } }, { seed: 3, datasets });
      expect(fromFiles.datasets).toEqual(inMemory.datasets);
      expect(fromFiles.hashes).toEqual(inMemory.hashes);
      await expect(runLocally(toyApp, { label: 'x', dem: { dataset: 'other' } }, { datasets: files })).rejects.toThrow(/dem: no file given for dataset "other"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
