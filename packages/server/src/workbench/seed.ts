import { ROLE_PERMISSIONS, STORY_TREE_KINDS, type Caller, type CanvasSectionId } from '@tweeling/core';
import type { Actor } from '../audit/index.js';
import type { WorkbenchDeps } from './access.js';
import { putSection } from './canvas.js';
import { recordRetrospective } from './retros.js';
import { HEAT_TREE, HITTESTRESS, WATEROVERLAST, type SeedNode } from './seed-content.js';
import { createStakeholder } from './stakeholders.js';
import { addNode } from './story-tree.js';
import { createStory } from './stories.js';
import { changeStatus, createUseCase } from './use-cases.js';

const ORGANISATION = 'almere';
/** The demo person who owns both use cases (seeded by the identity demo seed). */
const OWNER_EMAIL = 'beleidsadviseur@almere.demo';
const ACTOR: Actor = { organisationId: ORGANISATION, userId: null, tokenId: null, label: 'seed', requestId: null };

async function seedCaller(deps: WorkbenchDeps): Promise<Caller> {
  const owner = await deps.db.selectFrom('users').select('id').where('email', '=', OWNER_EMAIL).executeTakeFirst();
  return { anonymous: false, organisationId: ORGANISATION, userId: owner?.id ?? null, tokenId: null, role: 'admin', permissions: [...ROLE_PERMISSIONS.admin] };
}

async function fillCanvas(deps: WorkbenchDeps, caller: Caller, useCaseId: string, canvas: Partial<Record<CanvasSectionId, Record<string, string[]>>>): Promise<void> {
  for (const [section, content] of Object.entries(canvas)) await putSection(deps, caller, ACTOR, useCaseId, section as CanvasSectionId, { baseVersion: 0, content });
}

async function addStakeholders(deps: WorkbenchDeps, caller: Caller, useCaseId: string, list: typeof WATEROVERLAST.stakeholders | typeof HITTESTRESS.stakeholders): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const s of list) ids.set(s.name, (await createStakeholder(deps, caller, ACTOR, useCaseId, s)).id);
  return ids;
}

async function addTree(deps: WorkbenchDeps, caller: Caller, useCaseId: string, node: SeedNode, parentId: string | null, depth: number, ids: Map<string, string>): Promise<void> {
  const kind = STORY_TREE_KINDS[depth]!;
  const created = await addNode(deps, caller, ACTOR, useCaseId, { parentId, kind, label: node.label, target: node.target ?? null, position: ids.size });
  ids.set(node.label, created.id);
  for (const child of node.children ?? []) await addTree(deps, caller, useCaseId, child, created.id, depth + 1, ids);
}

async function seedWateroverlast(deps: WorkbenchDeps, caller: Caller): Promise<void> {
  const useCase = await createUseCase(deps, caller, ACTOR, { title: WATEROVERLAST.title, summary: WATEROVERLAST.summary, vocabularyId: 'wateroverlast', visibility: 'public', team: [] });
  await fillCanvas(deps, caller, useCase.id, WATEROVERLAST.canvas);
  const stakeholders = await addStakeholders(deps, caller, useCase.id, WATEROVERLAST.stakeholders);
  for (const { stakeholders: names, ...story } of WATEROVERLAST.stories) {
    await createStory(deps, caller, ACTOR, useCase.id, {
      ...story,
      stakeholderIds: names.map((n) => stakeholders.get(n)!),
      indicators: story.indicators ?? [],
      dataNeeds: story.dataNeeds ?? [],
      appIds: story.appIds ?? [],
      datasetIds: [],
      treeNodeIds: [],
    });
  }
  await recordRetrospective(deps, caller, ACTOR, useCase.id, {
    heldOn: '2026-10-15',
    axes: {
      waardecreatie: ['De eerste workshop was breed; de stemming bracht focus aan'],
      ontwikkelingEnGebruik: ['Kwetsbare panden in vijf klassen zichtbaar op de 3D-mesh van het centrum'],
      samenwerking: ['Respect voor elkaars expertise en werkveld; het kennisniveau is hoog'],
      voortgangActies: [],
    },
    actions: [{ description: 'Budgethouder en beheer van de tool vastleggen (intakeformulier)', owner: 'Projectleider', dueOn: '2026-12-01' }],
    lessons: WATEROVERLAST.lessons,
  });
  await changeStatus(deps, caller, ACTOR, useCase.id, 'ontwerpen');
  await changeStatus(deps, caller, ACTOR, useCase.id, 'bouwen');
}

