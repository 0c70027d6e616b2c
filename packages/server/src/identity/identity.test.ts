import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPage, Member, Problem } from '@tweeling/core';
import { verifyAuditChain } from '../audit/index.js';
import { bearer, buildTestApp, openTestDb, tokenFor, type TestDb } from '../../test/harness.js';

describe('identity over HTTP', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let admin: string;
  let viewer: string;
  let drontenAdmin: string;
  beforeAll(async () => {
    db = await openTestDb();
    app = await buildTestApp(db);
    admin = await tokenFor(db, 'almere', 'admin');
    viewer = await tokenFor(db, 'almere', 'viewer');
    drontenAdmin = await tokenFor(db, 'dronten', 'admin');
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  const addMember = (token: string | null, org = 'almere', body: unknown = { email: 'Nieuw.Lid@almere.demo', name: 'Nieuw Lid', role: 'analyst' }) =>
    app.inject({ method: 'POST', url: `/api/v1/organisations/${org}/members`, headers: token ? bearer(token) : {}, payload: body as object });

  it('lets an admin token add a member, with an audit entry in the same transaction', async () => {
    const res = await addMember(admin);
    expect(res.statusCode).toBe(201);
    const member = Member.parse(res.json());
    expect(member).toMatchObject({ email: 'nieuw.lid@almere.demo', role: 'analyst', organisationId: 'almere' });
    const audit = AuditPage.parse((await app.inject({ method: 'GET', url: '/api/v1/audit?action=member.create', headers: bearer(admin) })).json());
    expect(audit.entries.find((e) => e.targetId === member.userId)).toMatchObject({ action: 'member.create', organisationId: 'almere' });
    expect((await verifyAuditChain(db.kysely)).ok).toBe(true);
  });

  it('refuses a viewer (403), a foreign admin (403) and an anonymous caller (401)', async () => {
    const asViewer = await addMember(viewer, 'almere', { email: 'a@b.nl', name: 'A', role: 'viewer' });
    expect(asViewer.statusCode).toBe(403);
    expect(asViewer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Problem.parse(asViewer.json()).code).toBe('TWL_IDENTITY_FORBIDDEN');
    expect((await addMember(drontenAdmin, 'almere', { email: 'a@b.nl', name: 'A', role: 'viewer' })).statusCode).toBe(403);
    expect((await addMember(null, 'almere', { email: 'a@b.nl', name: 'A', role: 'viewer' })).statusCode).toBe(401);
  });

  it('checks who you are before it looks at what you sent', async () => {
    const res = await addMember(viewer, 'almere', { nonsense: true });
    expect(res.statusCode).toBe(403);
  });

  it('names every failing field of a bad body (400)', async () => {
    const res = await addMember(admin, 'almere', { email: 'geen-adres', role: 'baas', extra: 1 });
    expect(res.statusCode).toBe(400);
    const problem = Problem.parse(res.json());
    const paths = problem.errors?.map((e) => e.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.name', 'body.role']));
  });

  it('answers 409 for a second membership and for removing the last admin', async () => {
    expect((await addMember(admin)).statusCode).toBe(409);
    const members = (await app.inject({ method: 'GET', url: '/api/v1/organisations/almere/members', headers: bearer(admin) })).json() as { members: Member[] };
    const onlyAdmin = members.members.find((m) => m.role === 'admin')!;
    const res = await app.inject({ method: 'DELETE', url: `/api/v1/organisations/almere/members/${onlyAdmin.userId}`, headers: bearer(admin) });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('TWL_IDENTITY_LAST_ADMIN');
  });

  it('rejects unknown, malformed, revoked and expired tokens with 401', async () => {
    const me = (token: string) => app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
    expect((await me('twl_' + 'x'.repeat(43))).json().code).toBe('TWL_IDENTITY_TOKEN_INVALID');
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);

    const created = await app.inject({ method: 'POST', url: '/api/v1/organisations/almere/tokens', headers: bearer(admin), payload: { name: 'kortlevend', role: 'viewer' } });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json() as { token: string; id: string };
    expect((await me(token)).statusCode).toBe(200);
    const listed = await app.inject({ method: 'GET', url: '/api/v1/organisations/almere/tokens', headers: bearer(admin) });
    expect(JSON.stringify(listed.json())).not.toContain(token);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/organisations/almere/tokens/${id}`, headers: bearer(admin) })).statusCode).toBe(200);
    const revoked = await me(token);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().code).toBe('TWL_IDENTITY_TOKEN_REVOKED');

    const later = await buildTestApp(db, { clock: () => new Date(Date.now() + 31 * 86_400_000) });
    const expired = await later.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(viewer) });
    await later.close();
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('TWL_IDENTITY_TOKEN_EXPIRED');
  });

  it('stores tokens only as a hash', async () => {
    const rows = await db.kysely.selectFrom('api_tokens').select(['token_hash', 'prefix']).execute();
    for (const row of rows) {
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.prefix.length).toBeLessThan(12);
    }
    expect(rows.some((r) => r.token_hash.includes(admin.slice(4, 20)))).toBe(false);
  });

  it('does not let a token act for a member with a higher role than the member has', async () => {
    const members = (await app.inject({ method: 'GET', url: '/api/v1/organisations/almere/members', headers: bearer(admin) })).json() as { members: Member[] };
    const analyst = members.members.find((m) => m.role === 'analyst')!;
    const res = await app.inject({ method: 'POST', url: '/api/v1/organisations/almere/tokens', headers: bearer(admin), payload: { name: 'te hoog', role: 'admin', userId: analyst.userId } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('TWL_IDENTITY_ROLE_TOO_HIGH');
  });

  it('lets only platform administrators create organisations', async () => {
    const body = { id: 'lelystad', name: 'Gemeente Lelystad', kind: 'gemeente', cbsCode: 'GM0995' };
    expect((await app.inject({ method: 'POST', url: '/api/v1/organisations', headers: bearer(admin), payload: body })).statusCode).toBe(403);
    const operator = await tokenFor(db, 'beheer', 'admin');
    const res = await app.inject({ method: 'POST', url: '/api/v1/organisations', headers: bearer(operator), payload: body });
    expect(res.statusCode).toBe(201);
    expect((await app.inject({ method: 'POST', url: '/api/v1/organisations', headers: bearer(operator), payload: body })).statusCode).toBe(409);
    const vendorAccrediting = { id: 'software-bv', name: 'Software BV', kind: 'leverancier', mayAccredit: true };
    const refused = await app.inject({ method: 'POST', url: '/api/v1/organisations', headers: bearer(operator), payload: vendorAccrediting });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('TWL_IDENTITY_MAY_NOT_ACCREDIT');
    const list = await app.inject({ method: 'GET', url: '/api/v1/organisations' });
    expect((list.json() as { organisations: { id: string }[] }).organisations.map((o) => o.id)).toContain('lelystad');
  });

  it('keeps each organisation\'s audit log to itself', async () => {
    const own = await app.inject({ method: 'GET', url: '/api/v1/organisations/dronten/audit', headers: bearer(drontenAdmin) });
    expect(own.statusCode).toBe(200);
    expect(AuditPage.parse(own.json()).entries.every((e) => e.organisationId === 'dronten')).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/api/v1/organisations/almere/audit', headers: bearer(drontenAdmin) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/audit', headers: bearer(viewer) })).statusCode).toBe(403);
  });
});
