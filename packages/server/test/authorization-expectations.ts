/**
 * The expected answer of every route of the API, per kind of caller, for the authorization matrix
 * (authorization-matrix.test.ts). A route without an entry here, or an entry without a route, fails
 * the matrix: add the new route's entry when you add a route.
 *
 * - `gate`: who passes the route's access declaration: `anyone`, `token` (any valid token), the
 *   lowest role that carries the permission, `platform` (operator admins) or `accredit`.
 * - `orgParam`: the organisation is in the path; a foreign organisation's caller gets 403.
 * - `own`, `foreign`, `platform`, `anonymous`: what a caller who passes the gate gets on the
 *   owning organisation's (almere's) private fixture. Defaults: own `ok`; foreign `hidden`;
 *   anonymous as foreign; platform as foreign (as own admin on `orgParam` routes).
 * Callers below the gate always get 403 (401 when anonymous), as problem+json.
 */
import { allowedStatusTransitions, type Role, type UseCaseStatus } from '@tweeling/core';
import type { FastifyInstance } from 'fastify';
import { ASCII_GRID, must, submitPackage, unique, type OrgFixtures, type Req, type Who } from './authorization-fixtures.js';

/**
 * - `ok`: 2xx · `sees`: 2xx showing the private fixture · `filtered`: 2xx without any private marker
 * - `hidden`: 404 problem, `refused`: 403 problem (neither shows a private marker)
 * - a status (or one of several): exactly that
 */
export type Outcome = 'ok' | 'sees' | 'filtered' | 'hidden' | 'refused' | number | readonly number[];
export type Gate = 'anyone' | 'token' | Role | 'platform' | 'accredit';

export interface Ctx {
  app: FastifyInstance;
  fx: OrgFixtures;
  who: Who;
  /** The owning organisation's admin token, for preparing fresh fixtures. */
  owner: string;
}

export interface RouteExpectation {
  gate: Gate;
  orgParam?: true;
  own?: Outcome | Partial<Record<Role, Outcome>>;
  foreign?: Outcome;
  platform?: Outcome;
  anonymous?: Outcome;
  request: (ctx: Ctx) => Req | Promise<Req>;
}

const V = '/api/v1';
const get = (url: string): Req => ({ method: 'GET', url });
const created = async (ctx: Ctx, req: Req): Promise<string> => ((await must(ctx.app, ctx.owner, req, 201)).json() as { id: string }).id;
const uc = (ctx: Ctx, path = '') => `${V}/use-cases/${ctx.fx.useCaseId}${path}`;
const ds = (ctx: Ctx, path = '') => `${V}/datasets/${ctx.fx.datasetId}${path}`;
const col = (ctx: Ctx, path = '', id = ctx.fx.datasetId) => `${V}/collections/${id}${path}`;
const job = (ctx: Ctx, path = '') => `${V}/jobs/${ctx.fx.jobId}${path}`;
const org = (ctx: Ctx, path = '') => `${V}/organisations/${ctx.fx.org}${path}`;
const newMember = async (ctx: Ctx) => {
  const res = await must(ctx.app, ctx.owner, { method: 'POST', url: org(ctx, '/members'), payload: { email: `${unique('lid')}@almere.test`, name: 'Tijdelijk lid', role: 'viewer' } }, 201);
  return (res.json() as { userId: string }).userId;
};
const newToken = (ctx: Ctx) => created(ctx, { method: 'POST', url: org(ctx, '/tokens'), payload: { name: 'tijdelijk', role: 'viewer' } });
const ROUND = { question: 'Welke eerst?', method: 'points', pointsPerVoter: 10, options: [{ label: 'A' }, { label: 'B' }] };
const publicRead: RouteExpectation['request'] = () => get(`${V}`);
const pub = (request: RouteExpectation['request']): RouteExpectation => ({ gate: 'anyone', foreign: 'ok', request });
/** Reads of the private use case: hidden from other organisations, open to the platform administrator. */
const ucRead = (path: string, own: Outcome = 'ok'): RouteExpectation => ({ gate: 'anyone', own, platform: own, request: (ctx) => get(uc(ctx, path)) });
/** Edits of the private use case by its organisation's analysts and up; the platform administrator may read, not edit. */
const ucWrite = (request: RouteExpectation['request'], own: RouteExpectation['own'] = 'ok'): RouteExpectation => ({ gate: 'analyst', own, platform: 'refused', request });
const adminOnly = { admin: 'ok', 'data-steward': 'refused', analyst: 'refused' } as const;
/** Reads of a private dataset or collection. */
const dataRead = (request: RouteExpectation['request'], own: Outcome = 'ok'): RouteExpectation => ({ gate: 'anyone', own, request });
const jobRead = (path: string, own: Outcome = 'ok'): RouteExpectation => ({ gate: 'viewer', own, request: (ctx) => get(job(ctx, path)) });

