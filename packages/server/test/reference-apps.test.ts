import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobInfo } from '@tweeling/core';
import { createDemoArea, LandUse } from '@tweeling/demo';
import { treesAlongWalkingRoutes } from '@tweeling/app-hittestress/app';
import { copiedDataDir } from './harness.js';
import { runCli, startServer, type RunningServer } from './processes.js';

const run = promisify(execFile);

/** The reference apps, installed from apps/, run through OGC API Processes on the seeded demo area. */
describe('reference apps through /api/v1/processes on the demo area', () => {
  let server: RunningServer;
  let token: string;
  const cleanups: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    const { dataDir, dispose } = await copiedDataDir('apps');
    cleanups.push(dispose);
    expect((await runCli(['seed'], { DATA_DIR: dataDir })).code).toBe(0);
    token = (await runCli(['token', 'create', '--org', 'almere', '--role', 'analyst'], { DATA_DIR: dataDir })).stdout.trim();
    server = await startServer({ DATA_DIR: dataDir, JOB_CONCURRENCY: '2' }, 120_000);
    cleanups.push(() => server.stop('SIGKILL'));
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  const headers = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json', prefer: 'respond-async' });
  async function runJob(process: string, inputs: Record<string, unknown>): Promise<{ info: JobInfo; results: Record<string, any> }> {
    const res = await fetch(`${server.url}/api/v1/processes/${process}/execution`, { method: 'POST', headers: headers(), body: JSON.stringify({ inputs }) });
    expect(res.status, await res.clone().text()).toBe(201);
    const { jobID } = JobInfo.parse(await res.json());
    for (let i = 0; i < 1200; i += 1) {
      const info = JobInfo.parse(await (await fetch(`${server.url}/api/v1/jobs/${jobID}`, { headers: headers() })).json());
      if (info.status === 'successful') {
        const results = (await (await fetch(`${server.url}/api/v1/jobs/${jobID}/results`, { headers: headers() })).json()) as Record<string, any>;
        return { info, results };
      }
      expect(info.status, info.message).not.toMatch(/failed|dismissed/);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${process} did not finish`);
  }

  it('OWSLib lists the processes and reads a process description', async () => {
    const script = `
import json, sys
from owslib.ogcapi.processes import Processes
p = Processes(sys.argv[1])
ids = [x['id'] for x in p.processes()['processes']]
d = p.process('hittestress')
print(json.dumps({'ids': ids, 'inputs': sorted(d['inputs'].keys()), 'outputs': sorted(d['outputs'].keys())}))
`;
    const { stdout } = await run('/usr/bin/python3', ['-c', script, `${server.url}/api/v1`], { timeout: 60_000 });
    const result = JSON.parse(stdout) as { ids: string[]; inputs: string[]; outputs: string[] };
    expect(result.ids).toEqual(expect.arrayContaining(['hittestress', 'groen-3-30-300', 'bodem-water']));
    expect(result.inputs).toEqual(expect.arrayContaining(['dem', 'buildings', 'measures']));
    expect(result.outputs).toContain('comparison');
  });

  it('groen-3-30-300 and bodem-water run with {"inputs": {}} on the demo datasets', async () => {
    const groen = await runJob('groen-3-30-300', {});
    expect(groen.results.homes).toMatchObject({ kind: 'vector', dataset: expect.stringMatching(/^run-/) });
    const bodem = await runJob('bodem-water', {});
    expect(bodem.results.parcels).toMatchObject({ kind: 'vector' });
  });

  it('hittestress compares the demo baseline with 200 trees along walking routes (KPI table)', async () => {
    const area = createDemoArea();
    const { width, height, originX, originY, cellSize } = area.dem;
    const measures: FeatureCollection = treesAlongWalkingRoutes(area.roads, {
      count: 200,
      isPlantable: (x, y) => {
        const c = Math.floor((x - originX) / cellSize);
        const r = Math.floor((originY - y) / cellSize);
        if (c < 0 || r < 0 || c >= width || r >= height) return false;
        const lu = area.landUse.data[r * width + c];
        return lu !== LandUse.gebouw && lu !== LandUse.water && lu !== LandUse.rijbaan;
      },
    });
    const { results } = await runJob('hittestress', { measures, svfDirections: 16 });
    const rows = results.comparison.rows as Array<Record<string, number>>;
    expect(rows).toHaveLength(2);
    const [baseline, scenario] = rows as [Record<string, number>, Record<string, number>];
    expect(scenario.meanPetC).toBeLessThan(baseline.meanPetC);
    expect(scenario.routeShadeShare).toBeGreaterThan(baseline.routeShadeShare);
    expect(scenario.costEur).toBeGreaterThan(0);
    expect(results.pet).toMatchObject({ kind: 'raster', dataset: expect.stringMatching(/^run-/) });
    const coverage = await fetch(`${results.pet.href as string}`, { headers: headers() });
    expect(coverage.status).toBe(200);
    expect(coverage.headers.get('content-type')).toMatch(/image\/tiff/);
  });
});
