import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import {
  storySentence,
  VOTE_CODE_ALPHABET,
  type BallotCreate,
  type Caller,
  type ProblemFieldError,
  type UseCaseRole,
  type VoteOption,
  type VoteResults,
  type VoteRound,
  type VoteRoundCreate,
} from '@tweeling/core';
import { appendAudit, type Actor } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { authorName, editableUseCase, readableUseCase, requireTeamRole, type WorkbenchDeps } from './access.js';
import { WORKBENCH_ERRORS } from './errors.js';

/** Team roles that may run a prioritisation round (source 002: the facilitators of the workshops). */
export const FACILITATOR_ROLES: readonly UseCaseRole[] = ['procesbegeleider', 'inhoudelijk-begeleider', 'projectleider', 'use-case-owner'];
const CODE_LENGTH = 6;
const MAX_LABEL = 300;

type RoundRow = Selectable<Database['workbench_vote_rounds']>;

const toRound = (r: RoundRow): VoteRound => ({
  id: r.id,
  useCaseId: r.use_case_id,
  code: r.code,
  question: r.question,
  method: r.method as VoteRound['method'],
  pointsPerVoter: r.points_per_voter,
  options: r.options as VoteOption[],
  status: r.status as VoteRound['status'],
  openedAt: new Date(r.opened_at).toISOString(),
  closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
});

const newCode = () => Array.from({ length: CODE_LENGTH }, () => VOTE_CODE_ALPHABET[randomInt(VOTE_CODE_ALPHABET.length)]).join('');
const optionKey = (i: number) => String.fromCharCode(97 + i);

