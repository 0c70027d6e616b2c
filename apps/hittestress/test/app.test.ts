import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPoint } from 'geojson';
import { parseAppManifest, type RasterGrid } from '@tweeling/core';
import { runLocally, type LocalDataset, type LocalRunResult, type ProgressReport, type RasterOutput, type VectorOutput } from '@tweeling/sdk';
import { createDemoArea, LandUse, type DemoArea } from '@tweeling/demo';
import app, { treesAlongWalkingRoutes } from '../src/app.js';
import { buildSurface } from '../src/adapters.js';
import { HittestressError } from '../src/errors.js';

/** Dataset ids the server publishes the demo area under (rasters: DEM and land use). */
const DATASET_IDS = {
  dem: 'demo-hoogte', landUse: 'demo-landgebruik', buildings: 'demo-gebouwen', trees: 'demo-bomen',
  roads: 'demo-wegen', buurten: 'demo-buurten', parks: 'demo-parken',
} as const;
/** Fewer hours and sky directions than the defaults, to keep the 1 km² demo run short on a 2-core machine. */
const FAST = { petHours: [13, 17], shadeHours: [12, 17], svfDirections: 16 };
/** Lighter still, for the runs that only check bookkeeping. */
const FASTEST = { petHours: [14, 16], shadeHours: [14, 16], svfDirections: 8 };
const MEDIUM_TREE_EUR = 3000;

/** The numeric columns of a comparison row the tests read. */
type Row = Record<'meanPetC' | 'deltaMeanPetC' | 'routeShadeShare' | 'routeShadeTarget' | 'costEur' | 'coolingDegCHa' | 'eurPerDegCPerHa' | 'residentsReached' | 'eurPerResidentReached', number>;
/** The numeric columns of a neighbourhood row the tests read. */
type BuurtRow = Record<'meanPetC' | 'maxPetC' | 'routeShadeShare' | 'deltaMeanPetC' | 'residentsInBuildings', number>;

let area: DemoArea;
let datasets: Record<string, LocalDataset>;
let measures: FeatureCollection;
let extra: FeatureCollection;

function demoDatasets(a: DemoArea): Record<string, LocalDataset> {
  return {
    [DATASET_IDS.dem]: a.dem, [DATASET_IDS.landUse]: a.landUse, [DATASET_IDS.buildings]: a.buildings, [DATASET_IDS.trees]: a.trees,
    [DATASET_IDS.roads]: a.roads, [DATASET_IDS.buurten]: a.buurten, [DATASET_IDS.parks]: a.parks,
  };
}

/** 200 medium trees beside walking routes, only on open, unbuilt ground that is not carriageway or under an existing crown. */
function plantingScenario(a: DemoArea): FeatureCollection {
  const { surface } = buildSurface(a.dem, a.landUse, a.buildings.features, a.trees.features);
  const { width, originX, originY, cellSize } = a.dem;
  return treesAlongWalkingRoutes(a.roads, {
    count: 200,
    isPlantable: (x, y) => {
      const c = Math.floor((x - originX) / cellSize), r = Math.floor((originY - y) / cellSize);
      if (c < 0 || r < 0 || c >= width || r >= a.dem.height) return false;
      const i = r * width + c;
      const lu = a.landUse.data[i];
      return lu !== LandUse.gebouw && lu !== LandUse.water && lu !== LandUse.rijbaan && (surface.canopyTopM[i] as number) === 0 && (surface.buildingHeightM[i] as number) === 0;
    },
  });
}

beforeAll(() => {
  area = createDemoArea();
  datasets = demoDatasets(area);
  measures = plantingScenario(area);
  const [x0, , , y1] = area.meta.bbox;
  extra = {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { kind: 'kinderopvang', name: 'Kinderopvang De Zon (test)' }, geometry: { type: 'Point', coordinates: [x0 + 500, y1 - 500] } }],
  };
});

