import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BallotCreate, Problem, VoteCode, VoteResults, VoteRound, VoteRoundCreate } from '@tweeling/core';
import { actorOf } from '../identity/index.js';
import type { WorkbenchDeps } from './access.js';
import { READ, UseCaseParams, WRITE, errors } from './routes.js';
import type { VoteEvents } from './vote-events.js';
import * as votes from './votes.js';

const RoundParams = UseCaseParams.extend({ roundId: z.uuid() });
const CodeParams = z.strictObject({ code: VoteCode });
const RoundIdParams = z.strictObject({ roundId: z.uuid() });
const RoundWithResults = z.object({ round: VoteRound, results: VoteResults }).describe('A round with its current results');
const tags = ['Werkbank'];

/**
 * Prioritisation rounds. Facilitators open and close rounds on a use case; participants use the
 * public `/votes/{code}` routes without an account (the six-character code, or the round id behind
 * it, is what gives access to one round and its results).
 */
export function voteRoutes(deps: () => WorkbenchDeps, events: VoteEvents): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/use-cases/:useCaseId/vote-rounds', {
      config: { access: READ },
      schema: { tags, summary: 'Stemrondes van de use case, met uitslag', params: UseCaseParams, response: { 200: z.object({ rounds: z.array(RoundWithResults) }), 400: Problem, 404: Problem } },
      handler: async (request) => {
        const rounds = await votes.listRounds(deps(), request.caller, request.params.useCaseId);
        return { rounds: await Promise.all(rounds.map(async (round) => ({ round, results: await votes.roundResults(deps().db, round) }))) };
      },
    });
    app.post('/use-cases/:useCaseId/vote-rounds', {
      config: { access: WRITE },
      schema: { tags, summary: 'Stemronde openen (punten verdelen of rangschikken); geeft de code voor deelnemers', params: UseCaseParams, body: VoteRoundCreate, response: { 201: VoteRound, ...errors } },
      handler: async (request, reply) => reply.status(201).send(await votes.openRound(deps(), request.caller, actorOf(request), request.params.useCaseId, request.body)),
    });
    app.post('/use-cases/:useCaseId/vote-rounds/:roundId/close', {
      config: { access: WRITE },
      schema: { tags, summary: 'Stemronde sluiten', params: RoundParams, response: { 200: RoundWithResults, ...errors } },
      handler: async (request) => {
        const round = await votes.closeRound(deps(), request.caller, actorOf(request), request.params.useCaseId, request.params.roundId);
        events.publish(round.id);
        return { round, results: await votes.roundResults(deps().db, round) };
      },
    });

    app.get('/votes/:code', {
      config: { access: { public: true } },
      schema: { tags, summary: 'Stemronde bij een code (voor deelnemers, zonder account)', params: CodeParams, response: { 200: VoteRound, 400: Problem, 404: Problem } },
      handler: async (request) => votes.findRound(deps().db, { code: request.params.code }),
    });
    app.post('/votes/:code', {
      config: { access: { public: true } },
      schema: { tags, summary: 'Stemmen met de code van de ronde (één stem per deelnemer)', params: CodeParams, body: BallotCreate, response: { 201: VoteResults, 400: Problem, 404: Problem, 409: Problem } },
      handler: async (request, reply) => {
        const round = await votes.castVote(deps(), actorOf(request), request.params.code, request.body);
        events.publish(round.id);
        return reply.status(201).send(await votes.roundResults(deps().db, round));
      },
    });
    app.get('/votes/:roundId/results', {
      config: { access: { public: true } },
      schema: { tags, summary: 'Uitslag van een ronde', params: RoundIdParams, response: { 200: VoteResults, 400: Problem, 404: Problem } },
      handler: async (request) => votes.roundResults(deps().db, await votes.findRound(deps().db, { id: request.params.roundId })),
    });
    app.get('/votes/:roundId/events', {
      config: { access: { public: true } },
      schema: { tags, summary: 'Live uitslag (Server-Sent Events, `event: results`); eindigt als de ronde sluit', params: RoundIdParams },
      handler: async (request, reply) => {
        const db = deps().db;
        const first = await votes.findRound(db, { id: request.params.roundId });
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-request-id': String(request.id) });
        let last = '';
        let closed = false;
        const send = async () => {
          if (closed) return;
          const results = await votes.roundResults(db, await votes.findRound(db, { id: first.id }));
          const data = JSON.stringify(results);
          if (data !== last && !closed) {
            last = data;
            raw.write(`event: results\ndata: ${data}\n\n`);
          }
          if (results.status === 'closed') close();
        };
        const heartbeat = setInterval(() => raw.write(': bezig\n\n'), 15_000);
        const unsubscribe = events.watch(first.id, () => void send().catch((err: unknown) => request.log.warn({ err }, 'vote results stream')));
        const close = () => {
          if (closed) return;
          closed = true;
          clearInterval(heartbeat);
          unsubscribe();
          raw.end();
        };
        request.raw.on('close', close);
        await send();
      },
    });
  };
}
