/**
 * OGC API Processes – Part 1: Core process descriptions, and their derivation from an app manifest.
 * Titles and descriptions are given in one language (Dutch unless English is asked for and present).
 */
import { z } from 'zod';
import type { AppManifest } from './app-manifest.js';
import { DATASET_REF_JSON_SCHEMA } from './dataset-ref.js';
import { DataRequirement } from './data-requirement.js';
import { Link } from './ogc.js';
import type { LocalizedText } from './vocabulary.js';

const describedPort = {
  title: z.string().describe('Title'),
  description: z.string().describe('Description'),
  schema: z.record(z.string(), z.unknown()).describe('JSON Schema of the value'),
  unit: z.string().optional().describe('Tweeling extension: unit of the value'),
};

/** OGC inputDescription, with the Tweeling extensions `unit` and `dataRequirement` (the full requirement). */
export const ProcessInputDescription = z
  .strictObject({
    ...describedPort,
    minOccurs: z.number().int().min(0).describe('Minimum number of values'),
    maxOccurs: z.union([z.number().int().min(1), z.literal('unbounded')]).describe('Maximum number of values'),
    dataRequirement: DataRequirement.optional().describe('Tweeling extension: what the data behind a dataset input must satisfy'),
  })
  .describe('OGC API Processes input description');
export type ProcessInputDescription = z.infer<typeof ProcessInputDescription>;

/** OGC outputDescription, with the Tweeling extensions `unit` and `kind`. */
export const ProcessOutputDescription = z
  .strictObject({
    ...describedPort,
    kind: z.enum(['value', 'raster', 'vector', 'timeSeries']).describe('Tweeling extension: kind of output'),
  })
  .describe('OGC API Processes output description');
export type ProcessOutputDescription = z.infer<typeof ProcessOutputDescription>;

/** OGC processSummary (one entry of `/processes`). */
export const ProcessSummary = z
  .strictObject({
    id: z.string().describe('Process id (the app id)'),
    title: z.string().describe('Title'),
    description: z.string().describe('Description'),
    version: z.string().describe('Version of the app release'),
    keywords: z.array(z.string()).describe('Use-case ids and themes'),
    jobControlOptions: z.array(z.enum(['sync-execute', 'async-execute', 'dismiss'])).describe('Supported execution modes'),
    outputTransmission: z.array(z.enum(['value', 'reference'])).describe('Supported output transmission modes'),
    links: z.array(Link).optional().describe('Links, added by the server'),
  })
  .describe('OGC API Processes process summary');
export type ProcessSummary = z.infer<typeof ProcessSummary>;

/** OGC process description (`/processes/{processId}`). */
export const ProcessDescription = ProcessSummary.extend({
  inputs: z.record(z.string(), ProcessInputDescription).describe('Inputs by id'),
  outputs: z.record(z.string(), ProcessOutputDescription).describe('Outputs by id'),
}).describe('OGC API Processes process description');
export type ProcessDescription = z.infer<typeof ProcessDescription>;

/** OGC process list (`/processes`). */
export const ProcessList = z
  .strictObject({ processes: z.array(ProcessSummary), links: z.array(Link) })
  .describe('OGC API Processes process list');
export type ProcessList = z.infer<typeof ProcessList>;

/** Options for {@link toProcessDescription}. */
export interface ProcessDescriptionOptions {
  /** Language of titles and descriptions (default `nl`; `en` falls back to Dutch where missing). */
  lang?: 'nl' | 'en';
}

function text(t: LocalizedText, lang: 'nl' | 'en'): string {
  return lang === 'en' ? (t.en ?? t.nl) : t.nl;
}

/**
 * Builds the OGC API Processes process description of an app release. Dataset inputs get the
 * generated dataset-reference schema (with the author's default) and their full data requirement.
 * `links` are left out: the server adds them.
 *
 * @example
 * const description = toProcessDescription(parseAppManifest(json), { lang: 'en' });
 */
export function toProcessDescription(manifest: AppManifest, opts: ProcessDescriptionOptions = {}): ProcessDescription {
  const lang = opts.lang ?? 'nl';
  const inputs: Record<string, ProcessInputDescription> = {};
  for (const [id, input] of Object.entries(manifest.inputs)) {
    const requirement = input.dataRequirement === undefined ? undefined : manifest.dataRequirements[input.dataRequirement];
    const schema: Record<string, unknown> = requirement
      ? { ...structuredClone(DATASET_REF_JSON_SCHEMA), ...input.schema }
      : { ...input.schema };
    inputs[id] = {
      title: text(input.title, lang),
      description: text(input.description, lang),
      schema,
      minOccurs: 'default' in input.schema ? 0 : input.minOccurs,
      maxOccurs: input.maxOccurs,
      ...(input.unit === undefined ? {} : { unit: input.unit }),
      ...(requirement === undefined ? {} : { dataRequirement: requirement }),
    };
  }
  const outputs: Record<string, ProcessOutputDescription> = {};
  for (const [id, output] of Object.entries(manifest.outputs)) {
    outputs[id] = {
      title: text(output.title, lang),
      description: text(output.description, lang),
      schema: { ...output.schema },
      kind: output.kind,
      ...(output.unit === undefined ? {} : { unit: output.unit }),
    };
  }
  return {
    id: manifest.id,
    title: text(manifest.name, lang),
    description: text(manifest.summary, lang),
    version: manifest.version,
    keywords: [...manifest.useCases, ...manifest.themes],
    jobControlOptions: [...manifest.jobControlOptions],
    outputTransmission: ['value', 'reference'],
    inputs,
    outputs,
  };
}
