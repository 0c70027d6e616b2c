import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApiToken,
  ApiTokenCreate,
  ApiTokenCreated,
  ApiTokenRotate,
  ApiTokenRotated,
  Caller,
  Member,
  MemberCreate,
  MemberUpdate,
  Organisation,
  OrganisationCreate,
  OrganisationId,
  Problem,
} from '@tweeling/core';
import { actorOf } from './access.js';
import * as tokens from './api-tokens.js';
import * as members from './members.js';
import * as organisations from './organisations.js';
import { rotateToken } from './token-rotation.js';

const OrgParams = z.strictObject({ orgId: OrganisationId });
const MemberParams = OrgParams.extend({ userId: z.string().uuid().describe('User id') });
const TokenParams = OrgParams.extend({ tokenId: z.string().uuid().describe('Token id') });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const tags = ['Identiteit'];

/** Organisations, members, API tokens and "who am I". */
export const identityRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => app.identityDeps();

  app.get('/me', {
    config: { access: { authenticated: true } },
    schema: { tags, summary: 'Wie ben ik: organisatie, rol en rechten van de token', response: { 200: Caller, 401: Problem } },
    handler: async (request) => request.caller,
  });

  app.get('/organisations', {
    config: { access: { public: true } },
    schema: { tags, summary: 'Alle organisaties', response: { 200: z.object({ organisations: z.array(Organisation) }) } },
    handler: async () => ({ organisations: await organisations.listOrganisations(deps()) }),
  });

  app.post('/organisations', {
    config: { access: { permission: 'platform:admin' } },
    schema: { tags, summary: 'Organisatie toevoegen (platformbeheer)', body: OrganisationCreate, response: { 201: Organisation, ...errors } },
    handler: async (request, reply) => reply.status(201).send(await organisations.createOrganisation(deps(), actorOf(request), request.body)),
  });

  app.get('/organisations/:orgId', {
    config: { access: { public: true } },
    schema: { tags, summary: 'Eén organisatie', params: OrgParams, response: { 200: Organisation, 404: Problem } },
    handler: async (request) => organisations.getOrganisation(deps(), request.params.orgId),
  });

  app.get('/organisations/:orgId/members', {
    config: { access: { permission: 'org:read', orgParam: 'orgId' } },
    schema: { tags, summary: 'Leden van de organisatie', params: OrgParams, response: { 200: z.object({ members: z.array(Member) }), ...errors } },
    handler: async (request) => ({ members: await members.listMembers(deps(), request.params.orgId) }),
  });

  app.post('/organisations/:orgId/members', {
    config: { access: { permission: 'org:admin', orgParam: 'orgId' } },
    schema: { tags, summary: 'Lid toevoegen', params: OrgParams, body: MemberCreate, response: { 201: Member, ...errors } },
    handler: async (request, reply) => reply.status(201).send(await members.addMember(deps(), actorOf(request), request.params.orgId, request.body)),
  });

  app.patch('/organisations/:orgId/members/:userId', {
    config: { access: { permission: 'org:admin', orgParam: 'orgId' } },
    schema: { tags, summary: 'Rol van een lid wijzigen', params: MemberParams, body: MemberUpdate, response: { 200: Member, ...errors } },
    handler: async (request) => members.updateMemberRole(deps(), actorOf(request), request.params.orgId, request.params.userId, request.body.role),
  });

  app.delete('/organisations/:orgId/members/:userId', {
    config: { access: { permission: 'org:admin', orgParam: 'orgId' } },
    schema: { tags, summary: 'Lid verwijderen (trekt zijn tokens in)', params: MemberParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await members.removeMember(deps(), actorOf(request), request.params.orgId, request.params.userId);
      return reply.status(204).send(null);
    },
  });

  app.get('/organisations/:orgId/tokens', {
    config: { access: { permission: 'org:admin', orgParam: 'orgId' } },
    schema: { tags, summary: 'API-tokens van de organisatie (zonder geheim)', params: OrgParams, response: { 200: z.object({ tokens: z.array(ApiToken) }), ...errors } },
    handler: async (request) => ({ tokens: await tokens.listTokens(deps(), request.params.orgId) }),
  });

  app.post('/organisations/:orgId/tokens', {
    config: { access: { permission: 'org:admin', orgParam: 'orgId' } },
    schema: { tags, summary: 'API-token maken (het geheim wordt één keer getoond)', params: OrgParams, body: ApiTokenCreate, response: { 201: ApiTokenCreated, ...errors } },
    handler: async (request, reply) => reply.status(201).send(await tokens.createToken(deps(), actorOf(request), request.params.orgId, request.body)),
  });

  app.delete('/organisations/:orgId/tokens/:tokenId', {
    config: { access: { permission: 'org:admin', orgParam: 'orgId' } },
    schema: { tags, summary: 'API-token intrekken', params: TokenParams, response: { 200: ApiToken, ...errors } },
    handler: async (request) => tokens.revokeToken(deps(), actorOf(request), request.params.orgId, request.params.tokenId),
  });

  app.post('/organisations/:orgId/tokens/:tokenId/rotate', {
    config: { access: { permission: 'org:admin', orgParam: 'orgId' } },
    schema: {
      tags,
      summary: 'API-token vervangen door een nieuw geheim (het oude wordt ingetrokken of vervalt na graceMinutes)',
      params: TokenParams,
      body: ApiTokenRotate.nullish().describe('Optional: without a body the old secret is revoked at once'),
      response: { 201: ApiTokenRotated, ...errors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await rotateToken(deps(), actorOf(request), request.params.orgId, request.params.tokenId, ApiTokenRotate.parse(request.body ?? {}))),
  });
};
