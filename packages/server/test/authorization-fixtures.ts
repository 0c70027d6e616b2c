/**
 * Callers and per-organisation fixtures for the authorization matrix and the leak tests: every
 * fixture is made through the HTTP API (app.inject), the way an organisation would make it.
 */
import { randomBytes } from 'node:crypto';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Role } from '@tweeling/core';
import { packAppFolder } from '../src/cli-app.js';
import { bearer, TEST_TMP, tokenFor, type TestDb } from './harness.js';

/** A vendor's app folder, the template of the organisations' own submitted packages. */
const VENDOR_APP = fileURLToPath(new URL('./fixtures/vendor-apps/regenton', import.meta.url));

/** How a caller relates to the organisation that owns the fixtures (almere). */
export type Relation = 'anonymous' | 'own' | 'foreign' | 'platform';

export interface Who {
  /** e.g. `almere/analyst`, `anoniem` */
  key: string;
  relation: Relation;
  organisationId: string | null;
  role: Role | null;
  token: string | null;
  /** Holds `accredit` (an admin of an organisation that may accredit). */
  accreditor?: boolean;
}

export const ROLES_LOW_TO_HIGH: readonly Role[] = ['viewer', 'analyst', 'data-steward', 'admin'];

/**
 * Everyone the matrix asks: anonymous, each role of the owning organisation (almere) and of a
 * foreign one (dronten), the platform administrator (admin of the operator organisation beheer) and
 * an accreditor (admin of kennisinstituut, a foreign organisation that may accredit).
 */
export async function makeCallers(db: TestDb): Promise<Who[]> {
  const callers: Who[] = [{ key: 'anoniem', relation: 'anonymous', organisationId: null, role: null, token: null }];
  for (const [org, relation] of [['almere', 'own'], ['dronten', 'foreign']] as const) {
    for (const role of ROLES_LOW_TO_HIGH) callers.push({ key: `${org}/${role}`, relation, organisationId: org, role, token: await tokenFor(db, org, role) });
  }
  callers.push({ key: 'beheer/admin (platform)', relation: 'platform', organisationId: 'beheer', role: 'admin', token: await tokenFor(db, 'beheer', 'admin') });
  callers.push({ key: 'kennisinstituut/admin (accrediteur)', relation: 'foreign', organisationId: 'kennisinstituut', role: 'admin', token: await tokenFor(db, 'kennisinstituut', 'admin'), accreditor: true });
  return callers;
}

export interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  url: string;
  payload?: object | string;
  headers?: Record<string, string>;
}

/** One request as a caller (no token: anonymous). */
export const send = (app: FastifyInstance, token: string | null, req: Req) =>
  app.inject({ method: req.method, url: req.url, headers: { ...(token ? bearer(token) : {}), ...req.headers }, ...(req.payload === undefined ? {} : { payload: req.payload }) });

/** Sends and insists on a status (fixture set-up must not fail silently). */
export async function must(app: FastifyInstance, token: string | null, req: Req, status: number | number[]): Promise<LightMyRequestResponse> {
  const res = await send(app, token, req);
  const wanted = Array.isArray(status) ? status : [status];
  if (!wanted.includes(res.statusCode)) throw new Error(`fixture ${req.method} ${req.url}: ${res.statusCode} ${res.body.slice(0, 400)}`);
  return res;
}

export const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

/** Tile (z/x/y, WebMercatorQuad) that holds a point given in degrees. */
export function tileOf(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n) };
}

/** Three small buildings around (141000, 486000) in RD New, with the attributes gebouwen-telling reads. */
export function buildingsGeoJson(marker: string) {
  const square = (x: number, y: number) => [[[x, y], [x + 10, y], [x + 10, y + 10], [x, y + 10], [x, y]]];
  return {
    type: 'FeatureCollection',
    features: [0, 1, 2].map((i) => ({ type: 'Feature', properties: { use: i === 2 ? 'winkel' : 'wonen', residents: i + 1, label: `${marker}-pand-${i}` }, geometry: { type: 'Polygon', coordinates: square(141000 + i * 30, 486000 + i * 20) } })),
  };
}

