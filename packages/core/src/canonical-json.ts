/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` members dropped, so that equal
 * values always give equal text (and equal hashes). Dates become ISO strings. Numbers that JSON
 * cannot hold (NaN, ±Infinity) are refused rather than silently turned into null.
 * @throws Error on NaN/Infinity, bigint or circular structures
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set());
}

function write(value: unknown, seen: Set<object>): string {
  if (value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new Error(`canonicalJson: a ${typeof value} has no JSON form`);
  }
  const object = value as object;
  if (seen.has(object)) throw new Error('canonicalJson: circular structure');
  seen.add(object);
  let text: string;
  if (Array.isArray(object)) {
    text = `[${object.map((item) => (item === undefined ? 'null' : write(item, seen))).join(',')}]`;
  } else {
    const entries = Object.entries(object)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    text = `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v, seen)}`).join(',')}}`;
  }
  seen.delete(object);
  return text;
}
