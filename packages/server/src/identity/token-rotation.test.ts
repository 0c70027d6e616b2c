import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokenCreated, ApiTokenRotated, AuditPage, Problem } from '@tweeling/core';
import { verifyAuditChain } from '../audit/index.js';
import { bearer, buildTestApp, openTestDb, tokenFor, type TestDb } from '../../test/harness.js';

const DAY_MS = 86_400_000;

/** Token expiry, the maximum lifetime (TOKEN_MAX_DAYS) and rotation, over HTTP on a real database. */
describe('token expiry and rotation', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let admin: string;
  /** The server's clock; tests move it forward. */
  let now = Date.now();
  beforeAll(async () => {
    db = await openTestDb('pglite');
    app = await buildTestApp(db, { env: { RUN_JOBS: 'false', TOKEN_MAX_DAYS: '90' }, clock: () => new Date(now) });
    admin = await tokenFor(db, 'almere', 'admin');
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  const me = (token: string) => app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
  const create = (body: object) => app.inject({ method: 'POST', url: '/api/v1/organisations/almere/tokens', headers: bearer(admin), payload: body });
  const rotate = (id: string, body?: object, token = admin, org = 'almere') =>
    app.inject({ method: 'POST', url: `/api/v1/organisations/${org}/tokens/${id}/rotate`, headers: bearer(token), ...(body ? { payload: body } : {}) });
  const problem = (res: { json(): unknown }) => Problem.parse(res.json());

  it('caps the validity at TOKEN_MAX_DAYS: longer is refused (400), the default becomes the maximum', async () => {
    const tooLong = await create({ name: 'jaar', role: 'viewer', expiresInDays: 91 });
    expect(tooLong.statusCode).toBe(400);
    expect(problem(tooLong)).toMatchObject({ code: 'TWL_IDENTITY_TOKEN_LIFETIME_TOO_LONG', errors: [{ path: 'body.expiresInDays' }] });
    expect(problem(tooLong).detail).toContain('hooguit 90 dagen');
    const dflt = ApiTokenCreated.parse((await create({ name: 'standaard', role: 'viewer' })).json());
    expect(Date.parse(dflt.expiresAt!) - now).toBe(90 * DAY_MS);
    expect((await me(dflt.token)).statusCode).toBe(200);
  });

  it('refuses expired, revoked and over-age tokens with a 401 problem that says why', async () => {
    const created = ApiTokenCreated.parse((await create({ name: 'kort', role: 'viewer', expiresInDays: 1 })).json());
    expect((await me(created.token)).statusCode).toBe(200);
    now += DAY_MS + 1000;
    try {
      const expired = await me(created.token);
      expect(expired.statusCode).toBe(401);
      expect(problem(expired)).toMatchObject({ code: 'TWL_IDENTITY_TOKEN_EXPIRED', detail: `Deze token is verlopen op ${created.expiresAt}.` });
    } finally {
      now -= DAY_MS + 1000;
    }

    // A token made before TOKEN_MAX_DAYS was lowered (here: 200 days, made 100 days ago) is too old now.
    const old = ApiTokenCreated.parse((await create({ name: 'oud', role: 'viewer', expiresInDays: 60 })).json());
    await db.kysely.updateTable('api_tokens').set({ created_at: new Date(now - 100 * DAY_MS), expires_at: new Date(now + 100 * DAY_MS) }).where('id', '=', old.id).execute();
    const overAge = await me(old.token);
    expect(overAge.statusCode).toBe(401);
    expect(problem(overAge)).toMatchObject({ code: 'TWL_IDENTITY_TOKEN_EXPIRED' });
    expect(problem(overAge).detail).toContain('maximale geldigheid van 90 dagen');

    const revoked = ApiTokenCreated.parse((await create({ name: 'weg', role: 'viewer' })).json());
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/organisations/almere/tokens/${revoked.id}`, headers: bearer(admin) })).statusCode).toBe(200);
    expect(problem(await me(revoked.token))).toMatchObject({ status: 401, code: 'TWL_IDENTITY_TOKEN_REVOKED', detail: 'Deze token is ingetrokken.' });
  });

  it('rotates a token: a new secret with the same name and role, the old one revoked at once, one audit entry', async () => {
    const original = ApiTokenCreated.parse((await create({ name: 'koppeling GIS', role: 'analyst', expiresInDays: 30 })).json());
    const res = await rotate(original.id);
    expect(res.statusCode).toBe(201);
    const rotated = ApiTokenRotated.parse(res.json());
    expect(rotated).toMatchObject({ name: 'koppeling GIS', role: 'analyst', organisationId: 'almere', revokedAt: null });
    expect(rotated.id).not.toBe(original.id);
    expect(rotated.token).not.toBe(original.token);
    expect(Date.parse(rotated.expiresAt!) - now).toBe(30 * DAY_MS);
    expect(rotated.previous).toMatchObject({ id: original.id, revokedAt: new Date(now).toISOString() });

    expect((await me(rotated.token)).json()).toMatchObject({ tokenId: rotated.id, role: 'analyst' });
    expect(problem(await me(original.token)).code).toBe('TWL_IDENTITY_TOKEN_REVOKED');

    const audit = AuditPage.parse((await app.inject({ method: 'GET', url: '/api/v1/audit?action=token.rotate', headers: bearer(admin) })).json());
    expect(audit.entries.filter((e) => e.targetId === original.id)).toHaveLength(1);
    expect((await verifyAuditChain(db.kysely)).ok).toBe(true);

    // A revoked token cannot be rotated again: 409 with advice.
    const again = await rotate(original.id);
    expect(again.statusCode).toBe(409);
    expect(problem(again)).toMatchObject({ code: 'TWL_IDENTITY_TOKEN_NOT_ACTIVE' });
    expect(problem(again).detail).toContain('maak een nieuwe token');
  });

  it('keeps the old secret working during a grace period, then refuses it', async () => {
    const original = ApiTokenCreated.parse((await create({ name: 'nachtelijke import', role: 'data-steward' })).json());
    const rotated = ApiTokenRotated.parse((await rotate(original.id, { graceMinutes: 15, expiresInDays: 10 })).json());
    expect(rotated.previous).toMatchObject({ revokedAt: null, expiresAt: new Date(now + 15 * 60_000).toISOString() });
    expect(Date.parse(rotated.expiresAt!) - now).toBe(10 * DAY_MS);
    expect((await me(original.token)).statusCode).toBe(200);
    expect((await me(rotated.token)).statusCode).toBe(200);
    now += 16 * 60_000;
    expect(problem(await me(original.token)).code).toBe('TWL_IDENTITY_TOKEN_EXPIRED');
    expect((await me(rotated.token)).statusCode).toBe(200);

    // Asking for more than TOKEN_MAX_DAYS for the new secret is refused, and nothing changes.
    const tooLong = await rotate(rotated.id, { expiresInDays: 365 });
    expect(problem(tooLong)).toMatchObject({ status: 400, code: 'TWL_IDENTITY_TOKEN_LIFETIME_TOO_LONG' });
    expect((await me(rotated.token)).statusCode).toBe(200);
  });

  it('lets only an admin of the own organisation rotate, and only tokens of that organisation', async () => {
    const target = ApiTokenCreated.parse((await create({ name: 'doel', role: 'viewer' })).json());
    const viewer = await tokenFor(db, 'almere', 'viewer');
    const foreignAdmin = await tokenFor(db, 'dronten', 'admin');
    expect(problem(await rotate(target.id, undefined, viewer)).code).toBe('TWL_IDENTITY_FORBIDDEN');
    expect(problem(await rotate(target.id, undefined, foreignAdmin)).code).toBe('TWL_IDENTITY_FORBIDDEN');
    expect(problem(await rotate(target.id, undefined, foreignAdmin, 'dronten')).code).toBe('TWL_IDENTITY_TOKEN_NOT_FOUND');
    expect((await rotate(target.id, { graceMinutes: 2000 })).statusCode).toBe(400);
    expect((await me(target.token)).statusCode).toBe(200);
  });
});
