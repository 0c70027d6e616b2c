import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Canvas,
  CanvasComment,
  CanvasCommentCreate,
  CanvasConflict,
  CanvasHistory,
  CanvasSection,
  CanvasSectionIdSchema,
  CanvasSectionPut,
  OrganisationId,
  PROBLEM_CONTENT_TYPE,
  Problem,
  UseCase,
  UseCaseCreate,
  UseCaseIdSchema,
  UseCaseList,
  UseCaseStatusChange,
  UseCaseTeamPut,
  UseCaseUpdate,
} from '@tweeling/core';
import { actorOf, type Access } from '../identity/index.js';
import type { WorkbenchDeps } from './access.js';
import * as canvas from './canvas.js';
import { useCaseMarkdown } from './export.js';
import * as useCases from './use-cases.js';

/** Reads are public: services show anonymous callers and other organisations only public use cases. */
export const READ: Access = { public: true };
/**
 * Writes need `jobs:run` (analyst, data-steward, admin): people who work with the twin. A viewer
 * (e.g. a council member) reads only. Services further require the use case to be of the caller's
 * organisation, and team roles for managing it.
 */
export const WRITE: Access = { permission: 'jobs:run' };

export const UseCaseParams = z.strictObject({ useCaseId: z.uuid().describe('Use case id') });
const SectionParams = UseCaseParams.extend({ section: CanvasSectionIdSchema });
export const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const tags = ['Werkbank'];

