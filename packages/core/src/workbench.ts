/**
 * The use-case workbench (the Innovatieleercyclus): use cases with their team roles and cycle
 * status, and the use-case canvas with its six sections and the canvas light. Every question of the
 * canvas is a field of its section; answers are lists of short items (the sticky notes of a
 * workshop), so that an edit can be shown as before/after per question.
 */
import { z } from 'zod';
import { OrganisationId } from './identity.js';
import { UseCaseIdSchema } from './vocabulary.js';

/** Phases of the learning cycle, in order. */
export const USE_CASE_STATUSES = ['verkennen', 'ontwerpen', 'bouwen', 'testen', 'in-gebruik', 'geborgd'] as const;
export const UseCaseStatus = z.enum(USE_CASE_STATUSES).describe('Phase of the learning cycle: verkennen → ontwerpen → bouwen → testen → in-gebruik → geborgd');
export type UseCaseStatus = z.infer<typeof UseCaseStatus>;

/**
 * The phases a use case may move to from `from`: one step forward, or one step back (the cycle is
 * iterative: a test can send the team back to building). Staying put is not a transition.
 */
export function allowedStatusTransitions(from: UseCaseStatus): UseCaseStatus[] {
  const i = USE_CASE_STATUSES.indexOf(from);
  return [USE_CASE_STATUSES[i - 1], USE_CASE_STATUSES[i + 1]].filter((s): s is UseCaseStatus => s !== undefined);
}

/** Roles within a use-case team (source 002: the use-case owner, projectleider, procesbegeleider, inhoudelijk begeleider). */
export const USE_CASE_ROLES = ['use-case-owner', 'projectleider', 'procesbegeleider', 'inhoudelijk-begeleider', 'member'] as const;
export const UseCaseRole = z.enum(USE_CASE_ROLES).describe('Role in the use-case team');
export type UseCaseRole = z.infer<typeof UseCaseRole>;

/** Team roles that may manage a use case (status, team, visibility). */
export const USE_CASE_MANAGER_ROLES: readonly UseCaseRole[] = ['use-case-owner', 'projectleider'];

export const UseCaseVisibility = z.enum(['private', 'public']).describe('private: own organisation only; public: every organisation can read and learn from it');
export type UseCaseVisibility = z.infer<typeof UseCaseVisibility>;

export const UseCaseRoleAssignment = z
  .strictObject({
    userId: z.uuid().describe('A member of the owning organisation'),
    role: UseCaseRole,
  })
  .describe('A team member and their role in the use case');
export type UseCaseRoleAssignment = z.infer<typeof UseCaseRoleAssignment>;

export const UseCaseTeamMember = UseCaseRoleAssignment.extend({ name: z.string().describe('Name of the person') }).describe('A team member with their name');
export type UseCaseTeamMember = z.infer<typeof UseCaseTeamMember>;

const Title = z.string().trim().min(3).max(200);
const Summary = z.string().trim().max(4000);

