import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Caller } from '@tweeling/core';
import type { Database } from '../db/index.js';

/**
 * Which datasets a caller may see: public ones, their own organisation's, and those shared with
 * their organisation by name. Used in every query that lists, counts or fetches datasets, so that a
 * dataset a caller may not see is never found (404, never 403).
 */
export function visibleTo(caller: Caller) {
  return (eb: ExpressionBuilder<Database, 'datasets'>): Expression<SqlBool> => {
    const org = caller.organisationId;
    if (!org) return eb('datasets.visibility', '=', 'public');
    return eb.or([
      eb('datasets.visibility', '=', 'public'),
      eb('datasets.organisation_id', '=', org),
      eb.and([eb('datasets.visibility', '=', 'named'), sql<SqlBool>`${org} = ANY(datasets.shared_with)`]),
    ]);
  };
}
