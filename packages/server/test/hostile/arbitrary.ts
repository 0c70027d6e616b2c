/**
 * fast-check arbitraries for hostile-input tests: values shaped by a route's schema (the OpenAPI 3.0
 * form that fastify-type-provider-zod makes of the zod schemas in @tweeling/core), the same with one
 * field replaced by something hostile, and hostile values on their own.
 */
import fc from 'fast-check';

/** The JSON Schema keywords the route schemas use (OpenAPI 3.0 dialect: `nullable`, boolean `exclusiveMinimum`). */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
}

/** Strings that have broken servers before: SQL, path traversal, NUL and lone surrogates, templates, huge. */
export const HOSTILE_STRINGS: readonly string[] = [
  "'; DROP TABLE organisations; --",
  "' OR '1'='1",
  '" OR 1=1 --',
  "1'); SELECT pg_sleep(5); --",
  '$1',
  '%',
  '_',
  '\\',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/etc/passwd\u0000.png',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil',
  '\r\nX-Injected: 1',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '99999999999999999999999',
  '',
  ' ',
  '𝕿𝖜𝖊𝖊𝖑𝖎𝖓𝖌 🌊',
  'x'.repeat(100_000),
];

/** Numbers at the edges: out of int4/int8 range, negative zero, fractions, the largest doubles. */
export const HOSTILE_NUMBERS: readonly number[] = [0, -0, -1, 0.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 2 ** 53, -(2 ** 53), 2 ** 63, 1e308, -1e308, Number.MIN_VALUE];

/** An array nested `depth` levels deep. */
export const nested = (depth: number): unknown => {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

/** Any one hostile JSON value. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(null, true, false, [], {}, nested(500), Array.from({ length: 5000 }, (_, i) => i), { __proto__: null, constructor: { prototype: 1 } }),
);

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 40, Math.max(min, 40));
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'date':
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'uri':
    case 'url':
      return fc.webUrl();
  }
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).map((s) => (s.length > (schema.maxLength ?? Infinity) ? s.slice(0, schema.maxLength) : s));
    } catch {
      // A pattern fast-check cannot generate from: plain strings (mostly refused, which is fine).
    }
  }
  return fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
}

function numberArbitrary(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const excludeMin = schema.exclusiveMinimum === true;
  const excludeMax = schema.exclusiveMaximum === true;
  let min = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : schema.minimum;
  let max = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : schema.maximum;
  if (integer) {
    min = min === undefined ? -1_000_000 : Math.max(Math.ceil(min) + (excludeMin || typeof schema.exclusiveMinimum === 'number' ? 1 : 0), Number.MIN_SAFE_INTEGER);
    max = max === undefined ? 1_000_000 : Math.min(Math.floor(max) - (excludeMax || typeof schema.exclusiveMaximum === 'number' ? 1 : 0), Number.MAX_SAFE_INTEGER);
    return fc.integer({ min, max: Math.max(min, max) });
  }
  return fc.double({ min: min ?? -1e6, max: max ?? 1e6, noNaN: true, noDefaultInfinity: true, minExcluded: excludeMin, maxExcluded: excludeMax });
}

/** Values that mostly satisfy `schema` (refinements and cross-field rules are not known here). */
export function fromSchema(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const base = baseArbitrary(schema, depth);
  return schema.nullable ? fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: base }) : base;
}

function baseArbitrary(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((s) => fromSchema(s, depth + 1)));
  if (schema.allOf?.[0]) return fromSchema(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (depth > 6) return fc.constant(null);
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items ? fromSchema(schema.items, depth + 1) : fc.jsonValue({ maxDepth: 1 }), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    case 'object': {
      const properties = schema.properties ?? {};
      if (Object.keys(properties).length === 0 && typeof schema.additionalProperties === 'object') {
        return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fromSchema(schema.additionalProperties, depth + 1), { maxKeys: 3 });
      }
      const model = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, fromSchema(s, depth + 1)]));
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in model) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A schema-shaped object with one property (at any depth of nested objects) replaced by a hostile value or removed. */
export function withOneHostileField(schema: Schema): fc.Arbitrary<unknown> {
  const paths = objectPaths(schema, []);
  if (paths.length === 0) return fromSchema(schema);
  return fc.tuple(fromSchema(schema), fc.constantFrom(...paths), hostileValue, fc.boolean()).map(([value, path, hostile, remove]) => {
    const copy = structuredClone(value) as Record<string, unknown>;
    let target: Record<string, unknown> | undefined = copy;
    for (const key of path.slice(0, -1)) {
      const next: unknown = target?.[key];
      target = next && typeof next === 'object' && !Array.isArray(next) ? (next as Record<string, unknown>) : undefined;
    }
    if (target) {
      if (remove) delete target[path.at(-1)!];
      else target[path.at(-1)!] = hostile;
    }
    return copy;
  });
}

/** Paths to every property of an object schema, nested objects included. */
function objectPaths(schema: Schema, prefix: string[]): string[][] {
  if (schema.type !== 'object' || !schema.properties || prefix.length > 3) return [];
  return Object.entries(schema.properties).flatMap(([key, s]) => [[...prefix, key], ...objectPaths(s, [...prefix, key])]);
}

/** Bodies for a route: schema-shaped, one hostile field, or any JSON at all. */
export function bodies(schema: Schema): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fromSchema(schema) },
    { weight: 4, arbitrary: withOneHostileField(schema) },
    { weight: 1, arbitrary: hostileValue },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  );
}
