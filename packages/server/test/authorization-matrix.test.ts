/**
 * The authorization matrix (issue 12): every route of the route table × anonymous, every role of the
 * owning organisation, every role of a foreign one, the platform administrator and an accreditor,
 * with real requests against private fixtures of the owning organisation (almere), compared with the
 * answer declared per route in authorization-expectations.ts.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../src/identity/index.js';
import { makeCallers, makeOrgFixtures, ROLES_LOW_TO_HIGH, send, type OrgFixtures, type Req, type Who } from './authorization-fixtures.js';
import { isWebFile, ROUTE_EXPECTATIONS, type Gate, type Outcome, type RouteExpectation } from './authorization-expectations.js';
import { buildTestApp, FIXTURE_APPS, openTestDb, type TestDb } from './harness.js';

const key = (route: { method: string; url: string }) => `${route.method} ${route.url}`;

/** The gate an access declaration means, in the words of the expectations file. */
function gateOf(access: Access): Gate {
  if ('public' in access) return 'anyone';
  if ('authenticated' in access) return 'token';
  const lowest = { 'org:read': 'viewer', 'jobs:run': 'analyst', 'data:write': 'data-steward', 'org:admin': 'admin', 'platform:admin': 'platform', accredit: 'accredit' } as const;
  return lowest[access.permission];
}

function passes(gate: Gate, who: Who): boolean {
  if (gate === 'anyone') return true;
  if (who.relation === 'anonymous') return false;
  if (gate === 'token' || who.relation === 'platform') return true;
  if (gate === 'platform') return false;
  if (gate === 'accredit') return who.accreditor === true;
  return ROLES_LOW_TO_HIGH.indexOf(who.role!) >= ROLES_LOW_TO_HIGH.indexOf(gate);
}

/** What the declaration says this caller gets. */
function expectedOutcome(spec: RouteExpectation, who: Who): Outcome {
  if (!passes(spec.gate, who)) return who.relation === 'anonymous' ? 401 : 'refused';
  if (spec.orgParam && who.relation === 'foreign') return 'refused';
  const own = (role: NonNullable<Who['role']>): Outcome => {
    const o = spec.own ?? 'ok';
    return typeof o === 'object' && !Array.isArray(o) ? ((o as Record<string, Outcome>)[role] ?? 'ok') : (o as Outcome);
  };
  switch (who.relation) {
    case 'own':
      return own(who.role!);
    case 'foreign':
      return spec.foreign ?? 'hidden';
    case 'anonymous':
      return spec.anonymous ?? spec.foreign ?? 'hidden';
    case 'platform':
      return spec.platform ?? (spec.orgParam ? own('admin') : (spec.foreign ?? 'hidden'));
  }
}

const isProblem = (res: LightMyRequestResponse) => /^application\/problem\+json/.test(String(res.headers['content-type']));

/** Why the answer does not match the outcome, or null when it does. */
function mismatch(outcome: Outcome, res: LightMyRequestResponse, req: Req, fx: OrgFixtures): string | null {
  const asked = `${req.url} ${typeof req.payload === 'string' ? req.payload : JSON.stringify(req.payload ?? '')}`;
  const leaked = fx.markers.filter((m) => res.body.includes(m) && !asked.includes(m));
  const status = res.statusCode;
  const noLeak = leaked.length ? `shows private ${leaked.join(', ')}` : null;
  switch (outcome) {
    case 'ok':
      return status >= 200 && status < 300 ? null : `expected 2xx`;
    case 'sees':
      if (status < 200 || status >= 300) return 'expected 2xx';
      return fx.markers.some((m) => res.body.includes(m)) ? null : 'expected the private fixture in the answer';
    case 'filtered':
      return status >= 200 && status < 300 ? noLeak : 'expected 2xx';
    case 'hidden':
      return status === 404 && isProblem(res) ? noLeak : 'expected 404 problem+json';
    case 'refused':
      return status === 403 && isProblem(res) ? noLeak : 'expected 403 problem+json';
    default: {
      const wanted = typeof outcome === 'number' ? [outcome] : outcome;
      if (!wanted.includes(status)) return `expected ${wanted.join(' or ')}`;
      if (status >= 400 && !isProblem(res)) return 'expected problem+json';
      return status === 401 || status === 403 ? noLeak : null;
    }
  }
}

describe('authorization matrix: every route × every caller', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let callers: Who[];
  let fx: OrgFixtures;
  let owner: string;
  beforeAll(async () => {
    db = await openTestDb();
    app = await buildTestApp(db, { extraAppDirs: [FIXTURE_APPS], env: { SYNC_WAIT_MS: '30000' } });
    callers = await makeCallers(db);
    owner = callers.find((c) => c.key === 'almere/admin')!.token!;
    fx = await makeOrgFixtures(app, 'almere', owner);
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  it('declares every route of the route table, and no route that is gone', () => {
    const routes = app.routeTable.filter((r) => !isWebFile(r.method, r.url)).map(key);
    const undeclared = routes.filter((r) => !(r in ROUTE_EXPECTATIONS));
    const stale = Object.keys(ROUTE_EXPECTATIONS).filter((k) => !routes.includes(k));
    expect(undeclared, 'routes without an entry in authorization-expectations.ts').toEqual([]);
    expect(stale, 'entries in authorization-expectations.ts without a route').toEqual([]);
  });

  it('declares the same gate as each route\'s access declaration', () => {
    const differ = app.routeTable
      .filter((r) => key(r) in ROUTE_EXPECTATIONS)
      .flatMap((r) => {
        const spec = ROUTE_EXPECTATIONS[key(r)]!;
        const orgParam = 'permission' in r.access && r.access.orgParam !== undefined;
        return gateOf(r.access) === spec.gate && orgParam === (spec.orgParam === true) ? [] : [`${key(r)}: table ${JSON.stringify(r.access)}, declared ${spec.gate}${spec.orgParam ? ' + orgParam' : ''}`];
      });
    expect(differ).toEqual([]);
  });

  it('the comparison itself catches a leak: the owner\'s answer does not pass as hidden, refused or filtered', async () => {
    const req: Req = { method: 'GET', url: `/api/v1/datasets/${fx.datasetId}/versions` };
    const res = await send(app, owner, req);
    expect(res.statusCode).toBe(200);
    expect(mismatch('hidden', res, req, fx)).toBe('expected 404 problem+json');
    expect(mismatch('refused', res, req, fx)).toBe('expected 403 problem+json');
    const list: Req = { method: 'GET', url: '/api/v1/datasets' };
    expect(mismatch('filtered', await send(app, owner, list), list, fx)).toMatch(/^shows private .*geheim-almere/);
    expect(mismatch('sees', await send(app, null, list), list, fx)).toBe('expected the private fixture in the answer');
  });

  it('answers every caller on every route as declared', async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const route of app.routeTable) {
      const spec: RouteExpectation | undefined = isWebFile(route.method, route.url)
        ? { gate: 'anyone', foreign: 'ok', request: () => ({ method: route.method as Req['method'], url: route.url }) }
        : ROUTE_EXPECTATIONS[key(route)];
      if (!spec) continue;
      for (const who of callers) {
        const req = await spec.request({ app, fx, who, owner });
        const res = await send(app, who.token, req);
        requests += 1;
        const outcome = expectedOutcome(spec, who);
        const why = mismatch(outcome, res, req, fx);
        if (why) failures.push(`${key(route)} as ${who.key}: ${why}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    expect(requests).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  }, 300_000);
});
