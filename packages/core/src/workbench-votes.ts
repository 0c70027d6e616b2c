/**
 * Workbench: live prioritisation rounds (Mentimeter-style, as in the Almere and Flevoland
 * workshops). A facilitator opens a round on user stories or free options; participants vote from
 * their phone with the round's short code, without an account.
 */
import { z } from 'zod';

export const VoteMethod = z.enum(['points', 'ranking']).describe('points: divide a budget of points; ranking: order the options (Borda count)');
export type VoteMethod = z.infer<typeof VoteMethod>;

/** Round code alphabet: no 0/O, 1/I/L, so it can be read aloud and typed on a phone. */
export const VOTE_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const VoteCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/, 'zes tekens, letters en cijfers')
  .describe('Short code of a round, e.g. "K7PX3M"');

export const VoteOptionInput = z
  .union([
    z.strictObject({ storyId: z.uuid().describe('A user story of the use case') }),
    z.strictObject({ label: z.string().trim().min(1).max(300).describe('A free option, e.g. an area: "Dronten-Zuid als focusgebied"') }),
  ])
  .describe('What can be voted on: a user story, or a free option');

export const VoteRoundCreate = z
  .strictObject({
    question: z.string().trim().min(3).max(500).describe('e.g. "Welke prioriteit geef jij aan de op te lossen vraagstukken?"'),
    method: VoteMethod,
    pointsPerVoter: z.number().int().min(1).max(1000).default(10).describe('Points each voter divides (method points)'),
    options: z.array(VoteOptionInput).min(2).max(30),
  })
  .describe('Open a prioritisation round');
export type VoteRoundCreate = z.infer<typeof VoteRoundCreate>;

export const VoteOption = z
  .object({ key: z.string().describe('Key to vote with'), label: z.string(), storyId: z.uuid().nullable() })
  .describe('An option of a round');
export type VoteOption = z.infer<typeof VoteOption>;

export const VoteRound = z
  .object({
    id: z.uuid(),
    useCaseId: z.uuid(),
    code: VoteCode,
    question: z.string(),
    method: VoteMethod,
    pointsPerVoter: z.number().int().nullable().describe('Budget per voter (points), null for ranking'),
    options: z.array(VoteOption),
    status: z.enum(['open', 'closed']),
    openedAt: z.iso.datetime(),
    closedAt: z.iso.datetime().nullable(),
  })
  .describe('A prioritisation round');
export type VoteRound = z.infer<typeof VoteRound>;

export const BallotCreate = z
  .strictObject({
    voterId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, cijfers, - of _').describe('A random id the phone keeps for this voter (one vote per voter)'),
    nickname: z.string().trim().min(1).max(40).describe('Name shown to the facilitator'),
    points: z.record(z.string(), z.number().int().min(0)).optional().describe('Points per option key (method points); the total may not exceed the budget'),
    ranking: z.array(z.string()).min(1).max(30).optional().describe('Option keys, most important first (method ranking)'),
  })
  .describe('One vote');
export type BallotCreate = z.infer<typeof BallotCreate>;

export const VoteTally = z
  .object({
    key: z.string(),
    label: z.string(),
    storyId: z.uuid().nullable(),
    score: z.number().describe('Total points, or the Borda score for a ranking'),
    voters: z.number().int().describe('Voters who gave this option points or ranked it'),
  })
  .describe('Result for one option');

export const VoteResults = z
  .object({
    roundId: z.uuid(),
    status: z.enum(['open', 'closed']),
    voters: z.number().int().describe('Number of votes cast'),
    nicknames: z.array(z.string()).describe('Who voted (nicknames), in order of voting'),
    tallies: z.array(VoteTally).describe('Options, highest score first'),
  })
  .describe('Results of a round, live while it is open');
export type VoteResults = z.infer<typeof VoteResults>;
