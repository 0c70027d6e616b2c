import type { Selectable } from 'kysely';
import { ACCREDITING_KINDS, type Organisation, type OrganisationCreate } from '@tweeling/core';
import type { Database } from '../db/index.js';
import { appendAudit, type Actor } from '../audit/index.js';
import { TweelingError } from '../errors.js';
import { isoRequired, type ServiceDeps } from './context.js';
import { IDENTITY_ERRORS } from './errors.js';

export function toOrganisation(row: Selectable<Database['organisations']>): Organisation {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as Organisation['kind'],
    oin: row.oin,
    cbsCode: row.cbs_code,
    mayAccredit: row.may_accredit,
    isOperator: row.is_operator,
    createdAt: isoRequired(row.created_at),
  };
}

/** All organisations (their existence and names are public). */
export async function listOrganisations({ db }: ServiceDeps): Promise<Organisation[]> {
  const rows = await db.selectFrom('organisations').selectAll().orderBy('name').execute();
  return rows.map(toOrganisation);
}

/** @throws TWL_IDENTITY_ORGANISATION_NOT_FOUND */
export async function getOrganisation({ db }: ServiceDeps, id: string): Promise<Organisation> {
  const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new TweelingError(IDENTITY_ERRORS.ORGANISATION_NOT_FOUND, `Organisatie '${id}' bestaat niet.`);
  return toOrganisation(row);
}

/**
 * Creates an organisation (platform operators only; the route checks that).
 * @throws TWL_IDENTITY_ORGANISATION_EXISTS when the id or OIN is taken
 */
export async function createOrganisation(deps: ServiceDeps, actor: Actor, input: OrganisationCreate, options: { isOperator?: boolean } = {}): Promise<Organisation> {
  if (input.mayAccredit && !ACCREDITING_KINDS.includes(input.kind)) {
    throw new TweelingError(IDENTITY_ERRORS.MAY_NOT_ACCREDIT, `Een organisatie van het soort '${input.kind}' kan niet accrediteren; alleen ${ACCREDITING_KINDS.join(' en ')}.`, [
      { path: 'body.mayAccredit', message: `not allowed for kind ${input.kind}` },
    ]);
  }
  return deps.db.transaction().execute(async (trx) => {
    const clash = await trx
      .selectFrom('organisations')
      .select('id')
      .where((eb) => (input.oin ? eb.or([eb('id', '=', input.id), eb('oin', '=', input.oin)]) : eb('id', '=', input.id)))
      .executeTakeFirst();
    if (clash) throw new TweelingError(IDENTITY_ERRORS.ORGANISATION_EXISTS, `Er is al een organisatie met id '${input.id}' of dit OIN.`);
    const row = await trx
      .insertInto('organisations')
      .values({
        id: input.id,
        name: input.name,
        kind: input.kind,
        oin: input.oin,
        cbs_code: input.cbsCode,
        may_accredit: input.mayAccredit,
        is_operator: options.isOperator ?? false,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'organisation.create', targetType: 'organisation', targetId: input.id, organisationId: input.id, payload: input }, deps.clock());
    return toOrganisation(row);
  });
}
