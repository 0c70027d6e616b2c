import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Feature } from 'geojson';
import { parseAppManifest, type RasterGrid } from '@tweeling/core';
import { runLocally, type LocalRunResult, type ProgressReport, type RasterOutput, type VectorOutput } from '@tweeling/sdk';
import { createDemoArea } from '@tweeling/demo';
import app from '../src/app.js';
import { DESIGN_STORM_IDS } from '../src/storms.js';
import { VULNERABILITY_CLASSES } from '../src/vulnerability.js';
import { townDatasets } from './town.js';

const DATASET_IDS = { dem: 'demo-hoogte', landUse: 'demo-landgebruik', buildings: 'demo-gebouwen', roads: 'demo-wegen', buurten: 'demo-buurten' } as const;
/** 30 mm in 10 min (180 mm/h), then 5 min: short enough for a 1 m run in a few seconds. */
const SHORT_STORM = { hyetograph: { timesS: [0, 600], mmPerH: [180, 0] }, afterS: 300, sinkMmPerH: 0 };

type Props = Record<string, unknown>;
const props = (out: unknown): Props[] => (out as VectorOutput).features.features.map((f: Feature) => f.properties as Props);
const byId = (out: unknown): Record<string, Props> => Object.fromEntries(props(out).map((p) => [String(p.id), p]));

describe('manifest', () => {
  it('parses, offers every design storm, and points its dataset inputs at the demo datasets', () => {
    const m = parseAppManifest(JSON.parse(readFileSync(new URL('../tweeling.app.json', import.meta.url), 'utf8')));
    expect(m).toMatchObject({ id: 'wateroverlast', version: '0.1.0', channel: 'stable', publisher: 'tweeling-apps', licence: 'EUPL-1.2', useCases: ['wateroverlast'] });
    expect(m.name.nl).toBe('Wateroverlast door hoosbui');
    expect(m.inputs.storm?.schema).toMatchObject({ enum: [...DESIGN_STORM_IDS], default: 'T100_70mm_1h' });
    expect(m.inputs.cellSizeM?.schema).toMatchObject({ enum: [1, 2, 5], default: 2 });
    expect(m.inputs.afterS?.schema.default).toBe(3600);
    for (const [input, id] of Object.entries(DATASET_IDS)) expect(m.inputs[input]?.schema.default).toEqual({ dataset: id });
    expect(m.dataRequirements.dem).toMatchObject({ kind: 'raster', maxCellSizeM: 2 });
    expect(Object.keys(m.outputs).sort()).toEqual(['arrivalTime', 'buildings', 'depthSeries', 'massBalance', 'maxDepth', 'maxSpeed', 'neighbourhoods', 'roads']);
    expect(m.hardware).toMatchObject({ cores: 2 });
    expect(m.pricing).toEqual({ kind: 'free' });
    expect(app.manifest.id).toBe('wateroverlast');
  });
});

