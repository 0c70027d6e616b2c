import type { Translate } from '../i18n/index.js';
import type { JsonSchema, ProcessInput } from '../api/types.js';

/** How the run form shows one process input. */
export type FieldKind = 'dataset' | 'number' | 'integer' | 'choice' | 'boolean' | 'text' | 'date' | 'json';

export interface FieldSpec {
  name: string;
  label: string;
  description: string;
  kind: FieldKind;
  required: boolean;
  unit?: string;
  schema: JsonSchema;
  /** For datasets: 'vector' (feature collections) or 'raster' (coverages). */
  dataKind?: 'vector' | 'raster';
  choices?: string[];
}

/** The form's values are the raw strings of the inputs (a dataset field holds the dataset id). */
export type FormValues = Record<string, string>;

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

function isDatasetSchema(schema: JsonSchema): boolean {
  return (schema.oneOf ?? schema.anyOf ?? []).some((s) => s.properties?.dataset !== undefined);
}

export function fieldSpec(name: string, input: ProcessInput): FieldSpec {
  const schema = input.schema;
  const base = {
    name,
    label: input.title ?? name,
    description: input.description ?? schema.description ?? '',
    required: (input.minOccurs ?? 1) >= 1,
    schema,
    ...(input.unit ? { unit: input.unit } : {}),
  };
  if (input.dataRequirement || isDatasetSchema(schema)) return { ...base, kind: 'dataset', dataKind: input.dataRequirement?.kind ?? 'vector' };
  if (schema.enum) return { ...base, kind: 'choice', choices: schema.enum.map(String) };
  const type = typeOf(schema);
  if (type === 'number') return { ...base, kind: 'number' };
  if (type === 'integer') return { ...base, kind: 'integer' };
  if (type === 'boolean') return { ...base, kind: 'boolean' };
  if (type === 'string') return { ...base, kind: schema.format === 'date' ? 'date' : 'text' };
  return { ...base, kind: 'json' };
}

/** The initial raw value of a field: its default, written the way the field shows it. */
export function initialValue(spec: FieldSpec): string {
  const d = spec.schema.default;
  if (spec.kind === 'dataset') return d && typeof d === 'object' && 'dataset' in d ? String((d as { dataset: unknown }).dataset) : '';
  if (d === undefined) return spec.kind === 'boolean' ? 'false' : '';
  if (spec.kind === 'json') return JSON.stringify(d);
  return String(d);
}

/** Checks one field against its schema; returns a message or undefined. */
export function validateField(spec: FieldSpec, raw: string, t: Translate): string | undefined {
  const field = spec.label;
  const s = spec.schema;
  if (raw.trim() === '') return spec.required && spec.kind !== 'boolean' ? t('run.required', { field }) : undefined;
  switch (spec.kind) {
    case 'number':
    case 'integer': {
      const n = Number(raw.replace(',', '.'));
      if (!Number.isFinite(n)) return t('run.number', { field });
      if (spec.kind === 'integer' && !Number.isInteger(n)) return t('run.integer', { field });
      if (s.minimum !== undefined && n < s.minimum) return t('run.min', { field, min: s.minimum });
      if (s.exclusiveMinimum !== undefined && n <= s.exclusiveMinimum) return t('run.gt', { field, min: s.exclusiveMinimum });
      if (s.maximum !== undefined && n > s.maximum) return t('run.max', { field, max: s.maximum });
      if (s.exclusiveMaximum !== undefined && n >= s.exclusiveMaximum) return t('run.max', { field, max: s.exclusiveMaximum });
      return undefined;
    }
    case 'text':
    case 'date': {
      if ((s.minLength !== undefined && raw.length < s.minLength) || (s.maxLength !== undefined && raw.length > s.maxLength)) {
        return t('run.length', { field, min: s.minLength ?? 0, max: s.maxLength ?? '∞' });
      }
      if (s.pattern && !new RegExp(s.pattern, 'u').test(raw)) return t('run.pattern', { field });
      return undefined;
    }
    case 'json':
      try {
        JSON.parse(raw);
        return undefined;
      } catch {
        return t('run.json', { field });
      }
    default:
      return undefined;
  }
}

/** Converts valid raw values into the `inputs` of an OGC execute request; empty optional fields are left out. */
export function toInputs(specs: FieldSpec[], values: FormValues): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const spec of specs) {
    const raw = values[spec.name] ?? '';
    if (raw.trim() === '' && spec.kind !== 'boolean') continue;
    switch (spec.kind) {
      case 'dataset':
        inputs[spec.name] = { dataset: raw };
        break;
      case 'number':
      case 'integer':
        inputs[spec.name] = Number(raw.replace(',', '.'));
        break;
      case 'boolean':
        inputs[spec.name] = raw === 'true';
        break;
      case 'choice': {
        const original = spec.schema.enum?.find((e) => String(e) === raw);
        inputs[spec.name] = original ?? raw;
        break;
      }
      case 'json':
        inputs[spec.name] = JSON.parse(raw) as unknown;
        break;
      default:
        inputs[spec.name] = raw;
    }
  }
  return inputs;
}
