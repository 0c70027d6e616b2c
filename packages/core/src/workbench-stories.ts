/**
 * Workbench: the stakeholder register, user stories ("Als … wil ik … zodat … omdat …") and the
 * story tree (vraag → doelen → KPI's → maatregelen → objecten), as in Almere's heat-stress tree.
 */
import { z } from 'zod';
import { AppId } from './app-manifest.js';
import { DatasetId } from './dataset-ref.js';

/** Every field optional and without its default, for a PATCH that changes only what it names. */
function patchOf<const F extends Record<string, z.ZodType>>(fields: F): { [K in keyof F]: z.ZodOptional<F[K]> } {
  const entries = Object.entries(fields).map(([k, v]) => [k, (v instanceof z.ZodDefault ? (v.unwrap() as z.ZodType) : v).optional()]);
  // Without its default the field is the same type minus the default; TypeScript cannot follow the map.
  return Object.fromEntries(entries) as { [K in keyof F]: z.ZodOptional<F[K]> };
}

const Text = (max: number) => z.string().trim().min(1).max(max);
const Items = z.array(Text(1000)).max(50).default([]);
const Score = z.number().int().min(1).max(5);

export const StakeholderRelation = z.enum(['voor-wie', 'met-wie']).describe('voor-wie: for whom we solve the question; met-wie: with whom we solve it');
export type StakeholderRelation = z.infer<typeof StakeholderRelation>;

const stakeholderFields = {
  name: Text(200).describe('Name of the stakeholder or group, e.g. "Hulpdiensten"'),
  group: Text(200).nullable().default(null).describe('Kind of stakeholder, e.g. "extern", "intern gemeente"'),
  relation: StakeholderRelation,
  role: Text(500).nullable().default(null).describe('From which role they are involved, e.g. "waterbeheerder"'),
  interests: Items.describe('What matters to them (stakeholder value)'),
  questions: Items.describe('For which questions they seek an answer'),
  decisions: Items.describe('Which decisions they want to be able to take'),
  influence: Score.default(3).describe('Influence on the question, 1 (little) to 5 (much)'),
  interest: Score.default(3).describe('Interest in the question, 1 (little) to 5 (much)'),
};

export const StakeholderCreate = z.strictObject(stakeholderFields).describe('A new stakeholder');
export type StakeholderCreate = z.infer<typeof StakeholderCreate>;

export const StakeholderUpdate = z
  .strictObject(patchOf(stakeholderFields))
  .describe('Change a stakeholder (only the fields given)');
export type StakeholderUpdate = z.infer<typeof StakeholderUpdate>;