export const ROUTE_EXPECTATIONS: Record<string, RouteExpectation> = {
  // identity
  'GET /api/v1/me': { gate: 'token', foreign: 'ok', request: () => get(`${V}/me`) },
  'GET /api/v1/organisations': pub(() => get(`${V}/organisations`)),
  'POST /api/v1/organisations': { gate: 'platform', platform: 201, request: () => ({ method: 'POST', url: `${V}/organisations`, payload: { id: unique('org'), name: 'Testorganisatie', kind: 'gemeente' } }) },
  'GET /api/v1/organisations/:orgId': pub((ctx) => get(org(ctx))),
  'GET /api/v1/organisations/:orgId/members': { gate: 'viewer', orgParam: true, request: (ctx) => get(org(ctx, '/members')) },
  'POST /api/v1/organisations/:orgId/members': { gate: 'admin', orgParam: true, own: 201, request: (ctx) => ({ method: 'POST', url: org(ctx, '/members'), payload: { email: `${unique('nieuw')}@almere.test`, name: 'Nieuw lid', role: 'viewer' } }) },
  'PATCH /api/v1/organisations/:orgId/members/:userId': { gate: 'admin', orgParam: true, request: async (ctx) => ({ method: 'PATCH', url: org(ctx, `/members/${await newMember(ctx)}`), payload: { role: 'analyst' } }) },
  'DELETE /api/v1/organisations/:orgId/members/:userId': { gate: 'admin', orgParam: true, own: 204, request: async (ctx) => ({ method: 'DELETE', url: org(ctx, `/members/${await newMember(ctx)}`) }) },
  'GET /api/v1/organisations/:orgId/tokens': { gate: 'admin', orgParam: true, request: (ctx) => get(org(ctx, '/tokens')) },
  'POST /api/v1/organisations/:orgId/tokens': { gate: 'admin', orgParam: true, own: 201, request: (ctx) => ({ method: 'POST', url: org(ctx, '/tokens'), payload: { name: 'nieuw', role: 'viewer' } }) },
  'DELETE /api/v1/organisations/:orgId/tokens/:tokenId': { gate: 'admin', orgParam: true, request: async (ctx) => ({ method: 'DELETE', url: org(ctx, `/tokens/${await newToken(ctx)}`) }) },
  'POST /api/v1/organisations/:orgId/tokens/:tokenId/rotate': { gate: 'admin', orgParam: true, own: 201, request: async (ctx) => ({ method: 'POST', url: org(ctx, `/tokens/${await newToken(ctx)}/rotate`), payload: {} }) },

  // documentation, landing page, health, metrics
  'GET /api/v1/docs': pub(() => get(`${V}/docs`)),
  'GET /api/v1/docs/static/index.html': { ...pub(() => get(`${V}/docs/static/index.html`)), own: 302, foreign: 302 },
  'GET /api/v1/docs/static/swagger-initializer.js': pub(() => get(`${V}/docs/static/swagger-initializer.js`)),
  'GET /api/v1/docs/json': pub(() => get(`${V}/docs/json`)),
  'GET /api/v1/docs/yaml': pub(() => get(`${V}/docs/yaml`)),
  'HEAD /api/v1/docs/static/*': pub(() => ({ method: 'HEAD', url: `${V}/docs/static/swagger-ui.css` })),
  'GET /api/v1/docs/static/*': pub(() => get(`${V}/docs/static/swagger-ui.css`)),
  'GET /metrics': pub(() => get('/metrics')),
  'GET /api/v1': pub(publicRead),
  'GET /api/v1/conformance': pub(() => get(`${V}/conformance`)),
  'GET /api/v1/openapi.json': pub(() => get(`${V}/openapi.json`)),
  'GET /api/v1/health': pub(() => get(`${V}/health`)),

  // audit
  'GET /api/v1/audit': { gate: 'admin', own: 'sees', foreign: 'filtered', platform: 'filtered', request: () => get(`${V}/audit?limit=500`) },
  'GET /api/v1/organisations/:orgId/audit': { gate: 'admin', orgParam: true, own: 'sees', platform: 'sees', request: (ctx) => get(org(ctx, '/audit?limit=500')) },

  // datasets and OGC API Features / Coverages / Tiles
  'GET /api/v1/datasets': { gate: 'anyone', own: 'sees', foreign: 'filtered', request: () => get(`${V}/datasets`) },
  'POST /api/v1/datasets': { gate: 'data-steward', own: 201, foreign: 201, platform: 201, request: () => ({ method: 'POST', url: `${V}/datasets`, payload: { id: unique('nieuw'), title: { nl: 'Nieuw' }, kind: 'vector', licence: 'CC0-1.0' } }) },
  'GET /api/v1/datasets/:datasetId': dataRead((ctx) => get(ds(ctx)), 'sees'),
  'GET /api/v1/datasets/:datasetId/versions': dataRead((ctx) => get(ds(ctx, '/versions'))),
  'POST /api/v1/datasets/:datasetId/versions': {
    gate: 'data-steward',
    own: [200, 201],
    request: (ctx) => ({ method: 'POST', url: `${V}/datasets/${ctx.fx.rasterId}/versions?crs=EPSG:28992`, payload: ASCII_GRID, headers: { 'content-type': 'text/plain' } }),
  },
  'GET /api/v1/collections': { gate: 'anyone', own: 'sees', foreign: 'filtered', request: () => get(`${V}/collections`) },
  'GET /api/v1/collections/:collectionId': dataRead((ctx) => get(col(ctx))),
  'GET /api/v1/collections/:collectionId/queryables': dataRead((ctx) => get(col(ctx, '/queryables'))),
  'GET /api/v1/collections/:collectionId/items': dataRead((ctx) => get(col(ctx, '/items')), 'sees'),
  'GET /api/v1/collections/:collectionId/items/:featureId': dataRead((ctx) => get(col(ctx, `/items/${ctx.fx.featureId}`)), 'sees'),
  'GET /api/v1/collections/:collectionId/coverage': dataRead((ctx) => get(col(ctx, '/coverage', ctx.fx.rasterId))),
  'GET /api/v1/collections/:collectionId/coverage/domainset': dataRead((ctx) => get(col(ctx, '/coverage/domainset', ctx.fx.rasterId))),
  'GET /api/v1/collections/:collectionId/coverage/rangetype': dataRead((ctx) => get(col(ctx, '/coverage/rangetype', ctx.fx.rasterId))),
  'GET /api/v1/collections/:collectionId/tiles': dataRead((ctx) => get(col(ctx, '/tiles'))),
  'GET /api/v1/collections/:collectionId/tiles/WebMercatorQuad': dataRead((ctx) => get(col(ctx, '/tiles/WebMercatorQuad'))),
  'GET /api/v1/collections/:collectionId/tiles/WebMercatorQuad/:z/:x/:y': dataRead((ctx) => get(col(ctx, `/tiles/WebMercatorQuad/${ctx.fx.tile.z}/${ctx.fx.tile.x}/${ctx.fx.tile.y}`)), 200),
  'GET /api/v1/datasets/:datasetId/provenance': dataRead((ctx) => get(ds(ctx, '/provenance')), 'sees'),

  // processes and jobs
  'GET /api/v1/processes': pub(() => get(`${V}/processes`)),
  'GET /api/v1/processes/:processId': pub(() => get(`${V}/processes/gebouwen-telling`)),
  'POST /api/v1/processes/:processId/execution': {
    gate: 'analyst', own: 201, foreign: 201, platform: 201,
    request: () => ({ method: 'POST', url: `${V}/processes/leeg/execution`, headers: { prefer: 'respond-async' }, payload: { inputs: { n: 1 } } }),
  },
  'GET /api/v1/jobs': { gate: 'viewer', own: 'sees', foreign: 'filtered', platform: 'filtered', request: () => get(`${V}/jobs?limit=1000`) },
  'GET /api/v1/jobs/:jobId': jobRead(''),
  'DELETE /api/v1/jobs/:jobId': { gate: 'analyst', request: (ctx) => ({ method: 'DELETE', url: job(ctx) }) },
  'GET /api/v1/jobs/:jobId/results': jobRead('/results', 'sees'),
  'GET /api/v1/jobs/:jobId/record': jobRead('/record', 'sees'),
  'GET /api/v1/jobs/:jobId/provenance': jobRead('/provenance', 'sees'),
  'POST /api/v1/jobs/:jobId/rerun': { gate: 'analyst', own: 201, request: (ctx) => ({ method: 'POST', url: job(ctx, '/rerun') }) },
  'GET /api/v1/jobs/:jobId/events': jobRead('/events', 'sees'),
  // Past the gate, a URL with credentials is refused (400) before any lookup: the registration itself is the SSRF test's.
  'POST /api/v1/remote-processes': {
    gate: 'admin', own: 400, foreign: 400, platform: 400,
    request: () => ({ method: 'POST', url: `${V}/remote-processes`, payload: { id: unique('op-afstand'), url: 'http://gebruiker:geheim@example.org/api/v1', processId: 'x', useCases: ['wateroverlast'], licence: 'EUPL-1.2' } }),
  },

  // store
  'GET /api/v1/apps': pub(() => get(`${V}/apps`)),
  // publishing: almere's submission waits for review; it is almere's and the store operator's only.
  // Past the gate, bytes that are no package are refused (400) before inspection; the real
  // submissions and reviews are publishing.test.ts's.
  'GET /api/v1/review-criteria': pub(() => get(`${V}/review-criteria`)),
  // release channels: only the publisher (tweeling-apps for `leeg`) or the platform manages them
  'GET /api/v1/apps/:appId/beta-testers': { gate: 'admin', own: 403, foreign: 403, platform: 'ok', request: () => get(`${V}/apps/leeg/beta-testers`) },
  'PUT /api/v1/apps/:appId/beta-testers/:orgId': { gate: 'admin', own: 403, foreign: 403, platform: 'ok', request: () => ({ method: 'PUT', url: `${V}/apps/leeg/beta-testers/almere` }) },
  'DELETE /api/v1/apps/:appId/beta-testers/:orgId': { gate: 'admin', own: 403, foreign: 403, platform: 'ok', request: () => ({ method: 'DELETE', url: `${V}/apps/leeg/beta-testers/almere` }) },
  'PUT /api/v1/apps/:appId/releases/:version/deprecation': {
    gate: 'admin', own: 403, foreign: 403, platform: 'ok',
    request: () => ({ method: 'PUT', url: `${V}/apps/leeg/releases/1.0.0/deprecation`, payload: { sunset: '2099-01-01' } }),
  },
  'GET /api/v1/organisations/:orgId/updates': { gate: 'viewer', orgParam: true, request: (ctx) => get(org(ctx, '/updates')) },
  'POST /api/v1/publications': {
    gate: 'admin', own: 400, foreign: 400, platform: 400,
    request: () => ({ method: 'POST', url: `${V}/publications`, payload: 'geen pakket', headers: { 'content-type': 'application/gzip' } }),
  },
  'GET /api/v1/publications': { gate: 'viewer', own: 'sees', foreign: 'filtered', platform: 'sees', request: () => get(`${V}/publications`) },
  'GET /api/v1/publications/:publicationId': { gate: 'viewer', own: 'sees', platform: 'sees', request: (ctx) => get(`${V}/publications/${ctx.fx.publication.id}`) },
  'GET /api/v1/publications/:publicationId/package': { gate: 'viewer', platform: 'ok', request: (ctx) => get(`${V}/publications/${ctx.fx.publication.id}/package`) },
  // The operator rejects a fresh submission (only the operator passes the gate, so only they get one).
  'POST /api/v1/publications/:publicationId/decision': {
    gate: 'platform', platform: 200,
    request: async (ctx) => {
      const id = ctx.who.relation === 'platform' ? (await submitPackage(ctx.app, ctx.fx.org, ctx.owner)).id : ctx.fx.publication.id;
      return { method: 'POST', url: `${V}/publications/${id}/decision`, payload: { decision: 'reject', note: 'Matrixtest', criteria: { purpose: { met: false } } } };
    },
  },
  'GET /api/v1/usecases': pub(() => get(`${V}/usecases`)),
  'GET /api/v1/usecases/:useCaseId/apps': pub(() => get(`${V}/usecases/wateroverlast/apps`)),
  'GET /api/v1/apps/:appId': pub(() => get(`${V}/apps/gebouwen-telling`)),
  // The fit check proposes the organisation's own private dataset, never another's.
  'GET /api/v1/apps/:appId/fit': { gate: 'anyone', own: 'sees', foreign: 'filtered', request: () => get(`${V}/apps/gebouwen-telling/fit`) },
  'GET /api/v1/apps/:appId/reviews': pub(() => get(`${V}/apps/gebouwen-telling/reviews`)),
  // One review per organisation, only after a successful run: almere ran it (201, then 409); the others did not (403).
  'POST /api/v1/apps/:appId/reviews': { gate: 'analyst', own: [201, 409], foreign: 'refused', request: () => ({ method: 'POST', url: `${V}/apps/gebouwen-telling/reviews`, payload: { rating: 4, text: 'Werkt goed.' } }) },
  'GET /api/v1/apps/:appId/accreditations': pub(() => get(`${V}/apps/gebouwen-telling/accreditations`)),
  'POST /api/v1/apps/:appId/accreditations': {
    gate: 'accredit', foreign: 201, platform: 'refused',
    request: () => ({ method: 'POST', url: `${V}/apps/gebouwen-telling/accreditations`, payload: { scope: 'matrixtest', expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString() } }),
  },
  'GET /api/v1/accreditations/keys': pub(() => get(`${V}/accreditations/keys`)),
  'GET /api/v1/organisations/:orgId/subscriptions': { gate: 'viewer', orgParam: true, request: (ctx) => get(org(ctx, '/subscriptions')) },
  'POST /api/v1/organisations/:orgId/subscriptions': {
    gate: 'admin', orgParam: true, own: 201,
    request: async (ctx) => {
      await must(ctx.app, ctx.owner, { method: 'DELETE', url: org(ctx, '/subscriptions/leeg') }, [200, 404]);
      return { method: 'POST', url: org(ctx, '/subscriptions'), payload: { appId: 'leeg' } };
    },
  },
  'DELETE /api/v1/organisations/:orgId/subscriptions/:appId': {
    gate: 'admin', orgParam: true,
    request: async (ctx) => {
      await must(ctx.app, ctx.owner, { method: 'POST', url: org(ctx, '/subscriptions'), payload: { appId: 'leeg' } }, [201, 409]);
      return { method: 'DELETE', url: org(ctx, '/subscriptions/leeg') };
    },
  },
  'GET /api/v1/organisations/:orgId/statements': { gate: 'admin', orgParam: true, own: 'sees', request: (ctx) => get(org(ctx, `/statements?month=${new Date().toISOString().slice(0, 7)}`)) },

  // workbench: use cases and canvas (private use case of almere)
  'GET /api/v1/use-cases': { gate: 'anyone', own: 'sees', foreign: 'filtered', platform: 'sees', request: () => get(`${V}/use-cases`) },
  'POST /api/v1/use-cases': { gate: 'analyst', own: 201, foreign: 201, platform: 201, request: () => ({ method: 'POST', url: `${V}/use-cases`, payload: { title: 'Nieuwe use case' } }) },
  'GET /api/v1/use-cases/:useCaseId': ucRead('', 'sees'),
  'PATCH /api/v1/use-cases/:useCaseId': ucWrite((ctx) => ({ method: 'PATCH', url: uc(ctx), payload: { summary: 'Bijgewerkt' } }), adminOnly),
  'PUT /api/v1/use-cases/:useCaseId/status': ucWrite(async (ctx) => {
    const current = (await must(ctx.app, ctx.owner, get(uc(ctx)), 200)).json() as { status: UseCaseStatus };
    return { method: 'PUT', url: uc(ctx, '/status'), payload: { status: allowedStatusTransitions(current.status)[0] } };
  }, adminOnly),
  'PUT /api/v1/use-cases/:useCaseId/team': ucWrite((ctx) => ({ method: 'PUT', url: uc(ctx, '/team'), payload: { team: [] } }), adminOnly),
  'GET /api/v1/use-cases/:useCaseId/export.md': ucRead('/export.md', 'sees'),
  'GET /api/v1/use-cases/:useCaseId/canvas': ucRead('/canvas'),
  'GET /api/v1/use-cases/:useCaseId/canvas/history': ucRead('/canvas/history'),
  'GET /api/v1/use-cases/:useCaseId/canvas/:section': ucRead('/canvas/light'),
  'PUT /api/v1/use-cases/:useCaseId/canvas/:section': ucWrite(async (ctx) => {
    const current = (await must(ctx.app, ctx.owner, get(uc(ctx, '/canvas/light')), 200)).json() as { version: number };
    return { method: 'PUT', url: uc(ctx, '/canvas/light'), payload: { baseVersion: current.version, content: { vraagstuk: [`versie ${current.version + 1}`] } } };
  }),
  'GET /api/v1/use-cases/:useCaseId/canvas/:section/comments': ucRead('/canvas/light/comments', 'sees'),
  'POST /api/v1/use-cases/:useCaseId/canvas/:section/comments': ucWrite((ctx) => ({ method: 'POST', url: uc(ctx, '/canvas/light/comments'), payload: { body: 'Eens.' } }), 201),

  // stakeholders, stories, story tree
  'GET /api/v1/use-cases/:useCaseId/stakeholders': ucRead('/stakeholders', 'sees'),
  'POST /api/v1/use-cases/:useCaseId/stakeholders': ucWrite((ctx) => ({ method: 'POST', url: uc(ctx, '/stakeholders'), payload: { name: 'Raad', relation: 'met-wie', influence: 4, interest: 3 } }), 201),
  'PATCH /api/v1/use-cases/:useCaseId/stakeholders/:stakeholderId': ucWrite((ctx) => ({ method: 'PATCH', url: uc(ctx, `/stakeholders/${ctx.fx.stakeholderId}`), payload: { influence: 3 } })),
  'DELETE /api/v1/use-cases/:useCaseId/stakeholders/:stakeholderId': ucWrite(async (ctx) => {
    const id = await created(ctx, { method: 'POST', url: uc(ctx, '/stakeholders'), payload: { name: 'Weg', relation: 'met-wie', influence: 1, interest: 1 } });
    return { method: 'DELETE', url: uc(ctx, `/stakeholders/${id}`) };
  }, 204),
  'GET /api/v1/use-cases/:useCaseId/stories': ucRead('/stories', 'sees'),
  'POST /api/v1/use-cases/:useCaseId/stories': ucWrite((ctx) => ({ method: 'POST', url: uc(ctx, '/stories'), payload: { asA: 'bewoner', iWant: 'droge voeten', soThat: 'ik thuis kan blijven' } }), 201),
  'PATCH /api/v1/use-cases/:useCaseId/stories/:storyId': ucWrite((ctx) => ({ method: 'PATCH', url: uc(ctx, `/stories/${ctx.fx.storyId}`), payload: { soThat: 'ik beter kan kiezen' } })),
  'DELETE /api/v1/use-cases/:useCaseId/stories/:storyId': ucWrite(async (ctx) => {
    const id = await created(ctx, { method: 'POST', url: uc(ctx, '/stories'), payload: { asA: 'bewoner', iWant: 'weg', soThat: 'weg' } });
    return { method: 'DELETE', url: uc(ctx, `/stories/${id}`) };
  }, 204),
  'GET /api/v1/use-cases/:useCaseId/story-tree': ucRead('/story-tree', 'sees'),
  'POST /api/v1/use-cases/:useCaseId/story-tree/nodes': ucWrite((ctx) => ({ method: 'POST', url: uc(ctx, '/story-tree/nodes'), payload: { kind: 'doel', label: 'Gezondheid', parentId: ctx.fx.nodeId } }), 201),
  'PATCH /api/v1/use-cases/:useCaseId/story-tree/nodes/:nodeId': ucWrite((ctx) => ({ method: 'PATCH', url: uc(ctx, `/story-tree/nodes/${ctx.fx.nodeId}`), payload: { position: 1 } })),
  'DELETE /api/v1/use-cases/:useCaseId/story-tree/nodes/:nodeId': ucWrite(async (ctx) => {
    const id = await created(ctx, { method: 'POST', url: uc(ctx, '/story-tree/nodes'), payload: { kind: 'doel', label: 'Weg', parentId: ctx.fx.nodeId } });
    return { method: 'DELETE', url: uc(ctx, `/story-tree/nodes/${id}`) };
  }, 204),

  // votes: facilitators (here: the organisation's admin) open and close rounds; the code or round id
  // is the capability participants use without an account, so those routes answer everyone.
  'GET /api/v1/use-cases/:useCaseId/vote-rounds': ucRead('/vote-rounds', 'sees'),
  'POST /api/v1/use-cases/:useCaseId/vote-rounds': ucWrite((ctx) => ({ method: 'POST', url: uc(ctx, '/vote-rounds'), payload: ROUND }), { admin: 201, 'data-steward': 'refused', analyst: 'refused' }),
  'POST /api/v1/use-cases/:useCaseId/vote-rounds/:roundId/close': ucWrite(async (ctx) => {
    const id = await created(ctx, { method: 'POST', url: uc(ctx, '/vote-rounds'), payload: ROUND });
    return { method: 'POST', url: uc(ctx, `/vote-rounds/${id}/close`) };
  }, adminOnly),
  'GET /api/v1/votes/:code': pub((ctx) => get(`${V}/votes/${ctx.fx.openRound.code}`)),
  'POST /api/v1/votes/:code': { gate: 'anyone', own: 201, foreign: 201, request: (ctx) => ({ method: 'POST', url: `${V}/votes/${ctx.fx.openRound.code}`, payload: { voterId: unique('stemmer'), nickname: ctx.who.key.slice(0, 40), points: { a: 6, b: 4 } } }) },
  'GET /api/v1/votes/:roundId/results': pub((ctx) => get(`${V}/votes/${ctx.fx.openRound.id}/results`)),
  'GET /api/v1/votes/:roundId/events': pub((ctx) => get(`${V}/votes/${ctx.fx.closedRoundId}/events`)),

  // decisions, retrospectives, value case, map views
  'GET /api/v1/use-cases/:useCaseId/decisions': ucRead('/decisions', 'sees'),
  'POST /api/v1/use-cases/:useCaseId/decisions': ucWrite(
    (ctx) => ({ method: 'POST', url: uc(ctx, '/decisions'), payload: { title: 'Nog een besluit', rationale: 'Omdat.', decidedBy: 'college', decidedOn: '2026-11-21' } }),
    { admin: 201, 'data-steward': 'refused', analyst: 'refused' },
  ),
  'GET /api/v1/use-cases/:useCaseId/decisions/:decisionId': { ...ucRead('', 'sees'), request: (ctx) => get(uc(ctx, `/decisions/${ctx.fx.decisionId}`)) },
  'GET /api/v1/use-cases/:useCaseId/decisions/:decisionId/dossier': { ...ucRead('', 'sees'), request: (ctx) => get(uc(ctx, `/decisions/${ctx.fx.decisionId}/dossier`)) },
  'GET /api/v1/use-cases/:useCaseId/retrospectives': ucRead('/retrospectives', 'sees'),
  'POST /api/v1/use-cases/:useCaseId/retrospectives': ucWrite(
    (ctx) => ({ method: 'POST', url: uc(ctx, '/retrospectives'), payload: { heldOn: '2026-11-25', axes: { waardecreatie: [], ontwikkelingEnGebruik: [], samenwerking: ['Goed'], voortgangActies: [] } } }),
    201,
  ),
  'GET /api/v1/use-cases/:useCaseId/actions': ucRead('/actions', 'sees'),
  'PATCH /api/v1/use-cases/:useCaseId/actions/:actionId': ucWrite((ctx) => ({ method: 'PATCH', url: uc(ctx, `/actions/${ctx.fx.actionId}`), payload: { status: 'open' } })),
  // The lesson stays unshared (the leak test relies on unshared lessons staying home).
  'PATCH /api/v1/use-cases/:useCaseId/lessons/:lessonId': ucWrite((ctx) => ({ method: 'PATCH', url: uc(ctx, `/lessons/${ctx.fx.lessonId}`), payload: { shared: false } })),
  'GET /api/v1/lessons': { gate: 'token', own: 'sees', foreign: 'filtered', platform: 'filtered', request: () => get(`${V}/lessons`) },
  'GET /api/v1/use-cases/:useCaseId/value-case': ucRead('/value-case', 'sees'),
  'POST /api/v1/use-cases/:useCaseId/value-case': ucWrite((ctx) => ({ method: 'POST', url: uc(ctx, '/value-case'), payload: { dimension: 'legitimiteit-en-steun', kind: 'kosten', description: 'Bijeenkomsten' } }), 201),
  'PATCH /api/v1/use-cases/:useCaseId/value-case/:itemId': ucWrite((ctx) => ({ method: 'PATCH', url: uc(ctx, `/value-case/${ctx.fx.valueItemId}`), payload: { status: 'verwacht' } })),
  'GET /api/v1/use-cases/:useCaseId/map-views': ucRead('/map-views', 'sees'),
  'POST /api/v1/use-cases/:useCaseId/map-views': ucWrite((ctx) => ({ method: 'POST', url: uc(ctx, '/map-views'), payload: { title: 'Overzicht', layers: [], center: [5.21, 52.37], zoom: 12 } }), 201),
  'GET /api/v1/use-cases/:useCaseId/map-views/:viewId': { ...ucRead('', 'sees'), request: (ctx) => get(uc(ctx, `/map-views/${ctx.fx.mapViewId}`)) },
};

/**
 * Files of the built web app and their HEAD twins (names carry content hashes, so they are matched
 * by shape, not listed): public, served to everyone. None exist when the web app is not built.
 */
export const isWebFile = (method: string, url: string) => ['GET', 'HEAD'].includes(method) && (url === '/' || url === '/index.html' || url.startsWith('/assets/'));