describe('manifest', () => {
  it('parses and points its dataset inputs at the demo datasets the server publishes', () => {
    const m = parseAppManifest(JSON.parse(readFileSync(new URL('../tweeling.app.json', import.meta.url), 'utf8')));
    expect(m.id).toBe('hittestress');
    expect(m.useCases).toEqual(['hittestress']);
    for (const [input, id] of Object.entries(DATASET_IDS)) expect(m.inputs[input]?.schema.default).toEqual({ dataset: id });
    expect(m.dataRequirements.dem).toMatchObject({ kind: 'raster', maxCellSizeM: 1 });
    expect(Object.keys(m.outputs).sort()).toEqual(['comparison', 'neighbourhoods', 'pet', 'petChange', 'petClass', 'shade', 'svf', 'vulnerableLocations']);
    expect(app.processDescription('en').id).toBe('hittestress');
  });
});

describe('demo area: baseline vs "200 trees along walking routes"', () => {
  let res: LocalRunResult;
  const progress: ProgressReport[] = [];

  beforeAll(async () => {
    res = await runLocally(app, {
      ...FAST, measures, scenarioName: '200 bomen langs looproutes', unitCosts: { treeMediumEur: MEDIUM_TREE_EUR },
      vulnerableLocations: { dataset: 'test-kwetsbaar' },
    }, { datasets: { ...datasets, 'test-kwetsbaar': extra }, onProgress: (p) => progress.push(p) });
  }, 120_000);

  it('reads every declared input, produces every output and reports progress to 1', () => {
    expect(res.inputsRead).toEqual(Object.keys(app.manifest.inputs).sort());
    expect(Object.keys(res.hashes).sort()).toEqual(Object.keys(app.manifest.outputs).sort());
    expect(progress.at(-1)?.fraction).toBe(1);
    expect(progress.every((p, k) => k === 0 || p.fraction >= (progress[k - 1] as ProgressReport).fraction)).toBe(true);
    expect(res.log.some((l) => l.level === 'warn' && /tree\(s\) have no height/.test(l.message))).toBe(true);
  });

  it('lowers the mean PET and raises route shade, with the cost and € per °C·ha of 200 trees', () => {
    const { rows, measures: outcomes } = res.outputs.comparison as { rows: Row[]; measures: Array<Record<string, unknown>> };
    const [base, scen] = rows as [Row, Row];
    expect(rows).toHaveLength(2);
    expect(outcomes[0]).toMatchObject({ kind: 'trees', quantity: 200, unitCostEur: MEDIUM_TREE_EUR });
    expect(scen.meanPetC).toBeLessThan(base.meanPetC);
    expect(scen.deltaMeanPetC).toBeCloseTo(scen.meanPetC - base.meanPetC, 2);
    expect(scen.routeShadeShare).toBeGreaterThan(base.routeShadeShare);
    expect(scen.costEur).toBe(200 * MEDIUM_TREE_EUR);
    expect(scen.coolingDegCHa).toBeGreaterThan(0);
    expect(scen.eurPerDegCPerHa).toBeCloseTo(scen.costEur / scen.coolingDegCHa, -1);
    expect(scen.residentsReached).toBeGreaterThan(0);
    expect(scen.eurPerResidentReached).toBeCloseTo(scen.costEur / scen.residentsReached, 0);
    expect(base.routeShadeTarget).toBe(0.5);
    console.log('comparison', JSON.stringify(rows));
  });

  it('gives a KPI table per buurt and facade PET and cool-place distance per vulnerable location', () => {
    const buurten = (res.outputs.neighbourhoods as VectorOutput).features.features;
    expect(buurten.map((f) => f.properties?.code)).toEqual(area.buurten.features.map((f) => f.properties.code));
    for (const f of buurten) {
      const p = f.properties as BuurtRow;
      expect(p.meanPetC).toBeGreaterThan(20);
      expect(p.maxPetC).toBeGreaterThanOrEqual(p.meanPetC);
      expect(p.routeShadeShare).toBeGreaterThan(0);
      expect(p.deltaMeanPetC).toBeLessThanOrEqual(0.05);
      expect(p.residentsInBuildings).toBeGreaterThan(0);
    }
    const total75 = buurten.reduce((a, f) => a + (f.properties?.residents75plusInBuildings as number), 0);
    expect(total75).toBe(area.buildings.features.reduce((a, f) => a + f.properties.residents75plus, 0));
    const locs = (res.outputs.vulnerableLocations as VectorOutput).features.features.map((f) => f.properties as Record<string, unknown>);
    expect(new Set(locs.map((p) => p.kind))).toEqual(new Set(['zorg', 'school', 'wonen75plus', 'kinderopvang']));
    for (const p of locs) {
      expect(p.petFacadeMeanC).toEqual(expect.any(Number));
      expect(p.coolPlaceWithin300m).toBe(p.coolPlaceDistanceM !== null && (p.coolPlaceDistanceM as number) <= 300);
    }
    const pet = (res.outputs.pet as RasterOutput).grid;
    const change = (res.outputs.petChange as RasterOutput).grid as RasterGrid<Float32Array>;
    expect([pet.width, pet.height, pet.crs]).toEqual([1000, 1000, 'EPSG:28992']);
    expect(change.data.reduce((a, v) => a + v, 0)).toBeLessThan(0);
  });
});

