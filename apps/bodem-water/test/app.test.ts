import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { parseAppManifest, type RasterGrid } from '@tweeling/core';
import { runLocally, type LocalDataset } from '@tweeling/sdk';
import { createDemoArea } from '@tweeling/demo';
import app, { RULES } from '../src/index.js';
import { fc, rect, soilFeature } from './helpers.js';

const manifestJson: unknown = JSON.parse(readFileSync(new URL('../tweeling.app.json', import.meta.url), 'utf8'));
const area = createDemoArea();

/** A synthetic flood raster on the demo DEM: water ponds up to 0.3 m below −4.05 m NAP (dry elsewhere). */
function floodFromDem(dem: RasterGrid): RasterGrid<Float32Array> {
  const data = new Float32Array(dem.data.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.min(0.3, Math.max(0, -4.05 - (dem.data[i] as number)));
  return { ...dem, noData: null, data };
}

const DATASETS: Record<string, LocalDataset> = {
  'demo-bodem': area.soil as FeatureCollection, 'demo-water': area.water as FeatureCollection, 'demo-buurten': area.buurten as FeatureCollection,
  'demo-dem': area.dem, 'demo-inundatie': floodFromDem(area.dem), 'demo-ghg': ghgRaster(),
};

/** A 25 m GHG raster over the west half of the demo area (0.45 m below surface), no data elsewhere. */
function ghgRaster(): RasterGrid<Float32Array> {
  const data = new Float32Array(40 * 40).fill(NaN);
  for (let r = 0; r < 40; r++) for (let c = 0; c < 20; c++) data[r * 40 + c] = 0.45;
  return { width: 40, height: 40, originX: area.meta.bbox[0], originY: area.meta.bbox[3], cellSize: 25, crs: 'EPSG:28992', noData: null, data };
}

describe('bodem-water app', () => {
  it('has a manifest that parses, with demo defaults and the bodem-water use case', () => {
    const m = parseAppManifest(manifestJson);
    expect(m.id).toBe('bodem-water');
    expect(m.useCases).toEqual(['bodem-water']);
    expect(m.publisher).toBe('tweeling-apps');
    expect(m.inputs.soil?.schema.default).toEqual({ dataset: 'demo-bodem' });
    expect(m.inputs.water?.schema.default).toEqual({ dataset: 'demo-water' });
    expect(app.manifest).toEqual(m);
  });

  it('runs on the demo area with every input, reads each one and produces every output', async () => {
    const inputs = {
      soil: { dataset: 'demo-bodem' }, water: { dataset: 'demo-water' }, parcels: { dataset: 'demo-buurten' },
      surfaceHeight: { dataset: 'demo-dem' }, floodDepth: { dataset: 'demo-inundatie' }, ghg: { dataset: 'demo-ghg' }, glg: { dataset: 'demo-ghg' },
      scenario: 'Hn', cellSizeM: 5,
      ruleTable: JSON.parse(JSON.stringify(RULES)) as unknown,
    };
    const t0 = performance.now();
    const run = await runLocally(app, inputs, { datasets: DATASETS });
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(run.inputsRead).toEqual(Object.keys(app.manifest.inputs).sort());
    expect(Object.keys(run.hashes).sort()).toEqual(Object.keys(app.manifest.outputs).sort());
    const out = run.outputs as Record<string, unknown>;
    const summary = out.summary as { assessedAreaHa: number; parcels: number; cellsChanging: number; parcelSource: string;
      functions: Record<string, { nowHa: { goed: number; matig: number; slecht: number } }>; inputsUsed: Record<string, boolean> };
    expect(summary.parcelSource).toBe('parcels');
    expect(summary.parcels).toBe(area.buurten.features.length);
    // About 1 km² minus open water (~4.8 ha).
    expect(summary.assessedAreaHa).toBeGreaterThan(85);
    expect(summary.assessedAreaHa).toBeLessThan(100);
    for (const [fn, f] of Object.entries(summary.functions)) {
      expect(f.nowHa.goed + f.nowHa.matig + f.nowHa.slecht, fn).toBeCloseTo(summary.assessedAreaHa, 0);
    }
    expect(summary.inputsUsed).toEqual({ surfaceHeight: true, floodDepth: true, ghgRaster: true, glgRaster: true, waterLevels: true });
    // West half: GHG 0.45 m from the raster → woningbouw never good there; the east half keeps the polygon values.
    const wb = (out.suitabilityWoningbouw as { grid: { data: Uint8Array; width: number } }).grid;
    expect(Array.from(wb.data.filter((_, i) => i % wb.width < 90)).some((c) => c === 1)).toBe(false);
    expect(Array.from(wb.data.filter((_, i) => i % wb.width > 110)).some((c) => c === 1)).toBe(true);
    expect(summary.cellsChanging).toBeGreaterThan(0);
    const factors = new Set((out.limitingFactorWoningbouw as { grid: { data: Uint8Array } }).grid.data);
    expect(factors.has(4)).toBe(true); // drooglegging limits somewhere: the surface height was used
    console.info(JSON.stringify(summary.functions), `${Math.round(performance.now() - t0)} ms`);
    // Run records compare output hashes: a rerun must give the same ones.
    expect((await runLocally(app, inputs, { datasets: DATASETS })).hashes).toEqual(run.hashes);
  });

  it('runs with {} on the demo layers: the soil polygons are the parcels and the peat is poor for woningbouw', async () => {
    const run = await runLocally(app, {}, { datasets: DATASETS });
    const out = run.outputs as Record<string, unknown>;
    const table = out.parcelTable as Record<string, string | number | null>[];
    expect(table).toHaveLength(area.soil.features.length);
    const peat = area.soil.features.find((f) => f.properties.soilClass === 'veen');
    const row = table.find((r) => r.parcelId === peat?.properties.id);
    expect(row?.woningbouw).toBe('slecht');
    expect(row?.woningbouwBeperking).toBe('ontwateringsdiepte (GHG)');
    expect((out.summary as { scenario: string }).scenario).toBe('Hn');
  });

  it('names the limiting factor of a constructed peat parcel in the parcel table', async () => {
    const soil = fc([
      soilFeature(rect(0, 0, 100, 100), { soilClass: 'veen', ghgM: 0.25, glgM: 0.7, kwelMmPerDag: 1, zettingsgevoeligheid: 'hoog' }, 'veen-1'),
      soilFeature(rect(100, 0, 200, 100), { soilClass: 'zand', ghgM: 1.3, glgM: 1.9, kwelMmPerDag: -1, zettingsgevoeligheid: 'laag' }, 'zand-1'),
    ]);
    const run = await runLocally(app, { soil: { dataset: 'bodem' }, water: { dataset: 'water' }, scenario: 'huidig' }, { datasets: { bodem: soil, water: fc([]) } });
    const rows = (run.outputs as Record<string, unknown>).parcelTable as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({ parcelId: 'veen-1', woningbouw: 'slecht', woningbouwBeperking: 'ontwateringsdiepte (GHG)', natuur: 'goed' });
    expect(rows[1]).toMatchObject({ parcelId: 'zand-1', woningbouw: 'goed', woningbouwBeperking: null, woningbouwAandeelVerandert: 0 });
  });
});