async function resolveOptions(db: Kysely<Database>, useCaseId: string, input: VoteRoundCreate['options']): Promise<VoteOption[]> {
  const errors: ProblemFieldError[] = [];
  const options: VoteOption[] = [];
  for (const [i, option] of input.entries()) {
    if ('label' in option) {
      options.push({ key: optionKey(i), label: option.label, storyId: null });
      continue;
    }
    const story = await db.selectFrom('workbench_stories').select(['as_a', 'i_want', 'so_that', 'because']).where('id', '=', option.storyId).where('use_case_id', '=', useCaseId).executeTakeFirst();
    if (!story) errors.push({ path: `body.options.${i}.storyId`, message: 'geen user story van deze use case' });
    else options.push({ key: optionKey(i), label: storySentence({ asA: story.as_a, iWant: story.i_want, soThat: story.so_that, because: story.because }).slice(0, MAX_LABEL), storyId: option.storyId });
  }
  if (errors.length) throw new TweelingError(WORKBENCH_ERRORS.INVALID_LINK, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  return options;
}

/** Opens a round with a fresh short code (facilitators only). */
export async function openRound(deps: WorkbenchDeps, caller: Caller, actor: Actor, useCaseId: string, input: VoteRoundCreate): Promise<VoteRound> {
  return deps.db.transaction().execute(async (trx) => {
    const useCase = await editableUseCase(trx, caller, useCaseId);
    await requireTeamRole(trx, caller, useCaseId, FACILITATOR_ROLES, 'Een stemronde openen');
    const options = await resolveOptions(trx, useCaseId, input.options);
    let code = newCode();
    // 31^6 ≈ 900 million codes: a clash is rare, a few retries make it vanishing.
    for (let attempt = 0; attempt < 5 && (await trx.selectFrom('workbench_vote_rounds').select('id').where('code', '=', code).executeTakeFirst()); attempt += 1) code = newCode();
    const now = deps.clock();
    const row = await trx
      .insertInto('workbench_vote_rounds')
      .values({
        id: randomUUID(),
        use_case_id: useCaseId,
        code,
        question: input.question,
        method: input.method,
        points_per_voter: input.method === 'points' ? input.pointsPerVoter : null,
        options: JSON.stringify(options),
        status: 'open',
        opened_by: await authorName(trx, caller),
        opened_at: now,
        closed_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'vote-round.open', targetType: 'vote-round', targetId: row.id, organisationId: useCase.organisation_id, payload: input }, now);
    return toRound(row);
  });
}

/** Rounds of a readable use case, newest first. */
export async function listRounds(deps: WorkbenchDeps, caller: Caller, useCaseId: string): Promise<VoteRound[]> {
  await readableUseCase(deps.db, caller, useCaseId);
  const rows = await deps.db.selectFrom('workbench_vote_rounds').selectAll().where('use_case_id', '=', useCaseId).orderBy('opened_at', 'desc').execute();
  return rows.map(toRound);
}

/** A round by its code or its id (what a participant's phone has). @throws TWL_WORKBENCH_ROUND_NOT_FOUND */
export async function findRound(db: Kysely<Database>, ref: { code: string } | { id: string }, forUpdate = false): Promise<VoteRound> {
  let query = db.selectFrom('workbench_vote_rounds').selectAll();
  query = 'code' in ref ? query.where('code', '=', ref.code) : query.where('id', '=', ref.id);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new TweelingError(WORKBENCH_ERRORS.ROUND_NOT_FOUND, 'Er is geen stemronde met deze code.');
  return toRound(row);
}

/** Checks a ballot against the round, collecting every problem with its path. */
function ballotErrors(round: VoteRound, ballot: BallotCreate): ProblemFieldError[] {
  const keys = new Set(round.options.map((o) => o.key));
  const errors: ProblemFieldError[] = [];
  if (round.method === 'points') {
    if (!ballot.points) return [{ path: 'body.points', message: 'verdeel punten over de opties' }];
    if (ballot.ranking) errors.push({ path: 'body.ranking', message: 'deze ronde verdeelt punten' });
    for (const key of Object.keys(ballot.points)) if (!keys.has(key)) errors.push({ path: `body.points.${key}`, message: 'onbekende optie' });
    const total = Object.values(ballot.points).reduce((a, b) => a + b, 0);
    if (total === 0 || total > (round.pointsPerVoter ?? 0)) errors.push({ path: 'body.points', message: `verdeel 1 tot ${round.pointsPerVoter} punten (nu ${total})` });
  } else {
    if (!ballot.ranking) return [{ path: 'body.ranking', message: 'zet de opties op volgorde' }];
    if (ballot.points) errors.push({ path: 'body.points', message: 'deze ronde is een rangschikking' });
    ballot.ranking.forEach((key, i) => {
      if (!keys.has(key)) errors.push({ path: `body.ranking.${i}`, message: 'onbekende optie' });
      else if (ballot.ranking!.indexOf(key) !== i) errors.push({ path: `body.ranking.${i}`, message: 'optie staat er al' });
    });
  }
  return errors;
}

/**
 * Casts one vote in an open round; participants need no account. One vote per voter id.
 * @throws TWL_WORKBENCH_ROUND_CLOSED, TWL_WORKBENCH_ALREADY_VOTED (409), TWL_WORKBENCH_INVALID_BALLOT (400)
 */
export async function castVote(deps: WorkbenchDeps, actor: Actor, code: string, ballot: BallotCreate): Promise<VoteRound> {
  return deps.db.transaction().execute(async (trx) => {
    // Locking the round serialises its votes against closing it.
    const round = await findRound(trx, { code }, true);
    if (round.status === 'closed') throw new TweelingError(WORKBENCH_ERRORS.ROUND_CLOSED, 'Deze stemronde is gesloten; stemmen kan niet meer.');
    const errors = ballotErrors(round, ballot);
    if (errors.length) throw new TweelingError(WORKBENCH_ERRORS.INVALID_BALLOT, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
    const earlier = await trx.selectFrom('workbench_votes').select('nickname').where('round_id', '=', round.id).where('voter_id', '=', ballot.voterId).executeTakeFirst();
    if (earlier) throw new TweelingError(WORKBENCH_ERRORS.ALREADY_VOTED, `Met dit toestel is al gestemd (als ${earlier.nickname}); één stem per deelnemer.`);
    const now = deps.clock();
    const cast = ballot.points ? { points: ballot.points } : { ranking: ballot.ranking };
    await trx.insertInto('workbench_votes').values({ round_id: round.id, voter_id: ballot.voterId, nickname: ballot.nickname, ballot: JSON.stringify(cast), created_at: now }).execute();
    const { organisation_id } = await trx.selectFrom('workbench_use_cases').select('organisation_id').where('id', '=', round.useCaseId).executeTakeFirstOrThrow();
    await appendAudit(trx, { ...actor, label: `stemmer:${ballot.nickname}` }, { action: 'vote.cast', targetType: 'vote-round', targetId: round.id, organisationId: organisation_id, payload: { voterId: ballot.voterId, ...cast } }, now);
    return round;
  });
}

/** Closes an open round (facilitators only); later votes get 409. @throws TWL_WORKBENCH_ROUND_CLOSED when already closed */
export async function closeRound(deps: WorkbenchDeps, caller: Caller, actor: Actor, useCaseId: string, roundId: string): Promise<VoteRound> {
  return deps.db.transaction().execute(async (trx) => {
    const useCase = await editableUseCase(trx, caller, useCaseId);
    await requireTeamRole(trx, caller, useCaseId, FACILITATOR_ROLES, 'Een stemronde sluiten');
    const round = await findRound(trx, { id: roundId }, true);
    if (round.useCaseId !== useCaseId) throw new TweelingError(WORKBENCH_ERRORS.ROUND_NOT_FOUND, 'Deze stemronde hoort niet bij deze use case.');
    if (round.status === 'closed') throw new TweelingError(WORKBENCH_ERRORS.ROUND_CLOSED, 'Deze stemronde is al gesloten.');
    const now = deps.clock();
    const row = await trx.updateTable('workbench_vote_rounds').set({ status: 'closed', closed_at: now }).where('id', '=', roundId).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'vote-round.close', targetType: 'vote-round', targetId: roundId, organisationId: useCase.organisation_id }, now);
    return toRound(row);
  });
}

/** The tally of a round: points summed, or a Borda count for rankings (first of n options gets n points). */
export async function roundResults(db: Kysely<Database>, round: VoteRound): Promise<VoteResults> {
  const votes = await db.selectFrom('workbench_votes').select(['nickname', 'ballot']).where('round_id', '=', round.id).orderBy('created_at').orderBy('voter_id').execute();
  const n = round.options.length;
  const tallies = round.options.map((o) => ({ key: o.key, label: o.label, storyId: o.storyId, score: 0, voters: 0 }));
  const byKey = new Map(tallies.map((t) => [t.key, t]));
  for (const vote of votes) {
    const ballot = vote.ballot as { points?: Record<string, number>; ranking?: string[] };
    for (const [key, points] of Object.entries(ballot.points ?? {})) {
      const t = byKey.get(key);
      if (!t || points <= 0) continue;
      t.score += points;
      t.voters += 1;
    }
    (ballot.ranking ?? []).forEach((key, i) => {
      const t = byKey.get(key);
      if (!t) return;
      t.score += n - i;
      t.voters += 1;
    });
  }
  tallies.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
  return { roundId: round.id, status: round.status, voters: votes.length, nicknames: votes.map((v) => v.nickname), tallies };
}
