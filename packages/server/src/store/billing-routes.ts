import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppId, OrganisationId, Problem, Statement, StatementMonth, Subscription, SubscriptionCreate } from '@tweeling/core';
import { actorOf } from '../identity/index.js';
import { listSubscriptions, monthlyStatement, statementCsv, subscribe, unsubscribe } from './billing.js';
import type { StoreDeps } from './visibility.js';

const OrgParams = z.strictObject({ orgId: OrganisationId });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const tags = ['App Store: abonnementen en afrekening'];

/** Sends CSV text from a route whose 200 schema describes the JSON form (a string payload is sent as is, past the serializer). */
function sendCsv(reply: { type(t: string): { header(k: string, v: string): { send(payload: string): unknown } } }, filename: string, csv: string): void {
  reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv);
}

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
      summary: 'Maandoverzicht: gemeten runs en abonnementen, geprijsd per release (JSON, of CSV met Accept: text/csv)',
      params: OrgParams,
      querystring: z.strictObject({ month: StatementMonth }),
      response: { 200: Statement, ...errors },
    },
    handler: async (request, reply) => {
      const statement = await monthlyStatement(deps(), request.params.orgId, request.query.month);
      if (!/text\/csv/.test(request.headers.accept ?? '')) return statement;
      sendCsv(reply as never, `afrekening-${statement.organisationId}-${statement.month}.csv`, statementCsv(statement));
      return reply;
    },
  });
};
