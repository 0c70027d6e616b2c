import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Canvas, CanvasConflict, CanvasHistory, CanvasSection, Problem, UseCase, UseCaseList } from '@tweeling/core';
import { createToken } from '../identity/index.js';
import { bearer, buildTestApp, openTestDb, tokenFor, type TestDb } from '../../test/harness.js';

/** A token acting for a demo person (by e-mail), so that team roles apply to it. */
async function personToken(db: TestDb, email: string, role: 'analyst' | 'data-steward'): Promise<{ token: string; userId: string }> {
  const user = await db.kysely.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const actor = { organisationId: 'almere', userId: null, tokenId: null, label: 'test', requestId: null };
  const created = await createToken({ db: db.kysely, clock: () => new Date() }, actor, 'almere', { name: `test ${email}`, role, userId: user.id, expiresInDays: 30 });
  return { token: created.token, userId: user.id };
}

describe('workbench: use cases and canvas', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let owner: { token: string; userId: string };
  let steward: { token: string; userId: string };
  let viewer: string;
  let dronten: string;
  let admin: string;
  beforeAll(async () => {
    db = await openTestDb();
    app = await buildTestApp(db);
    owner = await personToken(db, 'beleidsadviseur@almere.demo', 'analyst');
    steward = await personToken(db, 'datasteward@almere.demo', 'data-steward');
    viewer = await tokenFor(db, 'almere', 'viewer');
    dronten = await tokenFor(db, 'dronten', 'admin');
    admin = await tokenFor(db, 'almere', 'admin');
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  const create = (body: object, token = owner.token) => app.inject({ method: 'POST', url: '/api/v1/use-cases', headers: bearer(token), payload: body });
  const auditCount = async (action: string, targetId: string) =>
    (await db.kysely.selectFrom('audit_log').select('seq').where('action', '=', action).where('target_id', '=', targetId).execute()).length;

  it('documents every workbench route in the OpenAPI document', () => {
    const spec = app.swagger() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/use-cases', '/api/v1/use-cases/{useCaseId}/canvas/{section}', '/api/v1/use-cases/{useCaseId}/story-tree', '/api/v1/votes/{code}', '/api/v1/votes/{roundId}/events']));
  });

  it('creates a use case in phase verkennen with the creator as use-case owner, audited', async () => {
    const res = await create({ title: 'Wateroverlast t.g.v. hoosbui', vocabularyId: 'wateroverlast', team: [{ userId: steward.userId, role: 'inhoudelijk-begeleider' }] });
    expect(res.statusCode).toBe(201);
    const useCase = UseCase.parse(res.json());
    expect(useCase).toMatchObject({ organisationId: 'almere', status: 'verkennen', visibility: 'private', vocabularyId: 'wateroverlast' });
    expect(useCase.team.map((t) => t.role).sort()).toEqual(['inhoudelijk-begeleider', 'use-case-owner']);
    expect(useCase.team.find((t) => t.role === 'use-case-owner')?.userId).toBe(owner.userId);
    expect(await auditCount('use-case.create', useCase.id)).toBe(1);
  });

  it('names the bad fields of a bad use case (400) and refuses team members from elsewhere', async () => {
    const bad = await create({ title: 'x', vocabularyId: 'onbekend', kleur: 'rood' });
    expect(bad.statusCode).toBe(400);
    const paths = Problem.parse(bad.json()).errors?.map((e) => e.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['body.title', 'body.vocabularyId']));
    const stranger = await create({ title: 'Hittestress', team: [{ userId: '00000000-0000-4000-8000-000000000000', role: 'member' }] });
    expect(stranger.statusCode).toBe(400);
    expect(Problem.parse(stranger.json()).errors?.[0]?.path).toBe('body.team.0.userId');
  });

  it('denies by default: anonymous, viewer and other organisations cannot write; private use cases stay hidden', async () => {
    const { id } = UseCase.parse((await create({ title: 'Hittestress in de binnenstad', vocabularyId: 'hittestress' })).json());
    expect((await app.inject({ method: 'POST', url: '/api/v1/use-cases', payload: { title: 'Anoniem' } })).statusCode).toBe(401);
    expect((await create({ title: 'Als raadslid' }, viewer)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/v1/use-cases/${id}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/use-cases/${id}`, headers: bearer(dronten) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/use-cases/${id}/canvas`, headers: bearer(dronten) })).statusCode).toBe(404);
    const list = UseCaseList.parse((await app.inject({ method: 'GET', url: '/api/v1/use-cases', headers: bearer(dronten) })).json());
    expect(list.useCases.map((u) => u.id)).not.toContain(id);
    const mine = UseCaseList.parse((await app.inject({ method: 'GET', url: '/api/v1/use-cases', headers: bearer(viewer) })).json());
    expect(mine.useCases.map((u) => u.id)).toContain(id);
  });

  it('publishes a use case for others to learn from, without the names of its team; others still cannot edit it', async () => {
    const { id } = UseCase.parse((await create({ title: 'Groen in en om de stad', vocabularyId: 'groen' })).json());
    const patched = await app.inject({ method: 'PATCH', url: `/api/v1/use-cases/${id}`, headers: bearer(owner.token), payload: { visibility: 'public' } });
    expect(UseCase.parse(patched.json()).visibility).toBe('public');
    const anonymous = UseCase.parse((await app.inject({ method: 'GET', url: `/api/v1/use-cases/${id}` })).json());
    expect(anonymous.team).toEqual([]);
    expect(UseCaseList.parse((await app.inject({ method: 'GET', url: '/api/v1/use-cases?vocabularyId=groen' })).json()).useCases.map((u) => u.id)).toEqual([id]);
    const foreign = await app.inject({ method: 'PUT', url: `/api/v1/use-cases/${id}/canvas/light`, headers: bearer(dronten), payload: { baseVersion: 0, content: { vraagstuk: ['Overgenomen'] } } });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('TWL_WORKBENCH_FORBIDDEN');
    // Managing needs a team role: the data steward is not in this team.
    const notInTeam = await app.inject({ method: 'PATCH', url: `/api/v1/use-cases/${id}`, headers: bearer(steward.token), payload: { title: 'Anders' } });
    expect(notInTeam.statusCode).toBe(403);
    expect(notInTeam.json().code).toBe('TWL_WORKBENCH_NOT_IN_TEAM');
  });

  it('moves through the cycle one phase at a time; a jump is 409 naming body.status', async () => {
    const { id } = UseCase.parse((await create({ title: 'Bodem en water', vocabularyId: 'bodem-water' })).json());
    const status = (s: string, token = owner.token) => app.inject({ method: 'PUT', url: `/api/v1/use-cases/${id}/status`, headers: bearer(token), payload: { status: s } });
    const jump = await status('bouwen');
    expect(jump.statusCode).toBe(409);
    expect(Problem.parse(jump.json())).toMatchObject({ code: 'TWL_WORKBENCH_STATUS_TRANSITION', errors: [{ path: 'body.status' }] });
    expect(UseCase.parse((await status('ontwerpen')).json()).status).toBe('ontwerpen');
    expect(UseCase.parse((await status('verkennen', admin)).json()).status).toBe('verkennen');
    expect((await status('ontwerpen', steward.token)).statusCode).toBe(403);
    expect((await status('in gebruik')).statusCode).toBe(400);
    expect(await auditCount('use-case.status', id)).toBe(2);
  });

  it('replaces the team (managers only)', async () => {
    const { id } = UseCase.parse((await create({ title: 'Teamwissel' })).json());
    const res = await app.inject({ method: 'PUT', url: `/api/v1/use-cases/${id}/team`, headers: bearer(owner.token), payload: { team: [{ userId: owner.userId, role: 'projectleider' }, { userId: steward.userId, role: 'procesbegeleider' }] } });
    expect(res.statusCode).toBe(200);
    expect(UseCase.parse(res.json()).team.map((t) => `${t.name}:${t.role}`).sort()).toEqual(['Beleidsadviseur water (demo):projectleider', 'Datasteward Almere (demo):procesbegeleider']);
  });

  describe('canvas', () => {
    let id: string;
    beforeAll(async () => {
      id = UseCase.parse((await create({ title: 'Canvas wateroverlast', vocabularyId: 'wateroverlast' })).json()).id;
    });
    const put = (section: string, body: object, token = owner.token) => app.inject({ method: 'PUT', url: `/api/v1/use-cases/${id}/canvas/${section}`, headers: bearer(token), payload: body });

    it('starts with every section empty at version 0, each question a field', async () => {
      const canvas = Canvas.parse((await app.inject({ method: 'GET', url: `/api/v1/use-cases/${id}/canvas`, headers: bearer(viewer) })).json());
      expect(canvas.sections.map((s) => s.section)).toEqual(['maatschappelijkeWaarde', 'belanghebbenden', 'ontwerp', 'userStories', 'prototesten', 'inPraktijk', 'light']);
      expect(canvas.sections.every((s) => s.version === 0)).toBe(true);
      expect(Object.keys(canvas.sections[2]!.content)).toEqual(['processtappen', 'beslismomenten', 'inzichten', 'data']);
    });

    it('versions every edit with who, when and before/after per question, audited', async () => {
      const first = CanvasSection.parse((await put('maatschappelijkeWaarde', { baseVersion: 0, content: { vraagstukken: ['Wateroverlast bij hoosbui'], knelpunten: ['Actuele data'] } })).json());
      expect(first).toMatchObject({ version: 1, updatedBy: 'Beleidsadviseur water (demo)' });
      const second = CanvasSection.parse((await put('maatschappelijkeWaarde', { baseVersion: 1, content: { ...first.content, knelpunten: ['Actuele data', 'Verkokering binnen gemeente'] } }, steward.token)).json());
      expect(second.version).toBe(2);
      const history = CanvasHistory.parse((await app.inject({ method: 'GET', url: `/api/v1/use-cases/${id}/canvas/history?section=maatschappelijkeWaarde`, headers: bearer(owner.token) })).json());
      expect(history.revisions.map((r) => r.version)).toEqual([2, 1]);
      expect(history.revisions[0]).toMatchObject({ author: 'Datasteward Almere (demo)', authorUserId: steward.userId, changes: [{ field: 'knelpunten', before: ['Actuele data'], after: ['Actuele data', 'Verkokering binnen gemeente'] }] });
      expect(await auditCount('canvas.update', `${id}/maatschappelijkeWaarde`)).toBe(2);
    });

    it('answers a stale edit with 409, the newer version and the unsaved content; nothing is overwritten', async () => {
      const base = CanvasSection.parse((await put('ontwerp', { baseVersion: 0, content: { data: ['AHN4'] } })).json());
      const a = await put('ontwerp', { baseVersion: base.version, content: { data: ['AHN4', 'BAG'] } });
      expect(a.statusCode).toBe(200);
      const b = await put('ontwerp', { baseVersion: base.version, content: { data: ['AHN4', 'BGT'] } }, steward.token);
      expect(b.statusCode).toBe(409);
      expect(b.headers['content-type']).toMatch(/^application\/problem\+json/);
      const conflict = CanvasConflict.parse(b.json());
      expect(conflict).toMatchObject({ code: 'TWL_WORKBENCH_CANVAS_CONFLICT', current: { version: 2, content: { data: ['AHN4', 'BAG'] } }, yours: { data: ['AHN4', 'BGT'] } });
      const now = CanvasSection.parse((await app.inject({ method: 'GET', url: `/api/v1/use-cases/${id}/canvas/ontwerp`, headers: bearer(owner.token) })).json());
      expect(now.content.data).toEqual(['AHN4', 'BAG']);
      const merged = await put('ontwerp', { baseVersion: conflict.current.version, content: { data: ['AHN4', 'BAG', 'BGT'] } }, steward.token);
      expect(CanvasSection.parse(merged.json()).version).toBe(3);
    });

    it('keeps the canvas light to three knelpunten and names unknown questions (400)', async () => {
      const res = await put('light', { baseVersion: 0, content: { knelpunten: ['a', 'b', 'c', 'd'], kleur: ['rood'] } });
      expect(res.statusCode).toBe(400);
      expect(Problem.parse(res.json()).errors?.map((e) => e.path).sort()).toEqual(['body.content', 'body.content.knelpunten']);
      expect((await put('onbekend', { baseVersion: 0, content: {} })).statusCode).toBe(400);
      expect((await put('light', { baseVersion: 0, content: {} }, viewer)).statusCode).toBe(403);
    });

    it('takes comments per section', async () => {
      const url = `/api/v1/use-cases/${id}/canvas/belanghebbenden/comments`;
      const posted = await app.inject({ method: 'POST', url, headers: bearer(steward.token), payload: { body: 'Waterschap Zuiderzeeland ontbreekt nog bij met wie.' } });
      expect(posted.statusCode).toBe(201);
      expect((await app.inject({ method: 'POST', url, headers: bearer(owner.token), payload: { body: '' } })).statusCode).toBe(400);
      const list = (await app.inject({ method: 'GET', url, headers: bearer(viewer) })).json() as { comments: { body: string; author: string }[] };
      expect(list.comments).toEqual([expect.objectContaining({ body: 'Waterschap Zuiderzeeland ontbreekt nog bij met wie.', author: 'Datasteward Almere (demo)' })]);
      expect((await app.inject({ method: 'GET', url, headers: bearer(dronten) })).statusCode).toBe(404);
    });
  });
});
