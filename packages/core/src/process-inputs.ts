/** Validation of job inputs against an app's process description, before a job is queued or run. */
import type { AppManifest, ProcessInput } from './app-manifest.js';
import { DatasetRef } from './dataset-ref.js';
import { validateJsonSchema, type JsonSchemaError } from './json-schema.js';

/** Thrown by {@link assertProcessInputs}; `errors` names every failing input (`path` starts with the input id). */
export class ProcessInputError extends Error {
  override name = 'ProcessInputError';
  constructor(readonly errors: JsonSchemaError[]) {
    super(`Invalid inputs (${errors.length} problem${errors.length === 1 ? '' : 's'}): ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  }
}

/** Result of {@link validateProcessInputs}. */
export type ProcessInputValidation =
  | { ok: true; values: Record<string, unknown> }
  | { ok: false; errors: JsonSchemaError[] };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function validateOne(input: ProcessInput, value: unknown, path: string): JsonSchemaError[] {
  if (input.dataRequirement === undefined) return validateJsonSchema(value, input.schema, path);
  const parsed = DatasetRef.safeParse(value);
  if (parsed.success) return [];
  const why = parsed.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  return [{ path, message: `must be a dataset reference { "dataset": id, "version"?: n } or { "href": url }, got ${JSON.stringify(value)} (${why})` }];
}

/**
 * Checks job inputs against a manifest's inputs and applies schema defaults. Collects every problem:
 * unknown inputs, missing required inputs, values outside their JSON Schema (type, enum, minimum …),
 * malformed dataset references, too few or too many values. For `maxOccurs > 1` a single value is
 * accepted and wrapped in an array. OGC qualified values (`{ value, mediaType }`) are not supported.
 *
 * @param manifest - the parsed app manifest
 * @param inputs - the `inputs` member of an execute request
 * @example
 * const r = validateProcessInputs(manifest, { rainMm: 250 });
 * if (!r.ok) r.errors; // [{ path: 'rainMm', message: 'must be ≤ 200, got 250' }]
 */
export function validateProcessInputs(manifest: AppManifest, inputs: unknown): ProcessInputValidation {
  if (!isPlainObject(inputs)) return { ok: false, errors: [{ path: '', message: 'inputs must be a JSON object' }] };
  const errors: JsonSchemaError[] = [];
  const values: Record<string, unknown> = {};
  for (const id of Object.keys(inputs)) {
    if (!(id in manifest.inputs)) {
      errors.push({ path: id, message: `is not an input of ${manifest.id} (inputs: ${Object.keys(manifest.inputs).join(', ') || 'none'})` });
    }
  }
  for (const [id, input] of Object.entries(manifest.inputs)) {
    let value = inputs[id];
    if (value === undefined && input.schema.default !== undefined) value = structuredClone(input.schema.default);
    if (value === undefined) {
      if (input.minOccurs > 0) errors.push({ path: id, message: 'is required' });
      continue;
    }
    const max = input.maxOccurs === 'unbounded' ? Infinity : input.maxOccurs;
    if (max > 1) {
      const list = Array.isArray(value) ? value : [value];
      if (list.length < input.minOccurs) errors.push({ path: id, message: `needs at least ${input.minOccurs} values, got ${list.length}` });
      if (list.length > max) errors.push({ path: id, message: `takes at most ${max} values, got ${list.length}` });
      list.forEach((item, i) => errors.push(...validateOne(input, item, `${id}/${i}`)));
      values[id] = list;
    } else {
      errors.push(...validateOne(input, value, id));
      values[id] = value;
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}

/**
 * Like {@link validateProcessInputs} but returns the values with defaults applied, or throws.
 *
 * @throws {ProcessInputError} naming every failing input
 */
export function assertProcessInputs(manifest: AppManifest, inputs: unknown): Record<string, unknown> {
  const result = validateProcessInputs(manifest, inputs);
  if (!result.ok) throw new ProcessInputError(result.errors);
  return result.values;
}
