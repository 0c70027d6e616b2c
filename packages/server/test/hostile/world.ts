/**
 * The world the hostile-input tests attack: the whole server on a fresh PGlite database with the demo
 * organisations, the demo use cases, a vector dataset, a job and one of everything the routes' path
 * parameters name; plus the checks every answer must pass.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { PROBLEM_CONTENT_TYPE, Problem } from '@tweeling/core';
import { seedDemoWorkbench } from '../../src/workbench/index.js';
import { bearer, buildTestApp, FIXTURE_APPS, openTestDb, tokenFor, type TestDb } from '../harness.js';
import { fromSchema, type Schema } from './arbitrary.js';

export interface Operation {
  method: string;
  /** OpenAPI path, e.g. /api/v1/use-cases/{useCaseId}. */
  path: string;
  access: { public?: true; authenticated?: true; permission?: string; orgParam?: string };
  body: Schema | undefined;
  params: Array<{ name: string; schema: Schema }>;
  query: Array<{ name: string; schema: Schema }>;
}

export interface World {
  db: TestDb;
  app: FastifyInstance;
  operations: Operation[];
  /** A real value for each path parameter name. */
  ids: Record<string, string>;
  /** The token a route's declaration asks for (platform admin, accreditor, or an Almere admin). */
  tokenFor(operation: Operation): string;
  close(): Promise<void>;
}

type OpenApi = { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> }; parameters?: Array<{ in: string; name: string; schema: Schema }> }>> };

/** Every operation of the API with its declared access, from the route table and the OpenAPI document. */
function operationsOf(app: FastifyInstance): Operation[] {
  const spec = app.swagger() as unknown as OpenApi;
  return app.routeTable
    .filter((r) => r.url.startsWith('/api/v1') && r.method !== 'HEAD' && !r.url.startsWith('/api/v1/docs'))
    .map((r) => {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      const op = spec.paths[path]?.[r.method.toLowerCase()];
      const parameters = op?.parameters ?? [];
      return {
        method: r.method,
        path,
        access: r.access as Operation['access'],
        body: op?.requestBody?.content['application/json']?.schema,
        params: parameters.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
      };
    });
}

