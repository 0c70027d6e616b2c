import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection } from 'geojson';
import { ChainDefinition, chainToManifest, parseAppManifest } from '@tweeling/core';
import { runLocally, type LocalDataset, type VectorOutput } from '@tweeling/sdk';
import { createDemoArea, type DemoArea } from '@tweeling/demo';
import app from '../src/index.js';

type Props = Record<string, unknown>;
const props = (out: unknown): Props[] => (out as VectorOutput).features.features.map((f: Feature) => f.properties as Props);
interface Summary { passabilityGiven: boolean; closedRoads: number; horizonMin: number; services: Array<{ id: string; stations: string[]; buildingsEverUnreachable: number; buildingsBeyondTargetWhenDry: number }> }

let area: DemoArea;
let datasets: Record<string, LocalDataset>;
beforeAll(() => {
  area = createDemoArea();
  datasets = { 'demo-wegen': area.roads, 'demo-voorzieningen': area.facilities, 'demo-gebouwen': area.buildings, 'demo-buurten': area.buurten };
});

describe('manifest', () => {
  it('parses; every input but the flood roads has a demo default, and the roads input names the chain', () => {
    const m = parseAppManifest(JSON.parse(readFileSync(new URL('../tweeling.app.json', import.meta.url), 'utf8')));
    expect(m).toMatchObject({ id: 'bereikbaarheid', version: '0.1.0', licence: 'EUPL-1.2', publisher: 'tweeling-apps', useCases: ['wateroverlast'] });
    expect(m.inputs.origins?.schema.default).toEqual({ dataset: 'demo-voorzieningen' });
    expect(m.inputs.roads?.description.nl).toMatch(/wateroverlast/);
    expect(m.inputs.services?.schema.default).toEqual([
      { id: 'brandweer', originKind: 'brandweerkazerne', maxMinutes: 8 },
      { id: 'ambulance', originKind: 'ziekenhuis', maxMinutes: 15 },
    ]);
    expect(Object.keys(m.outputs).sort()).toEqual(['buildings', 'neighbourhoods', 'summary', 'unreachableSeries']);
  });

  it('ships a chain whose steps and links name real inputs and outputs of both apps', () => {
    const chain = JSON.parse(readFileSync(new URL('../chains/wateroverlast-bereikbaarheid.json', import.meta.url), 'utf8')) as {
      steps: Array<{ id: string; process: string; inputs: Record<string, unknown> }>; outputs: Record<string, { fromStep: string; output: string }>;
    };
    const flood = parseAppManifest(JSON.parse(readFileSync(new URL('../../wateroverlast/tweeling.app.json', import.meta.url), 'utf8')));
    const manifests: Record<string, typeof flood> = { wateroverlast: flood, bereikbaarheid: app.manifest };
    const stepProcess = Object.fromEntries(chain.steps.map((s) => [s.id, s.process]));
    expect(chain.steps.map((s) => s.process)).toEqual(['wateroverlast', 'bereikbaarheid']);
    for (const step of chain.steps) {
      for (const [input, value] of Object.entries(step.inputs)) {
        expect(Object.keys(manifests[step.process]!.inputs)).toContain(input);
        const link = value as { fromStep?: string; output?: string };
        if (link.fromStep) expect(Object.keys(manifests[stepProcess[link.fromStep]!]!.outputs)).toContain(link.output);
      }
    }
    expect(chain.steps[1]!.inputs.roads).toEqual({ fromStep: 'flood', output: 'roads' });
    for (const o of Object.values(chain.outputs)) expect(Object.keys(manifests[stepProcess[o.fromStep]!]!.outputs)).toContain(o.output);
    // The platform's chain check (typed ports) accepts it and offers it as one process.
    const asApp = chainToManifest(ChainDefinition.parse(chain), new Map(Object.entries(manifests)));
    expect(asApp.id).toBe('wateroverlast-bereikbaarheid');
    expect(asApp.inputs.floodStorm?.schema.default).toBe('T100_70mm_1h');
    expect(asApp.inputs.reachRoads).toBeUndefined(); // bound to the flood step's output
    expect(Object.keys(asApp.outputs).sort()).toEqual(['floodedBuildings', 'maxDepth', 'roads', 'unreachableBuildings', 'unreachableSeries']);
  });
});

describe('demo area', () => {
  it('with plain demo-wegen ({"inputs": {}}): the dry reference, every building connected', async () => {
    const res = await runLocally(app, {}, { datasets });
    const summary = res.outputs.summary as unknown as Summary;
    expect(summary).toMatchObject({ passabilityGiven: false, closedRoads: 0, horizonMin: 0 });
    expect(summary.services.map((s) => s.stations)).toEqual([['Brandweerkazerne Tweeling (demo)'], ['Ziekenhuis Tweeling (demo)']]);
    const b = props(res.outputs.buildings);
    expect(b).toHaveLength(area.buildings.features.length);
    for (const p of b) {
      expect(p.brandweerDryMin).toEqual(expect.any(Number));
      expect(p.brandweerDryMin as number).toBeLessThan(15); // 1 km² at ≥ 20 km/h
      expect(p.unreachable).toBe((p.brandweerDryMin as number) > 8 || (p.ambulanceDryMin as number) > 15);
    }
    expect(res.log.some((l) => l.level === 'warn' && /dry reference/.test(l.message))).toBe(true);
  });

  it('closing every road at the fire station for 0…30 min cuts all buildings off from the fire brigade, then restores them', async () => {
    const station = area.facilities.features.find((f) => f.properties.kind === 'brandweerkazerne')!.properties.roadNodeId;
    const roads: FeatureCollection = {
      type: 'FeatureCollection',
      features: area.roads.features.map((r) => {
        const touches = r.properties.fromNode === station || r.properties.toNode === station;
        return { ...r, properties: { ...r.properties, emergencyImpassableFromMin: touches ? 0 : null, emergencyImpassableToMin: touches ? 30 : null, emergencyImpassableAtEnd: false, simulationEndMin: 60 } };
      }),
    };
    const res = await runLocally(app, { roads: { dataset: 'closed' }, services: [{ id: 'brandweer', originKind: 'brandweerkazerne', maxMinutes: 8 }] }, { datasets: { ...datasets, closed: roads } });
    const summary = res.outputs.summary as unknown as Summary;
    expect(summary.passabilityGiven).toBe(true);
    expect(summary.closedRoads).toBeGreaterThan(0);
    const series = res.outputs.unreachableSeries as { timesS: number[]; series: Array<{ name: string; values: number[] }> };
    expect(series.timesS).toEqual(Array.from({ length: 13 }, (_, k) => k * 300));
    const counts = series.series[0]!.values;
    const dryBeyond = summary.services[0]!.buildingsBeyondTargetWhenDry;
    expect(counts.slice(0, 4)).toEqual([1, 2, 3, 4].map(() => area.buildings.features.length)); // departures 0…15: wait ≥ 15 min
    expect(counts.slice(6)).toEqual(counts.slice(6).map(() => dryBeyond)); // departures ≥ 30: as dry
    for (const p of props(res.outputs.buildings)) {
      expect(p.brandweerUnreachableFromMin).toBe(0);
      if ((p.brandweerDryMin as number) <= 8) expect(p.brandweerUnreachableToMin as number).toBeLessThanOrEqual(30);
    }
    const table = res.outputs.neighbourhoods as Props[];
    expect(table.reduce((s, u) => s + (u.brandweerUnreachableBuildings as number), 0)).toBe(area.buildings.features.length);
  });
});