describe('synthetic street (200 × 200 cells of 1 m)', () => {
  let first: LocalRunResult;
  const progress: ProgressReport[] = [];

  beforeAll(async () => {
    first = await runLocally(app, { ...SHORT_STORM, cellSizeM: 1, frameIntervalS: 60 }, { seed: 7, datasets: townDatasets(), onProgress: (p) => progress.push(p) });
  }, 120_000);

  it('reads every input, produces every output, and reports progress up to 1', () => {
    expect(first.inputsRead).toEqual(Object.keys(app.manifest.inputs).sort());
    expect(Object.keys(first.hashes).sort()).toEqual(Object.keys(app.manifest.outputs).sort());
    expect(progress.at(-1)?.fraction).toBe(1);
    expect(progress.every((p, k) => k === 0 || p.fraction >= progress[k - 1]!.fraction)).toBe(true);
  });

  it('conserves mass and keeps the water in the street and the sump', () => {
    const mb = first.outputs.massBalance as Record<string, number>;
    expect(mb.rainM3).toBeCloseTo((0.03 * (200 * 200 - 4 * 100)), 6); // 30 mm on the open cells
    expect(mb.relativeError).toBeLessThan(1e-9);
    expect(mb).toMatchObject({ storm: 'custom', durationS: 900, cellSizeM: 1, sourceCellSizeM: 1 });
    const depth = (first.outputs.maxDepth as RasterOutput).grid.data;
    expect(depth[100 * 200 + 195]!).toBeGreaterThan(0.3); // sump
    expect(depth[100 * 200 + 195]!).toBeGreaterThan(depth[100 * 200 + 20]!);
    expect(depth[50 * 200 + 105]!).toBe(0); // a building cell
    const arrival = (first.outputs.arrivalTime as RasterOutput).grid;
    expect(arrival.noData).toBe(-1);
    expect(arrival.data[100 * 200 + 195]!).toBeGreaterThan(0);
  });

  it('classifies buildings by facade depth and threshold, flags the assumed threshold', () => {
    const b = byId(first.outputs.buildings);
    expect(b.middle).toMatchObject({ thresholdM: 0.15, thresholdAssumed: true });
    expect(b.west).toMatchObject({ thresholdM: 0.15, thresholdAssumed: false });
    expect(b.east).toMatchObject({ thresholdM: 0.3, thresholdAssumed: false });
    for (const p of Object.values(b)) {
      expect(VULNERABILITY_CLASSES[p.vulnerabilityRank as number]).toBe(p.vulnerability);
      expect(p.footprintResolved).toBe(true);
    }
    // Downstream on the street the facade is wetter than up the slope.
    expect(b.east!.facadeDepthM as number).toBeGreaterThan(b.far!.facadeDepthM as number);
    expect(b.far!.vulnerability).toBe('geen water tegen de gevel');
  });

  it('gives road depths and times impassable; the east road (sump) is closed for emergency vehicles', () => {
    const r = byId(first.outputs.roads);
    expect(r['r-east']!.maxDepthM as number).toBeGreaterThan(0.3);
    expect(r['r-east']!.emergencyImpassableFromMin).toBeGreaterThan(0);
    expect(r['r-east']!.emergencyImpassableMin).toBeGreaterThan(0);
    expect(r['r-east']!.trafficImpassableFromMin as number).toBeLessThanOrEqual(r['r-east']!.emergencyImpassableFromMin as number);
    expect(r['r-east']).toMatchObject({ fromNode: 'b', toNode: 'c', simulationEndMin: 15 });
    // The deep water lies towards the sump at the east end (the last vertex).
    expect(r['r-east']!.emergencyImpassableToFraction as number).toBeGreaterThan(0.85);
    expect(r['r-east']!.emergencyImpassableFromFraction as number).toBeLessThanOrEqual(r['r-east']!.emergencyImpassableToFraction as number);
    expect(r['r-west']!.emergencyImpassableFromFraction).toBeNull();
    expect(r['r-west']!.maxDepthM as number).toBeLessThan(r['r-east']!.maxDepthM as number);
  });

  it('counts buildings per class and people affected per buurt', () => {
    const [u] = props(first.outputs.neighbourhoods);
    const b = Object.values(byId(first.outputs.buildings));
    expect(u!.buildings).toBe(4);
    const affected = b.filter((p) => (p.vulnerabilityRank as number) >= 2);
    expect(u!.peopleAffected).toBe(4 * affected.length);
    expect(u!.people75plusAffected).toBe(affected.reduce((s, p) => s + (p.residents75plus as number), 0));
  });

  it('gives the flood over time and identical hashes on a rerun with the same seed', async () => {
    const ts = first.outputs.depthSeries as { timesS: number[]; series: Array<{ name: string; values: number[] }> };
    expect(ts.timesS).toEqual(Array.from({ length: 16 }, (_, k) => 60 * k));
    expect(ts.series.map((s) => s.name)).toEqual(['maxDepthM', 'floodedAreaM2', 'storedVolumeM3']);
    const again = await runLocally(app, { ...SHORT_STORM, cellSizeM: 1, frameIntervalS: 60 }, { seed: 7, datasets: townDatasets() });
    expect(again.hashes).toEqual(first.hashes);
  }, 120_000);
});