/** Percent-encodes a path segment byte by byte (a lone surrogate becomes U+FFFD's bytes, as a browser sends it). */
export const encodeSegment = (value: string) => [...Buffer.from(value, 'utf8')].map((b) => (/[\w.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`)).join('');

/** Fills `{name}` placeholders; values are URL-encoded unless `raw`. */
export const urlOf = (path: string, params: Record<string, string>, raw = false) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => (raw ? params[name]! : encodeSegment(params[name] ?? 'x')));

/** Injects a request and fails the test when it takes longer than `ms` (a hang). */
export async function send(app: FastifyInstance, request: InjectOptions, ms = 15_000): Promise<LightMyRequestResponse> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${JSON.stringify(request).slice(0, 300)}`)), ms);
  });
  try {
    return await Promise.race([app.inject(request), hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** A 2xx, or a 4xx application/problem+json whose body agrees with its status; never a 5xx. */
export function expectHandled(res: LightMyRequestResponse, what: string): void {
  expect(res.statusCode, `${what} → ${res.statusCode} ${res.body.slice(0, 500)}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expect(res.headers['content-type'], what).toContain(PROBLEM_CONTENT_TYPE);
    const problem = Problem.parse(res.json());
    expect(problem.status, what).toBe(res.statusCode);
  }
}

const tablesOf = new WeakMap<TestDb, string[]>();

/**
 * Rows per table, and the audit log's newest hash: equal before and after a refused request means it
 * left nothing behind (no row added or removed anywhere, no audit entry). Content digests of every
 * row would also catch updates, but cost half a second per request on PGlite.
 */
export async function snapshot(db: TestDb): Promise<Record<string, string>> {
  let tables = tablesOf.get(db);
  if (!tables) {
    tables = (await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`.execute(db.kysely)).rows.map((r) => r.name);
    tablesOf.set(db, tables);
  }
  const counts = tables.map((name) => sql`(SELECT count(*) FROM ${sql.table(name)})::text AS ${sql.ref(name)}`);
  const result = await sql<Record<string, string>>`SELECT ${sql.join(counts)}, (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS audit_head`.execute(db.kysely);
  return result.rows[0]!;
}

/** Creates something through the API with schema-generated bodies until one is accepted. */
async function createThrough(app: FastifyInstance, op: Operation | undefined, url: string, token: string): Promise<void> {
  if (!op?.body) throw new Error(`no operation for ${url}`);
  for (const body of fc.sample(fromSchema(op.body), { numRuns: 300, seed: 42 })) {
    const res = await app.inject({ method: op.method as 'POST', url, headers: bearer(token), payload: body as object });
    if (res.statusCode < 300) return;
  }
  throw new Error(`could not create anything through ${op.method} ${url}`);
}

export async function openWorld(): Promise<World> {
  const db = await openTestDb();
  // Jobs stay queued (no background writes between snapshots); synchronous execution answers at once.
  const app = await buildTestApp(db, { env: { RUN_JOBS: 'false', SYNC_WAIT_MS: '0' }, extraAppDirs: [FIXTURE_APPS] });
  await seedDemoWorkbench({ db: db.kysely, clock: () => new Date() });
  const tokens = { almere: await tokenFor(db, 'almere', 'admin'), beheer: await tokenFor(db, 'beheer', 'admin'), kennis: await tokenFor(db, 'kennisinstituut', 'admin') };
  const spare = await tokenFor(db, 'almere', 'viewer');
  const operations = operationsOf(app);
  const op = (method: string, path: string) => operations.find((o) => o.method === method && o.path === path);
  const auth = bearer(tokens.almere);

  const dataset = await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: auth, payload: { id: 'fuzz-punten', title: { nl: 'Punten' }, kind: 'vector', licence: 'CC0-1.0', visibility: 'public' } });
  expect(dataset.statusCode, dataset.body).toBe(201);
  const upload = await app.inject({
    method: 'POST', url: '/api/v1/datasets/fuzz-punten/versions', headers: auth,
    payload: { type: 'FeatureCollection', features: [1, 2].map((i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [5.2 + i / 100, 52.37] }, properties: { naam: `punt ${i}`, gebruik: 'wonen' } })) },
  });
  expect(upload.statusCode, upload.body).toBe(201);
  const job = await app.inject({ method: 'POST', url: '/api/v1/processes/leeg/execution', headers: { ...auth, prefer: 'respond-async' }, payload: { inputs: { n: 1 } } });
  expect(job.statusCode, job.body).toBe(201);

  const useCase = await db.kysely.selectFrom('workbench_use_cases').select('id').where('organisation_id', '=', 'almere').orderBy('created_at').executeTakeFirstOrThrow();
  const base = `/api/v1/use-cases/${useCase.id}`;
  await createThrough(app, op('POST', '/api/v1/use-cases/{useCaseId}/vote-rounds'), `${base}/vote-rounds`, tokens.almere);
  await createThrough(app, op('POST', '/api/v1/use-cases/{useCaseId}/value-case'), `${base}/value-case`, tokens.almere);
  await createThrough(app, op('POST', '/api/v1/use-cases/{useCaseId}/map-views'), `${base}/map-views`, tokens.almere);
  await createThrough(app, op('POST', '/api/v1/use-cases/{useCaseId}/decisions'), `${base}/decisions`, tokens.almere);

  const one = async <T extends keyof import('../../src/db/index.js').Database>(table: T, column: string) =>
    String(((await db.kysely.selectFrom(table as never).select(column as never).limit(1).executeTakeFirstOrThrow()) as Record<string, unknown>)[column]);
  const ids: Record<string, string> = {
    orgId: 'almere',
    userId: await one('memberships', 'user_id'),
    tokenId: (await db.kysely.selectFrom('api_tokens').select('id').where('role', '=', 'viewer').executeTakeFirstOrThrow()).id,
    datasetId: 'fuzz-punten',
    collectionId: 'fuzz-punten',
    featureId: '1',
    processId: 'leeg',
    jobId: await one('jobs', 'id'),
    appId: 'leeg',
    useCaseId: useCase.id,
    section: 'problem',
    stakeholderId: await one('workbench_stakeholders', 'id'),
    storyId: await one('workbench_stories', 'id'),
    nodeId: await one('workbench_tree_nodes', 'id'),
    roundId: await one('workbench_vote_rounds', 'id'),
    code: await one('workbench_vote_rounds', 'code'),
    decisionId: await one('workbench_decisions', 'id'),
    actionId: await one('workbench_actions', 'id'),
    lessonId: await one('workbench_lessons', 'id'),
    itemId: await one('workbench_value_items', 'id'),
    viewId: await one('workbench_map_views', 'id'),
    z: '0', x: '0', y: '0',
  };
  void spare;
  return {
    db,
    app,
    operations,
    ids,
    tokenFor: (operation) => (operation.access.permission === 'platform:admin' ? tokens.beheer : operation.access.permission === 'accredit' ? tokens.kennis : tokens.almere),
    close: async () => {
      await app.close();
      await db.dispose();
    },
  };
}
