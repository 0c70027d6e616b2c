/**
 * Hostile input at the edges of the HTTP layer (issue 12, part 4): oversized bodies and uploads,
 * JSON nested 100 000 deep, huge query strings and headers, bad UTF-8 and wrong content types —
 * in-process (inject) for the answers, and against a real `tweeling serve` on a real port for the
 * limits that live in the socket and the HTTP parser. Every answer is a 4xx; the server stays up.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_CONTENT_TYPE } from '@tweeling/core';
import { bearer, copiedDataDir, FIXTURE_APPS } from './harness.js';
import { nested } from './hostile/arbitrary.js';
import { expectHandled, openWorld, send, snapshot, urlOf, type World } from './hostile/world.js';
import { runCli, startServer, type RunningServer } from './processes.js';

const DEEP = 100_000;
const deepArray = () => '['.repeat(DEEP) + ']'.repeat(DEEP);
const deepObject = () => '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP);

describe('hostile input in-process: nesting, encodings, content types', () => {
  let world: World;
  beforeAll(async () => {
    world = await openWorld();
  });
  afterAll(async () => world?.close());

  it('answers JSON nested 100 000 deep — as the body and inside every field of every write route — with 2xx or 4xx, and refusals write nothing', { timeout: 300_000 }, async () => {
    const writes = world.operations.filter((op) => op.body);
    let state = await snapshot(world.db);
    for (const op of writes) {
      const fields = Object.keys(op.body!.properties ?? {});
      const shapes = [deepArray(), deepObject(), ...fields.map((f) => `{${JSON.stringify(f)}:${deepArray()}}`)];
      if (op.body!.properties?.inputs) shapes.push(`{"inputs":{"n":${deepObject()}}}`, `{"inputs":${deepObject()}}`);
      for (const payload of shapes) {
        const res = await send(world.app, { method: op.method as 'POST', url: urlOf(op.path, world.ids), headers: { ...bearer(world.tokenFor(op)), 'content-type': 'application/json' }, payload });
        expectHandled(res, `${op.method} ${op.path} with ${payload.slice(0, 40)}…`);
        const after = await snapshot(world.db);
        if (res.statusCode >= 400) expect(after, `${op.method} ${op.path}`).toEqual(state);
        state = after;
      }
    }
  });

  it('refuses deep GeoJSON in an upload (properties, coordinates) without a 5xx', async () => {
    const feature = (geometry: string, properties: string) => `{"type":"Feature","geometry":${geometry},"properties":${properties}}`;
    const point = '{"type":"Point","coordinates":[5.2,52.3]}';
    for (const body of [
      `{"type":"FeatureCollection","features":[${feature(point, `{"diep":${deepArray()}}`)}]}`,
      `{"type":"FeatureCollection","features":[${feature(`{"type":"Polygon","coordinates":${deepArray()}}`, '{}')}]}`,
      `{"type":"FeatureCollection","features":${deepArray()}}`,
    ]) {
      const res = await send(world.app, { method: 'POST', url: '/api/v1/datasets/fuzz-punten/versions', headers: { ...bearer(world.tokenFor(world.operations[0]!)), 'content-type': 'application/geo+json' }, payload: body });
      expectHandled(res, body.slice(0, 80));
      expect(res.statusCode).toBe(400);
    }
  });

  it('answers bad UTF-8, BOMs, NUL bytes and wrong or missing content types with 2xx or 4xx problem+json', async () => {
    const token = bearer(world.tokenFor(world.operations[0]!));
    const url = `/api/v1/use-cases/${world.ids.useCaseId}/stakeholders`;
    const bytes = (s: string) => Buffer.from(s, 'latin1');
    const cases: Array<[string, Buffer | string]> = [
      ['application/json', bytes('{"name":"\xff\xfe\xc3\x28","group":"x"}')],
      ['application/json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name":"bom"}')])],
      ['application/json', '{"name":"nul\\u0000nul","relation":"x"}'],
      ['application/json', '{"name":"\ud800"}'],
      ['application/json; charset=utf-16', Buffer.from('{"name":"x"}', 'utf16le')],
      ['application/json', '{"name":'],
      ['application/json', ''],
      ['application/json', 'null'],
      ['application/json', '{"__proto__":{"admin":true}}'],
      ['application/json', '{"constructor":{"prototype":{"admin":true}}}'],
      ['text/xml', '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>'],
      ['application/x-www-form-urlencoded', 'name=x&group=y'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="file"; filename="../../etc/passwd"\r\n\r\nx\r\n--x--'],
      ['text/plain', '{"name":"x"}'],
      ['application/geo+json', '{"name":"x"}'],
      ['', '{"name":"x"}'],
      ['application/json\r\nX-Injected: 1', '{}'],
    ];
    const before = await snapshot(world.db);
    for (const [type, payload] of cases) {
      const headers = type ? { ...token, 'content-type': type } : token;
      const res = await send(world.app, { method: 'POST', url, headers, payload }).catch((error: Error) => error);
      if (res instanceof Error) {
        expect(res.message, type).toMatch(/Invalid character in header/); // light-my-request refuses to send a CR/LF header at all
        continue;
      }
      expectHandled(res, `${type}: ${String(payload).slice(0, 60)}`);
      expect(res.statusCode, `${type}: ${String(payload).slice(0, 60)} → ${res.body}`).toBeGreaterThanOrEqual(400);
    }
    expect(await snapshot(world.db)).toEqual(before);
  });

  it('answers a huge query string and huge header values in-process with 2xx or 4xx', async () => {
    const long = 'x'.repeat(1_000_000);
    for (const url of [`/api/v1/datasets?keyword=${long}`, `/api/v1/collections/fuzz-punten/items?naam=${long}`, `/api/v1/apps?q=${long}`, `/api/v1/lessons?q=${long}`, `/api/v1/datasets?${'a=1&'.repeat(50_000)}`]) {
      expectHandled(await send(world.app, { method: 'GET', url }), url.slice(0, 60));
    }
    expectHandled(await send(world.app, { method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${long}` } }), 'huge bearer');
    expectHandled(await send(world.app, { method: 'GET', url: '/api/v1/health', headers: { 'x-request-id': long, accept: long } }), 'huge x-request-id');
  });
});

/** Writes raw bytes to the server and returns what it answers (status line and body), or how the socket ended. */
function raw(url: string, request: string | Buffer, waitMs = 10_000): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${waitMs} ms`));
    }, waitMs);
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
    });
    socket.write(request, () => socket.end());
  });
}

describe('hostile input on a real socket (tweeling serve)', () => {
  let server: RunningServer;
  let token: string;
  let dispose: () => Promise<void>;
  const BODY_LIMIT = 64 * 1024;
  const UPLOAD_LIMIT = 1024 * 1024;
  beforeAll(async () => {
    const dir = await copiedDataDir('hostile-socket');
    dispose = dir.dispose;
    const env = { DATA_DIR: dir.dataDir, SEED_DEMO: 'true', APPS_DIR: FIXTURE_APPS, BODY_LIMIT_BYTES: String(BODY_LIMIT), UPLOAD_LIMIT_BYTES: String(UPLOAD_LIMIT), RUN_JOBS: 'false' };
    await runCli(['seed', '--no-area'], env);
    token = (await runCli(['token', 'create', '--org', 'almere', '--role', 'admin'], env)).stdout.trim();
    server = await startServer(env, 120_000);
    const created = await fetch(`${server.url}/api/v1/datasets`, { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify({ id: 'socket-raster', title: { nl: 'Raster' }, kind: 'raster', licence: 'CC0-1.0', visibility: 'public' }) });
    expect(created.status).toBe(201);
  }, 240_000);
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await dispose?.();
  });

  const alive = async () => expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  const expectProblem = async (res: Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain(PROBLEM_CONTENT_TYPE);
    expect(((await res.json()) as { status: number }).status).toBe(status);
  };

  it('refuses a JSON body over BODY_LIMIT_BYTES with 413 problem+json, with and without Content-Length', async () => {
    // Just over the limit: small enough to sit in the socket buffers, so the client finishes writing
    // before the server answers and closes (a far bigger body races that close and gets a reset).
    const big = JSON.stringify({ title: 'x'.repeat(BODY_LIMIT + 2048), summary: 'x' });
    await expectProblem(await fetch(`${server.url}/api/v1/use-cases`, { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: big }), 413);
    const chunked = new ReadableStream({ start(c) { for (let i = 0; i < 4; i++) c.enqueue(new TextEncoder().encode(big.slice(i * (big.length / 4), (i + 1) * (big.length / 4)))); c.close(); } });
    await expectProblem(await fetch(`${server.url}/api/v1/use-cases`, { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: chunked, duplex: 'half' } as RequestInit), 413);
    await alive();
  });

  it('refuses an upload over UPLOAD_LIMIT_BYTES with 413, and one that only claims to be that large without reading it', async () => {
    const upload = `${server.url}/api/v1/datasets/socket-raster/versions`;
    await expectProblem(await fetch(upload, { method: 'POST', headers: { ...bearer(token), 'content-type': 'image/tiff' }, body: Buffer.alloc(UPLOAD_LIMIT + 1024) }), 413);
    const claimed = await raw(server.url, `POST /api/v1/datasets/socket-raster/versions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: image/tiff\r\nContent-Length: 100000000000\r\n\r\nII*\0`);
    expect(claimed.status).toBe(413);
    expect(claimed.text).toContain(PROBLEM_CONTENT_TYPE);
    await alive();
  });

  it('answers a huge query string, huge headers, malformed request lines and lying Content-Lengths with 4xx, and stays up', async () => {
    const cases: Array<[string, string]> = [
      ['query of 100 kB', `GET /api/v1/datasets?keyword=${'x'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`],
      ['200 headers of 1 kB', `GET /api/v1/health HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 200 }, (_, i) => `X-H${i}: ${'y'.repeat(1000)}\r\n`).join('')}\r\n`],
      ['one header of 64 kB', `GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'y'.repeat(65_536)}\r\n\r\n`],
      ['garbage request line', 'GARBAGE\r\n\r\n'],
      ['path traversal in the request line', 'GET /../../../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n'],
      ['NUL in the path', 'GET /api/v1/datasets/a\0b HTTP/1.1\r\nHost: x\r\n\r\n'],
      ['two Content-Lengths', `POST /api/v1/use-cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}`],
      ['Content-Length and chunked (request smuggling)', `POST /api/v1/use-cases HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n`],
      ['negative Content-Length', `POST /api/v1/use-cases HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -5\r\n\r\n{}`],
      ['body shorter than its Content-Length', `POST /api/v1/use-cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{"title":`],
    ];
    for (const [what, request] of cases) {
      const res = await raw(server.url, request);
      expect(res.status, `${what}: ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${what}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
      expect(res.text, what).toContain(PROBLEM_CONTENT_TYPE);
    }
    await alive();
    expect(server.child.exitCode).toBeNull();
  });
});
