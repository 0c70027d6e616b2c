import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { parseAppManifest } from '@tweeling/core';
import { runLocally } from '@tweeling/sdk';
import { createDemoArea } from '@tweeling/demo';
import app from '../src/index.js';
import { polygonFeature, rectPolygon } from './helpers.js';

const manifestJson: unknown = JSON.parse(readFileSync(new URL('../tweeling.app.json', import.meta.url), 'utf8'));
const area = createDemoArea();
const DATASETS = {
  'demo-gebouwen': area.buildings, 'demo-wegen': area.roads, 'demo-bomen': area.trees, 'demo-parken': area.parks,
  'demo-water': area.water, 'demo-buurten': area.buurten,
} as Record<string, FeatureCollection>;

describe('groen-3-30-300 app', () => {
  it('has a manifest that parses, with demo dataset defaults and the groen use case', () => {
    const m = parseAppManifest(manifestJson);
    expect(m.id).toBe('groen-3-30-300');
    expect(m.useCases).toEqual(['groen']);
    expect(m.publisher).toBe('tweeling-apps');
    expect(m.licence).toBe('EUPL-1.2');
    expect(m.pricing).toEqual({ kind: 'free' });
    for (const [id, input] of Object.entries(m.inputs)) {
      if (input.dataRequirement) expect(Object.keys(DATASETS), id).toContain((input.schema.default as { dataset: string }).dataset);
    }
    expect(app.manifest).toEqual(m);
  });

  it('runs on the demo area with {} inputs, reads every input and produces every output with plausible totals', async () => {
    const homes = area.buildings.features.filter((f) => f.properties.use === 'wonen').length;
    const t0 = performance.now();
    const run = await runLocally(app, {}, { datasets: DATASETS });
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(run.inputsRead).toEqual(Object.keys(app.manifest.inputs).sort());
    expect(Object.keys(run.hashes).sort()).toEqual(Object.keys(app.manifest.outputs).sort());
    const out = run.outputs as Record<string, unknown>;
    const fc = (out.homes as { features: FeatureCollection }).features;
    expect(fc.features).toHaveLength(homes);
    const summary = out.summary as { current: Record<string, number>; scenarioApplied: boolean };
    expect(summary.scenarioApplied).toBe(false);
    expect(summary.current.homes).toBe(homes);
    // A green Almere-like district: most homes see 3 trees and reach a park; canopy cover is well under 100 %.
    expect(summary.current.shareHomesPassing3).toBeGreaterThan(0.3);
    expect(summary.current.shareHomesPassing300).toBeGreaterThan(0.5);
    expect(summary.current.qualifyingParks).toBeGreaterThan(5);
    const table = out.neighbourhoodTable as { code: string; canopyFraction: number; homes: number }[];
    expect(table).toHaveLength(area.buurten.features.length);
    expect(table.reduce((s, r) => s + r.homes, 0)).toBe(homes);
    for (const row of table) {
      expect(row.canopyFraction).toBeGreaterThan(0.02);
      expect(row.canopyFraction).toBeLessThan(0.6);
    }
    console.info(JSON.stringify(summary), JSON.stringify(table.map((r) => [r.code, r.canopyFraction])), `${Math.round(performance.now() - t0)} ms`);
    // Run records compare output hashes: a rerun must give the same ones.
    expect((await runLocally(app, {}, { datasets: DATASETS })).hashes).toEqual(run.hashes);
  });

  it('scenario: added trees and a park raise the scores where they are placed', async () => {
    // Ten large trees along the first home's front, and a 0.6 ha park next to it.
    const first = area.buildings.features.find((f) => f.properties.use === 'wonen');
    if (!first) throw new Error('no home');
    const [x0, y0] = first.geometry.coordinates[0]?.[0] as [number, number];
    const extraTrees = Array.from({ length: 10 }, (_, k) => ({ x: x0 + 2 * k - 10, y: y0 - 6, crownDiameterM: 10 }));
    const extraParks = [{ name: 'Nieuw park', ring: [[x0, y0 - 150], [x0 + 60, y0 - 150], [x0 + 60, y0 - 50], [x0, y0 - 50], [x0, y0 - 150]] }];
    const run = await runLocally(app, { extraTrees, extraParks, viewDistanceM: 30 }, { datasets: DATASETS });
    const out = run.outputs as Record<string, unknown>;
    const summary = out.summary as { current: Record<string, number>; scenario: Record<string, number>; scenarioApplied: boolean };
    expect(summary.scenarioApplied).toBe(true);
    expect(summary.scenario.qualifyingParks).toBe((summary.current.qualifyingParks as number) + 1);
    expect(summary.scenario.shareHomesPassing3).toBeGreaterThanOrEqual(summary.current.shareHomesPassing3 as number);
    const table = out.neighbourhoodTable as { canopyFraction: number; canopyFractionScenario: number }[];
    expect(table.some((r) => r.canopyFractionScenario > r.canopyFraction)).toBe(true);
    expect(table.every((r) => r.canopyFractionScenario >= r.canopyFraction)).toBe(true);
    const homeProps = ((out.homes as { features: FeatureCollection }).features.features[0]?.properties ?? {}) as Record<string, number>;
    expect(homeProps.treesInViewScenario).toBeGreaterThan(homeProps.treesInView as number);
    const canopy = (out.canopy as { grid: { data: Uint8Array } }).grid.data;
    expect(canopy.includes(2)).toBe(true);
  });

  it('reports pass/fail per home on constructed layers: trees in view vs behind a building', async () => {
    const fcOf = (features: FeatureCollection['features']): FeatureCollection => ({ type: 'FeatureCollection', features });
    const point = (x: number, y: number, id: string) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [x, y] }, properties: { id, crownDiameterM: 8 } });
    const datasets = {
      gb: fcOf([
        polygonFeature(rectPolygon(0, 0, 10, 10), { id: 'open', use: 'wonen' }),
        polygonFeature(rectPolygon(100, 0, 110, 10), { id: 'achter-flat', use: 'wonen' }),
        polygonFeature(rectPolygon(95, 13, 115, 20), { id: 'flat', use: 'kantoor' }),
      ]),
      gt: fcOf([point(2, 20, 't1'), point(5, 20, 't2'), point(8, 20, 't3'), point(102, 25, 't4'), point(105, 25, 't5'), point(108, 25, 't6')]),
      gr: fcOf([{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[-50, -20], [200, -20]] }, properties: {} }]),
      gp: fcOf([polygonFeature(rectPolygon(40, -100, 110, -25), { id: 'park', public: true })]),
      gw: fcOf([]),
      gz: fcOf([polygonFeature(rectPolygon(-50, -150, 200, 50), { code: 'BU01', naam: 'Proef' })]),
    };
    const ref = (dataset: string) => ({ dataset });
    const run = await runLocally(app, { buildings: ref('gb'), trees: ref('gt'), roads: ref('gr'), parks: ref('gp'), water: ref('gw'), buurten: ref('gz') }, { datasets });
    const homes = (run.outputs.homes as { features: FeatureCollection }).features.features.map((f) => f.properties as Record<string, unknown>);
    expect(homes.map((h) => [h.id, h.treesInView, h.passes3])).toEqual([['open', 3, true], ['achter-flat', 0, false]]);
    // Both reach the 0.525 ha park over the street: 25 m to the street, along it, 5 m up to the park edge.
    expect(homes.map((h) => [h.passes300, h.nearestPark])).toEqual([[true, 'park'], [true, 'park']]);
    expect(homes[0]?.walkDistanceToParkM).toBeCloseTo(65, 6); // 25 + 35 (x 5 → 40) + 5
    expect(homes[1]?.walkDistanceToParkM).toBeCloseTo(35, 6); // 25 + 5 (x 105 → 110) + 5
  });
});
