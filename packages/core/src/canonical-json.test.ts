import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
  it('gives equal text for equal values built in another order', () => {
    expect(canonicalJson({ x: 1, y: 'ü' })).toBe(canonicalJson({ y: 'ü', x: 1 }));
  });
  it('writes dates as ISO strings', () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2026, 0, 2)) })).toBe('{"at":"2026-01-02T00:00:00.000Z"}');
  });
  it('refuses NaN, Infinity and circular structures', () => {
    expect(() => canonicalJson({ v: Number.NaN })).toThrow(/no JSON form/);
    expect(() => canonicalJson([Infinity])).toThrow(/no JSON form/);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow(/circular/);
  });
});
