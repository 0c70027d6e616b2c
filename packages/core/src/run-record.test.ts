import { describe, expect, it } from 'vitest';
import { RunRecord, runRecordToProv, type RunRecord as RunRecordType } from './run-record.js';

const H = (c: string) => c.repeat(64);

const RECORD: RunRecordType = RunRecord.parse({
  jobId: '0b6f1c6e-5d0a-4a43-9d55-0a4f4d7b1e01',
  app: { id: 'wateroverlast-hoosbui', version: '1.2.0', codeHash: H('a') },
  inputs: { rainMm: 70, durationH: 1, sinkMmPerH: 20, dem: { dataset: 'demo-ahn-almere' } },
  datasets: [
    { input: 'dem', dataset: 'demo-ahn-almere', version: 3, contentHash: H('b'), kind: 'raster', crs: 'EPSG:28992', licence: 'CC0-1.0' },
    { input: 'buildings', dataset: 'https://example.org/bag.geojson', version: null, contentHash: H('c'), kind: 'vector', crs: 'EPSG:28992' },
  ],
  seed: 42,
  engineVersion: '0.1.0',
  startedAt: '2026-11-26T10:00:00.000Z',
  endedAt: '2026-11-26T10:03:12.500Z',
  status: 'successful',
  outputs: [
    { output: 'maxDepth', kind: 'raster', hash: H('d'), dataset: 'job-0b6f-max-depth', version: 1 },
    { output: 'impassableRoadLengthM', kind: 'value', hash: H('e') },
  ],
  who: { organisationId: 'almere', userId: '8d2b7f6a-3c1e-4f5a-9b0d-2e6c1a7f9e10', tokenId: null },
});

describe('RunRecord', () => {
  it('defaults parentJobId to null and rejects unknown keys and bad hashes', () => {
    expect(RECORD.parentJobId).toBeNull();
    expect(RunRecord.safeParse({ ...RECORD, extra: 1 }).success).toBe(false);
    expect(RunRecord.safeParse({ ...RECORD, app: { ...RECORD.app, codeHash: 'abc' } }).success).toBe(false);
  });
});

describe('runRecordToProv', () => {
  const prov = runRecordToProv(RECORD, 'https://tweeling.example.nl/api/v1/');
  const job = `job:${RECORD.jobId}`;

  it('declares prefixes under the base URL', () => {
    expect(prov.prefix).toMatchObject({
      prov: 'http://www.w3.org/ns/prov#',
      job: 'https://tweeling.example.nl/api/v1/jobs/',
      dataset: 'https://tweeling.example.nl/api/v1/datasets/',
    });
  });

  it('makes the job an activity with times, seed and engine version', () => {
    expect(prov.activity[job]).toEqual({
      'prov:startTime': RECORD.startedAt,
      'prov:endTime': RECORD.endedAt,
      'prov:type': 'tweeling:AppRun',
      'tweeling:status': 'successful',
      'tweeling:seed': { $: '42', type: 'xsd:unsignedInt' },
      'tweeling:engineVersion': '0.1.0',
    });
  });

  it('records what the job used: app release as plan, inputs, dataset versions with hashes', () => {
    const used = Object.values(prov.used);
    expect(used.every((u) => u['prov:activity'] === job)).toBe(true);
    expect(used.map((u) => u['prov:entity'])).toEqual([
      'app:wateroverlast-hoosbui/releases/1.2.0',
      `${job}/inputs`,
      'dataset:demo-ahn-almere/versions/3',
      `${job}/inputs/buildings/1`,
    ]);
    expect(prov.entity['dataset:demo-ahn-almere/versions/3']).toMatchObject({ 'tweeling:contentHash': H('b'), 'tweeling:licence': 'CC0-1.0' });
    expect(prov.entity[`${job}/inputs/buildings/1`]).toMatchObject({ 'prov:location': 'https://example.org/bag.geojson' });
    expect(prov.entity[`${job}/inputs`]?.['prov:value']).toBe('{"dem":{"dataset":"demo-ahn-almere"},"durationH":1,"rainMm":70,"sinkMmPerH":20}');
    expect(Object.values(prov.wasAssociatedWith)).toContainEqual({ 'prov:activity': job, 'prov:agent': 'org:almere', 'prov:plan': 'app:wateroverlast-hoosbui/releases/1.2.0' });
  });

  it('records generated outputs with hashes, attributed to the organisation', () => {
    expect(Object.values(prov.wasGeneratedBy).map((g) => g['prov:entity'])).toEqual(['dataset:job-0b6f-max-depth/versions/1', `${job}/results/impassableRoadLengthM`]);
    expect(prov.entity[`${job}/results/impassableRoadLengthM`]).toMatchObject({ 'tweeling:hash': H('e'), 'tweeling:kind': 'value' });
    expect(Object.values(prov.wasAttributedTo).every((a) => a['prov:agent'] === 'org:almere')).toBe(true);
  });

  it('has the user act on behalf of the organisation; no token agent when none was used', () => {
    expect(prov.agent).toEqual({
      'org:almere': { 'prov:type': 'prov:Organization' },
      [`user:${RECORD.who.userId}`]: { 'prov:type': 'prov:Person' },
    });
    expect(Object.values(prov.actedOnBehalfOf)).toEqual([{ 'prov:delegate': `user:${RECORD.who.userId}`, 'prov:responsible': 'org:almere', 'prov:activity': job }]);
    expect(prov.wasStartedBy).toEqual({});
  });

  it('links a chain step to its parent job', () => {
    const parent = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
    const p = runRecordToProv({ ...RECORD, parentJobId: parent }, 'https://x.nl/api/v1');
    expect(Object.values(p.wasStartedBy)).toEqual([{ 'prov:activity': job, 'prov:starter': `job:${parent}` }]);
  });

  it('only uses declared prefixes in the ids of nodes and relations', () => {
    const ids = [
      ...Object.keys(prov.entity), ...Object.keys(prov.activity), ...Object.keys(prov.agent),
      ...[prov.used, prov.wasGeneratedBy, prov.wasAssociatedWith, prov.wasAttributedTo, prov.actedOnBehalfOf]
        .flatMap((relation) => Object.values(relation).flatMap((r) => Object.entries(r)))
        .filter(([k]) => ['prov:entity', 'prov:activity', 'prov:agent', 'prov:plan', 'prov:delegate', 'prov:responsible'].includes(k))
        .map(([, v]) => String(v)),
    ];
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expect(Object.keys(prov.prefix)).toContain(id.slice(0, id.indexOf(':')));
    for (const id of ids) expect(prov.entity[id] ?? prov.activity[id] ?? prov.agent[id]).toBeDefined();
  });
});
