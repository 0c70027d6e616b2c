/**
 * The app manifest (`tweeling.app.json`): everything the store, the fit check and the runtime need to
 * know about one app release. Validated at publish time with {@link parseAppManifest}.
 */
import { z } from 'zod';
import { DataRequirement, SpdxLicence, StrictLocalizedText } from './data-requirement.js';
import { DatasetRef } from './dataset-ref.js';
import { OrganisationId } from './identity.js';
import { JsonSchemaSubset, validateJsonSchema, type JsonSchema } from './json-schema.js';
import { UseCaseIdSchema } from './vocabulary.js';

/** App id: a lowercase slug such as `wateroverlast-almere`. */
export const AppId = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z][a-z0-9-]*[a-z0-9]$/, 'lowercase letters, digits and hyphens, starting with a letter')
  .describe('App id, a lowercase slug; also the OGC process id');

/** Semantic version 2.0.0 (regex from semver.org). */
export const SemVer = z
  .string()
  .regex(
    /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/,
    'a semantic version such as 1.2.0 or 2.0.0-beta.1',
  )
  .describe('Semantic version (semver 2.0.0)');

/** Id of a process input or output: camelCase, as JSON field names are. */
export const PortId = z
  .string()
  .regex(/^[a-z][A-Za-z0-9]*$/, 'camelCase: a lowercase letter, then letters and digits')
  .max(64)
  .describe('Input or output id (camelCase)');

/** One input of the app's process (OGC API Processes inputDescription plus Tweeling extensions). */
export const ProcessInput = z
  .strictObject({
    title: StrictLocalizedText.describe('Short title'),
    description: StrictLocalizedText.describe('What the input means and how it is used'),
    schema: JsonSchemaSubset.describe(
      'JSON Schema of one value (supported subset); for a dataset input only `default` (a dataset reference) is allowed and the schema is generated',
    ),
    minOccurs: z.number().int().min(0).default(1).describe('Minimum number of values (0 = optional; an input with a default is optional too)'),
    maxOccurs: z
      .union([z.number().int().min(1), z.literal('unbounded')])
      .default(1)
      .describe('Maximum number of values; above 1 the value is an array'),
    unit: z.string().optional().describe('Tweeling extension: unit of the value, e.g. `mm`, `mm/h`, `m`'),
    dataRequirement: z
      .string()
      .optional()
      .describe('Tweeling extension: key in `dataRequirements`; makes this a dataset input whose value is `{ dataset, version? }` or `{ href }`'),
  })
  .describe('Process input');
export type ProcessInput = z.infer<typeof ProcessInput>;

/** Kinds of output value an app produces. */
export const OUTPUT_KINDS = ['value', 'raster', 'vector', 'timeSeries'] as const;

/** One output of the app's process. */
export const ProcessOutput = z
  .strictObject({
    title: StrictLocalizedText.describe('Short title'),
    description: StrictLocalizedText.describe('What the output holds'),
    schema: JsonSchemaSubset.describe('JSON Schema of the output value (for rasters: `{ "type": "string", "contentMediaType": "image/tiff; application=geotiff" }`)'),
    kind: z
      .enum(OUTPUT_KINDS)
      .default('value')
      .describe('Tweeling extension: a plain JSON value, a raster or vector dataset (stored as a dataset version), or a time series'),
    unit: z.string().optional().describe('Tweeling extension: unit of the values, e.g. `m` for a water depth'),
  })
  .describe('Process output');
export type ProcessOutput = z.infer<typeof ProcessOutput>;

/** How an app is priced. */
export const Pricing = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('free') }).describe('Free of charge'),
    z
      .strictObject({
        kind: z.literal('subscription'),
        eurPerMonth: z.number().positive().describe('Price per organisation per month, euro excluding VAT'),
      })
      .describe('Monthly subscription'),
    z
      .strictObject({
        kind: z.literal('perRun'),
        eurPerRun: z.number().positive().describe('Price per successful run, euro excluding VAT'),
      })
      .describe('Pay per run'),
  ])
  .describe('Pricing model');
export type Pricing = z.infer<typeof Pricing>;

/** Hardware one run needs. */
export const Hardware = z
  .strictObject({
    cores: z.number().int().min(1).max(256).default(1).describe('CPU cores used by one run'),
    memoryMiB: z.number().int().min(16).default(512).describe('Peak memory of one run in MiB'),
    gpu: z.boolean().default(false).describe('Whether a GPU is required'),
  })
  .describe('Hardware needed per run');

/** A literature or documentation reference of the model card. */
export const ModelReference = z
  .strictObject({
    title: z.string().min(1).describe('Title, with authors where relevant'),
    url: z.url().optional().describe('Where to read it'),
    year: z.number().int().min(1800).max(2100).optional().describe('Year of publication'),
  })
  .describe('Reference');

/** The model card: method, validation and references (the long form lives in MODEL_CARD.md). */
export const ModelCard = z
  .strictObject({
    method: StrictLocalizedText.describe('Method in brief: equations, scheme, assumptions'),
    validation: StrictLocalizedText.describe('How the model was validated and against what'),
    references: z.array(ModelReference).default([]).describe('Literature and sources'),
  })
  .describe('Model card');

/** A data imperfection and its effect on the results. */
export const DataImperfection = z
  .strictObject({
    imperfection: StrictLocalizedText.describe('The imperfection, e.g. "kerbs not in the DEM"'),
    effect: StrictLocalizedText.describe('Its effect on the results'),
  })
  .describe('Data imperfection and its effect');

