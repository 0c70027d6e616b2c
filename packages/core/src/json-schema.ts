/**
 * The JSON Schema subset Tweeling supports for process inputs and outputs, and a validator for it.
 *
 * Supported keywords (JSON Schema 2020-12 semantics):
 * - validation: `type` (one name or a list), `enum`, `const`, `minimum`, `maximum`, `exclusiveMinimum`,
 *   `exclusiveMaximum` (numbers, as in draft 6+), `minLength`, `maxLength`, `pattern`, `items`, `minItems`,
 *   `maxItems`, `properties`, `required`, `additionalProperties` (boolean only);
 * - annotations (not checked): `title`, `description`, `default`, `examples`, `format`,
 *   `contentMediaType`, `contentEncoding`. Units are not a JSON Schema keyword: they live on the input (`unit`).
 * Anything else (`oneOf`, `$ref`, `if`, …) is rejected when a manifest is parsed, so a schema never
 * silently promises a check that nobody performs.
 */
import { z } from 'zod';

/** JSON Schema type names. */
export const JSON_SCHEMA_TYPES = ['null', 'boolean', 'integer', 'number', 'string', 'array', 'object'] as const;
const TypeName = z.enum(JSON_SCHEMA_TYPES);

/** A JSON Schema (see the module comment for the supported subset). */
export interface JsonSchema {
  type?: (typeof JSON_SCHEMA_TYPES)[number] | (typeof JSON_SCHEMA_TYPES)[number][];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  title?: string;
  description?: string;
  default?: unknown;
  examples?: unknown[];
  format?: string;
  contentMediaType?: string;
  contentEncoding?: string;
}

const count = z.number().int().min(0);

/** Zod schema of {@link JsonSchema}: strict, so unsupported keywords are reported by name. */
export const JsonSchemaSubset: z.ZodType<JsonSchema> = z.lazy(() =>
  z
    .strictObject({
      type: z.union([TypeName, z.array(TypeName).min(1)]).optional().describe('Allowed JSON type(s)'),
      enum: z.array(z.unknown()).min(1).optional().describe('Allowed values'),
      const: z.unknown().optional().describe('The only allowed value'),
      minimum: z.number().optional().describe('Inclusive lower bound, in the unit of the input'),
      maximum: z.number().optional().describe('Inclusive upper bound, in the unit of the input'),
      exclusiveMinimum: z.number().optional().describe('Exclusive lower bound (a number, draft 6+)'),
      exclusiveMaximum: z.number().optional().describe('Exclusive upper bound (a number, draft 6+)'),
      minLength: count.optional().describe('Minimum string length in characters'),
      maxLength: count.optional().describe('Maximum string length in characters'),
      pattern: z.string().refine(isRegExp, 'not a valid regular expression').optional().describe('Regular expression a string must match'),
      items: JsonSchemaSubset.optional().describe('Schema of every array item'),
      minItems: count.optional().describe('Minimum number of array items'),
      maxItems: count.optional().describe('Maximum number of array items'),
      properties: z.record(z.string(), JsonSchemaSubset).optional().describe('Schemas of object members'),
      required: z.array(z.string()).optional().describe('Object members that must be present'),
      additionalProperties: z.boolean().optional().describe('Whether members not in `properties` are allowed (default true)'),
      title: z.string().optional().describe('Annotation: short title'),
      description: z.string().optional().describe('Annotation: description'),
      default: z.unknown().optional().describe('Value used when the input is not given'),
      examples: z.array(z.unknown()).optional().describe('Annotation: example values'),
      format: z.string().optional().describe('Annotation only, e.g. `date-time`, `uri` (not checked)'),
      contentMediaType: z.string().optional().describe('Annotation: media type of string or object content'),
      contentEncoding: z.string().optional().describe('Annotation: encoding of string content, e.g. `base64`'),
    })
    .describe('JSON Schema (Tweeling subset: see json-schema.ts)'),
);

function isRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

/** One failure of a value against a schema. `path` is JSON-pointer-like, e.g. `rainMm` or `area/0`. */
export interface JsonSchemaError {
  path: string;
  message: string;
}

function typeOf(value: unknown): (typeof JSON_SCHEMA_TYPES)[number] | 'undefined' | 'other' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : Number.isFinite(value) ? 'number' : 'other';
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'object') return typeof value as 'string';
  return value === undefined ? 'undefined' : 'other';
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Validates `value` against a schema of the supported subset and returns every failure (empty when valid).
 * Integers are numbers without a fraction; NaN and ±Infinity match no type.
 *
 * @param path - prefix for error paths (default empty: the value itself)
 * @example
 * validateJsonSchema(80, { type: 'number', minimum: 0, maximum: 200 }, 'rainMm'); // []
 */
export function validateJsonSchema(value: unknown, schema: JsonSchema, path = ''): JsonSchemaError[] {
  const errors: JsonSchemaError[] = [];
  const fail = (message: string) => errors.push({ path, message });
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const allowed = Array.isArray(schema.type) ? schema.type : [schema.type];
    const ok = allowed.some((t) => t === actual || (t === 'number' && actual === 'integer'));
    if (!ok) {
      fail(`must be of type ${allowed.join(' or ')}, got ${actual === 'other' ? String(value) : actual}`);
      return errors;
    }
  }
  if (schema.enum && !schema.enum.some((e) => deepEqual(e, value))) {
    fail(`must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${JSON.stringify(value)}`);
  }
  if ('const' in schema && !deepEqual(schema.const, value)) fail(`must be ${JSON.stringify(schema.const)}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) fail(`must be ≥ ${schema.minimum}, got ${value}`);
    if (schema.maximum !== undefined && value > schema.maximum) fail(`must be ≤ ${schema.maximum}, got ${value}`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) fail(`must be > ${schema.exclusiveMinimum}, got ${value}`);
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) fail(`must be < ${schema.exclusiveMaximum}, got ${value}`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) fail(`must have at least ${schema.minLength} characters`);
    if (schema.maxLength !== undefined && length > schema.maxLength) fail(`must have at most ${schema.maxLength} characters`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) fail(`must match /${schema.pattern}/`);
  }
  const sub = (key: string | number) => (path === '' ? String(key) : `${path}/${key}`);
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) fail(`must have at least ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) fail(`must have at most ${schema.maxItems} items`);
    if (schema.items) value.forEach((item, i) => errors.push(...validateJsonSchema(item, schema.items as JsonSchema, sub(i))));
  } else if (actual === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in object)) errors.push({ path: sub(key), message: 'is required' });
    for (const [key, member] of Object.entries(object)) {
      const memberSchema = schema.properties?.[key];
      if (memberSchema) errors.push(...validateJsonSchema(member, memberSchema, sub(key)));
      else if (schema.additionalProperties === false) errors.push({ path: sub(key), message: 'is not an allowed member' });
    }
  }
  return errors;
}