/** Use cases, their team and phase, and the canvas with its history and comments. */
export function useCaseRoutes(deps: () => WorkbenchDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/use-cases', {
      config: { access: READ },
      schema: {
        tags,
        summary: 'Use cases: openbare en die van de eigen organisatie',
        querystring: z.strictObject({ organisation: OrganisationId.optional(), vocabularyId: UseCaseIdSchema.optional() }),
        response: { 200: UseCaseList, 400: Problem },
      },
      handler: async (request) => ({ useCases: await useCases.listUseCases(deps(), request.caller, { organisationId: request.query.organisation, vocabularyId: request.query.vocabularyId }) }),
    });

    app.post('/use-cases', {
      config: { access: WRITE },
      schema: { tags, summary: 'Use case starten (fase verkennen)', body: UseCaseCreate, response: { 201: UseCase, ...errors } },
      handler: async (request, reply) => reply.status(201).send(await useCases.createUseCase(deps(), request.caller, actorOf(request), request.body)),
    });

    app.get('/use-cases/:useCaseId', {
      config: { access: READ },
      schema: { tags, summary: 'Eén use case', params: UseCaseParams, response: { 200: UseCase, 400: Problem, 404: Problem } },
      handler: async (request) => useCases.getUseCase(deps(), request.caller, request.params.useCaseId),
    });

    app.patch('/use-cases/:useCaseId', {
      config: { access: WRITE },
      schema: { tags, summary: 'Titel, samenvatting, koppeling of zichtbaarheid wijzigen', params: UseCaseParams, body: UseCaseUpdate, response: { 200: UseCase, ...errors } },
      handler: async (request) => useCases.updateUseCase(deps(), request.caller, actorOf(request), request.params.useCaseId, request.body),
    });

    app.put('/use-cases/:useCaseId/status', {
      config: { access: WRITE },
      schema: { tags, summary: 'Naar de volgende (of vorige) fase van de cyclus', params: UseCaseParams, body: UseCaseStatusChange, response: { 200: UseCase, ...errors } },
      handler: async (request) => useCases.changeStatus(deps(), request.caller, actorOf(request), request.params.useCaseId, request.body.status),
    });

    app.put('/use-cases/:useCaseId/team', {
      config: { access: WRITE },
      schema: { tags, summary: 'Usecaseteam en rollen vastleggen', params: UseCaseParams, body: UseCaseTeamPut, response: { 200: UseCase, ...errors } },
      handler: async (request) => useCases.setTeam(deps(), request.caller, actorOf(request), request.params.useCaseId, request.body.team),
    });

    app.get('/use-cases/:useCaseId/export.md', {
      config: { access: READ },
      schema: { tags, summary: 'De hele use case als Markdown (canvas, belanghebbenden, verhaalboom, user stories, besluiten, retrospectieven)', params: UseCaseParams, response: { 200: z.string(), 400: Problem, 404: Problem } },
      handler: async (request, reply) => reply.type('text/markdown; charset=utf-8').send(await useCaseMarkdown(deps(), request.caller, request.params.useCaseId)),
    });

    app.get('/use-cases/:useCaseId/canvas', {
      config: { access: READ },
      schema: { tags, summary: 'Het usecasecanvas: alle delen met hun versie', params: UseCaseParams, response: { 200: Canvas, 400: Problem, 404: Problem } },
      handler: async (request) => canvas.getCanvas(deps(), request.caller, request.params.useCaseId),
    });

    app.get('/use-cases/:useCaseId/canvas/history', {
      config: { access: READ },
      schema: {
        tags,
        summary: 'Wijzigingen van het canvas (wie, wanneer, voor en na per vraag)',
        params: UseCaseParams,
        querystring: z.strictObject({ section: CanvasSectionIdSchema.optional() }),
        response: { 200: CanvasHistory, 400: Problem, 404: Problem },
      },
      handler: async (request) => ({ revisions: await canvas.canvasHistory(deps(), request.caller, request.params.useCaseId, request.query.section) }),
    });

    app.get('/use-cases/:useCaseId/canvas/:section', {
      config: { access: READ },
      schema: { tags, summary: 'Eén canvasdeel', params: SectionParams, response: { 200: CanvasSection, 400: Problem, 404: Problem } },
      handler: async (request) => canvas.getSection(deps(), request.caller, request.params.useCaseId, request.params.section),
    });

    app.put('/use-cases/:useCaseId/canvas/:section', {
      config: { access: WRITE },
      schema: {
        tags,
        summary: 'Canvasdeel bewerken (met de versie waarop de bewerking is gebaseerd; verouderd → 409 met de nieuwere versie)',
        params: SectionParams,
        body: CanvasSectionPut,
        response: { 200: CanvasSection, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: z.union([CanvasConflict, Problem]) },
      },
      handler: async (request, reply) => {
        try {
          return await canvas.putSection(deps(), request.caller, actorOf(request), request.params.useCaseId, request.params.section, request.body);
        } catch (error) {
          if (!(error instanceof canvas.CanvasConflictError)) throw error;
          return reply
            .status(409)
            .type(PROBLEM_CONTENT_TYPE)
            .send({
              type: 'https://tweeling.nl/problems/workbench-canvas-conflict',
              title: error.title,
              status: 409 as const,
              detail: error.message,
              code: error.code,
              instance: request.url,
              requestId: String(request.id),
              current: error.current,
              yours: request.body.content,
            });
        }
      },
    });

    app.get('/use-cases/:useCaseId/canvas/:section/comments', {
      config: { access: READ },
      schema: { tags, summary: 'Opmerkingen bij een canvasdeel', params: SectionParams, response: { 200: z.object({ comments: z.array(CanvasComment) }), 400: Problem, 404: Problem } },
      handler: async (request) => ({ comments: await canvas.listComments(deps(), request.caller, request.params.useCaseId, request.params.section) }),
    });

    app.post('/use-cases/:useCaseId/canvas/:section/comments', {
      config: { access: WRITE },
      schema: { tags, summary: 'Opmerking plaatsen bij een canvasdeel', params: SectionParams, body: CanvasCommentCreate, response: { 201: CanvasComment, ...errors } },
      handler: async (request, reply) =>
        reply.status(201).send(await canvas.addComment(deps(), request.caller, actorOf(request), request.params.useCaseId, request.params.section, request.body.body)),
    });
  };
}
