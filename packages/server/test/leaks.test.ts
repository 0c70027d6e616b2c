/**
 * Nothing private of one organisation reaches another organisation or an anonymous caller (issue 12):
 * private and named datasets, the datasets a run made, audit entries, statements, private use cases
 * and their lessons, jobs and run records, and a beta release, in lists, counts, facets, OGC
 * collections/items/tiles/coverages, search, SSE streams and provenance. Each check has a positive
 * control: the owner (or the organisation it is shared with) does see the thing.
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASCII_GRID, makeOrgFixtures, must, send, unique, type OrgFixtures, type Req } from './authorization-fixtures.js';
import { buildTestApp, FIXTURE_APPS, openTestDb, TEST_TMP, tokenFor, type TestDb } from './harness.js';

const V = '/api/v1';
const get = (url: string, headers?: Record<string, string>): Req => ({ method: 'GET', url, ...(headers ? { headers } : {}) });
const month = new Date().toISOString().slice(0, 7);

/** A beta release of an app published by almere (only almere may see it). */
async function betaAppDir(id: string, name: string): Promise<string> {
  const dir = join(TEST_TMP, `leaks-apps-${process.pid}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await cp(join(FIXTURE_APPS, 'leeg'), join(dir, id), { recursive: true });
  const file = join(dir, id, 'tweeling.app.json');
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  await writeFile(file, JSON.stringify({ ...manifest, id, name: { nl: name }, channel: 'beta', publisher: 'almere', themes: [name.split(' ').at(-1)] }));
  return dir;
}

describe('no leaks across organisations', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let appsDir: string;
  let almere: OrgFixtures;
  let dronten: OrgFixtures;
  let namedId: string;
  const betaId = unique('almere-beta');
  const betaName = `Geheime bèta ${unique('betathema')}`;
  const t: Record<'almere' | 'dronten' | 'zuiderzeeland' | 'beheer', string> = { almere: '', dronten: '', zuiderzeeland: '', beheer: '' };
  /** Outsiders: another organisation's admin (who holds every role's permissions) and anonymous. */
  const outsiders = () => [{ who: 'dronten', token: t.dronten }, { who: 'anoniem', token: null }];
  const markersOf = (fx: OrgFixtures) => [...fx.markers, namedId, betaId, betaName];
  /** The private strings of almere in an answer, other than those the caller sent. */
  const leaked = (res: LightMyRequestResponse, req: Req) => {
    const sent = `${req.url} ${JSON.stringify(req.payload ?? '')}`;
    return markersOf(almere).filter((m) => res.body.includes(m) && !sent.includes(m));
  };
  const ask = async (token: string | null, req: Req) => {
    const res = await send(app, token, req);
    return { res, leaked: leaked(res, req) };
  };

  beforeAll(async () => {
    db = await openTestDb();
    appsDir = await betaAppDir(betaId, betaName);
    app = await buildTestApp(db, { extraAppDirs: [FIXTURE_APPS, appsDir], env: { SYNC_WAIT_MS: '30000' } });
    for (const org of Object.keys(t) as (keyof typeof t)[]) t[org] = await tokenFor(db, org, 'admin');
    almere = await makeOrgFixtures(app, 'almere', t.almere);
    dronten = await makeOrgFixtures(app, 'dronten', t.dronten);
    namedId = unique('almere-gedeeld');
    await must(app, t.almere, { method: 'POST', url: `${V}/datasets`, payload: { id: namedId, title: { nl: `${almere.marker} gedeeld` }, kind: 'raster', licence: 'CC0-1.0', visibility: 'named', sharedWith: ['zuiderzeeland'] } }, 201);
    await must(app, t.almere, { method: 'POST', url: `${V}/datasets/${namedId}/versions?crs=EPSG:28992`, payload: ASCII_GRID, headers: { 'content-type': 'text/plain' } }, 201);
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
    await rm(appsDir, { recursive: true, force: true });
  });

  it('datasets: lists, keyword search and OGC collections show only what the caller may see', async () => {
    const lists = [`${V}/datasets`, `${V}/datasets?organisation=almere`, `${V}/datasets?keyword=${almere.marker}`, `${V}/collections`];
    for (const url of lists) {
      for (const { who, token } of outsiders()) {
        const { res, leaked: shown } = await ask(token, get(url));
        expect(res.statusCode, `${url} as ${who}`).toBe(200);
        expect(shown, `${url} as ${who}`).toEqual([]);
      }
    }
    const mine = (await must(app, t.almere, get(`${V}/datasets`), 200)).body;
    for (const id of [almere.datasetId, almere.rasterId, almere.runDatasetId, namedId]) expect(mine).toContain(id);
    expect(mine).not.toContain(dronten.datasetId);
    const shared = (await must(app, t.zuiderzeeland, get(`${V}/collections`), 200)).body;
    expect(shared).toContain(namedId);
    expect(shared).not.toContain(almere.datasetId);
  });

  it('datasets: every OGC and registry route answers 404 for a dataset the caller may not see, tiles included (no 304 either)', async () => {
    const { z, x, y } = almere.tile;
    const vector = (id: string) => [`/datasets/${id}`, `/datasets/${id}/versions`, `/datasets/${id}/provenance`, `/collections/${id}`, `/collections/${id}/items`, `/collections/${id}/items/1`, `/collections/${id}/queryables`, `/collections/${id}/tiles`, `/collections/${id}/tiles/WebMercatorQuad`, `/collections/${id}/tiles/WebMercatorQuad/${z}/${x}/${y}`];
    const raster = (id: string) => [`/datasets/${id}`, `/collections/${id}`, `/collections/${id}/coverage`, `/collections/${id}/coverage/domainset`, `/collections/${id}/coverage/rangetype`];
    const paths = [...vector(almere.datasetId), ...vector(almere.runDatasetId), ...raster(almere.rasterId), ...raster(namedId)];
    const tile = await must(app, t.almere, get(`${V}${paths[9]}`), 200);
    for (const path of paths) {
      for (const { who, token } of outsiders()) {
        const { res, leaked: shown } = await ask(token, get(`${V}${path}`, { 'if-none-match': String(tile.headers.etag) }));
        expect([res.statusCode, String(res.headers['content-type'])], `${path} as ${who}`).toEqual([404, expect.stringMatching(/^application\/problem\+json/)]);
        expect(shown, `${path} as ${who}`).toEqual([]);
      }
    }
    expect((await send(app, t.zuiderzeeland, get(`${V}/collections/${namedId}/coverage`))).statusCode).toBe(200);
    expect((await send(app, t.zuiderzeeland, get(`${V}/collections/${almere.rasterId}/coverage`))).statusCode).toBe(404);
  });

  it('datasets: another organisation cannot run an app on them, cite them in a decision or propose them in a fit check', async () => {
    const run = await ask(t.dronten, { method: 'POST', url: `${V}/processes/gebouwen-telling/execution`, payload: { inputs: { buildings: { dataset: almere.datasetId } } } });
    expect(run.res.statusCode).toBe(404);
    expect(run.leaked).toEqual([]);
    const useCase = (await must(app, t.dronten, { method: 'POST', url: `${V}/use-cases`, payload: { title: 'Openbaar in Dronten', visibility: 'public' } }, 201)).json() as { id: string };
    const cite = await send(app, t.dronten, { method: 'POST', url: `${V}/use-cases/${useCase.id}/decisions`, payload: { title: 'Besluit met andermans data', rationale: 'x', decidedBy: 'college', decidedOn: '2026-11-20', datasets: [{ dataset: almere.datasetId, version: 1 }] } });
    expect(cite.statusCode).toBe(400);
    const decisions = await ask(null, get(`${V}/use-cases/${useCase.id}/decisions`));
    expect(decisions.leaked).toEqual([]);
    const view = await send(app, t.dronten, { method: 'POST', url: `${V}/use-cases/${useCase.id}/map-views`, payload: { title: 'x', layers: [{ dataset: almere.datasetId }], center: [5.2, 52.4], zoom: 12 } });
    expect(view.statusCode).toBe(400);
    for (const { who, token } of outsiders()) expect((await ask(token, get(`${V}/apps/gebouwen-telling/fit`))).leaked, who).toEqual([]);
    expect((await send(app, t.dronten, get(`${V}/apps/gebouwen-telling/fit?organisation=almere`))).statusCode).toBe(403);
    expect((await must(app, t.almere, get(`${V}/apps/gebouwen-telling/fit`), 200)).body).toContain(almere.datasetId);
  });

  it('audit entries stay with their organisation, also after another organisation took part in a vote of ours', async () => {
    await must(app, t.dronten, { method: 'POST', url: `${V}/votes/${almere.openRound.code}`, payload: { voterId: unique('stem'), nickname: 'Dronten', points: { a: 1 } } }, 201);
    const theirs = await ask(t.dronten, get(`${V}/audit?limit=500`));
    expect(theirs.res.statusCode).toBe(200);
    expect(theirs.leaked).toEqual([]);
    expect(theirs.res.body).toContain(dronten.datasetId);
    for (const action of ['dataset.create', 'vote.cast', 'decision.record']) expect((await ask(t.dronten, get(`${V}/audit?action=${action}`))).leaked, action).toEqual([]);
    const direct = await ask(t.dronten, get(`${V}/organisations/almere/audit`));
    expect([direct.res.statusCode, direct.leaked]).toEqual([403, []]);
    expect((await send(app, null, get(`${V}/organisations/almere/audit`))).statusCode).toBe(401);
    expect((await must(app, t.almere, get(`${V}/audit?limit=500`), 200)).body).toContain(almere.datasetId);
  });

  it('statements (billing) show only the organisation\'s own runs, in JSON and CSV', async () => {
    const own = await must(app, t.almere, get(`${V}/organisations/almere/statements?month=${month}`), 200);
    expect(own.body).toContain(almere.jobId);
    const theirs = await must(app, t.dronten, get(`${V}/organisations/dronten/statements?month=${month}`), 200);
    expect(theirs.body).toContain(dronten.jobId);
    expect(theirs.body).not.toContain(almere.jobId);
    for (const accept of ['application/json', 'text/csv']) {
      const foreign = await ask(t.dronten, get(`${V}/organisations/almere/statements?month=${month}`, { accept }));
      expect([foreign.res.statusCode, foreign.leaked], accept).toEqual([403, []]);
      expect((await send(app, null, get(`${V}/organisations/almere/statements?month=${month}`, { accept }))).statusCode).toBe(401);
    }
  });

  it('private use cases: absent from lists and search, 404 on every route, their shared lessons without the use case\'s title', async () => {
    const uc = `${V}/use-cases/${almere.useCaseId}`;
    const lists = [`${V}/use-cases`, `${V}/use-cases?organisation=almere`, `${V}/use-cases?vocabularyId=wateroverlast`, `${V}/lessons`, `${V}/lessons?q=${almere.marker}`];
    const routes = ['', '/export.md', '/canvas', '/canvas/history', '/canvas/light', '/canvas/light/comments', '/stakeholders', '/stories', '/story-tree', '/vote-rounds', '/decisions', `/decisions/${almere.decisionId}`, `/decisions/${almere.decisionId}/dossier`, '/retrospectives', '/actions', '/value-case', '/map-views', `/map-views/${almere.mapViewId}`].map((p) => `${uc}${p}`);
    for (const url of [...lists, ...routes]) {
      for (const { who, token } of outsiders()) {
        if (token === null && url.includes('/lessons')) continue; // lessons need a token
        const { res, leaked: shown } = await ask(token, get(url));
        expect(res.statusCode, `${url} as ${who}`).toBe(lists.includes(url) ? 200 : 404);
        expect(shown, `${url} as ${who}`).toEqual([]);
      }
    }
    expect((await must(app, t.almere, get(`${V}/lessons?q=${almere.marker}`), 200)).body).toContain(almere.marker);

    // Sharing a lesson shares its text, not the private use case it came from.
    const text = unique('Gedeelde les');
    await must(app, t.almere, { method: 'POST', url: `${uc}/retrospectives`, payload: { heldOn: '2026-11-26', axes: { waardecreatie: [], ontwikkelingEnGebruik: [], samenwerking: [], voortgangActies: [] }, lessons: [{ axis: 'samenwerking', text, shared: true }] } }, 201);
    const lessons = await ask(t.dronten, get(`${V}/lessons?q=${text}`));
    expect(lessons.res.body).toContain(text);
    expect(lessons.leaked).toEqual([]);
    expect((await must(app, t.almere, get(`${V}/lessons?q=${text}`), 200)).body).toContain(almere.marker);
  });

  it('votes: the rounds of a private use case cannot be found; an unknown round streams nothing', async () => {
    for (const { who, token } of outsiders()) {
      expect((await send(app, token, get(`${V}/use-cases/${almere.useCaseId}/vote-rounds`))).statusCode, who).toBe(404);
      const stream = await send(app, token, get(`${V}/votes/00000000-0000-4000-8000-000000000000/events`));
      expect([stream.statusCode, String(stream.headers['content-type'])], who).toEqual([404, expect.stringMatching(/^application\/problem\+json/)]);
    }
  });

  it('jobs and run records: absent from lists, 404 on every route, provenance included', async () => {
    const job = `${V}/jobs/${almere.jobId}`;
    const theirs = await ask(t.dronten, get(`${V}/jobs?limit=1000`));
    expect(theirs.leaked).toEqual([]);
    expect(theirs.res.body).toContain(dronten.jobId);
    for (const path of ['', '/results', '/record', '/provenance', '/events']) {
      const res = await ask(t.dronten, get(`${job}${path}`));
      expect([res.res.statusCode, res.leaked], path).toEqual([404, []]);
      expect((await send(app, null, get(`${job}${path}`))).statusCode, path).toBe(401);
    }
    for (const req of [{ method: 'POST', url: `${job}/rerun` }, { method: 'DELETE', url: job }] as Req[]) expect((await ask(t.dronten, req)).res.statusCode).toBe(404);
    expect((await must(app, t.almere, get(`${V}/datasets/${almere.runDatasetId}/provenance`), 200)).body).toContain(almere.jobId);
  });

  it('job progress (SSE over HTTP) streams to the own organisation only', async () => {
    const started = await must(app, t.almere, { method: 'POST', url: `${V}/processes/gebouwen-telling/execution`, headers: { prefer: 'respond-async' }, payload: { inputs: { slowMs: 400, buildings: { dataset: almere.datasetId } } } }, 201);
    const id = (started.json() as { jobID: string }).jobID;
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const open = (token: string | null) => fetch(`${base}${V}/jobs/${id}/events`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(20_000) });
    const own = await open(t.almere);
    expect([own.status, own.headers.get('content-type')]).toEqual([200, 'text/event-stream; charset=utf-8']);
    const reader = own.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/^event: status\ndata: /);
    expect(first).toContain(id);
    await reader.cancel();
    for (const [token, status] of [[t.dronten, 404], [null, 401]] as const) {
      const res = await open(token);
      const body = await res.text();
      expect([res.status, res.headers.get('content-type')]).toEqual([status, expect.stringMatching(/^application\/problem\+json/)]);
      expect(body).not.toContain('event:');
    }
    await must(app, t.almere, { method: 'DELETE', url: `${V}/jobs/${id}` }, 200);
  });

  it('a package waiting for review is seen by its publisher and the store operator only, and is not in the store', async () => {
    const { id, appId } = almere.publication;
    for (const { who, token } of outsiders()) {
      const list = await ask(token, get(`${V}/publications`));
      expect([list.res.statusCode, list.leaked], who).toEqual([token ? 200 : 401, []]);
      for (const url of [`${V}/publications/${id}`, `${V}/publications/${id}/package`, `${V}/apps/${appId}`, `${V}/processes/${appId}`]) {
        const res = await ask(token, get(url));
        expect([res.res.statusCode, res.leaked], `${url} as ${who}`).toEqual([token || url.includes('/apps/') || url.includes('/processes/') ? 404 : 401, []]);
      }
    }
    expect((await ask(t.dronten, get(`${V}/publications`))).res.body).toContain(dronten.publication.id);
    for (const token of [t.almere, t.beheer]) expect((await must(app, token, get(`${V}/publications`), 200)).body).toContain(id);
    expect((await send(app, t.almere, get(`${V}/apps/${appId}`))).statusCode).toBe(404);
  });

  it('operational endpoints (metrics, health, OpenAPI) name nothing private', async () => {
    for (const url of ['/metrics', `${V}/health`, `${V}/openapi.json`, `${V}/organisations`, `${V}/organisations/almere`]) {
      const { res, leaked: shown } = await ask(null, get(url));
      expect([res.statusCode, shown], url).toEqual([200, []]);
    }
  });

  it('a beta release is seen by its publisher and invited beta testers only: catalogue, counts, facets, search, processes', async () => {
    const urls = [`${V}/apps`, `${V}/apps?q=${encodeURIComponent(betaName)}`, `${V}/usecases/wateroverlast/apps`, `${V}/processes`];
    for (const url of urls) {
      for (const { who, token } of outsiders()) expect((await ask(token, get(url))).leaked, `${url} as ${who}`).toEqual([]);
      expect((await must(app, t.almere, get(url), 200)).body, url).toContain(betaId);
    }
    type Page = { total: number; facets: Record<string, { value: string; count: number }[]> };
    const page = async (token: string | null) => (await must(app, token, get(`${V}/apps`), 200)).json() as Page;
    const [own, foreign, anonymous] = [await page(t.almere), await page(t.dronten), await page(null)];
    expect(foreign).toEqual(anonymous);
    expect(own.total).toBe(foreign.total + 1);
    const count = (p: Page, facet: string, value: string) => p.facets[facet]?.find((f) => f.value === value)?.count ?? 0;
    expect(count(own, 'usecase', 'wateroverlast')).toBe(count(foreign, 'usecase', 'wateroverlast') + 1);
    expect(count(own, 'publisher', 'almere')).toBe(1);
    expect(count(foreign, 'publisher', 'almere')).toBe(0);
    type Counts = { useCases: { id: string; apps: number }[] };
    const apps = async (token: string | null) => ((await must(app, token, get(`${V}/usecases`), 200)).json() as Counts).useCases.find((u) => u.id === 'wateroverlast')!.apps;
    expect(await apps(t.almere)).toBe((await apps(t.dronten)) + 1);
    const routes: Req[] = [get(`${V}/apps/${betaId}`), get(`${V}/apps/${betaId}/fit`), get(`${V}/apps/${betaId}/reviews`), get(`${V}/apps/${betaId}/accreditations`), get(`${V}/processes/${betaId}`)];
    for (const req of routes) {
      for (const { who, token } of outsiders()) expect([(await send(app, token, req)).statusCode, (await ask(token, req)).leaked], `${req.url} as ${who}`).toEqual([404, []]);
    }
    expect((await send(app, t.dronten, { method: 'POST', url: `${V}/processes/${betaId}/execution`, payload: { inputs: {} } })).statusCode).toBe(404);
    expect((await send(app, t.dronten, { method: 'POST', url: `${V}/organisations/dronten/subscriptions`, payload: { appId: betaId } })).statusCode).toBe(404);
    expect((await send(app, t.almere, get(`${V}/apps/${betaId}`))).statusCode).toBe(200);

    // An invited beta tester sees it too; everyone else still does not.
    await must(app, t.almere, { method: 'PUT', url: `${V}/apps/${betaId}/beta-testers/zuiderzeeland` }, 200);
    expect((await send(app, t.zuiderzeeland, get(`${V}/apps/${betaId}`))).statusCode).toBe(200);
    expect((await page(t.zuiderzeeland)).total).toBe(own.total);
    expect(await page(t.dronten)).toEqual(await page(null));
    for (const { who, token } of outsiders()) expect([(await send(app, token, get(`${V}/processes/${betaId}`))).statusCode, (await ask(token, get(`${V}/apps`))).leaked], who).toEqual([404, []]);
  });
});

