import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem, Stakeholder, StoryTree, StoryTreeNode, UseCase, UserStory } from '@tweeling/core';
import { bearer, buildTestApp, openTestDb, tokenFor, type TestDb } from '../../test/harness.js';

describe('workbench: stakeholders, user stories and the story tree', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let analyst: string;
  let viewer: string;
  let dronten: string;
  let useCaseId: string;
  beforeAll(async () => {
    db = await openTestDb();
    app = await buildTestApp(db);
    analyst = await tokenFor(db, 'almere', 'analyst');
    viewer = await tokenFor(db, 'almere', 'viewer');
    dronten = await tokenFor(db, 'dronten', 'analyst');
    const res = await app.inject({ method: 'POST', url: '/api/v1/use-cases', headers: bearer(analyst), payload: { title: 'Hittestress', vocabularyId: 'hittestress' } });
    useCaseId = UseCase.parse(res.json()).id;
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  const url = (path: string) => `/api/v1/use-cases/${useCaseId}${path}`;
  const post = (path: string, payload: object, token = analyst) => app.inject({ method: 'POST', url: url(path), headers: bearer(token), payload });

  it('registers stakeholders on the influence/interest grid, most influential first; bad scores name the field', async () => {
    const bewoners = await post('/stakeholders', { name: 'Bewoners', relation: 'voor-wie', interests: ['Koele looproutes'], influence: 2, interest: 5 });
    expect(bewoners.statusCode).toBe(201);
    expect(Stakeholder.parse(bewoners.json())).toMatchObject({ name: 'Bewoners', group: null, influence: 2, interest: 5, questions: [] });
    await post('/stakeholders', { name: 'GGD', relation: 'met-wie', role: 'gezondheid', decisions: ['Hitteplan activeren'], influence: 4, interest: 4 });
    const list = (await app.inject({ method: 'GET', url: url('/stakeholders'), headers: bearer(viewer) })).json() as { stakeholders: unknown[] };
    expect(list.stakeholders.map((s) => Stakeholder.parse(s).name)).toEqual(['GGD', 'Bewoners']);
    const bad = await post('/stakeholders', { name: 'Raad', relation: 'voor-wie', influence: 7 });
    expect(bad.statusCode).toBe(400);
    expect(Problem.parse(bad.json()).errors?.map((e) => e.path)).toEqual(['body.influence']);
    const id = Stakeholder.parse(bewoners.json()).id;
    const patched = await app.inject({ method: 'PATCH', url: url(`/stakeholders/${id}`), headers: bearer(analyst), payload: { influence: 3, group: 'extern' } });
    expect(Stakeholder.parse(patched.json())).toMatchObject({ influence: 3, group: 'extern', interest: 5 });
  });

  it('builds the heat-stress story tree level by level; a KPI carries its target; wrong levels are 400', async () => {
    const node = async (body: object) => {
      const res = await post('/story-tree/nodes', body);
      expect(res.statusCode, res.body).toBe(201);
      return StoryTreeNode.parse(res.json());
    };
    const vraag = await node({ kind: 'vraag', label: 'Integrale analyse kansen en knelpunten van maatregelen in het focusgebied' });
    const gezondheid = await node({ kind: 'doel', label: 'Gezondheid', parentId: vraag.id });
    const kpi = await node({ kind: 'kpi', label: 'Gevoelstemperatuur', target: '2 °C lagere gevoelstemperatuur', parentId: gezondheid.id });
    const schaduw = await node({ kind: 'maatregel', label: 'Schaduw maken', parentId: kpi.id });
    await node({ kind: 'object', label: 'Bomen', parentId: schaduw.id });
    const renamed = await app.inject({ method: 'PATCH', url: url(`/story-tree/nodes/${kpi.id}`), headers: bearer(analyst), payload: { label: 'Lagere gevoelstemperatuur' } });
    expect(StoryTreeNode.parse(renamed.json())).toMatchObject({ label: 'Lagere gevoelstemperatuur', target: '2 °C lagere gevoelstemperatuur', depth: 2 });

    const skip = await post('/story-tree/nodes', { kind: 'maatregel', label: 'Tegelwippen', parentId: gezondheid.id });
    expect(skip.statusCode).toBe(400);
    expect(Problem.parse(skip.json())).toMatchObject({ code: 'TWL_WORKBENCH_INVALID_TREE', errors: [{ path: 'body.parentId' }] });
    expect(Problem.parse((await post('/story-tree/nodes', { kind: 'doel', label: 'Gebied', target: '50 %', parentId: vraag.id })).json()).errors?.[0]?.path).toBe('body.target');

    const tree = StoryTree.parse((await app.inject({ method: 'GET', url: url('/story-tree'), headers: bearer(viewer) })).json());
    expect(tree.nodes.map((n) => [n.kind, n.depth])).toEqual([['vraag', 0], ['doel', 1], ['kpi', 2], ['maatregel', 3], ['object', 4]]);
    expect(tree.nodes[2]).toMatchObject({ parentId: gezondheid.id, target: '2 °C lagere gevoelstemperatuur' });
    expect(tree.nodes[4]?.label).toBe('Bomen');
  });

  it('writes user stories as one sentence, linked to stakeholders, tree nodes, apps and visible datasets', async () => {
    const [ggd] = ((await app.inject({ method: 'GET', url: url('/stakeholders'), headers: bearer(analyst) })).json() as { stakeholders: Stakeholder[] }).stakeholders;
    const tree = StoryTree.parse((await app.inject({ method: 'GET', url: url('/story-tree'), headers: bearer(analyst) })).json());
    const kpi = tree.nodes.find((n) => n.kind === 'kpi')!;
    const res = await post('/stories', {
      asA: 'beleidsadviseur',
      iWant: 'zien waar kwetsbare groepen en hitte samenkomen',
      soThat: 'ik maatregelen daar kan prioriteren',
      because: 'we oversterfte willen voorkomen',
      stakeholderIds: [ggd!.id],
      treeNodeIds: [kpi.id],
      indicators: ['gevoelstemperatuur'],
      dataNeeds: ['hittestresskaart', 'CBS kwetsbare groepen'],
      appIds: ['hittestress'],
      datasetIds: [],
    });
    expect(res.statusCode, res.body).toBe(201);
    const story = UserStory.parse(res.json());
    expect(story.text).toBe('Als beleidsadviseur wil ik zien waar kwetsbare groepen en hitte samenkomen zodat ik maatregelen daar kan prioriteren omdat we oversterfte willen voorkomen.');
    expect(story).toMatchObject({ stakeholderIds: [ggd!.id], treeNodeIds: [kpi.id], appIds: ['hittestress'] });

    const badLinks = await post('/stories', { asA: 'a', iWant: 'b', soThat: 'c', stakeholderIds: ['00000000-0000-4000-8000-000000000000'], datasetIds: ['bestaat-niet'] });
    expect(badLinks.statusCode).toBe(400);
    expect(Problem.parse(badLinks.json()).errors?.map((e) => e.path)).toEqual(['body.stakeholderIds.0', 'body.datasetIds.0']);

    // Removing the stakeholder removes the link, not the story.
    expect((await app.inject({ method: 'DELETE', url: url(`/stakeholders/${ggd!.id}`), headers: bearer(analyst) })).statusCode).toBe(204);
    const after = (await app.inject({ method: 'GET', url: url('/stories'), headers: bearer(analyst) })).json() as { stories: UserStory[] };
    expect(after.stories.map((s) => s.stakeholderIds)).toEqual([[]]);
    const patched = await app.inject({ method: 'PATCH', url: url(`/stories/${story.id}`), headers: bearer(analyst), payload: { because: null } });
    expect(UserStory.parse(patched.json()).text).toBe('Als beleidsadviseur wil ik zien waar kwetsbare groepen en hitte samenkomen zodat ik maatregelen daar kan prioriteren.');
    const audit = await db.kysely.selectFrom('audit_log').select('action').where('target_id', '=', story.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['story.create', 'story.update']);
  });

  it('denies by default: anonymous, viewer and other organisations', async () => {
    const body = { name: 'Verzekeraars', relation: 'voor-wie' };
    expect((await app.inject({ method: 'POST', url: url('/stakeholders'), payload: body })).statusCode).toBe(401);
    expect((await post('/stakeholders', body, viewer)).statusCode).toBe(403);
    expect((await post('/stakeholders', body, dronten)).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: url('/stories'), headers: bearer(dronten) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: url('/story-tree') })).statusCode).toBe(404);
  });
});