export const Stakeholder = z
  .object({
    id: z.uuid(),
    useCaseId: z.uuid(),
    name: z.string(),
    group: z.string().nullable(),
    relation: StakeholderRelation,
    role: z.string().nullable(),
    interests: z.array(z.string()),
    questions: z.array(z.string()),
    decisions: z.array(z.string()),
    influence: Score,
    interest: Score,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .describe('A stakeholder of a use case, placed on the influence/interest grid');
export type Stakeholder = z.infer<typeof Stakeholder>;

/** Levels of the story tree, from the question down to the objects in the city. */
export const STORY_TREE_KINDS = ['vraag', 'doel', 'kpi', 'maatregel', 'object'] as const;
export const StoryTreeKind = z.enum(STORY_TREE_KINDS).describe('Level in the story tree: vraag → doel → kpi → maatregel → object');
export type StoryTreeKind = z.infer<typeof StoryTreeKind>;

/** The kind a parent must have for a node of `kind` (null: a root). */
export function parentKindOf(kind: StoryTreeKind): StoryTreeKind | null {
  const i = STORY_TREE_KINDS.indexOf(kind);
  return i === 0 ? null : (STORY_TREE_KINDS[i - 1] ?? null);
}

export const StoryTreeNodeCreate = z
  .strictObject({
    parentId: z.uuid().nullable().default(null).describe('Parent node; null for a question (the root)'),
    kind: StoryTreeKind,
    label: Text(300).describe('e.g. "Schaduw maken" or "Gezondheid"'),
    target: Text(300).nullable().default(null).describe('Target of a KPI node, e.g. "2 °C lagere gevoelstemperatuur"; only for kpi'),
    position: z.number().int().min(0).max(10_000).default(0).describe('Order among siblings'),
  })
  .describe('A new node of the story tree');
export type StoryTreeNodeCreate = z.infer<typeof StoryTreeNodeCreate>;

export const StoryTreeNodeUpdate = z
  .strictObject({ label: Text(300).optional(), target: Text(300).nullable().optional(), position: z.number().int().min(0).max(10_000).optional() })
  .describe('Change the label, KPI target or order of a node');
export type StoryTreeNodeUpdate = z.infer<typeof StoryTreeNodeUpdate>;

export const StoryTreeNode = z
  .object({
    id: z.uuid(),
    parentId: z.uuid().nullable().describe('Parent node; null for a question (the root)'),
    kind: StoryTreeKind,
    label: z.string(),
    target: z.string().nullable().describe('Target of a KPI, e.g. "50 % schaduw op looproutes"'),
    position: z.number().int(),
    depth: z.number().int().min(0).describe('0 for a vraag, 4 for an object'),
  })
  .describe('A node of the story tree');
export type StoryTreeNode = z.infer<typeof StoryTreeNode>;

export const StoryTree = z
  .object({ useCaseId: z.uuid(), nodes: z.array(StoryTreeNode).describe('Every node, depth first: each parent before its children, siblings by position') })
  .describe('The story tree of a use case');
export type StoryTree = z.infer<typeof StoryTree>;

const storyFields = {
  asA: Text(300).describe('Als … (type of user), e.g. "beleidsadviseur / omgevingsmanager"'),
  iWant: Text(1000).describe('wil ik … (functionality)'),
  soThat: Text(1000).describe('zodat … (value: insight)'),
  because: Text(1000).nullable().default(null).describe('omdat … (value: goal)'),
  stakeholderIds: z.array(z.uuid()).max(50).default([]).describe('Stakeholders of this use case the story serves'),
  indicators: Items.describe('Indicators that show whether the story is met'),
  dataNeeds: Items.describe('Data needed, and where to find it'),
  treeNodeIds: z.array(z.uuid()).max(50).default([]).describe('Nodes of the story tree the story belongs to'),
  appIds: z.array(AppId).max(50).default([]).describe('Apps in the store that answer the story'),
  datasetIds: z.array(DatasetId).max(50).default([]).describe('Datasets that answer the story'),
};

export const UserStoryCreate = z.strictObject(storyFields).describe('A new user story');
export type UserStoryCreate = z.infer<typeof UserStoryCreate>;

export const UserStoryUpdate = z
  .strictObject(patchOf(storyFields))
  .describe('Change a user story (only the fields given)');
export type UserStoryUpdate = z.infer<typeof UserStoryUpdate>;

export const UserStory = z
  .object({
    id: z.uuid(),
    useCaseId: z.uuid(),
    asA: z.string(),
    iWant: z.string(),
    soThat: z.string(),
    because: z.string().nullable(),
    text: z.string().describe('The story as one sentence: "Als … wil ik … zodat … omdat …"'),
    stakeholderIds: z.array(z.uuid()),
    indicators: z.array(z.string()),
    dataNeeds: z.array(z.string()),
    treeNodeIds: z.array(z.uuid()),
    appIds: z.array(z.string()),
    datasetIds: z.array(z.string()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .describe('A user story of a use case');
export type UserStory = z.infer<typeof UserStory>;

/** The story as one sentence, in the form of the user-story workshop. */
export function storySentence(story: { asA: string; iWant: string; soThat: string; because: string | null }): string {
  const because = story.because ? ` omdat ${story.because}` : '';
  return `Als ${story.asA} wil ik ${story.iWant} zodat ${story.soThat}${because}.`;
}
