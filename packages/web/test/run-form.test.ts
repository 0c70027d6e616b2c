import { describe, expect, it } from 'vitest';
import type { JsonSchema, ProcessInput } from '../src/api/types.js';
import { fieldSpec, initialValue, toInputs, validateField } from '../src/form/schema.js';
import { format } from '../src/i18n/index.js';
import { nl } from '../src/i18n/nl.js';

const t = (key: keyof typeof nl, vars?: Record<string, string | number>) => format(nl[key], vars);

const datasetSchema: JsonSchema = {
  oneOf: [
    { type: 'object', required: ['dataset'], properties: { dataset: { type: 'string' }, version: { type: 'integer' } } },
    { type: 'object', required: ['href'], properties: { href: { type: 'string' } } },
  ],
  default: { dataset: 'demo-gebouwen' },
};

describe('run form from JSON Schema', () => {
  it('maps inputs to fields: datasets by their data requirement, numbers with units, enums, dates, JSON for the rest', () => {
    const inputs: Record<string, ProcessInput> = {
      buildings: { title: 'Gebouwen', schema: datasetSchema, minOccurs: 0, dataRequirement: { kind: 'vector' } },
      dem: { title: 'Hoogte', schema: { oneOf: datasetSchema.oneOf ?? [] }, dataRequirement: { kind: 'raster' } },
      rain: { title: 'Neerslag', schema: { type: 'number', minimum: 0, maximum: 200, default: 70 }, unit: 'mm', minOccurs: 0 },
      storm: { title: 'Bui', schema: { type: 'string', enum: ['T100', 'T250'], default: 'T100' }, minOccurs: 0 },
      date: { title: 'Datum', schema: { type: 'string', format: 'date', default: '2025-07-21' }, minOccurs: 0 },
      hours: { title: 'Uren', schema: { type: 'array', items: { type: 'integer' }, default: [12, 18] }, minOccurs: 0 },
    };
    const specs = Object.entries(inputs).map(([name, input]) => fieldSpec(name, input));
    expect(specs.map((s) => [s.name, s.kind, s.required])).toEqual([
      ['buildings', 'dataset', false],
      ['dem', 'dataset', true],
      ['rain', 'number', false],
      ['storm', 'choice', false],
      ['date', 'date', false],
      ['hours', 'json', false],
    ]);
    expect(specs[1]!.dataKind).toBe('raster');
    const values = Object.fromEntries(specs.map((s) => [s.name, initialValue(s)]));
    expect(values).toEqual({ buildings: 'demo-gebouwen', dem: '', rain: '70', storm: 'T100', date: '2025-07-21', hours: '[12,18]' });
    expect(validateField(specs[1]!, '', t)).toBe('Vul Hoogte in.');
    values.dem = 'demo-hoogte';
    expect(toInputs(specs, values)).toEqual({ buildings: { dataset: 'demo-gebouwen' }, dem: { dataset: 'demo-hoogte' }, rain: 70, storm: 'T100', date: '2025-07-21', hours: [12, 18] });
  });

  it('validates numbers (range, integer, Dutch decimal comma), text patterns and JSON', () => {
    const rain = fieldSpec('rain', { title: 'Neerslag', schema: { type: 'number', minimum: 0, maximum: 200 } });
    expect(validateField(rain, '70,5', t)).toBeUndefined();
    expect(toInputs([rain], { rain: '70,5' })).toEqual({ rain: 70.5 });
    expect(validateField(rain, '-1', t)).toBe('Neerslag moet minstens 0 zijn.');
    expect(validateField(rain, '201', t)).toBe('Neerslag mag hoogstens 200 zijn.');
    expect(validateField(rain, 'veel', t)).toBe('Neerslag moet een getal zijn.');
    const n = fieldSpec('n', { title: 'Aantal', schema: { type: 'integer', exclusiveMinimum: 0 } });
    expect(validateField(n, '2.5', t)).toBe('Aantal moet een geheel getal zijn.');
    expect(validateField(n, '0', t)).toBe('Aantal moet groter zijn dan 0.');
    const date = fieldSpec('d', { title: 'Datum', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } });
    expect(validateField(date, '21-07-2025', t)).toBe('Datum heeft niet de juiste vorm.');
    const json = fieldSpec('j', { title: 'Maatregelen', schema: { type: 'object' }, minOccurs: 0 });
    expect(validateField(json, '{"type":', t)).toBe('Maatregelen is geen geldige JSON.');
    expect(validateField(json, '', t)).toBeUndefined();
    expect(toInputs([json], { j: '' })).toEqual({});
  });
});
