import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, openTestDb, tokenFor, type TestDb } from '../../test/harness.js';
import { loadConfig } from '../config.js';

/** Security headers, CSP, CORS and rate limits of the whole server (real Fastify, real database). */
describe('hardening: headers, CSP, CORS, rate limits', () => {
  let db: TestDb;
  const apps: FastifyInstance[] = [];
  const build = async (env: Record<string, string> = {}) => {
    const app = await buildTestApp(db, { env: { RUN_JOBS: 'false', ...env } });
    apps.push(app);
    return app;
  };
  beforeAll(async () => {
    db = await openTestDb('pglite');
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await db.dispose();
  });

  const directives = (csp: unknown) =>
    Object.fromEntries(
      String(csp)
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...values]) => [name, values]),
    ) as Record<string, string[]>;

  it('sends the security headers on API answers, refusals included, and no HSTS over plain http', async () => {
    const app = await build();
    for (const res of [await app.inject({ method: 'GET', url: '/api/v1' }), await app.inject({ method: 'GET', url: '/api/v1/me' })]) {
      expect([200, 401]).toContain(res.statusCode);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['permissions-policy']).toMatch(/camera=\(\).*geolocation=\(\)/);
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
      const csp = directives(res.headers['content-security-policy']);
      expect(csp['default-src']).toEqual(["'none'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['script-src']).toBeUndefined();
    }
  });

  it('gives the web app a strict CSP (no inline or eval scripts; MapLibre workers from blob:) and Swagger UI its own', async () => {
    const app = await build();
    const web = await app.inject({ method: 'GET', url: '/' });
    expect(web.statusCode).toBe(200);
    expect(web.headers['content-type']).toMatch(/text\/html/);
    const csp = directives(web.headers['content-security-policy']);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['script-src-attr']).toEqual(["'none'"]);
    expect(csp['style-src']).toEqual(["'self'"]);
    expect(csp['worker-src']).toEqual(["'self'", 'blob:']);
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['upgrade-insecure-requests']).toBeUndefined();
    // The built page itself has no inline script the policy would block.
    expect(web.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

    const docs = await app.inject({ method: 'GET', url: '/api/v1/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger-ui-bundle.js');
    const docsCsp = directives(docs.headers['content-security-policy']);
    expect(docsCsp['script-src']?.[0]).toBe("'self'");
    expect(docsCsp['script-src']?.slice(1).every((v) => v.startsWith("'sha256-"))).toBe(true);
    expect(docsCsp['upgrade-insecure-requests']).toBeUndefined();
  });

  it('adds HSTS and upgrade-insecure-requests when PUBLIC_URL is https', async () => {
    const app = await build({ PUBLIC_URL: 'https://tweeling.example.nl' });
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(directives(res.headers['content-security-policy'])['upgrade-insecure-requests']).toEqual([]);
    const docs = await app.inject({ method: 'GET', url: '/api/v1/docs' });
    expect(directives(docs.headers['content-security-policy'])['upgrade-insecure-requests']).toEqual([]);
  });

  it('answers CORS only for the configured origins (none by default)', async () => {
    const preflight = (app: FastifyInstance, origin: string) =>
      app.inject({ method: 'OPTIONS', url: '/api/v1/me', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });

    const closed = await build();
    const denied = await preflight(closed, 'https://viewer.example.nl');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    expect(denied.statusCode).toBe(404);
    expect((await closed.inject({ method: 'GET', url: '/api/v1', headers: { origin: 'https://viewer.example.nl' } })).headers['access-control-allow-origin']).toBeUndefined();

    const open = await build({ CORS_ORIGINS: 'https://viewer.example.nl, https://kaart.almere.nl/' });
    const allowed = await preflight(open, 'https://kaart.almere.nl');
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://kaart.almere.nl');
    expect(String(allowed.headers['access-control-allow-methods'])).toContain('GET');
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('authorization');
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
    const foreign = await preflight(open, 'https://evil.example.com');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const get = await open.inject({ method: 'GET', url: '/api/v1/me', headers: { origin: 'https://viewer.example.nl' } });
    expect(get.statusCode).toBe(401);
    expect(get.headers['access-control-allow-origin']).toBe('https://viewer.example.nl');
    expect(String(get.headers['access-control-expose-headers'])).toContain('retry-after');

    const any = await build({ CORS_ORIGINS: '*' });
    expect((await preflight(any, 'https://elders.example.org')).headers['access-control-allow-origin']).toBe('*');
    expect(() => loadConfig({ CORS_ORIGINS: 'viewer.example.nl' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://viewer.example.nl/pad' })).toThrow(/CORS_ORIGINS/);
  });

  it('limits anonymous requests per IP address with a 429 problem and Retry-After; health, metrics and the web app stay free', async () => {
    const app = await build({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '3' });
    const from = (remoteAddress: string, url = '/api/v1/apps') => app.inject({ method: 'GET', url, remoteAddress });
    for (let i = 0; i < 3; i++) expect((await from('192.0.2.10')).statusCode).toBe(200);
    const limited = await from('192.0.2.10');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(limited.json()).toMatchObject({ status: 429, code: 'TWL_RATE_LIMITED' });
    expect(limited.json().detail).toMatch(/Meer dan 3 verzoeken per minuut vanaf dit adres; probeer het over \d+ s opnieuw/);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers['x-content-type-options']).toBe('nosniff');
    // Another address has its own budget; health, metrics and static files are not limited.
    expect((await from('192.0.2.11')).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) {
      expect((await from('192.0.2.10', '/api/v1/health')).statusCode).toBe(200);
      expect((await from('192.0.2.10', '/metrics')).statusCode).toBe(200);
      expect((await from('192.0.2.10', '/')).statusCode).toBe(200);
    }
  });

  it('limits per token, not per address, once a request carries a valid token', async () => {
    const app = await build({ RATE_LIMIT_PER_MINUTE: '4', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1' });
    const [a, b] = [await tokenFor(db, 'almere', 'viewer'), await tokenFor(db, 'almere', 'viewer')];
    const me = (token: string, remoteAddress: string) => app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token), remoteAddress });
    // One token from several addresses shares one budget of 4.
    for (const ip of ['192.0.2.20', '192.0.2.21', '192.0.2.22', '192.0.2.23']) expect((await me(a, ip)).statusCode).toBe(200);
    const limited = await me(a, '192.0.2.24');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().detail).toMatch(/Meer dan 4 verzoeken per minuut met deze token/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another token from the same address is not affected, nor is the anonymous budget of that address.
    expect((await me(b, '192.0.2.24')).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/apps', remoteAddress: '192.0.2.24' })).statusCode).toBe(200);
  });

  it('refuses an address after too many failed token authentications, before looking the token up', async () => {
    const app = await build({ RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '2' });
    const junk = (remoteAddress: string) =>
      app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(`twl_${'x'.repeat(43)}`), remoteAddress });
    expect((await junk('192.0.2.30')).statusCode).toBe(401);
    expect((await junk('192.0.2.30')).statusCode).toBe(401);
    const refused = await junk('192.0.2.30');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().detail).toMatch(/mislukte aanmeldingen/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Even a valid token from that address waits; another address is not affected; anonymous calls go on.
    const valid = await tokenFor(db, 'almere', 'viewer');
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(valid), remoteAddress: '192.0.2.30' })).statusCode).toBe(429);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(valid), remoteAddress: '192.0.2.31' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/apps', remoteAddress: '192.0.2.30' })).statusCode).toBe(200);
  });

  it('switches one limit off with 0 and keeps the others', async () => {
    const app = await build({ RATE_LIMIT_PER_MINUTE: '2', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0' });
    for (let i = 0; i < 30; i++) expect((await app.inject({ method: 'GET', url: '/api/v1/apps', remoteAddress: '192.0.2.40' })).statusCode).toBe(200);
    const token = await tokenFor(db, 'almere', 'viewer');
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token), remoteAddress: '192.0.2.40' })).statusCode);
    expect(codes).toEqual([200, 200, 429]);
  });
});
