/**
 * The chain wateroverlast → bereikbaarheid run by hand in memory (the server's chain runtime does
 * the same with stored datasets): the flood app's `roads` output becomes the `roads` input of this
 * app. The flood app is imported from its built workspace package for this test only (as the
 * server's tests import the reference apps); this package does not depend on it.
 */
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { runLocally, type VectorOutput } from '@tweeling/sdk';
import { createDemoArea } from '@tweeling/demo';
import flood from '@tweeling/app-wateroverlast/app';
import app from '../src/index.js';

describe('chain wateroverlast → bereikbaarheid on the demo area (5 m cells, 70 mm in 1 h)', () => {
  it('closes the roads the flood makes impassable and reports which buildings are cut off, and when', async () => {
    const area = createDemoArea();
    const datasets = {
      'demo-hoogte': area.dem, 'demo-landgebruik': area.landUse, 'demo-gebouwen': area.buildings, 'demo-wegen': area.roads,
      'demo-buurten': area.buurten, 'demo-voorzieningen': area.facilities,
    };
    const f = await runLocally(flood, { storm: 'T100_70mm_1h', afterS: 0, cellSizeM: 5 }, { datasets });
    const roads = (f.outputs.roads as VectorOutput).features as FeatureCollection;
    const closedMotorRoads = roads.features.filter((r) => r.properties?.motorVehicles !== false && r.properties?.emergencyImpassableFromMin !== null);
    expect(closedMotorRoads.length).toBeGreaterThan(0);
    const r = await runLocally(app, { roads: { dataset: 'flood-roads' } }, { datasets: { ...datasets, 'flood-roads': roads } });
    const summary = r.outputs.summary as { passabilityGiven: boolean; closedRoads: number; horizonMin: number; services: Array<{ buildingsEverUnreachable: number; buildingsBeyondTargetWhenDry: number }> };
    expect(summary).toMatchObject({ passabilityGiven: true, closedRoads: closedMotorRoads.length, horizonMin: 60 });
    const buildings = (r.outputs.buildings as VectorOutput).features.features.map((b) => b.properties as Record<string, unknown>);
    // Every building unreachable at some time either is beyond the target when dry or lost its route
    // after the first closure started.
    const firstClosure = Math.min(...closedMotorRoads.map((c) => c.properties!.emergencyImpassableFromMin as number));
    for (const b of buildings) {
      if (b.brandweerUnreachableFromMin === null || (b.brandweerDryMin as number) > 8) continue;
      expect((b.brandweerUnreachableFromMin as number) + 8).toBeGreaterThanOrEqual(firstClosure);
    }
    console.log('chain', JSON.stringify({ closed: closedMotorRoads.map((c) => [c.properties!.id, c.properties!.emergencyImpassableFromMin, c.properties!.emergencyImpassableToMin]), services: summary.services }));
  }, 60_000);
});