/** OGC API Processes job control options. */
export const JOB_CONTROL_OPTIONS = ['sync-execute', 'async-execute', 'dismiss'] as const;

const manifestShape = z.strictObject({
  id: AppId,
  name: StrictLocalizedText.describe('Name in the store'),
  summary: StrictLocalizedText.describe('One or two sentences for the catalogue'),
  useCases: z.array(UseCaseIdSchema).min(1).describe('Use cases from the shared vocabulary the app helps with'),
  themes: z.array(z.string().min(1).max(60)).default([]).describe('Free keywords, e.g. `klimaatadaptatie`'),
  version: SemVer,
  channel: z.enum(['stable', 'beta']).default('stable').describe('Release channel'),
  publisher: OrganisationId.describe('Id of the publishing organisation'),
  licence: SpdxLicence.describe('Licence of the app (SPDX)'),
  inputs: z.record(PortId, ProcessInput).describe('Process inputs by id'),
  outputs: z.record(PortId, ProcessOutput).refine((o) => Object.keys(o).length > 0, 'an app has at least one output').describe('Process outputs by id'),
  jobControlOptions: z
    .array(z.enum(JOB_CONTROL_OPTIONS))
    .min(1)
    .default(['async-execute', 'dismiss'])
    .describe('OGC execution modes: `sync-execute` only for runs of a few seconds'),
  idempotent: z.boolean().default(false).describe('Whether a failed run may be retried automatically (same inputs, same result, no side effects)'),
  dataRequirements: z.record(z.string().regex(/^[a-z][A-Za-z0-9]*$/), DataRequirement).default({}).describe('Requirements on the data of dataset inputs, by key'),
  hardware: Hardware.default({ cores: 1, memoryMiB: 512, gpu: false }),
  limitations: z.array(StrictLocalizedText).default([]).describe('Known limitations'),
  dataImperfections: z.array(DataImperfection).default([]).describe('Effects of data imperfections'),
  pricing: Pricing.default({ kind: 'free' }),
  serviceLevel: StrictLocalizedText.describe('Service level: support, response times, availability'),
  modelCard: ModelCard,
});

type ManifestShape = z.infer<typeof manifestShape>;

/** Cross-field rules zod cannot express per field. */
function checkConsistency(m: ManifestShape, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const used = new Set<string>();
  for (const [id, input] of Object.entries(m.inputs)) {
    const max = input.maxOccurs === 'unbounded' ? Infinity : input.maxOccurs;
    if (input.minOccurs > max) issue(['inputs', id, 'minOccurs'], `is ${input.minOccurs}, above maxOccurs ${input.maxOccurs}`);
    const schema: JsonSchema = input.schema;
    // With maxOccurs > 1 a default may be a list of values; each must fit the schema of one value.
    const defaults = max > 1 && Array.isArray(schema.default) ? (schema.default as unknown[]) : [schema.default];
    if (input.dataRequirement !== undefined) {
      used.add(input.dataRequirement);
      if (!(input.dataRequirement in m.dataRequirements)) {
        issue(['inputs', id, 'dataRequirement'], `names "${input.dataRequirement}", which is not in dataRequirements`);
      }
      const extra = Object.keys(schema).filter((k) => k !== 'default' && k !== 'title' && k !== 'description');
      if (extra.length > 0) issue(['inputs', id, 'schema'], `a dataset input's schema is generated; only default/title/description allowed, not ${extra.join(', ')}`);
      if ('default' in schema && !defaults.every((d) => DatasetRef.safeParse(d).success)) {
        issue(['inputs', id, 'schema', 'default'], 'must be a dataset reference { dataset, version? } or { href }');
      }
    } else {
      if (schema.type === undefined && schema.enum === undefined && schema.const === undefined) {
        issue(['inputs', id, 'schema'], 'needs a `type`, `enum` or `const`');
      }
      if ('default' in schema) {
        for (const e of defaults.flatMap((d) => validateJsonSchema(d, { ...schema, default: undefined }))) {
          issue(['inputs', id, 'schema', 'default'], `default ${e.path ? e.path + ' ' : ''}${e.message}`);
        }
      }
    }
  }
  for (const key of Object.keys(m.dataRequirements)) {
    if (!used.has(key)) issue(['dataRequirements', key], 'is not referenced by any input');
  }
}

/** The app manifest (`tweeling.app.json`), with defaults applied. */
export const AppManifest = manifestShape.superRefine(checkConsistency).describe('Tweeling app manifest');
export type AppManifest = z.infer<typeof AppManifest>;
/** The manifest as written in `tweeling.app.json` (fields with defaults may be left out). */
export type AppManifestInput = z.input<typeof AppManifest>;

/** Thrown by {@link parseAppManifest}; `issues` lists every problem with its path. */
export class AppManifestError extends Error {
  override name = 'AppManifestError';
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`Invalid app manifest (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n')}`);
  }
}

/** Dotted path of a zod issue, e.g. `inputs.rainMm.schema.minimum`. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * Parses and validates a manifest (the parsed JSON of `tweeling.app.json`), applying defaults.
 *
 * @throws {AppManifestError} listing every problem with its path, e.g. `inputs.rainMm.schema: needs a type`
 * @example
 * const manifest = parseAppManifest(JSON.parse(await readFile('tweeling.app.json', 'utf8')));
 */
export function parseAppManifest(json: unknown): AppManifest {
  const result = AppManifest.safeParse(json);
  if (result.success) return result.data;
  throw new AppManifestError(result.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })));
}
