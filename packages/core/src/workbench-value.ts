/**
 * Workbench: the waardecase (expected costs and benefits per stakeholder, framed by Moore's public
 * value triangle and revisited at retrospectives) and saved map views, the gemeenschappelijk
 * operationeel beeld that everyone in a workshop opens with one link.
 */
import { z } from 'zod';
import { DatasetId } from './dataset-ref.js';
import { JobId } from './job.js';

/** The corners of the public value triangle (Moore 1995). */
export const VALUE_DIMENSIONS = ['publieke-waarde', 'legitimiteit-en-steun', 'operationele-capaciteit'] as const;
export const ValueDimension = z.enum(VALUE_DIMENSIONS).describe('Corner of the public value triangle');

export const ValueItemCreate = z
  .strictObject({
    stakeholderId: z.uuid().nullable().default(null).describe('The stakeholder who bears the cost or gets the benefit'),
    dimension: ValueDimension,
    kind: z.enum(['kosten', 'baten']),
    description: z.string().trim().min(1).max(2000),
    amountEur: z.number().nonnegative().max(1e12).nullable().default(null).describe('Amount in euro, where it can be counted'),
    status: z.enum(['verwacht', 'gerealiseerd', 'niet-gerealiseerd']).default('verwacht').describe('Updated at each retrospective'),
    note: z.string().trim().max(2000).nullable().default(null).describe('What the last retrospective found'),
  })
  .describe('A cost or benefit in the waardecase');
export type ValueItemCreate = z.infer<typeof ValueItemCreate>;

export const ValueItemUpdate = z
  .strictObject({ status: ValueItemCreate.shape.status.unwrap().optional(), note: z.string().trim().max(2000).nullable().optional(), amountEur: z.number().nonnegative().max(1e12).nullable().optional() })
  .describe('Revisit a cost or benefit (at a retrospective)');
export type ValueItemUpdate = z.infer<typeof ValueItemUpdate>;

export const ValueItem = z
  .object({
    id: z.uuid(),
    useCaseId: z.uuid(),
    stakeholderId: z.uuid().nullable(),
    dimension: ValueDimension,
    kind: z.enum(['kosten', 'baten']),
    description: z.string(),
    amountEur: z.number().nullable(),
    status: z.enum(['verwacht', 'gerealiseerd', 'niet-gerealiseerd']),
    note: z.string().nullable(),
    updatedAt: z.iso.datetime(),
  })
  .describe('A cost or benefit in the waardecase');
export type ValueItem = z.infer<typeof ValueItem>;

const LonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).describe('Longitude, latitude (CRS84)');

export const MapViewCreate = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    layers: z.array(z.strictObject({ dataset: DatasetId, visible: z.boolean().default(true), opacity: z.number().min(0).max(1).default(1) })).max(30).default([]).describe('Dataset layers, bottom first'),
    jobId: JobId.nullable().default(null).describe('The scenario: a run of the own organisation whose outputs are shown'),
    time: z.number().nonnegative().nullable().default(null).describe('Moment on the time slider, in seconds from the start of the run'),
    center: LonLat,
    zoom: z.number().min(0).max(24),
    bearing: z.number().min(-360).max(360).default(0),
    pitch: z.number().min(0).max(85).default(0),
    annotations: z.array(z.strictObject({ at: LonLat, text: z.string().trim().min(1).max(500) })).max(100).default([]),
  })
  .describe('Save a map view for the use case');
export type MapViewCreate = z.infer<typeof MapViewCreate>;

export const MapView = MapViewCreate.extend({ id: z.uuid(), useCaseId: z.uuid(), createdBy: z.string(), createdAt: z.iso.datetime() }).describe('A saved map view: the shared picture of a workshop');
export type MapView = z.infer<typeof MapView>;
