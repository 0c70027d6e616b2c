import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MapView, MapViewCreate, Problem, ValueItem, ValueItemCreate, ValueItemUpdate } from '@tweeling/core';
import { actorOf } from '../identity/index.js';
import type { WorkbenchDeps } from './access.js';
import { READ, UseCaseParams, WRITE, errors } from './routes.js';
import * as value from './value.js';

const ItemParams = UseCaseParams.extend({ itemId: z.uuid() });
const ViewParams = UseCaseParams.extend({ viewId: z.uuid() });
const tags = ['Werkbank'];

/** The waardecase and saved map views (gemeenschappelijk operationeel beeld). */
export function valueRoutes(deps: () => WorkbenchDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/use-cases/:useCaseId/value-case', {
      config: { access: READ },
      schema: { tags, summary: 'Waardecase: kosten en baten per belanghebbende op de publieke-waardedriehoek', params: UseCaseParams, response: { 200: z.object({ items: z.array(ValueItem) }), 400: Problem, 404: Problem } },
      handler: async (request) => ({ items: await value.listValueItems(deps(), request.caller, request.params.useCaseId) }),
    });
    app.post('/use-cases/:useCaseId/value-case', {
      config: { access: WRITE },
      schema: { tags, summary: 'Kosten of baten toevoegen aan de waardecase', params: UseCaseParams, body: ValueItemCreate, response: { 201: ValueItem, ...errors } },
      handler: async (request, reply) => reply.status(201).send(await value.addValueItem(deps(), request.caller, actorOf(request), request.params.useCaseId, request.body)),
    });
    app.patch('/use-cases/:useCaseId/value-case/:itemId', {
      config: { access: WRITE },
      schema: { tags, summary: 'Post herzien (bij een retrospectief): gerealiseerd of niet', params: ItemParams, body: ValueItemUpdate, response: { 200: ValueItem, ...errors } },
      handler: async (request) => value.updateValueItem(deps(), request.caller, actorOf(request), request.params.useCaseId, request.params.itemId, request.body),
    });
    app.get('/use-cases/:useCaseId/map-views', {
      config: { access: READ },
      schema: { tags, summary: 'Opgeslagen kaartbeelden (gemeenschappelijk operationeel beeld)', params: UseCaseParams, response: { 200: z.object({ views: z.array(MapView) }), 400: Problem, 404: Problem } },
      handler: async (request) => ({ views: await value.listMapViews(deps(), request.caller, request.params.useCaseId) }),
    });
    app.post('/use-cases/:useCaseId/map-views', {
      config: { access: WRITE },
      schema: { tags, summary: 'Kaartbeeld opslaan: lagen, scenario (run), moment en aantekeningen', params: UseCaseParams, body: MapViewCreate, response: { 201: MapView, ...errors } },
      handler: async (request, reply) => reply.status(201).send(await value.saveMapView(deps(), request.caller, actorOf(request), request.params.useCaseId, request.body)),
    });
    app.get('/use-cases/:useCaseId/map-views/:viewId', {
      config: { access: READ },
      schema: { tags, summary: 'Eén kaartbeeld (de link die iedereen in de workshop opent)', params: ViewParams, response: { 200: MapView, 400: Problem, 404: Problem } },
      handler: async (request) => value.getMapView(deps(), request.caller, request.params.useCaseId, request.params.viewId),
    });
  };
}
