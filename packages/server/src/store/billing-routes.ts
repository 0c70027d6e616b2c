import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppId, OrganisationId, Problem, Statement, StatementMonth, Subscription, SubscriptionCreate } from '@tweeling/core';
import { actorOf } from '../identity/index.js';
import { listSubscriptions, monthlyStatement, subscribe, unsubscribe } from './billing.js';
import type { StoreDeps } from './visibility.js';

const OrgParams = z.strictObject({ orgId: OrganisationId });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const tags = ['App Store: abonnementen en afrekening'];

/** Subscriptions and monthly statements of an organisation (its own, or any for platform administrators). */
export const billingRoutes = (): FastifyPluginAsyncZod => async (app) => {
  const deps = (): StoreDeps => ({ db: app.db.kysely, clock: app.clock });

  app.get('/organisations/:orgId/subscriptions', {
    config: { access: { permission: 'org:read', orgParam: 'orgId' } },
    schema: { tags, summary: 'Abonnementen van de organisatie', params: OrgParams, response: { 200: z.object({ subscriptions: z.array(Subscription) }), ...errors } },
    handler: async (request) => ({ subscriptions: await listSubscriptions(deps(), request.params.orgId) }),
  });

  app.post('/organisations/:orgId/subscriptions', {
    config: { access: { permission: 'org:admin', orgParam: 'orgId' } },
    schema: { tags, summary: 'Abonneren op een app', params: OrgParams, body: SubscriptionCreate, response: { 201: Subscription, ...errors, 409: Problem } },
    handler: async (request, reply) => reply.status(201).send(await subscribe(deps(), request.caller, actorOf(request), request.params.orgId, request.body)),
  });

  app.delete('/organisations/:orgId/subscriptions/:appId', {
    config: { access: { permission: 'org:admin', orgParam: 'orgId' } },
    schema: { tags, summary: 'Abonnement beëindigen', params: OrgParams.extend({ appId: AppId }), response: { 200: Subscription, ...errors } },
    handler: async (request) => unsubscribe(deps(), actorOf(request), request.params.orgId, request.params.appId),
  });

  app.get('/organisations/:orgId/statements', {
    config: { access: { permission: 'org:admin', orgParam: 'orgId' } },
    schema: {
      tags,
      summary: 'Maandoverzicht: gemeten runs en abonnementen, geprijsd per release',
      params: OrgParams,
      querystring: z.strictObject({ month: StatementMonth }),
      response: { 200: Statement, ...errors },
    },
    handler: async (request) => monthlyStatement(deps(), request.params.orgId, request.query.month),
  });
};
