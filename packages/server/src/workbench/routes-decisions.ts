import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Decision, DecisionCreate, DecisionDossier, Problem } from '@tweeling/core';
import { sendHtml } from '../http/html.js';
import { actorOf } from '../identity/index.js';
import type { WorkbenchDeps } from './access.js';
import * as decisions from './decisions.js';
import { buildDossier, renderDossierHtml } from './dossier.js';
import { READ, UseCaseParams, WRITE, errors } from './routes.js';

const DecisionParams = UseCaseParams.extend({ decisionId: z.uuid() });
const tags = ['Werkbank'];

/** The decision log and its dossier export (JSON, or printable HTML with `?f=html`). */
export function decisionRoutes(deps: () => WorkbenchDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/use-cases/:useCaseId/decisions', {
      config: { access: READ },
      schema: { tags, summary: 'Besluitenlog', params: UseCaseParams, response: { 200: z.object({ decisions: z.array(Decision) }), 400: Problem, 404: Problem } },
      handler: async (request) => ({ decisions: await decisions.listDecisions(deps(), request.caller, request.params.useCaseId) }),
    });
    app.post('/use-cases/:useCaseId/decisions', {
      config: { access: WRITE },
      schema: { tags, summary: 'Besluit vastleggen met de runs en datasetversies waarop het steunt', params: UseCaseParams, body: DecisionCreate, response: { 201: Decision, ...errors } },
      handler: async (request, reply) => reply.status(201).send(await decisions.recordDecision(deps(), request.caller, actorOf(request), request.params.useCaseId, request.body)),
    });
    app.get('/use-cases/:useCaseId/decisions/:decisionId', {
      config: { access: READ },
      schema: { tags, summary: 'Eén besluit', params: DecisionParams, response: { 200: Decision, 400: Problem, 404: Problem } },
      handler: async (request) => decisions.getDecision(deps(), request.caller, request.params.useCaseId, request.params.decisionId),
    });
    app.get('/use-cases/:useCaseId/decisions/:decisionId/dossier', {
      config: { access: READ },
      schema: {
        tags,
        summary: 'Besluitdossier voor een auditor of rechter: JSON, of afdrukbare HTML met ?f=html',
        params: DecisionParams,
        querystring: z.strictObject({ f: z.enum(['json', 'html']).default('json') }),
        response: { 200: DecisionDossier, 400: Problem, 404: Problem },
      },
      handler: async (request, reply) => {
        const dossier = await buildDossier(deps(), request.caller, request.params.useCaseId, request.params.decisionId);
        if (request.query.f === 'json') return dossier;
        // A string body is sent as is: the HTML form is the same dossier, rendered for print.
        return sendHtml(reply as never, renderDossierHtml(dossier));
      },
    });
  };
}