describe('bad input', () => {
  it('refuses a night hour with a clear message, before any heavy work', async () => {
    const t0 = Date.now();
    const run = runLocally(app, { petHours: [22, 24] }, { datasets });
    await expect(run).rejects.toThrow(HittestressError);
    await expect(run).rejects.toMatchObject({ code: 'SUN_BELOW_HORIZON', message: expect.stringMatching(/sun is below the horizon/) });
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('refuses a measure outside the area, naming it', async () => {
    const [, , x1, y1] = area.meta.bbox;
    const outside: FeatureCollection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { measure: 'depave', id: 'plein-buiten' }, geometry: { type: 'Polygon', coordinates: [[[x1 - 10, y1 - 10], [x1 + 40, y1 - 10], [x1 + 40, y1 + 40], [x1 - 10, y1 - 10]]] } }],
    };
    await expect(runLocally(app, { ...FAST, measures: outside }, { datasets })).rejects.toMatchObject({ code: 'OUTSIDE_GRID', message: expect.stringMatching(/plein-buiten.*outside the study area/) });
    const lonLat: FeatureCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { measure: 'trees' }, geometry: { type: 'Point', coordinates: [5.18, 52.36] } }] };
    await expect(runLocally(app, { ...FAST, measures: lonLat }, { datasets })).rejects.toMatchObject({ code: 'OUTSIDE_GRID', message: expect.stringMatching(/RD New/) });
  });

  it('refuses buildings without height (the data requirement names the attribute)', async () => {
    const buildings = structuredClone(area.buildings);
    (buildings.features[3]?.properties as { heightM: number | null }).heightM = null;
    await expect(runLocally(app, FAST, { datasets: { ...datasets, [DATASET_IDS.buildings]: buildings } })).rejects.toThrow(/heightM/);
  });

  it('stops at the next step when cancelled', async () => {
    const ctl = new AbortController();
    const run = runLocally(app, FAST, { datasets, signal: ctl.signal, onProgress: (p) => { if (p.fraction >= 0.05) ctl.abort(); } });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    // Had the app gone on into the heat model (seconds of synchronous work), this timer would wait for it.
    const t0 = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(Date.now() - t0).toBeLessThan(1500);
  });
});

describe('baseline only (600 m demo area)', () => {
  it('gives one comparison row, zero change and no scenario columns; a rerun gives identical output hashes', async () => {
    const small = createDemoArea({ size: 600 });
    const res = await runLocally(app, FASTEST, { datasets: demoDatasets(small) });
    const again = await runLocally(app, FASTEST, { datasets: demoDatasets(createDemoArea({ size: 600 })) });
    expect(again.hashes).toEqual(res.hashes);
    const { rows, measures: outcomes } = res.outputs.comparison as { rows: Array<Record<string, unknown>>; measures: unknown[] };
    expect(rows).toHaveLength(1);
    expect(outcomes).toEqual([]);
    expect(((res.outputs.petChange as RasterOutput).grid.data as Float32Array).every((v) => v === 0)).toBe(true);
    expect((res.outputs.neighbourhoods as VectorOutput).features.features[0]?.properties).not.toHaveProperty('deltaMeanPetC');
  });
});

describe('treesAlongWalkingRoutes', () => {
  it('is deterministic and gives the asked number of points, all plantable', () => {
    const a = measures.features[0]?.geometry as MultiPoint;
    const b = plantingScenario(area).features[0]?.geometry as MultiPoint;
    expect(a.coordinates).toHaveLength(200);
    expect(b.coordinates).toEqual(a.coordinates);
    expect(() => treesAlongWalkingRoutes(area.roads, { count: 10, isPlantable: () => false })).toThrow(/plantable/);
  });
});
