import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Canvas, StoryTree, UseCaseList, UserStory } from '@tweeling/core';
import { buildTestApp, openTestDb, type TestDb } from '../../test/harness.js';
import { seedDemoWorkbench } from './index.js';

describe('workbench demo seed', () => {
  let db: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openTestDb();
    app = await buildTestApp(db);
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  it("seeds Almere's wateroverlast and hittestress use cases once, public and filled in", async () => {
    const deps = { db: db.kysely, clock: () => new Date() };
    expect(await seedDemoWorkbench(deps)).toEqual({ useCases: 2 });
    expect(await seedDemoWorkbench(deps)).toEqual({ useCases: 0 });

    const { useCases } = UseCaseList.parse((await app.inject({ method: 'GET', url: '/api/v1/use-cases' })).json());
    expect(useCases.map((u) => [u.title, u.status, u.vocabularyId]).sort()).toEqual([
      ['Hittestress', 'ontwerpen', 'hittestress'],
      ['Wateroverlast t.g.v. hoosbui', 'bouwen', 'wateroverlast'],
    ]);
    const water = useCases.find((u) => u.vocabularyId === 'wateroverlast')!;
    const canvas = Canvas.parse((await app.inject({ method: 'GET', url: `/api/v1/use-cases/${water.id}/canvas` })).json());
    const stakeholdersSection = canvas.sections.find((s) => s.section === 'belanghebbenden')!;
    expect(stakeholdersSection.content.vragen).toContain('Welke evacuatieroutes blijven begaanbaar?');
    const stories = (await app.inject({ method: 'GET', url: `/api/v1/use-cases/${water.id}/stories` })).json().stories as UserStory[];
    expect(stories.length).toBe(5);
    const stakeholders = (await app.inject({ method: 'GET', url: `/api/v1/use-cases/${water.id}/stakeholders` })).json().stakeholders as { name: string }[];
    expect(stakeholders.map((s) => s.name).sort()).toEqual(['Beleidsadviseurs', 'Bewoners', 'Hulpdiensten', 'Verzekeraars', 'Waterschap']);

    const heat = useCases.find((u) => u.vocabularyId === 'hittestress')!;
    const tree = StoryTree.parse((await app.inject({ method: 'GET', url: `/api/v1/use-cases/${heat.id}/story-tree` })).json());
    expect(tree.nodes.filter((n) => n.kind === 'kpi').map((n) => n.target)).toEqual(expect.arrayContaining(['2 °C lagere gevoelstemperatuur', '50 % schaduw op looproutes']));
    expect(tree.nodes.filter((n) => n.kind === 'object').map((n) => n.label)).toEqual(expect.arrayContaining(['Bomen', 'Gebouwen', 'Wegen']));
    const markdown = await app.inject({ method: 'GET', url: `/api/v1/use-cases/${heat.id}/export.md` });
    expect(markdown.headers['content-type']).toMatch(/^text\/markdown/);
    expect(markdown.body).toMatch(/^# Hittestress\n/);
    expect(markdown.body).toContain('    - kpi: Schaduw op looproutes (doel: 50 % schaduw op looproutes)');
    expect(markdown.body).toContain('- Als technisch adviseur wil ik schaduw en groen');
    const waterMd = (await app.inject({ method: 'GET', url: `/api/v1/use-cases/${water.id}/export.md` })).body;
    expect(waterMd).toContain('**Welke beslissingen willen zij kunnen nemen?**');
    expect(waterMd).toContain('- [ ] Budgethouder en beheer van de tool vastleggen (intakeformulier) (Projectleider, uiterlijk 2026-12-01)');
    const seeded = await db.kysely.selectFrom('audit_log').select('action').where('actor', '=', 'seed').where('action', 'like', 'use-case.%').execute();
    expect(seeded.length).toBe(5);
  });
});