async function seedHittestress(deps: WorkbenchDeps, caller: Caller): Promise<void> {
  const useCase = await createUseCase(deps, caller, ACTOR, { title: HITTESTRESS.title, summary: HITTESTRESS.summary, vocabularyId: 'hittestress', visibility: 'public', team: [] });
  await fillCanvas(deps, caller, useCase.id, HITTESTRESS.canvas);
  const stakeholders = await addStakeholders(deps, caller, useCase.id, HITTESTRESS.stakeholders);
  const nodes = new Map<string, string>();
  await addTree(deps, caller, useCase.id, HEAT_TREE, null, 0, nodes);
  const base = { because: null, datasetIds: [], dataNeeds: [] as string[] };
  await createStory(deps, caller, ACTOR, useCase.id, {
    ...base,
    asA: 'beleidsadviseur',
    iWant: 'in 3D zien waar hitte en kwetsbare groepen samenkomen',
    soThat: 'ik maatregelen daar eerst kan inzetten',
    because: 'we de gezondheid willen verbeteren en oversterfte willen voorkomen',
    stakeholderIds: [stakeholders.get('Beleidsadviseurs')!],
    treeNodeIds: [nodes.get('Oversterfte')!, nodes.get('Gevoelstemperatuur')!],
    indicators: ['gevoelstemperatuur', 'oversterfte'],
    dataNeeds: ['hittestresskaart', 'kwetsbare groepen (CBS)'],
    appIds: ['hittestress'],
  });
  await createStory(deps, caller, ACTOR, useCase.id, {
    ...base,
    asA: 'technisch adviseur',
    iWant: 'schaduw en groen als maatregel in de 3D-ruimte simuleren en de kosten zien',
    soThat: 'ik kan afwegen of een maatregel mogelijk, betaalbaar en effectief is',
    stakeholderIds: [stakeholders.get('Technisch adviseurs')!],
    treeNodeIds: [nodes.get('Schaduw op looproutes')!, nodes.get('Groen (3-30-300 en ander groen)')!],
    indicators: ['aandeel schaduw op looproutes', '3-30-300'],
    dataNeeds: ['bomendatabase', 'looproutes'],
    appIds: ['hittestress', 'groen-3-30-300'],
  });
  await changeStatus(deps, caller, ACTOR, useCase.id, 'ontwerpen');
}

/**
 * Seeds Almere's demo use cases *Wateroverlast t.g.v. hoosbui* and *Hittestress* (public, so every
 * organisation can learn from them). Idempotent: a use case that exists (by title) is left alone.
 * Needs the demo organisations and people (`seedDemo`) first. Writes go through the services, so
 * every step is audited as `seed`.
 * @returns how many use cases were added
 */
export async function seedDemoWorkbench(deps: WorkbenchDeps): Promise<{ useCases: number }> {
  const caller = await seedCaller(deps);
  let useCases = 0;
  for (const [title, seed] of [[WATEROVERLAST.title, seedWateroverlast], [HITTESTRESS.title, seedHittestress]] as const) {
    const exists = await deps.db.selectFrom('workbench_use_cases').select('id').where('organisation_id', '=', ORGANISATION).where('title', '=', title).executeTakeFirst();
    if (exists) continue;
    await seed(deps, caller);
    useCases += 1;
  }
  return { useCases };
}
