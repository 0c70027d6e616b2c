/**
 * Workbench: periodic retrospectives on the four axes of the Innovatieleercyclus (source 002),
 * actions with owners and due dates, and lessons learned that can be shared with all organisations.
 */
import { z } from 'zod';
import { OrganisationId } from './identity.js';

/** The four axes a retrospective reflects on. */
export const RETRO_AXES = ['waardecreatie', 'ontwikkelingEnGebruik', 'samenwerking', 'voortgangActies'] as const;
export const RetroAxis = z.enum(RETRO_AXES).describe('waardecreatie; ontwikkeling en gebruik van de tweeling; samenwerking; voortgang acties');
export type RetroAxis = z.infer<typeof RetroAxis>;

/** Dutch labels of the axes. */
export const RETRO_AXIS_LABELS: Readonly<Record<RetroAxis, string>> = {
  waardecreatie: 'Waardecreatie van de digitale tweeling voor de opgave en de belanghebbenden',
  ontwikkelingEnGebruik: 'Ontwikkeling en gebruik van de digitale tweeling',
  samenwerking: 'Samenwerking binnen het project en met belanghebbenden',
  voortgangActies: 'Voortgang op acties naar aanleiding van geleerde lessen',
};

const Item = z.string().trim().min(1).max(2000);
const Items = z.array(Item).max(50).default([]);

export const ActionCreate = z
  .strictObject({
    description: Item.describe('What will be done'),
    owner: z.string().trim().min(1).max(200).describe('Who owns the action'),
    dueOn: z.iso.date().nullable().default(null).describe('Due date (YYYY-MM-DD)'),
  })
  .describe('A new action');
export type ActionCreate = z.infer<typeof ActionCreate>;

export const LessonCreate = z
  .strictObject({
    axis: RetroAxis,
    text: Item.describe('The lesson, e.g. "Beleid is leidend maar heeft een GIS-specialist nodig om de vraag naar data te vertalen"'),
    shared: z.boolean().default(false).describe('Share with all organisations'),
  })
  .describe('A lesson learned');
export type LessonCreate = z.infer<typeof LessonCreate>;

export const RetrospectiveCreate = z
  .strictObject({
    heldOn: z.iso.date().describe('Date of the retrospective'),
    axes: z
      .strictObject({ waardecreatie: Items, ontwikkelingEnGebruik: Items, samenwerking: Items, voortgangActies: Items })
      .describe('Observations per axis'),
    actions: z.array(ActionCreate).max(50).default([]),
    lessons: z.array(LessonCreate).max(50).default([]),
  })
  .describe('Record a retrospective with its actions and lessons');
export type RetrospectiveCreate = z.infer<typeof RetrospectiveCreate>;

export const WorkbenchAction = z
  .object({
    id: z.uuid(),
    useCaseId: z.uuid(),
    retrospectiveId: z.uuid().nullable(),
    description: z.string(),
    owner: z.string(),
    dueOn: z.iso.date().nullable(),
    status: z.enum(['open', 'gedaan']),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .describe('An action with an owner and a due date');
export type WorkbenchAction = z.infer<typeof WorkbenchAction>;

export const ActionUpdate = z
  .strictObject({ status: z.enum(['open', 'gedaan']).optional(), owner: z.string().trim().min(1).max(200).optional(), dueOn: z.iso.date().nullable().optional() })
  .describe('Change status, owner or due date of an action');
export type ActionUpdate = z.infer<typeof ActionUpdate>;

export const Lesson = z
  .object({
    id: z.uuid(),
    useCaseId: z.uuid().nullable().describe('Null when the use case is private to another organisation (a shared lesson does not reveal it)'),
    useCaseTitle: z.string().nullable().describe('Null when the use case is private to another organisation'),
    organisationId: OrganisationId,
    retrospectiveId: z.uuid().nullable(),
    axis: RetroAxis,
    text: z.string(),
    shared: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .describe('A lesson learned, with where it was learned');
export type Lesson = z.infer<typeof Lesson>;

export const LessonUpdate = z.strictObject({ shared: z.boolean() }).describe('Share a lesson with all organisations, or stop sharing it');

export const Retrospective = z
  .object({
    id: z.uuid(),
    useCaseId: z.uuid(),
    heldOn: z.iso.date(),
    axes: z.object({ waardecreatie: z.array(z.string()), ontwikkelingEnGebruik: z.array(z.string()), samenwerking: z.array(z.string()), voortgangActies: z.array(z.string()) }),
    actions: z.array(WorkbenchAction),
    lessons: z.array(Lesson),
    recordedBy: z.string(),
    createdAt: z.iso.datetime(),
  })
  .describe('A retrospective with its actions and lessons');
export type Retrospective = z.infer<typeof Retrospective>;