export const UseCase = z
  .object({
    id: z.uuid(),
    organisationId: OrganisationId.describe('Organisation that owns the use case'),
    title: Title.describe('Title, e.g. "Wateroverlast t.g.v. hoosbui"'),
    summary: Summary.describe('Short description of the question the use case answers'),
    vocabularyId: UseCaseIdSchema.nullable().describe('Use-case id from the shared vocabulary, linking the use case to apps in the store'),
    status: UseCaseStatus,
    visibility: UseCaseVisibility,
    team: z.array(UseCaseTeamMember).describe('Team roles (only shown to the owning organisation)'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .describe('A use case: the learning environment in which a team develops and embeds a digital twin');
export type UseCase = z.infer<typeof UseCase>;

export const UseCaseList = z.object({ useCases: z.array(UseCase) }).describe('Use cases the caller may read');
export type UseCaseList = z.infer<typeof UseCaseList>;

export const UseCaseCreate = z
  .strictObject({
    title: Title.describe('Title of the use case'),
    summary: Summary.default('').describe('Short description'),
    vocabularyId: UseCaseIdSchema.nullable().default(null),
    visibility: UseCaseVisibility.default('private'),
    team: z.array(UseCaseRoleAssignment).max(50).default([]).describe('Initial team; a person acting through their own token becomes use-case owner when no owner is named'),
  })
  .describe('A new use case (starts in phase verkennen)');
export type UseCaseCreate = z.infer<typeof UseCaseCreate>;

export const UseCaseUpdate = z
  .strictObject({
    title: Title.optional(),
    summary: Summary.optional(),
    vocabularyId: UseCaseIdSchema.nullable().optional(),
    visibility: UseCaseVisibility.optional(),
  })
  .describe('Change title, summary, vocabulary link or visibility (use-case owner, projectleider or organisation admin)');
export type UseCaseUpdate = z.infer<typeof UseCaseUpdate>;

export const UseCaseStatusChange = z.strictObject({ status: UseCaseStatus }).describe('Move the use case to the next (or previous) phase');
export type UseCaseStatusChange = z.infer<typeof UseCaseStatusChange>;

export const UseCaseTeamPut = z.strictObject({ team: z.array(UseCaseRoleAssignment).max(50) }).describe('The whole team (replaces the current one)');
export type UseCaseTeamPut = z.infer<typeof UseCaseTeamPut>;

// ---------------------------------------------------------------------------------------------
// Canvas

/** One answer item (a sticky note). */
export const CanvasItem = z.string().trim().min(1).max(2000).describe('One answer, as on a sticky note');
const MAX_ITEMS = 50;

/** The questions of each canvas section (source 001, the full use-case canvas), by field name. */
export const CANVAS_QUESTIONS = {
  maatschappelijkeWaarde: {
    vraagstukken: 'Welk vraagstuk (of welke vraagstukken) willen we oplossen?',
    voorWie: 'Voor wie is het een vraagstuk?',
    wieHeeftLast: 'En wie heeft er last van?',
    maatschappelijkeOpgave: 'Welke maatschappelijke opgave ligt aan het vraagstuk ten grondslag?',
    maatschappelijkeWaarde: 'Welke maatschappelijke waarde willen we realiseren?',
    knelpunten: 'Wat zijn de grootste knelpunten? En waarom?',
    kansrijkVraagstuk: 'Wat is het meest kansrijke vraagstuk om mee te starten?',
    doelen: 'Wat zijn onze inhoudelijke doelen, en waarom vinden we die belangrijk?',
    indicatoren: 'Wat zijn de indicatoren?',
    wettelijkKader: 'Welk wettelijk kader ligt aan het vraagstuk ten grondslag?',
    ethischeAfwegingen: 'Welke ethische afwegingen maken we om tot een oplossing te komen?',
  },
  belanghebbenden: {
    voorWie: 'Voor wie willen wij het vraagstuk oplossen?',
    metWie: 'Met wie willen wij het vraagstuk oplossen, en welke rol hebben zij?',
    watIsBelangrijk: 'Wat is voor hen belangrijk (per groep belanghebbenden)?',
    vragen: 'Voor welke vragen zoeken zij een oplossing?',
    besluiten: 'Welke beslissingen willen zij kunnen nemen?',
    eigenaar: 'Wie is eigenaar van het vraagstuk?',
    opdrachtgever: 'Wie is opdrachtgever?',
    budgethouder: 'Wie is budgethouder?',
  },
  ontwerp: {
    processtappen: 'Wat zijn de processtappen om tot een oplossing voor het vraagstuk te komen?',
    beslismomenten: 'Wat zijn de besluitvormingsmomenten, en wie neemt welke processtap of welk besluit?',
    inzichten: 'Welke inzichten en informatie zijn daarbij nodig?',
    data: 'Welke data is nodig voor de gewenste inzichten en informatie?',
  },
  userStories: {
    functionaliteit: 'Wat wil de gebruiker met de digitale tweeling kunnen, en wat wil hij daarmee bereiken (waarde)?',
    inzichten: 'Welke inzichten zijn nodig?',
    informatie: 'Welke informatie is nodig om tot deze inzichten te komen?',
    indicatoren: 'Welke indicatoren horen hierbij?',
    data: 'Welke data is nodig om deze informatie te genereren, en waar vinden we die?',
  },
  prototesten: {
    visualisatie: 'Hoe ziet het prototype van de digitale tweeling er voor de gebruiker(s) uit?',
    minimaleFuncties: 'Welke functionaliteiten zijn er minimaal nodig?',
    gebruikersinterfaces: 'Welke gebruikersinterfaces zijn nodig voor deze functionaliteiten?',
  },
  inPraktijk: {
    visualisatie: 'Hoe ziet de visualisatie van de opgave en de rekenmodellen eruit?',
    afwegingen: 'Hoe draagt de digitale tweeling bij aan het maken van afwegingen?',
    besluitvorming: 'Hoe draagt de digitale tweeling bij aan besluitvorming?',
    gedeeldBeeld: 'Hoe dragen data en tweeling bij aan een gedeeld beeld van opgave, vraagstuk en oplossingsrichtingen (gemeenschappelijk operationeel beeld)?',
    borging: 'Hoe borgen we de besluiten die op basis van data en de digitale tweeling zijn genomen?',
  },
  light: {
    vraagstuk: 'Welk vraagstuk willen we oplossen?',
    knelpunten: 'Wat zijn de (max.) 3 grootste knelpunten?',
    doelen: 'Wat zijn onze (max.) 3 belangrijkste inhoudelijke doelen?',
    belanghebbenden: 'Wie zijn de (max.) 3 belangrijkste belanghebbenden, en vanuit welke rol?',
    watIsBelangrijk: 'Welke (kwalitatieve) aspecten zijn in deze opgave voor hen belangrijk?',
    inzichten: 'Welke inzichten hebben de belangrijkste belanghebbenden nodig, en waarvoor?',
    dataEnModellen: 'Welke data en rekenmodellen zijn nodig om die inzichten te bereiken?',
  },
} as const;

/** Titles of the canvas sections (1–6, plus the light version for a first workshop). */
export const CANVAS_SECTION_TITLES: Readonly<Record<CanvasSectionId, string>> = {
  maatschappelijkeWaarde: '1. Maatschappelijke waarde — wat oplossen en waarom',
  belanghebbenden: '2. Belanghebbenden, wensen en verwachtingen — met wie, voor wie en waartoe',
  ontwerp: '3. Het ontwerp — op welke manier',
  userStories: '4. User stories — wensen en behoeften van gebruikers',
  prototesten: '5. Prototesten — naar een prototype digitale tweeling',
  inPraktijk: '6. Digitale tweeling in de praktijk — evaluatie, toepassing en borging',
  light: 'Usecasecanvas light',
};

export type CanvasSectionId = keyof typeof CANVAS_QUESTIONS;
export const CANVAS_SECTION_IDS = Object.keys(CANVAS_QUESTIONS) as [CanvasSectionId, ...CanvasSectionId[]];
export const CanvasSectionIdSchema = z.enum(CANVAS_SECTION_IDS).describe('Canvas section: the six sections of the canvas, or `light`');

/** Questions of the canvas light limited to three answers (source 001, "usecase-canvas light"). */
const LIGHT_MAX_THREE = new Set(['knelpunten', 'doelen', 'belanghebbenden']);

type SectionShape<Q> = { [K in keyof Q]: z.ZodDefault<z.ZodArray<typeof CanvasItem>> };

function sectionSchema<const Q extends Record<string, string>>(section: CanvasSectionId, questions: Q): z.ZodObject<SectionShape<Q>, z.core.$strict> {
  const shape: Record<string, z.ZodDefault<z.ZodArray<typeof CanvasItem>>> = {};
  for (const [field, question] of Object.entries(questions)) {
    const max = section === 'light' && LIGHT_MAX_THREE.has(field) ? 3 : MAX_ITEMS;
    shape[field] = z.array(CanvasItem).max(max).default([]).describe(question);
  }
  // The mapped type is exactly what the loop builds; TypeScript cannot follow Object.entries.
  return z.strictObject(shape).describe(CANVAS_SECTION_TITLES[section]) as unknown as z.ZodObject<SectionShape<Q>, z.core.$strict>;
}

/** The answers of each section, one list of items per question. Unknown questions are errors. */
export const CANVAS_SECTION_SCHEMAS = {
  maatschappelijkeWaarde: sectionSchema('maatschappelijkeWaarde', CANVAS_QUESTIONS.maatschappelijkeWaarde),
  belanghebbenden: sectionSchema('belanghebbenden', CANVAS_QUESTIONS.belanghebbenden),
  ontwerp: sectionSchema('ontwerp', CANVAS_QUESTIONS.ontwerp),
  userStories: sectionSchema('userStories', CANVAS_QUESTIONS.userStories),
  prototesten: sectionSchema('prototesten', CANVAS_QUESTIONS.prototesten),
  inPraktijk: sectionSchema('inPraktijk', CANVAS_QUESTIONS.inPraktijk),
  light: sectionSchema('light', CANVAS_QUESTIONS.light),
} as const;

/** Answers of one section (any section: question → items). */
export const CanvasContent = z.record(z.string(), z.array(z.string())).describe('Answers per question of one section');
export type CanvasContent = z.infer<typeof CanvasContent>;

export const CanvasSection = z
  .object({
    section: CanvasSectionIdSchema,
    title: z.string(),
    version: z.number().int().nonnegative().describe('Version of this section; 0 before the first edit'),
    content: CanvasContent,
    updatedAt: z.iso.datetime().nullable(),
    updatedBy: z.string().nullable().describe('Who made the current version'),
  })
  .describe('One section of a use-case canvas');
export type CanvasSection = z.infer<typeof CanvasSection>;

export const Canvas = z
  .object({ useCaseId: z.uuid(), sections: z.array(CanvasSection) })
  .describe('The use-case canvas: every section with its current version');
export type Canvas = z.infer<typeof Canvas>;

export const CanvasSectionPut = z
  .strictObject({
    baseVersion: z.number().int().nonnegative().describe('The section version this edit was based on (optimistic concurrency)'),
    content: z.record(z.string(), z.unknown()).describe("The section's answers, validated against the section's questions"),
  })
  .describe('Replace the answers of one canvas section');
export type CanvasSectionPut = z.infer<typeof CanvasSectionPut>;

/** What changed in one question between two versions. */
export const CanvasFieldChange = z
  .object({ field: z.string(), before: z.array(z.string()), after: z.array(z.string()) })
  .describe('Before and after of one question');
export type CanvasFieldChange = z.infer<typeof CanvasFieldChange>;

export const CanvasRevision = z
  .object({
    section: CanvasSectionIdSchema,
    version: z.number().int().positive(),
    changes: z.array(CanvasFieldChange).describe('Only the questions that changed'),
    author: z.string().describe('Who made the edit (person name, or the token)'),
    authorUserId: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
  })
  .describe('One edit of a canvas section');
export type CanvasRevision = z.infer<typeof CanvasRevision>;

export const CanvasHistory = z.object({ revisions: z.array(CanvasRevision) }).describe('Edits of the canvas, newest first');

/** Body of the 409 answer to a stale edit: the newer version, and the content that was not saved. */
export const CanvasConflict = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.literal(409),
    detail: z.string(),
    code: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    current: CanvasSection.describe('The newer version on the server'),
    yours: z.record(z.string(), z.unknown()).describe('The content you sent, unsaved: merge and send again with the newer baseVersion'),
  })
  .describe('Problem details of a stale canvas edit');
export type CanvasConflict = z.infer<typeof CanvasConflict>;

export const CanvasComment = z
  .object({
    id: z.uuid(),
    section: CanvasSectionIdSchema,
    body: z.string(),
    author: z.string(),
    authorUserId: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
  })
  .describe('A comment on a canvas section');
export type CanvasComment = z.infer<typeof CanvasComment>;

export const CanvasCommentCreate = z.strictObject({ body: z.string().trim().min(1).max(4000).describe('The comment') }).describe('A new comment');
export type CanvasCommentCreate = z.infer<typeof CanvasCommentCreate>;
export * from './workbench-stories.js';
export * from './workbench-votes.js';
export * from './workbench-decisions.js';
export * from './workbench-retros.js';
export * from './workbench-value.js';