describe('bad input fails before the run with a clear message', () => {
  it('a cell size that is no whole multiple, land use on another grid, a hyetograph that does not end', async () => {
    const town = townDatasets();
    const dem2m = { ...(town['demo-hoogte'] as RasterGrid), cellSize: 2 };
    await expect(runLocally(app, { cellSizeM: 5 }, { datasets: { ...town, 'demo-hoogte': dem2m } })).rejects.toThrow(/not a whole multiple/);
    await expect(runLocally(app, { cellSizeM: 1 }, { datasets: { ...town, 'demo-hoogte': dem2m } })).rejects.toThrow(/land-use raster must be on the DEM grid/);
    await expect(runLocally(app, { hyetograph: { timesS: [0, 600], mmPerH: [50, 20] } }, { datasets: town })).rejects.toThrow(/last intensity must be 0/);
    await expect(runLocally(app, { cellSizeM: 3 }, { datasets: town })).rejects.toMatchObject({ name: 'ProcessInputError' });
  });
});

describe('demo area at 5 m, a short storm', () => {
  let res: LocalRunResult;
  let area: ReturnType<typeof createDemoArea>;
  beforeAll(async () => {
    area = createDemoArea();
    const datasets = { 'demo-hoogte': area.dem, 'demo-landgebruik': area.landUse, 'demo-gebouwen': area.buildings, 'demo-wegen': area.roads, 'demo-buurten': area.buurten };
    res = await runLocally(app, { storm: 'stresstest_70mm_2h', hyetograph: { timesS: [0, 900], mmPerH: [120, 0] }, afterS: 300, cellSizeM: 5 }, { datasets });
  }, 120_000);

  it('runs on a 200 × 200 grid and classifies every demo building, road and buurt', () => {
    const mb = res.outputs.massBalance as Record<string, number>;
    expect(mb).toMatchObject({ cellSizeM: 5, sourceCellSizeM: 1, cells: 200 * 200, storm: 'custom', sinkMmPerH: 0 });
    expect(mb.relativeError).toBeLessThan(1e-9);
    expect(props(res.outputs.buildings)).toHaveLength(area.buildings.features.length);
    expect(props(res.outputs.roads)).toHaveLength(area.roads.features.length);
    const buurten = props(res.outputs.neighbourhoods);
    expect(buurten.map((u) => u.code)).toEqual(area.buurten.features.map((f) => f.properties.code));
    expect(buurten.reduce((s, u) => s + (u.buildings as number), 0)).toBe(area.buildings.features.length);
    const assumed = props(res.outputs.buildings).filter((p) => p.thresholdAssumed).length;
    expect(assumed).toBe(area.buildings.features.filter((f) => f.properties.thresholdM === null).length);
    expect((res.outputs.maxDepth as RasterOutput).grid.cellSize).toBe(5);
  });

  it('without land-use roughness: uniform n = 0.02, land use not read', async () => {
    const datasets = { 'demo-hoogte': area.dem, 'demo-landgebruik': area.landUse, 'demo-gebouwen': area.buildings, 'demo-wegen': area.roads, 'demo-buurten': area.buurten };
    const short = { hyetograph: { timesS: [0, 300], mmPerH: [120, 0] }, afterS: 0, cellSizeM: 5 };
    const uniform = await runLocally(app, { ...short, landUseRoughness: false }, { datasets });
    expect(uniform.inputsRead).not.toContain('landUse');
    const rough = await runLocally(app, short, { datasets });
    expect(rough.inputsRead).toContain('landUse');
    expect(uniform.hashes.maxDepth).not.toBe(rough.hashes.maxDepth);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const datasets = { 'demo-hoogte': area.dem, 'demo-landgebruik': area.landUse, 'demo-gebouwen': area.buildings, 'demo-wegen': area.roads, 'demo-buurten': area.buurten };
    const run = runLocally(app, { cellSizeM: 5, afterS: 0 }, {
      datasets, signal: controller.signal,
      onProgress: (p) => { if (p.fraction > 0.1) controller.abort(); },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});
