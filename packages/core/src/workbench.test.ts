import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allowedStatusTransitions, CANVAS_QUESTIONS, CANVAS_SECTION_IDS, CANVAS_SECTION_SCHEMAS, UseCase, UseCaseCreate } from './workbench.js';

describe('use case', () => {
  it('fills defaults and rejects unknown keys and unknown vocabulary ids', () => {
    expect(UseCaseCreate.parse({ title: 'Wateroverlast t.g.v. hoosbui', vocabularyId: 'wateroverlast' })).toEqual({
      title: 'Wateroverlast t.g.v. hoosbui',
      summary: '',
      vocabularyId: 'wateroverlast',
      visibility: 'private',
      team: [],
    });
    expect(UseCaseCreate.safeParse({ title: 'Hittestress', kleur: 'rood' }).success).toBe(false);
    expect(UseCaseCreate.safeParse({ title: 'Hittestress', vocabularyId: 'onbekend' }).success).toBe(false);
  });

  it('moves one phase at a time, forward or back', () => {
    expect(allowedStatusTransitions('verkennen')).toEqual(['ontwerpen']);
    expect(allowedStatusTransitions('testen')).toEqual(['bouwen', 'in-gebruik']);
    expect(allowedStatusTransitions('geborgd')).toEqual(['in-gebruik']);
  });

  it('converts to JSON Schema for the OpenAPI document', () => {
    expect((z.toJSONSchema(UseCase, { io: 'output' }) as { type: string }).type).toBe('object');
  });
});

describe('canvas sections', () => {
  it('has a schema per section whose fields are the questions, described by the question', () => {
    for (const id of CANVAS_SECTION_IDS) {
      const json = z.toJSONSchema(CANVAS_SECTION_SCHEMAS[id], { io: 'input' }) as { properties: Record<string, { description?: string }>; additionalProperties: boolean };
      expect(Object.keys(json.properties)).toEqual(Object.keys(CANVAS_QUESTIONS[id]));
      expect(json.additionalProperties).toBe(false);
      for (const [field, question] of Object.entries(CANVAS_QUESTIONS[id])) expect(json.properties[field]?.description).toBe(question);
    }
  });

  it('defaults every question to an empty list and rejects unknown questions', () => {
    const parsed = CANVAS_SECTION_SCHEMAS.ontwerp.parse({ data: ['AHN4', 'BAG'] });
    expect(parsed).toEqual({ processtappen: [], beslismomenten: [], inzichten: [], data: ['AHN4', 'BAG'] });
    expect(CANVAS_SECTION_SCHEMAS.ontwerp.safeParse({ kleur: ['rood'] }).success).toBe(false);
  });

  it('limits the canvas light to three knelpunten, doelen and belanghebbenden', () => {
    const four = ['a', 'b', 'c', 'd'];
    const result = CANVAS_SECTION_SCHEMAS.light.safeParse({ knelpunten: four, doelen: four, belanghebbenden: four, vraagstuk: four });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['belanghebbenden', 'doelen', 'knelpunten']);
  });
});

describe('stakeholders and stories', () => {
  it('a PATCH keeps fields it does not name (no defaults), a create fills them', async () => {
    const { StakeholderCreate, StakeholderUpdate, storySentence } = await import('./workbench-stories.js');
    expect(StakeholderUpdate.parse({ influence: 4 })).toEqual({ influence: 4 });
    expect(StakeholderCreate.parse({ name: 'Hulpdiensten', relation: 'voor-wie' })).toMatchObject({ influence: 3, interest: 3, interests: [], group: null });
    expect(storySentence({ asA: 'bewoner', iWant: 'zien of water mijn huis instroomt', soThat: 'ik kan voorbereiden', because: null })).toBe('Als bewoner wil ik zien of water mijn huis instroomt zodat ik kan voorbereiden.');
  });
});
