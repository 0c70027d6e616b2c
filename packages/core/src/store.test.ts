import { describe, expect, it } from 'vitest';
import { AccreditationCreate, CatalogueQuery, ReviewCreate, StatementMonth, TRUST_CRITERIA, TRUST_CRITERION_IDS, TRUST_LEVELS } from './store.js';

describe('store schemas', () => {
  it('parses a catalogue query with defaults and coerced numbers, and refuses unknown keys', () => {
    expect(CatalogueQuery.parse({ q: ' hoosbui ', limit: '5' })).toEqual({ q: 'hoosbui', limit: 5, offset: 0 });
    expect(CatalogueQuery.safeParse({ usecase: 'onbekend' }).success).toBe(false);
    expect(CatalogueQuery.safeParse({ sort: 'relevance', extra: 1 }).success).toBe(false);
  });

  it('reports every problem of a review with its path', () => {
    const result = ReviewCreate.safeParse({ rating: 0, text: '   ', useCase: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['rating', 'text', 'useCase']);
    expect(ReviewCreate.parse({ rating: 5, text: 'Goed', useCase: 'wateroverlast' })).toEqual({ rating: 5, text: 'Goed', useCase: 'wateroverlast' });
  });

  it('accepts an accreditation request with an ISO expiry and a scope', () => {
    expect(AccreditationCreate.safeParse({ scope: 'Stresstest', expiresAt: '2030-01-01T00:00:00Z' }).success).toBe(true);
    expect(AccreditationCreate.safeParse({ scope: '', expiresAt: 'morgen' }).error?.issues).toHaveLength(2);
  });

  it('takes months as YYYY-MM only', () => {
    expect(StatementMonth.safeParse('2026-11').success).toBe(true);
    expect(StatementMonth.safeParse('2026-13').success).toBe(false);
    expect(StatementMonth.safeParse('2026-1').success).toBe(false);
  });

  it('names a source in the DDTAS report for every trust criterion', () => {
    expect(TRUST_CRITERION_IDS).toHaveLength(11);
    for (const id of TRUST_CRITERION_IDS) expect(TRUST_CRITERIA[id].source).toMatch(/^004 §/);
    expect(TRUST_LEVELS).toEqual(['basis', 'gedocumenteerd', 'gevalideerd', 'geaccrediteerd']);
  });
});
