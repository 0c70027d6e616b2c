import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditPage, AuditQuery, OrganisationId, Problem } from '@tweeling/core';
import { listAudit } from './service.js';

/** `GET /organisations/{orgId}/audit` and `GET /audit` (the caller's own organisation). */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['Audit'];
  const response = { 200: AuditPage, 400: Problem, 401: Problem, 403: Problem };

  app.get('/audit', {
    config: { access: { permission: 'org:admin' } },
    schema: { tags, summary: 'Auditlog van uw organisatie, nieuwste eerst', querystring: AuditQuery, response },
    handler: async (request) => listAudit(app.db.kysely, { organisationId: request.caller.organisationId ?? '', ...request.query }),
  });

  app.get('/organisations/:orgId/audit', {
    config: { access: { permission: 'org:admin', orgParam: 'orgId' } },
    schema: { tags, summary: 'Auditlog van een organisatie, nieuwste eerst', params: z.strictObject({ orgId: OrganisationId }), querystring: AuditQuery, response: { ...response, 404: Problem } },
    handler: async (request) => listAudit(app.db.kysely, { organisationId: request.params.orgId, ...request.query }),
  });
};
