import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Accreditation, AccreditationCreate, AppId, CatalogueQuery, CataloguePage, FitCheck, Listing, OrganisationId, Problem, Review, ReviewCreate, SigningKeyInfo, UseCaseIdSchema, UseCaseSummary } from '@tweeling/core';
import { actorOf } from '../identity/index.js';
import { createAccreditation, listAccreditations } from './accreditations.js';
import { searchCatalogue, useCaseCounts } from './catalogue.js';
import { fitCheck } from './fit.js';
import { getListing } from './listing.js';
import { createReview, listReviews } from './reviews.js';
import { listPublicKeys } from './signing.js';
import type { StoreDeps } from './visibility.js';

const AppParams = z.strictObject({ appId: AppId });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const tags = ['App Store'];

/** The store's HTTP API: catalogue, use cases, listings, fit check, reviews and accreditations. */
export const storeRoutes = (options: { secretKey?: string | undefined } = {}): FastifyPluginAsyncZod => async (app) => {
  const secret = options.secretKey ? { secretKey: options.secretKey } : {};
  const deps = (): StoreDeps => ({ db: app.db.kysely, clock: app.clock, ...secret });

  app.get('/apps', {
    config: { access: { public: true } },
    schema: { tags, summary: 'Catalogus: zoeken (NL/EN), filters met aantallen, sorteren', querystring: CatalogueQuery, response: { 200: CataloguePage, 400: Problem } },
    handler: async (request) => searchCatalogue(deps(), request.caller, request.query),
  });

  app.get('/usecases', {
    config: { access: { public: true } },
    schema: { tags, summary: 'De use cases (gedeelde woordenlijst) met het aantal apps', response: { 200: z.object({ useCases: z.array(UseCaseSummary) }) } },
    handler: async (request) => ({ useCases: await useCaseCounts(deps(), request.caller) }),
  });

  app.get('/usecases/:useCaseId/apps', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: 'Welke apps zijn er voor deze use case?',
      params: z.strictObject({ useCaseId: UseCaseIdSchema }),
      querystring: CatalogueQuery.omit({ usecase: true }),
      response: { 200: CataloguePage, 400: Problem },
    },
    handler: async (request) => searchCatalogue(deps(), request.caller, { ...request.query, usecase: request.params.useCaseId }),
  });

  app.get('/apps/:appId', {
    config: { access: { public: true } },
    schema: { tags, summary: 'Storepagina van een app', params: AppParams, response: { 200: Listing, 400: Problem, 404: Problem } },
    handler: async (request) => getListing(deps(), request.caller, request.params.appId),
  });

  app.get('/apps/:appId/fit', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: 'Fit check: werkt de app met de data van de organisatie en deze hardware?',
      description: 'Default: the caller\'s organisation; anonymous callers get public datasets only. Another organisation only for platform administrators.',
      params: AppParams,
      querystring: z.strictObject({ organisation: OrganisationId.optional() }),
      response: { 200: FitCheck, ...errors },
    },
    handler: async (request) => fitCheck(deps(), request.caller, request.params.appId, request.query.organisation),
  });

  app.get('/apps/:appId/reviews', {
    config: { access: { public: true } },
    schema: { tags, summary: 'Beoordelingen door gebruikende organisaties', params: AppParams, response: { 200: z.object({ reviews: z.array(Review) }), 400: Problem, 404: Problem } },
    handler: async (request) => ({ reviews: await listReviews(deps(), request.caller, request.params.appId) }),
  });

  app.post('/apps/:appId/reviews', {
    config: { access: { permission: 'jobs:run' } },
    schema: { tags, summary: 'Beoordeling geven (één per organisatie; alleen na een geslaagde run)', params: AppParams, body: ReviewCreate, response: { 201: Review, ...errors, 409: Problem } },
    handler: async (request, reply) => reply.status(201).send(await createReview(deps(), request.caller, actorOf(request), request.params.appId, request.body)),
  });

  app.get('/apps/:appId/accreditations', {
    config: { access: { public: true } },
    schema: { tags, summary: 'Accreditaties met de status van hun handtekening (valid, invalid, expired)', params: AppParams, response: { 200: z.object({ accreditations: z.array(Accreditation) }), 400: Problem, 404: Problem } },
    handler: async (request) => ({ accreditations: await listAccreditations(deps(), request.caller, request.params.appId) }),
  });

  app.post('/apps/:appId/accreditations', {
    config: { access: { permission: 'accredit' } },
    schema: { tags, summary: 'Accreditatie ondertekenen (Ed25519), door een accrediterende organisatie', params: AppParams, body: AccreditationCreate, response: { 201: Accreditation, ...errors } },
    handler: async (request, reply) => reply.status(201).send(await createAccreditation(deps(), request.caller, actorOf(request), request.params.appId, request.body)),
  });

  app.get('/accreditations/keys', {
    config: { access: { public: true } },
    schema: { tags, summary: 'Publieke sleutels waarmee deze installatie accreditaties ondertekent (Ed25519)', response: { 200: z.object({ keys: z.array(SigningKeyInfo) }) } },
    handler: async () => ({ keys: await listPublicKeys(app.db.kysely) }),
  });
};