/** A 4 × 3 ESRI ASCII grid at (141000, 486000), 10 m cells. */
export const ASCII_GRID = 'ncols 4\nnrows 3\nxllcorner 141000\nyllcorner 486000\ncellsize 10\nNODATA_value -9999\n1 2 3 4\n5 6 7 8\n9 10 11 12\n';

/**
 * An app package (gzip'd tar) published by `org`, under a new app id: a copy of the vendor fixture app.
 * @returns the package and its app id
 */
export async function ownPackage(org: string): Promise<{ bytes: Buffer; appId: string }> {
  const appId = unique(`${org}-inzending`);
  const dir = join(TEST_TMP, appId);
  await cp(VENDOR_APP, dir, { recursive: true });
  try {
    const file = join(dir, 'tweeling.app.json');
    const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...manifest, id: appId, publisher: org }));
    return { bytes: await packAppFolder(dir), appId };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Submits a package of the organisation for review; the publication id and its app id. */
export async function submitPackage(app: FastifyInstance, org: string, admin: string): Promise<{ id: string; appId: string }> {
  const { bytes, appId } = await ownPackage(org);
  const res = await must(app, admin, { method: 'POST', url: '/api/v1/publications', payload: bytes, headers: { 'content-type': 'application/gzip' } }, 201);
  return { id: (res.json() as { id: string }).id, appId };
}

/** Everything an organisation keeps private, made through the API; `markers` never leave it. */
export interface OrgFixtures {
  org: string;
  /** A text in titles and labels of the private things. */
  marker: string;
  /** Vector dataset, visibility `organisation`, one version. */
  datasetId: string;
  featureId: number;
  /** A tile of WebMercatorQuad with features of the private dataset. */
  tile: { z: number; x: number; y: number };
  /** Raster dataset, visibility `organisation`, one version. */
  rasterId: string;
  /** A successful run of gebouwen-telling on the private dataset, and the dataset it produced. */
  jobId: string;
  runDatasetId: string;
  /** A private use case with a bit of everything. */
  useCaseId: string;
  stakeholderId: string;
  storyId: string;
  nodeId: string;
  openRound: { id: string; code: string };
  closedRoundId: string;
  decisionId: string;
  actionId: string;
  /** A lesson that is not shared. */
  lessonId: string;
  valueItemId: string;
  mapViewId: string;
  /** A package the organisation submitted, waiting for review (not in the store). */
  publication: { id: string; appId: string };
  /** Strings that only the organisation (and, for use cases, the platform administrator) may see. */
  markers: string[];
}

const json = <T>(res: LightMyRequestResponse) => res.json() as T;

/**
 * Makes the private things of an organisation with its admin token (a data steward's work and an
 * analyst's run are done by the admin, who holds every role's permissions).
 */
