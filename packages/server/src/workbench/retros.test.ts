import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lesson, Problem, Retrospective, UseCase, ValueItem, WorkbenchAction } from '@tweeling/core';
import { bearer, buildTestApp, openTestDb, tokenFor, type TestDb } from '../../test/harness.js';

describe('workbench: retrospectives, actions and lessons learned', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let almere: string;
  let viewer: string;
  let dronten: string;
  let useCaseId: string;
  beforeAll(async () => {
    db = await openTestDb();
    app = await buildTestApp(db);
    almere = await tokenFor(db, 'almere', 'analyst');
    viewer = await tokenFor(db, 'almere', 'viewer');
    dronten = await tokenFor(db, 'dronten', 'analyst');
    useCaseId = UseCase.parse((await app.inject({ method: 'POST', url: '/api/v1/use-cases', headers: bearer(almere), payload: { title: 'Hittestress' } })).json()).id;
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  const retro = {
    heldOn: '2026-11-24',
    axes: { waardecreatie: ['Het sociale en ruimtelijke domein zitten voor het eerst aan één tafel'], ontwikkelingEnGebruik: ['Bomenlaag 3-30-300 staat in 3D'], samenwerking: ['Respect voor elkaars expertise'], voortgangActies: [] },
    actions: [{ description: 'Kwetsbare groepen (CBS) toevoegen als kaartlaag', owner: 'Inhoudelijk begeleider', dueOn: '2026-12-15' }, { description: 'Budgethouder vastleggen', owner: 'Projectleider' }],
    lessons: [
      { axis: 'samenwerking', text: 'Beleid is leidend, maar heeft een GIS-specialist nodig om de vraag naar data en modellen te vertalen.', shared: true },
      { axis: 'waardecreatie', text: 'Iedere usecase heeft een eigen dynamiek en vraagt maatwerk.' },
    ],
  };

  it('records a retrospective on the four axes with actions and lessons in one go, audited', async () => {
    const res = await app.inject({ method: 'POST', url: `/api/v1/use-cases/${useCaseId}/retrospectives`, headers: bearer(almere), payload: retro });
    expect(res.statusCode, res.body).toBe(201);
    const recorded = Retrospective.parse(res.json());
    expect(recorded.actions.map((a) => [a.owner, a.dueOn, a.status])).toEqual([['Inhoudelijk begeleider', '2026-12-15', 'open'], ['Projectleider', null, 'open']]);
    expect(recorded.lessons.map((l) => l.shared)).toEqual([true, false]);
    expect(await db.kysely.selectFrom('audit_log').select('seq').where('target_id', '=', recorded.id).where('action', '=', 'retrospective.record').execute()).toHaveLength(1);

    const bad = await app.inject({ method: 'POST', url: `/api/v1/use-cases/${useCaseId}/retrospectives`, headers: bearer(almere), payload: { ...retro, heldOn: 'gisteren', lessons: [{ axis: 'sfeer', text: 'x' }] } });
    expect(Problem.parse(bad.json()).errors?.map((e) => e.path).sort()).toEqual(['body.heldOn', 'body.lessons.0.axis']);
    expect((await db.kysely.selectFrom('workbench_retrospectives').select('id').execute()).length).toBe(1);
  });

  it('tracks actions to done', async () => {
    const { actions } = (await app.inject({ method: 'GET', url: `/api/v1/use-cases/${useCaseId}/actions`, headers: bearer(viewer) })).json() as { actions: WorkbenchAction[] };
    const done = await app.inject({ method: 'PATCH', url: `/api/v1/use-cases/${useCaseId}/actions/${actions[0]!.id}`, headers: bearer(almere), payload: { status: 'gedaan' } });
    expect(WorkbenchAction.parse(done.json())).toMatchObject({ status: 'gedaan', owner: 'Inhoudelijk begeleider', dueOn: '2026-12-15' });
    expect((await app.inject({ method: 'PATCH', url: `/api/v1/use-cases/${useCaseId}/actions/${actions[0]!.id}`, headers: bearer(viewer), payload: { status: 'open' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'PATCH', url: `/api/v1/use-cases/${useCaseId}/actions/${actions[0]!.id}`, headers: bearer(dronten), payload: { status: 'open' } })).statusCode).toBe(404);
  });

  it('lets other organisations find shared lessons only, in Dutch full text', async () => {
    const search = async (token: string, q: string) => ((await app.inject({ method: 'GET', url: `/api/v1/lessons?q=${encodeURIComponent(q)}`, headers: bearer(token) })).json() as { lessons: Lesson[] }).lessons;
    const found = await search(dronten, 'specialisten');
    // The use case is private to almere: the shared lesson does not reveal its id or title.
    expect(found.map((l) => [l.useCaseId, l.useCaseTitle, l.organisationId, l.axis])).toEqual([[null, null, 'almere', 'samenwerking']]);
    expect((await search(almere, 'specialisten')).map((l) => l.useCaseTitle)).toEqual(['Hittestress']);
    expect(await search(dronten, 'maatwerk')).toEqual([]);
    expect((await search(almere, 'maatwerk')).map((l) => l.shared)).toEqual([false]);
    expect((await app.inject({ method: 'GET', url: '/api/v1/lessons' })).statusCode).toBe(401);

    const own = (await search(almere, 'maatwerk'))[0]!;
    const shared = await app.inject({ method: 'PATCH', url: `/api/v1/use-cases/${useCaseId}/lessons/${own.id}`, headers: bearer(almere), payload: { shared: true } });
    expect(Lesson.parse(shared.json()).shared).toBe(true);
    expect((await search(dronten, 'maatwerk')).map((l) => l.id)).toEqual([own.id]);
  });

  it('keeps a waardecase on the public value triangle and revisits it', async () => {
    const url = `/api/v1/use-cases/${useCaseId}/value-case`;
    const added = await app.inject({ method: 'POST', url, headers: bearer(almere), payload: { dimension: 'publieke-waarde', kind: 'baten', description: 'Minder hitteklachten bij ouderen', amountEur: null } });
    expect(ValueItem.parse(added.json())).toMatchObject({ status: 'verwacht', stakeholderId: null });
    const revisited = await app.inject({ method: 'PATCH', url: `${url}/${ValueItem.parse(added.json()).id}`, headers: bearer(almere), payload: { status: 'gerealiseerd', note: 'GGD meldt minder klachten in de proefwijk' } });
    expect(ValueItem.parse(revisited.json())).toMatchObject({ status: 'gerealiseerd', description: 'Minder hitteklachten bij ouderen' });
    const bad = await app.inject({ method: 'POST', url, headers: bearer(almere), payload: { dimension: 'geluk', kind: 'baten', description: 'x', stakeholderId: '00000000-0000-4000-8000-000000000000' } });
    expect(Problem.parse(bad.json()).errors?.map((e) => e.path)).toEqual(['body.dimension']);
    const stranger = await app.inject({ method: 'POST', url, headers: bearer(almere), payload: { dimension: 'operationele-capaciteit', kind: 'kosten', description: 'Beheer van de tool', stakeholderId: '00000000-0000-4000-8000-000000000000' } });
    expect(Problem.parse(stranger.json()).errors?.map((e) => e.path)).toEqual(['body.stakeholderId']);
    expect((await app.inject({ method: 'POST', url, headers: bearer(viewer), payload: { dimension: 'publieke-waarde', kind: 'baten', description: 'x' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url, headers: bearer(dronten) })).statusCode).toBe(404);
  });
});
