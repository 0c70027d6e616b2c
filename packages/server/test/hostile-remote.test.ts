/**
 * SSRF through remote apps (issue 12, part 4): POST /api/v1/remote-processes must refuse URLs that
 * reach into private networks — literal addresses in every spelling, IPv6 forms that carry an IPv4
 * address, names that resolve to such addresses — unless REMOTE_ALLOW_PRIVATE is set; and even then a
 * remote server cannot steer this one elsewhere by a redirect or by a job Location on another host.
 * Only loopback is ever contacted: every other address is refused before a socket is opened (the
 * guard is checked on its own first, so a regression fails here without sending anything).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobInfo } from '@tweeling/core';
import { assertAllowedUrl, isPrivateAddress } from '../src/runtime/remote.js';
import { bearer, buildTestApp, openTestDb, tokenFor, type TestDb } from './harness.js';
import { expectHandled, snapshot } from './hostile/world.js';

const PRIVATE_URLS = [
  'http://127.0.0.1:9/ogcapi', 'http://127.1/', 'http://2130706433/', 'http://0x7f.0.0.1/', 'http://0177.0.0.1/', 'http://0.0.0.0/', 'http://localhost:9/',
  'http://10.0.0.1/', 'http://10.255.255.255/', 'http://172.16.0.1/', 'http://172.31.255.1/', 'http://192.168.1.1/', 'http://100.64.0.1/',
  'http://169.254.169.254/latest/meta-data/', 'http://198.18.0.1/', 'http://224.0.0.1/', 'http://255.255.255.255/',
  'http://[::1]:9/', 'http://[::]/', 'http://[0:0:0:0:0:0:0:1]/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:a9fe:a9fe]/', 'http://[::ffff:10.0.0.1]/',
  'http://[64:ff9b::a9fe:a9fe]/', 'http://[2002:a9fe:a9fe::1]/', 'http://[fd00:ec2::254]/', 'http://[fe80::1]/', 'http://[fe90::1]/', 'http://[fec0::1]/', 'http://[ff02::1]/',
];

describe('SSRF through remote apps', () => {
  let db: TestDb;
  let strict: FastifyInstance;
  let admin: string;

  beforeAll(async () => {
    db = await openTestDb();
    strict = await buildTestApp(db);
    admin = await tokenFor(db, 'almere', 'admin');
  });
  afterAll(async () => {
    await strict?.close();
    await db?.dispose();
  });

  const registration = (url: string) => ({ id: 'extern-proces', url, processId: 'proces', useCases: ['wateroverlast'], licence: 'MIT' });

  it('judges addresses: private, loopback, link-local, reserved and IPv4-in-IPv6 forms are private; public ones are not', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '169.254.169.254', '::1', '::', '::ffff:127.0.0.1', '::ffff:7f00:1', '64:ff9b::a9fe:a9fe', '2002:a00:1::', 'fe90::1', 'fd12::1', '100.127.0.1', '198.19.0.1', '0.1.2.3']) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '145.97.0.1', '2a00:1450::1', '::ffff:8.8.8.8', '172.32.0.1', '100.128.0.1']) expect(isPrivateAddress(address), address).toBe(false);
  });

  it('refuses every private URL with 403 problem+json before contacting it, and registers nothing', { timeout: 120_000 }, async () => {
    for (const url of PRIVATE_URLS) await expect(assertAllowedUrl(url, false), url).rejects.toThrow(/privé-netwerk/);
    const app = strict;
    {
      const before = await snapshot(db);
      for (const url of PRIVATE_URLS) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/remote-processes', headers: bearer(admin), payload: registration(url) });
        expectHandled(res, url);
        expect(res.statusCode, `${url}: ${res.body}`).toBe(403);
      }
      for (const url of ['file:///etc/passwd', 'gopher://127.0.0.1:25/', 'http://user:secret@example.org/', 'http://onbekend.invalid/', 'ftp://10.0.0.1/']) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/remote-processes', headers: bearer(admin), payload: registration(url) });
        expectHandled(res, url);
        expect(res.statusCode, url).toBe(400);
      }
      expect(await snapshot(db)).toEqual(before);
    }
  });

  describe('with REMOTE_ALLOW_PRIVATE (a vendor on loopback)', () => {
    /** Requests that reached the address a hostile vendor points at. */
    const elsewhere: string[] = [];
    let target: Server;
    let vendor: Server;
    let vendorUrl: string;
    let targetUrl: string;
    const listen = async (server: Server, host: string) => {
      await new Promise<void>((resolve) => server.listen(0, host, resolve));
      return `http://${host}:${(server.address() as AddressInfo).port}`;
    };

    beforeAll(async () => {
      target = createServer((req, res) => {
        elsewhere.push(`${req.method} ${req.url}`);
        res.end('{}');
      });
      targetUrl = await listen(target, '127.0.0.2');
      const description = (id: string) => ({ id, version: '1.0.0', title: 'Proces', inputs: { n: { schema: { type: 'integer' } } }, outputs: { n: { schema: { type: 'integer' } } } });
      vendor = createServer((req, res) => {
        const send = (status: number, body: string, headers: Record<string, string> = {}) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
        if (req.url === '/api/processes/doorsturen') return send(302, '', { location: `${targetUrl}/processes/doorsturen` });
        if (req.url === '/api/processes/geen-json') return send(200, '<html>geen json</html>');
        if (req.url === '/api/processes/lijst') return send(200, '[1,2,3]');
        if (req.url === '/api/processes/raar') return send(200, JSON.stringify({ title: 'x'.repeat(100_000), version: { a: 1 }, inputs: { 'ongeldige id!': null, n: 'geen object' }, outputs: 5 }));
        if (req.url === '/api/processes/verwijzer') return send(200, JSON.stringify(description('verwijzer')));
        if (req.url === '/api/processes/verwijzer/execution') return send(201, '{}', { location: `${targetUrl}/jobs/1` });
        return send(404, '{}');
      });
      vendorUrl = `${await listen(vendor, '127.0.0.1')}/api`;
    });
    afterAll(async () => {
      for (const server of [vendor, target]) await new Promise((resolve) => server?.close(resolve));
    });

    it('does not follow a redirect, and answers an unreadable or invalid process description with 502 problem+json, registering nothing', async () => {
      const app = await buildTestApp(db, { env: { REMOTE_ALLOW_PRIVATE: 'true' } });
      try {
        const before = await snapshot(db);
        for (const processId of ['doorsturen', 'geen-json', 'lijst', 'raar', 'bestaat-niet']) {
          const res = await app.inject({ method: 'POST', url: '/api/v1/remote-processes', headers: bearer(admin), payload: { ...registration(vendorUrl), processId } });
          expect(res.statusCode, `${processId}: ${res.body}`).toBe(502);
          expect(res.headers['content-type']).toContain('application/problem+json');
        }
        expect(elsewhere).toEqual([]);
        expect(await snapshot(db)).toEqual(before);
      } finally {
        await app.close();
      }
    });

    it('fails a remote job whose Location points at another server, without contacting it', { timeout: 60_000 }, async () => {
      const app = await buildTestApp(db, { env: { REMOTE_ALLOW_PRIVATE: 'true' } });
      try {
        const registered = await app.inject({ method: 'POST', url: '/api/v1/remote-processes', headers: bearer(admin), payload: { ...registration(vendorUrl), id: 'extern-verwijzer', processId: 'verwijzer' } });
        expect(registered.statusCode, registered.body).toBe(201);
        const started = await app.inject({ method: 'POST', url: '/api/v1/processes/extern-verwijzer/execution', headers: { ...bearer(admin), prefer: 'respond-async' }, payload: { inputs: { n: 1 } } });
        expect(started.statusCode, started.body).toBe(201);
        const { jobID } = JobInfo.parse(started.json());
        let info = JobInfo.parse(started.json());
        for (let i = 0; i < 300 && !['successful', 'failed', 'dismissed'].includes(info.status); i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          info = JobInfo.parse((await app.inject({ method: 'GET', url: `/api/v1/jobs/${jobID}`, headers: bearer(admin) })).json());
        }
        expect(info.status).toBe('failed');
        expect(info.message).toMatch(/andere server/);
        expect(elsewhere).toEqual([]);
      } finally {
        await app.close();
      }
    });
  });
});
