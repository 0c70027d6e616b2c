import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppId, BetaTester, Deprecation, DeprecationCreate, OrganisationId, Problem, SemVer, UpdateAvailable } from '@tweeling/core';
import { actorOf } from '../identity/index.js';
import { deprecateRelease, inviteBetaTester, listBetaTesters, removeBetaTester, updatesFor } from './channels.js';
import type { StoreDeps } from './visibility.js';

const AppParams = z.strictObject({ appId: AppId });
const TesterParams = z.strictObject({ appId: AppId, orgId: OrganisationId });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const tags = ['App Store: releases en kanalen'];
const Testers = z.object({ testers: z.array(BetaTester) });

/** Beta testers, deprecations and "update available". */
export const channelRoutes = (): FastifyPluginAsyncZod => async (app) => {
  const deps = (): StoreDeps => ({ db: app.db.kysely, clock: app.clock });

  app.get('/apps/:appId/beta-testers', {
    config: { access: { permission: 'org:admin' } },
    schema: { tags, summary: 'Organisaties die de bètareleases van de app mogen zien en gebruiken (alleen de uitgever)', params: AppParams, response: { 200: Testers, ...errors } },
    handler: async (request) => ({ testers: await listBetaTesters(deps(), request.caller, request.params.appId) }),
  });

  app.put('/apps/:appId/beta-testers/:orgId', {
    config: { access: { permission: 'org:admin' } },
    schema: { tags, summary: 'Een organisatie uitnodigen als bètatester', params: TesterParams, response: { 200: Testers, ...errors } },
    handler: async (request) => ({ testers: await inviteBetaTester(deps(), request.caller, actorOf(request), request.params.appId, request.params.orgId) }),
  });

  app.delete('/apps/:appId/beta-testers/:orgId', {
    config: { access: { permission: 'org:admin' } },
    schema: { tags, summary: 'Een bètatester verwijderen', params: TesterParams, response: { 200: Testers, ...errors } },
    handler: async (request) => ({ testers: await removeBetaTester(deps(), request.caller, actorOf(request), request.params.appId, request.params.orgId) }),
  });

  app.put('/apps/:appId/releases/:version/deprecation', {
    config: { access: { permission: 'org:admin' } },
    schema: {
      tags,
      summary: 'Een release uitfaseren: einddatum en opvolger (alleen de uitgever)',
      description: 'From the sunset date the release takes no new runs (410); recorded runs stay re-runnable so decisions remain reproducible.',
      params: z.strictObject({ appId: AppId, version: SemVer }),
      body: DeprecationCreate,
      response: { 200: Deprecation, ...errors },
    },
    handler: async (request) => deprecateRelease(deps(), request.caller, actorOf(request), request.params.appId, request.params.version, request.body),
  });

  app.get('/organisations/:orgId/updates', {
    config: { access: { permission: 'org:read', orgParam: 'orgId' } },
    schema: { tags, summary: 'Nieuwere releases van apps die de organisatie gebruikt, met wat er veranderde', params: z.strictObject({ orgId: OrganisationId }), response: { 200: z.object({ updates: z.array(UpdateAvailable) }), ...errors } },
    handler: async (request) => ({ updates: await updatesFor(deps(), request.caller, request.params.orgId) }),
  });
};
