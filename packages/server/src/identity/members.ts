import type { Member, MemberCreate, Role } from '@tweeling/core';
import { appendAudit, type Actor } from '../audit/index.js';
import { TweelingError } from '../errors.js';
import { isoRequired, type ServiceDeps } from './context.js';
import { IDENTITY_ERRORS } from './errors.js';
import { getOrganisation } from './organisations.js';

const memberColumns = ['m.user_id', 'm.organisation_id', 'm.role', 'm.created_at', 'u.email', 'u.name'] as const;

interface MemberRow {
  user_id: string;
  organisation_id: string;
  role: string;
  created_at: Date;
  email: string;
  name: string;
}

const toMember = (row: MemberRow): Member => ({
  userId: row.user_id,
  organisationId: row.organisation_id,
  email: row.email,
  name: row.name,
  role: row.role as Role,
  createdAt: isoRequired(row.created_at),
});

async function readMember(db: ServiceDeps['db'], organisationId: string, userId: string): Promise<Member> {
  const row = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(memberColumns)
    .where('m.organisation_id', '=', organisationId)
    .where('m.user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return toMember(row);
}

/** Members of one organisation, by name. */
export async function listMembers({ db }: ServiceDeps, organisationId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(memberColumns)
    .where('m.organisation_id', '=', organisationId)
    .orderBy('u.name')
    .execute();
  return rows.map(toMember);
}

/**
 * Adds a person to an organisation with a role; the person is created when the e-mail is new.
 * @throws TWL_IDENTITY_MEMBER_EXISTS when the person is already a member
 */
export async function addMember(deps: ServiceDeps, actor: Actor, organisationId: string, input: MemberCreate): Promise<Member> {
  await getOrganisation(deps, organisationId);
  return deps.db.transaction().execute(async (trx) => {
    const user =
      (await trx.selectFrom('users').select(['id']).where('email', '=', input.email).executeTakeFirst()) ??
      (await trx.insertInto('users').values({ email: input.email, name: input.name }).returning(['id']).executeTakeFirstOrThrow());
    const existing = await trx
      .selectFrom('memberships')
      .select('role')
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    if (existing) throw new TweelingError(IDENTITY_ERRORS.MEMBER_EXISTS, `${input.email} is al lid van deze organisatie (rol ${existing.role}).`);
    await trx.insertInto('memberships').values({ organisation_id: organisationId, user_id: user.id, role: input.role }).execute();
    await appendAudit(trx, actor, { action: 'member.create', targetType: 'member', targetId: user.id, organisationId, payload: input }, deps.clock());
    return readMember(trx, organisationId, user.id);
  });
}

async function assertNotLastAdmin(deps: ServiceDeps, organisationId: string, userId: string): Promise<void> {
  const admins = await deps.db
    .selectFrom('memberships')
    .select('user_id')
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'admin')
    .execute();
  if (admins.length === 1 && admins[0]?.user_id === userId) {
    throw new TweelingError(IDENTITY_ERRORS.LAST_ADMIN, 'Dit is de laatste beheerder van de organisatie; maak eerst iemand anders beheerder.');
  }
}

/** Changes a member's role. @throws TWL_IDENTITY_MEMBER_NOT_FOUND, TWL_IDENTITY_LAST_ADMIN */
export async function updateMemberRole(deps: ServiceDeps, actor: Actor, organisationId: string, userId: string, role: Role): Promise<Member> {
  return deps.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('memberships')
      .select('role')
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new TweelingError(IDENTITY_ERRORS.MEMBER_NOT_FOUND, 'Deze persoon is geen lid van de organisatie.');
    if (current.role === 'admin' && role !== 'admin') await assertNotLastAdmin({ ...deps, db: trx }, organisationId, userId);
    await trx.updateTable('memberships').set({ role }).where('organisation_id', '=', organisationId).where('user_id', '=', userId).execute();
    await appendAudit(trx, actor, { action: 'member.update', targetType: 'member', targetId: userId, organisationId, payload: { role } }, deps.clock());
    return readMember(trx, organisationId, userId);
  });
}

/** Removes a member and revokes their tokens in this organisation. */
export async function removeMember(deps: ServiceDeps, actor: Actor, organisationId: string, userId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('memberships')
      .select('role')
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new TweelingError(IDENTITY_ERRORS.MEMBER_NOT_FOUND, 'Deze persoon is geen lid van de organisatie.');
    if (current.role === 'admin') await assertNotLastAdmin({ ...deps, db: trx }, organisationId, userId);
    const now = deps.clock();
    await trx
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
    await trx.deleteFrom('memberships').where('organisation_id', '=', organisationId).where('user_id', '=', userId).execute();
    await appendAudit(trx, actor, { action: 'member.delete', targetType: 'member', targetId: userId, organisationId }, now);
  });
}
