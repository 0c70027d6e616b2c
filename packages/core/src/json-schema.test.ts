import { describe, expect, it } from 'vitest';
import { JsonSchemaSubset, validateJsonSchema, type JsonSchema } from './json-schema.js';

describe('validateJsonSchema', () => {
  it('checks numbers: type, integer, bounds', () => {
    const s = { type: 'integer', minimum: 1, exclusiveMaximum: 10 } as const;
    expect(validateJsonSchema(5, s)).toEqual([]);
    expect(validateJsonSchema(5.5, s)[0]?.message).toMatch(/type integer, got number/);
    expect(validateJsonSchema(10, s)[0]?.message).toBe('must be < 10, got 10');
    expect(validateJsonSchema(0, { ...s, exclusiveMinimum: 0 }).map((e) => e.message)).toEqual(['must be ≥ 1, got 0', 'must be > 0, got 0']);
    expect(validateJsonSchema(NaN, { type: 'number' })).toHaveLength(1);
  });

  it('checks strings, enums, arrays and objects with paths', () => {
    expect(validateJsonSchema('ab', { type: 'string', minLength: 3, pattern: '^a' })).toEqual([{ path: '', message: 'must have at least 3 characters' }]);
    expect(validateJsonSchema('c', { enum: ['a', 'b'] })[0]?.message).toBe('must be one of "a", "b", got "c"');
    const schema: JsonSchema = {
      type: 'object', required: ['points'], additionalProperties: false,
      properties: { points: { type: 'array', maxItems: 2, items: { type: 'number', maximum: 1 } } },
    };
    expect(validateJsonSchema({ points: [0.5, 2, 0], extra: 1 }, schema, 'area')).toEqual([
      { path: 'area/points', message: 'must have at most 2 items' },
      { path: 'area/points/1', message: 'must be ≤ 1, got 2' },
      { path: 'area/extra', message: 'is not an allowed member' },
    ]);
    expect(validateJsonSchema({}, schema)).toEqual([{ path: 'points', message: 'is required' }]);
  });

  it('rejects unsupported keywords at parse time', () => {
    expect(JsonSchemaSubset.safeParse({ type: 'number', multipleOf: 2 }).success).toBe(false);
    expect(JsonSchemaSubset.safeParse({ properties: { a: { $ref: '#/x' } } }).success).toBe(false);
    expect(JsonSchemaSubset.safeParse({ type: 'string', pattern: '(' }).success).toBe(false);
    expect(JsonSchemaSubset.safeParse({ type: ['number', 'null'], default: null }).success).toBe(true);
  });
});
