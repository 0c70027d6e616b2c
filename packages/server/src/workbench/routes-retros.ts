import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ActionUpdate, Lesson, LessonUpdate, Problem, Retrospective, RetrospectiveCreate, RetroAxis, WorkbenchAction } from '@tweeling/core';
import { actorOf } from '../identity/index.js';
import type { WorkbenchDeps } from './access.js';
import * as retros from './retros.js';
import { READ, UseCaseParams, WRITE, errors } from './routes.js';

const ActionParams = UseCaseParams.extend({ actionId: z.uuid() });
const LessonParams = UseCaseParams.extend({ lessonId: z.uuid() });
const tags = ['Werkbank'];

/** Retrospectives, actions and lessons learned (searchable across organisations when shared). */
export function retroRoutes(deps: () => WorkbenchDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/use-cases/:useCaseId/retrospectives', {
      config: { access: READ },
      schema: { tags, summary: 'Retrospectieven met acties en lessen', params: UseCaseParams, response: { 200: z.object({ retrospectives: z.array(Retrospective) }), 400: Problem, 404: Problem } },
      handler: async (request) => ({ retrospectives: await retros.listRetrospectives(deps(), request.caller, request.params.useCaseId) }),
    });
    app.post('/use-cases/:useCaseId/retrospectives', {
      config: { access: WRITE },
      schema: { tags, summary: 'Retrospectief vastleggen op de vier assen, met acties en geleerde lessen', params: UseCaseParams, body: RetrospectiveCreate, response: { 201: Retrospective, ...errors } },
      handler: async (request, reply) => reply.status(201).send(await retros.recordRetrospective(deps(), request.caller, actorOf(request), request.params.useCaseId, request.body)),
    });
    app.get('/use-cases/:useCaseId/actions', {
      config: { access: READ },
      schema: { tags, summary: 'Acties (open eerst, op einddatum)', params: UseCaseParams, response: { 200: z.object({ actions: z.array(WorkbenchAction) }), 400: Problem, 404: Problem } },
      handler: async (request) => ({ actions: await retros.listActions(deps(), request.caller, request.params.useCaseId) }),
    });
    app.patch('/use-cases/:useCaseId/actions/:actionId', {
      config: { access: WRITE },
      schema: { tags, summary: 'Actie bijwerken (status, eigenaar, einddatum)', params: ActionParams, body: ActionUpdate, response: { 200: WorkbenchAction, ...errors } },
      handler: async (request) => retros.updateAction(deps(), request.caller, actorOf(request), request.params.useCaseId, request.params.actionId, request.body),
    });
    app.patch('/use-cases/:useCaseId/lessons/:lessonId', {
      config: { access: WRITE },
      schema: { tags, summary: 'Les delen met alle organisaties (of niet meer)', params: LessonParams, body: LessonUpdate, response: { 200: Lesson, ...errors } },
      handler: async (request) => retros.shareLesson(deps(), request.caller, actorOf(request), request.params.useCaseId, request.params.lessonId, request.body.shared),
    });
    app.get('/lessons', {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Geleerde lessen zoeken: gedeelde lessen van alle organisaties en die van de eigen organisatie',
        querystring: z.strictObject({ q: z.string().trim().max(200).optional(), axis: RetroAxis.optional() }),
        response: { 200: z.object({ lessons: z.array(Lesson) }), 400: Problem, 401: Problem },
      },
      handler: async (request) => ({ lessons: await retros.searchLessons(deps(), request.caller, request.query) }),
    });
  };
}
