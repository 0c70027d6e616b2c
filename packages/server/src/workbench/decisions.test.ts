import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decision, DecisionDossier, JobInfo, MapView, Problem, UseCase } from '@tweeling/core';
import { seedDemoArea } from '../demo-datasets.js';
import { bearer, buildTestApp, FIXTURE_APPS, openTestDb, tokenFor, type TestDb } from '../../test/harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('workbench: decision log tied to runs', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let admin: string;
  let analyst: string;
  let dronten: string;
  let useCaseId: string;
  let almereRun: string;
  let drontenRun: string;
  beforeAll(async () => {
    db = await openTestDb();
    app = await buildTestApp(db, { extraAppDirs: [FIXTURE_APPS] });
    await seedDemoArea({ db: db.kysely, clock: () => new Date() });
    admin = await tokenFor(db, 'almere', 'admin');
    analyst = await tokenFor(db, 'almere', 'analyst');
    dronten = await tokenFor(db, 'dronten', 'analyst');
    useCaseId = UseCase.parse((await app.inject({ method: 'POST', url: '/api/v1/use-cases', headers: bearer(analyst), payload: { title: 'Wateroverlast t.g.v. hoosbui', visibility: 'public' } })).json()).id;
    const run = async (token: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/processes/gebouwen-telling/execution', headers: { ...bearer(token), prefer: 'respond-async' }, payload: { inputs: { sampleSize: 0 } } });
      const { jobID } = JobInfo.parse(res.json());
      for (let i = 0; i < 400; i += 1) {
        const info = JobInfo.parse((await app.inject({ method: 'GET', url: `/api/v1/jobs/${jobID}`, headers: bearer(token) })).json());
        if (info.status === 'successful') return jobID;
        await sleep(50);
      }
      throw new Error('run did not finish');
    };
    almereRun = await run(analyst);
    drontenRun = await run(dronten);
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  const decide = (payload: object, token = admin) => app.inject({ method: 'POST', url: `/api/v1/use-cases/${useCaseId}/decisions`, headers: bearer(token), payload });
  const base = { title: 'Eerst groot onderhoud in de wijk met de meest kwetsbare panden', rationale: 'De run laat zien waar water bij 70 mm in een uur tegen de gevel staat.', decidedBy: 'Projectleider wateroverlast', decidedOn: '2026-11-20' };

  it('records a decision citing a run and a dataset version, pinning the output hashes, audited', async () => {
    const res = await decide({ ...base, alternatives: ['Wachten op het rioleringsplan'], legalBasis: 'Omgevingswet; gemeentelijke watertaken (Waterwet art. 3.5)', runs: [almereRun], datasets: [{ dataset: 'demo-gebouwen', version: 1 }] });
    expect(res.statusCode, res.body).toBe(201);
    const decision = Decision.parse(res.json());
    expect(decision.runs[0]).toMatchObject({ jobId: almereRun, appId: 'gebouwen-telling' });
    expect(decision.runs[0]?.outputs.length).toBeGreaterThan(0);
    expect(decision.runs[0]?.record?.jobId).toBe(almereRun);
    expect(decision.datasets[0]).toMatchObject({ datasetId: 'demo-gebouwen', version: 1, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const audit = await db.kysely.selectFrom('audit_log').select('action').where('target_id', '=', decision.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['decision.record']);

    // Others learn from the public use case but do not see the pinned run records.
    const outside = (await app.inject({ method: 'GET', url: `/api/v1/use-cases/${useCaseId}/decisions`, headers: bearer(dronten) })).json() as { decisions: unknown[] };
    expect(Decision.parse(outside.decisions[0]).runs[0]).toMatchObject({ jobId: almereRun, record: null });
  });

  it('refuses a run of another organisation (403), unknown runs and invisible datasets (400, naming the field)', async () => {
    const foreign = await decide({ ...base, runs: [drontenRun] });
    expect(foreign.statusCode).toBe(403);
    expect(Problem.parse(foreign.json())).toMatchObject({ code: 'TWL_WORKBENCH_RUN_FORBIDDEN', errors: [{ path: 'body.runs.0' }] });
    const unknown = await decide({ ...base, runs: ['00000000-0000-4000-8000-000000000000'] });
    expect(Problem.parse(unknown.json())).toMatchObject({ status: 400, errors: [{ path: 'body.runs.0' }] });
    const hidden = await decide({ ...base, datasets: [{ dataset: 'bestaat-niet', version: 1 }] });
    expect(Problem.parse(hidden.json()).errors?.[0]?.path).toBe('body.datasets.0');
    expect(Problem.parse((await decide({ ...base, decidedOn: '20-11-2026' })).json()).errors?.[0]?.path).toBe('body.decidedOn');
    expect((await decide(base, analyst)).statusCode).toBe(403);
    expect((await decide(base, dronten)).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/v1/use-cases/${useCaseId}/decisions`, payload: base })).statusCode).toBe(401);
    const count = await db.kysely.selectFrom('workbench_decisions').select('id').execute();
    expect(count).toHaveLength(1);
  });

  it('exports the dossier as JSON and as printable, accessible Dutch HTML; the citation survives a rerun', async () => {
    const [decision] = (await app.inject({ method: 'GET', url: `/api/v1/use-cases/${useCaseId}/decisions`, headers: bearer(admin) })).json().decisions as Decision[];
    const rerun = await app.inject({ method: 'POST', url: `/api/v1/jobs/${almereRun}/rerun`, headers: bearer(analyst) });
    expect(rerun.statusCode).toBe(201);
    const rerunId = JobInfo.parse(rerun.json()).jobID;
    for (let i = 0; i < 400; i += 1) {
      const info = JobInfo.parse((await app.inject({ method: 'GET', url: `/api/v1/jobs/${rerunId}`, headers: bearer(analyst) })).json());
      if (['successful', 'failed', 'dismissed'].includes(info.status)) break;
      await sleep(50);
    }
    const url = `/api/v1/use-cases/${useCaseId}/decisions/${decision!.id}/dossier`;
    const dossier = DecisionDossier.parse((await app.inject({ method: 'GET', url })).json());
    expect(dossier.verification).toEqual([{ jobId: almereRun, outputsUnchanged: true }]);
    expect(dossier.useCase.title).toBe('Wateroverlast t.g.v. hoosbui');
    const html = await app.inject({ method: 'GET', url: `${url}?f=html` });
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.body).toContain('<html lang="nl">');
    expect(html.body).toContain('<h1>Eerst groot onderhoud in de wijk met de meest kwetsbare panden</h1>');
    expect(html.body).toMatch(/<caption>Aangehaalde runs/);
    expect(html.body).toContain('<th scope="col">Uitkomsten (SHA-256)</th>');
    expect(html.body).toContain(decision!.runs[0]!.outputs[0]!.hash);
    expect(html.body).toContain('20 november 2026');
    expect((await app.inject({ method: 'GET', url: `/api/v1/use-cases/${useCaseId}/decisions/00000000-0000-4000-8000-000000000000/dossier` })).statusCode).toBe(404);
  });

  it('saves a map view for the workshop: visible layers, a run of the own organisation as scenario, annotations', async () => {
    const url = `/api/v1/use-cases/${useCaseId}/map-views`;
    const view = { title: 'Hoosbui 70 mm, centrum', layers: [{ dataset: 'demo-gebouwen' }], jobId: almereRun, time: 1800, center: [5.2146, 52.3702], zoom: 15, annotations: [{ at: [5.215, 52.371], text: 'Tunnel loopt hier als eerste onder' }] };
    const saved = await app.inject({ method: 'POST', url, headers: bearer(analyst), payload: view });
    expect(saved.statusCode, saved.body).toBe(201);
    const id = MapView.parse(saved.json()).id;
    const opened = MapView.parse((await app.inject({ method: 'GET', url: `${url}/${id}` })).json());
    expect(opened).toMatchObject({ title: 'Hoosbui 70 mm, centrum', jobId: almereRun, time: 1800, zoom: 15, bearing: 0, layers: [{ dataset: 'demo-gebouwen', visible: true, opacity: 1 }] });
    const foreign = await app.inject({ method: 'POST', url, headers: bearer(analyst), payload: { ...view, jobId: drontenRun } });
    expect(Problem.parse(foreign.json())).toMatchObject({ status: 403, code: 'TWL_WORKBENCH_RUN_FORBIDDEN', errors: [{ path: 'body.jobId' }] });
    const hidden = await app.inject({ method: 'POST', url, headers: bearer(analyst), payload: { ...view, layers: [{ dataset: 'bestaat-niet' }], center: [500, 52] } });
    expect(Problem.parse(hidden.json()).errors?.map((e) => e.path)).toEqual(['body.center.0']);
    const invisible = await app.inject({ method: 'POST', url, headers: bearer(analyst), payload: { ...view, layers: [{ dataset: 'bestaat-niet' }] } });
    expect(Problem.parse(invisible.json()).errors?.map((e) => e.path)).toEqual(['body.layers.0.dataset']);
    expect((await app.inject({ method: 'POST', url, headers: bearer(dronten), payload: view })).statusCode).toBe(403);
  });
});