export async function makeOrgFixtures(app: FastifyInstance, org: string, admin: string): Promise<OrgFixtures> {
  const marker = unique(`geheim-${org}`);
  const datasetId = unique(`${org}-prive-panden`);
  const rasterId = unique(`${org}-prive-hoogte`);
  const dataset = (id: string, kind: string) => ({ id, title: { nl: `${marker} ${kind}` }, kind, licence: 'CC-BY-4.0', visibility: 'organisation', keywords: [marker] });
  await must(app, admin, { method: 'POST', url: '/api/v1/datasets', payload: dataset(datasetId, 'vector') }, 201);
  await must(app, admin, { method: 'POST', url: `/api/v1/datasets/${datasetId}/versions?crs=EPSG:28992`, payload: buildingsGeoJson(marker) }, 201);
  await must(app, admin, { method: 'POST', url: '/api/v1/datasets', payload: dataset(rasterId, 'raster') }, 201);
  await must(app, admin, { method: 'POST', url: `/api/v1/datasets/${rasterId}/versions?crs=EPSG:28992`, payload: ASCII_GRID, headers: { 'content-type': 'text/plain' } }, 201);
  const items = json<{ features: { id: number; geometry: { coordinates: number[][][] } }[] }>(await must(app, admin, { method: 'GET', url: `/api/v1/collections/${datasetId}/items` }, 200));
  const [lon, lat] = items.features[0]!.geometry.coordinates[0]![0]! as [number, number];

  const run = await must(app, admin, { method: 'POST', url: '/api/v1/processes/gebouwen-telling/execution', payload: { inputs: { sampleSize: 2, buildings: { dataset: datasetId } } } }, 200);
  const jobId = /\/jobs\/([0-9a-f-]{36})$/.exec(String(run.headers.location))![1]!;
  const runDatasetId = json<{ sample: { dataset: string } }>(run).sample.dataset;

  const uc = `/api/v1/use-cases`;
  const useCaseId = json<{ id: string }>(await must(app, admin, { method: 'POST', url: uc, payload: { title: `${marker} use case`, visibility: 'private' } }, 201)).id;
  const base = `${uc}/${useCaseId}`;
  const id = async (req: Req) => json<{ id: string }>(await must(app, admin, req, 201)).id;
  const stakeholderId = await id({ method: 'POST', url: `${base}/stakeholders`, payload: { name: `${marker} bewoners`, relation: 'voor-wie', influence: 2, interest: 5 } });
  const storyId = await id({ method: 'POST', url: `${base}/stories`, payload: { asA: 'beleidsadviseur', iWant: `${marker} weten waar het water staat`, soThat: 'ik kan kiezen' } });
  const nodeId = await id({ method: 'POST', url: `${base}/story-tree/nodes`, payload: { kind: 'vraag', label: `${marker} vraag` } });
  await must(app, admin, { method: 'POST', url: `${base}/canvas/light/comments`, payload: { body: `${marker} opmerking` } }, 201);
  const round = { question: `${marker} welke eerst?`, method: 'points', pointsPerVoter: 10, options: [{ label: `${marker} A` }, { label: 'B' }] };
  const openRound = json<{ id: string; code: string }>(await must(app, admin, { method: 'POST', url: `${base}/vote-rounds`, payload: round }, 201));
  const closedRoundId = await id({ method: 'POST', url: `${base}/vote-rounds`, payload: round });
  await must(app, admin, { method: 'POST', url: `${base}/vote-rounds/${closedRoundId}/close` }, 200);
  const decisionId = await id({
    method: 'POST',
    url: `${base}/decisions`,
    payload: { title: `${marker} besluit`, rationale: 'De run laat het zien.', decidedBy: 'college', decidedOn: '2026-11-20', runs: [jobId], datasets: [{ dataset: datasetId, version: 1 }] },
  });
  const retro = json<{ actions: { id: string }[]; lessons: { id: string }[] }>(
    await must(app, admin, {
      method: 'POST',
      url: `${base}/retrospectives`,
      payload: { heldOn: '2026-11-24', axes: { waardecreatie: [`${marker} inzicht`], ontwikkelingEnGebruik: [], samenwerking: [], voortgangActies: [] }, actions: [{ description: `${marker} actie`, owner: 'projectleider' }], lessons: [{ axis: 'samenwerking', text: `${marker} les`, shared: false }] },
    }, 201),
  );
  const valueItemId = await id({ method: 'POST', url: `${base}/value-case`, payload: { dimension: 'publieke-waarde', kind: 'baten', description: `${marker} baten` } });
  const mapViewId = await id({ method: 'POST', url: `${base}/map-views`, payload: { title: `${marker} kaart`, layers: [{ dataset: datasetId }], jobId, center: [lon, lat], zoom: 15 } });
  const publication = await submitPackage(app, org, admin);

  return {
    org, marker, datasetId, rasterId, jobId, runDatasetId, useCaseId, stakeholderId, storyId, nodeId, openRound, closedRoundId, decisionId, valueItemId, mapViewId, publication,
    featureId: items.features[0]!.id,
    tile: tileOf(lon, lat, 14),
    actionId: retro.actions[0]!.id,
    lessonId: retro.lessons[0]!.id,
    markers: [marker, datasetId, rasterId, jobId, runDatasetId, useCaseId, publication.id, publication.appId],
  };
}
