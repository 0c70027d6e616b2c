import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem, UseCase, UserStory, VoteResults, VoteRound } from '@tweeling/core';
import { bearer, buildTestApp, openTestDb, tokenFor, type TestDb } from '../../test/harness.js';

describe('workbench: live prioritisation rounds', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let facilitator: string;
  let analyst: string;
  let dronten: string;
  let useCaseId: string;
  let storyIds: string[];
  beforeAll(async () => {
    db = await openTestDb();
    app = await buildTestApp(db);
    facilitator = await tokenFor(db, 'almere', 'admin');
    analyst = await tokenFor(db, 'almere', 'analyst');
    dronten = await tokenFor(db, 'dronten', 'admin');
    useCaseId = UseCase.parse((await app.inject({ method: 'POST', url: '/api/v1/use-cases', headers: bearer(analyst), payload: { title: 'Wateroverlast t.g.v. hoosbui' } })).json()).id;
    storyIds = [];
    for (const iWant of ['weten wat het effect van een hoosbui op de directe omgeving is', 'zien welke wegen onbegaanbaar worden']) {
      const res = await app.inject({ method: 'POST', url: `/api/v1/use-cases/${useCaseId}/stories`, headers: bearer(analyst), payload: { asA: 'beleidsadviseur', iWant, soThat: 'ik de dialoog kan voeren' } });
      storyIds.push(UserStory.parse(res.json()).id);
    }
  });
  const streams = new AbortController();
  afterAll(async () => {
    streams.abort();
    await app?.close();
    await db?.dispose();
  });

  const open = (payload: object, token = facilitator) => app.inject({ method: 'POST', url: `/api/v1/use-cases/${useCaseId}/vote-rounds`, headers: bearer(token), payload });
  const vote = (code: string, payload: object) => app.inject({ method: 'POST', url: `/api/v1/votes/${code}`, payload });

  it('only a facilitator of the organisation opens a round; options must be stories of the use case', async () => {
    const body = { question: 'Welke prioriteit geef jij aan de user stories?', method: 'points', options: storyIds.map((storyId) => ({ storyId })) };
    expect((await open(body, analyst)).statusCode).toBe(403);
    expect((await open(body, dronten)).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: `/api/v1/use-cases/${useCaseId}/vote-rounds`, payload: body })).statusCode).toBe(401);
    const bad = await open({ ...body, options: [{ storyId: storyIds[0] }, { storyId: '00000000-0000-4000-8000-000000000000' }] });
    expect(Problem.parse(bad.json()).errors?.map((e) => e.path)).toEqual(['body.options.1.storyId']);
  });

  it('runs a points round with three voters from their phones, live over SSE, and refuses votes after closing', async () => {
    const round = VoteRound.parse((await open({ question: 'Welke prioriteit geef jij aan de user stories?', method: 'points', pointsPerVoter: 10, options: [...storyIds.map((storyId) => ({ storyId })), { label: 'Dronten-Zuid als focusgebied' }] })).json());
    expect(round.code).toMatch(/^[A-Z2-9]{6}$/);
    expect(round.options.map((o) => o.key)).toEqual(['a', 'b', 'c']);
    expect(round.options[0]?.label).toMatch(/^Als beleidsadviseur wil ik weten wat het effect/);
    expect(VoteRound.parse((await app.inject({ method: 'GET', url: `/api/v1/votes/${round.code.toLowerCase()}` })).json()).id).toBe(round.id);

    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    // Aborted in afterAll if an expectation fails before the round closes (else close() waits for it).
    const stream = await fetch(`${address}/api/v1/votes/${round.id}/events`, { signal: streams.signal });
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = stream.text().catch(() => '');

    expect((await vote(round.code, { voterId: 'telefoon-anna', nickname: 'Anna', points: { a: 6, b: 4 } })).statusCode).toBe(201);
    expect((await vote(round.code, { voterId: 'telefoon-bram', nickname: 'Bram', points: { b: 10 } })).statusCode).toBe(201);
    const third = await vote(round.code, { voterId: 'telefoon-chris', nickname: 'Chris', points: { a: 2, c: 3 } });
    expect(VoteResults.parse(third.json())).toMatchObject({ voters: 3, tallies: [{ key: 'b', score: 14, voters: 2 }, { key: 'a', score: 8, voters: 2 }, { key: 'c', score: 3, voters: 1 }] });

    const twice = await vote(round.code, { voterId: 'telefoon-anna', nickname: 'Anna', points: { c: 1 } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('TWL_WORKBENCH_ALREADY_VOTED');
    const tooMany = await vote(round.code, { voterId: 'telefoon-dirk', nickname: 'Dirk', points: { a: 11, z: 1 } });
    expect(Problem.parse(tooMany.json()).errors?.map((e) => e.path).sort()).toEqual(['body.points', 'body.points.z']);

    const closed = await app.inject({ method: 'POST', url: `/api/v1/use-cases/${useCaseId}/vote-rounds/${round.id}/close`, headers: bearer(facilitator) });
    expect(closed.json()).toMatchObject({ round: { status: 'closed' }, results: { status: 'closed', voters: 3 } });
    const late = await vote(round.code, { voterId: 'telefoon-eva', nickname: 'Eva', points: { a: 1 } });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('TWL_WORKBENCH_ROUND_CLOSED');

    const events = (await text).split('\n\n').filter((e) => e.startsWith('event: results')).map((e) => VoteResults.parse(JSON.parse(e.split('data: ')[1]!)));
    expect(events.at(-1)).toMatchObject({ status: 'closed', voters: 3, nicknames: ['Anna', 'Bram', 'Chris'] });
    expect(events.some((e) => e.status === 'open' && e.voters > 0)).toBe(true);
    const audit = await db.kysely.selectFrom('audit_log').select('action').where('target_id', '=', round.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['vote-round.open', 'vote.cast', 'vote.cast', 'vote.cast', 'vote-round.close']);
  });

  it('counts a ranking round with Borda scores and keeps results with the use case', async () => {
    const round = VoteRound.parse((await open({ question: 'Rangschik de vraagstukken', method: 'ranking', options: [{ label: 'Gevoelige gebieden' }, { label: 'Evacuatieroutes' }, { label: 'Mobiliteit' }] })).json());
    expect(round.pointsPerVoter).toBeNull();
    await vote(round.code, { voterId: 'voter-0001', nickname: 'A', ranking: ['b', 'a', 'c'] });
    await vote(round.code, { voterId: 'voter-0002', nickname: 'B', ranking: ['b', 'c'] });
    const dup = await vote(round.code, { voterId: 'voter-0003', nickname: 'C', ranking: ['a', 'a'] });
    expect(Problem.parse(dup.json()).errors?.map((e) => e.path)).toEqual(['body.ranking.1']);
    const results = VoteResults.parse((await app.inject({ method: 'GET', url: `/api/v1/votes/${round.id}/results` })).json());
    expect(results.tallies.map((t) => [t.key, t.score])).toEqual([['b', 6], ['c', 3], ['a', 2]]);
    const list = (await app.inject({ method: 'GET', url: `/api/v1/use-cases/${useCaseId}/vote-rounds`, headers: bearer(analyst) })).json() as { rounds: { round: VoteRound }[] };
    expect(list.rounds).toHaveLength(2);
    expect((await app.inject({ method: 'GET', url: '/api/v1/votes/ZZZZZZ' })).statusCode).toBe(404);
  });
});
