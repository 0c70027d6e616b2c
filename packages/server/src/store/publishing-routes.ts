import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem, Publication, PublicationDecision, PublicationStatus, ReviewCriterionInfo } from '@tweeling/core';
import { COMMON_ERRORS, TweelingError } from '../errors.js';
import { baseUrl } from '../http/negotiation.js';
import { actorOf } from '../identity/index.js';
import { PACKAGE_LIMITS } from '../runtime/index.js';
import { decidePublication, getPublication, listPublications, publicationPackage, reviewCriteria, submitPublication, type PublishingDeps } from './publishing.js';

const PublicationParams = z.strictObject({ publicationId: z.string().uuid() });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const tags = ['App Store: publiceren en beoordelen'];
/** Media types of an app package (a gzip'd tar). */
const PACKAGE_TYPES = ['application/gzip', 'application/x-gzip', 'application/x-tar+gzip', 'application/octet-stream'];

/**
 * Publishing: vendors submit packages (`tweeling app publish DIR`), the store operator works the
 * review queue against the published criteria. Encapsulated so its package body parser stays here.
 */
export const publishingRoutes = (options: { publicUrl: string | undefined }): FastifyPluginAsyncZod => async (app) => {
  const deps = (): PublishingDeps => ({ db: app.db.kysely, clock: app.clock, inspectPackage: (bytes) => app.runtime.inspectPackage(bytes) });
  const base = (request: Parameters<typeof baseUrl>[0]) => `${baseUrl(request, options.publicUrl)}/api/v1`;

  app.addContentTypeParser(PACKAGE_TYPES, { parseAs: 'buffer', bodyLimit: PACKAGE_LIMITS.compressedBytes }, (_request, body, done) => done(null, body));

  app.get('/review-criteria', {
    config: { access: { public: true } },
    schema: { tags, summary: 'De gepubliceerde criteria waaraan elke release wordt getoetst', response: { 200: z.object({ criteria: z.array(ReviewCriterionInfo) }) } },
    handler: async () => ({ criteria: reviewCriteria() }),
  });

  app.post('/publications', {
    config: { access: { permission: 'org:admin' } },
    schema: {
      tags,
      summary: 'Een app-pakket (gzip-tar met tweeling.app.json) indienen ter beoordeling',
      description: 'Body: the package bytes (Content-Type application/gzip). The manifest must name the caller\'s organisation as publisher; the release waits in the review queue until the store operator approves it.',
      response: { 201: Publication, ...errors, 409: Problem, 413: Problem, 415: Problem },
    },
    handler: async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw new TweelingError(COMMON_ERRORS.UNSUPPORTED_MEDIA_TYPE, `Stuur het pakket als ${PACKAGE_TYPES[0]} (een gzip-tar met tweeling.app.json).`);
      const publication = await submitPublication(deps(), request.caller, actorOf(request), body, base(request));
      return reply.status(201).header('location', publication.links[0]!.href).send(publication);
    },
  });

  app.get('/publications', {
    config: { access: { permission: 'org:read' } },
    schema: {
      tags,
      summary: 'Inzendingen van de eigen organisatie; voor de storebeheerder alle (status=pending: de beoordelingswachtrij)',
      querystring: z.strictObject({ status: PublicationStatus.optional() }),
      response: { 200: z.object({ publications: z.array(Publication) }), ...errors },
    },
    handler: async (request) => ({ publications: await listPublications(deps(), request.caller, request.query.status, base(request)) }),
  });

  app.get('/publications/:publicationId', {
    config: { access: { permission: 'org:read' } },
    schema: { tags, summary: 'Een inzending met haar toetsing', params: PublicationParams, response: { 200: Publication, ...errors } },
    handler: async (request) => getPublication(deps(), request.caller, request.params.publicationId, base(request)),
  });

  app.get('/publications/:publicationId/package', {
    config: { access: { permission: 'org:read' } },
    schema: { tags, summary: 'Het ingediende pakket (voor de beoordelaar en de uitgever)', params: PublicationParams, response: { 200: z.any().describe('application/gzip'), ...errors } },
    handler: async (request, reply) => {
      const { bytes, name } = await publicationPackage(deps(), request.caller, request.params.publicationId, base(request));
      return reply.type('application/gzip').header('content-disposition', `attachment; filename="${name}"`).send(Buffer.from(bytes));
    },
  });

  app.post('/publications/:publicationId/decision', {
    config: { access: { permission: 'platform:admin' } },
    schema: { tags, summary: 'Besluit van de storebeheerder: goedkeuren of afwijzen, met redenen per criterium', params: PublicationParams, body: PublicationDecision, response: { 200: Publication, ...errors, 409: Problem } },
    handler: async (request) => decidePublication(deps(), request.caller, actorOf(request), request.params.publicationId, request.body, base(request)),
  });
};
