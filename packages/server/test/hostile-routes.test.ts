/**
 * Hostile input, property-based, over every route of the API (issue 12, part 4). Bodies, path
 * parameters and query strings are generated from each route's schema (the zod schemas of
 * @tweeling/core, as the OpenAPI document renders them), with single fields made hostile, and as
 * arbitrary JSON. Every answer must be a 2xx or a 4xx application/problem+json, within seconds; a
 * refused write must leave every table exactly as it was (rows and content, audit log included).
 * HOSTILE_RUNS sets the runs per route and property (default 30); a failure prints its seed to replay it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from './harness.js';
import { bodies, fromSchema, HOSTILE_STRINGS, hostileValue } from './hostile/arbitrary.js';
import { encodeSegment, expectHandled, openWorld, send, snapshot, urlOf, type Operation, type World } from './hostile/world.js';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 30);
/** Generous: the runs are bounded by RUNS, the time only by how busy the machine is. */
const LONG = { timeout: 600_000 };
const WRITE = new Set(['POST', 'PUT', 'PATCH']);
/** Write routes without a JSON body: an action on the resource in the path, or a file upload. */
const BODILESS = new Set([
  'POST /api/v1/jobs/{jobId}/rerun',
  'POST /api/v1/use-cases/{useCaseId}/vote-rounds/{roundId}/close',
  'POST /api/v1/organisations/{orgId}/tokens/{tokenId}/rotate',
  'POST /api/v1/publications',
  'PUT /api/v1/apps/{appId}/beta-testers/{orgId}',
]);
/** Path segments sent as they are: invalid and overlong UTF-8, encoded NUL and dot segments, a segment of 10 kB. */
const RAW_SEGMENTS = ['%ff%fe', '%c0%ae%c0%ae%2f', '%00', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '..', '.', '%', '%zz', 'a%2fb', 'x'.repeat(10_000)];
/** Server-Sent Events streams never end by themselves; their parameters are tested with the other routes of their resource. */
const isStream = (op: Operation) => op.path.endsWith('/events');

/** Runs a property per operation and collects every counterexample instead of stopping at the first. */
async function eachOperation(ops: Operation[], property: (op: Operation) => fc.IAsyncProperty<[unknown]> | fc.IAsyncPropertyWithHooks<[unknown]>): Promise<void> {
  const failures: string[] = [];
  for (const op of ops) {
    const details = await fc.check(property(op), { numRuns: RUNS, endOnFailure: true });
    if (details.failed) {
      failures.push(`${op.method} ${op.path} (seed ${details.seed}, path ${details.counterexamplePath}): ${String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance).slice(0, 600)}\n  counterexample: ${JSON.stringify(details.counterexample)?.slice(0, 300)}`);
    }
  }
  expect(failures, failures.join('\n\n')).toEqual([]);
}

describe('hostile input on every route (property-based)', () => {
  let world: World;
  let state: Record<string, string>;
  beforeAll(async () => {
    world = await openWorld();
    state = await snapshot(world.db);
  });
  afterAll(async () => world?.close());

  /** Sends one request and checks the answer; after a refused write every table must be unchanged. */
  const attack = async (op: Operation, url: string, body: unknown, what: string) => {
    const headers = { ...bearer(world.tokenFor(op)), ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const res = await send(world.app, { method: op.method as 'GET', url, headers, ...(body === undefined ? {} : { payload: JSON.stringify(body) ?? 'null' }) });
    expectHandled(res, what);
    if (op.method === 'GET') return;
    const after = await snapshot(world.db);
    if (res.statusCode >= 400) expect(after, `${what} was refused (${res.statusCode}) but changed the database`).toEqual(state);
    state = after;
  };

  it('knows the body of every write route', () => {
    const writes = world.operations.filter((op) => WRITE.has(op.method));
    expect(writes.length).toBeGreaterThan(30);
    const unknown = writes.filter((op) => !op.body && !BODILESS.has(`${op.method} ${op.path}`)).map((op) => `${op.method} ${op.path}`);
    expect(unknown, 'a write route without a JSON body schema: add it to BODILESS or give it a schema').toEqual([]);
  });

  it('answers every body sent to a write route with 2xx or 4xx problem+json, and a refused write leaves nothing behind', LONG, async () => {
    const writes = world.operations.filter((op) => op.body);
    await eachOperation(writes, (op) =>
      fc.asyncProperty(bodies(op.body!), async (body) => attack(op, urlOf(op.path, world.ids), body, `${op.method} ${op.path} ${JSON.stringify(body)?.slice(0, 200)}`)),
    );
  });

  it('answers hostile path parameters (traversal, SQL, NUL, huge, wrong type) on every route', LONG, async () => {
    const withParams = world.operations.filter((op) => op.params.length > 0 && !isStream(op));
    await eachOperation(withParams, (op) => {
      const encoded = (a: fc.Arbitrary<string>) => a.map(encodeSegment);
      const value = (p: Operation['params'][number]) =>
        fc.oneof(encoded(fc.constant(world.ids[p.name] ?? 'x')), encoded(fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 5000))), encoded(fromSchema(p.schema).map(String)), encoded(fc.string({ unit: 'binary', maxLength: 300 })), fc.constantFrom(...RAW_SEGMENTS));
      const params = fc.record(Object.fromEntries(op.params.map((p) => [p.name, value(p)])));
      return fc.asyncProperty(params, async (values) => {
        const body = op.body ? {} : undefined;
        await attack(op, urlOf(op.path, values as Record<string, string>, true), body, `${op.method} ${op.path} ${JSON.stringify(values).slice(0, 200)}`);
      });
    });
  });

  it('answers hostile query strings (SQL and filter injection, repeats, unknown names) on every GET route', LONG, async () => {
    const withQuery = world.operations.filter((op) => op.method === 'GET' && op.query.length > 0 && !isStream(op));
    expect(withQuery.map((op) => op.path)).toContain('/api/v1/collections/{collectionId}/items');
    await eachOperation(withQuery, (op) => {
      const text = (schema: Parameters<typeof fromSchema>[0]) => fc.oneof(fromSchema(schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))), fc.constantFrom(...HOSTILE_STRINGS), hostileValue.map((v) => JSON.stringify(v) ?? ''));
      const known = fc.record(Object.fromEntries(op.query.map((q) => [q.name, fc.oneof(text(q.schema), fc.array(text(q.schema), { minLength: 2, maxLength: 3 }))])), { requiredKeys: [] });
      // Unknown names: on /items they are property filters (naam, gebruik exist), elsewhere they must be refused or ignored.
      const extra = fc.dictionary(fc.oneof(fc.constantFrom('naam', 'gebruik', "naam' OR '1'='1", 'naam = naam', 'properties->>naam', '__proto__', 'filter', 'filter-lang'), fc.string({ maxLength: 20 })), fc.oneof(fc.constantFrom(...HOSTILE_STRINGS, "wonen' OR 1=1 --", "naam = 'x' OR 1=1", 'gebruik LIKE %'), fc.string({ maxLength: 30 })), { maxKeys: 3 });
      return fc.asyncProperty(fc.tuple(known, extra), async ([query, more]) => {
        const search = new URLSearchParams();
        for (const [key, value] of Object.entries({ ...more, ...query })) for (const v of [value].flat()) search.append(key, String(v));
        await attack(op, `${urlOf(op.path, world.ids)}?${search.toString()}`, undefined, `GET ${op.path}?${search.toString().slice(0, 300)}`);
      });
    });
  });
});
