import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Problem,
  Stakeholder,
  StakeholderCreate,
  StakeholderUpdate,
  StoryTree,
  StoryTreeNode,
  StoryTreeNodeCreate,
  StoryTreeNodeUpdate,
  UserStory,
  UserStoryCreate,
  UserStoryUpdate,
} from '@tweeling/core';
import { actorOf } from '../identity/index.js';
import type { WorkbenchDeps } from './access.js';
import { READ, UseCaseParams, WRITE, errors } from './routes.js';
import * as stakeholders from './stakeholders.js';
import * as stories from './stories.js';
import * as tree from './story-tree.js';

const StakeholderParams = UseCaseParams.extend({ stakeholderId: z.uuid() });
const StoryParams = UseCaseParams.extend({ storyId: z.uuid() });
const NodeParams = UseCaseParams.extend({ nodeId: z.uuid() });
const tags = ['Werkbank'];
const readErrors = { 400: Problem, 404: Problem };

/** The stakeholder register, user stories and the story tree of a use case. */
export function storyRoutes(deps: () => WorkbenchDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/use-cases/:useCaseId/stakeholders', {
      config: { access: READ },
      schema: { tags, summary: 'Belanghebbenden (invloed/belang-raster)', params: UseCaseParams, response: { 200: z.object({ stakeholders: z.array(Stakeholder) }), ...readErrors } },
      handler: async (request) => ({ stakeholders: await stakeholders.listStakeholders(deps(), request.caller, request.params.useCaseId) }),
    });
    app.post('/use-cases/:useCaseId/stakeholders', {
      config: { access: WRITE },
      schema: { tags, summary: 'Belanghebbende toevoegen', params: UseCaseParams, body: StakeholderCreate, response: { 201: Stakeholder, ...errors } },
      handler: async (request, reply) => reply.status(201).send(await stakeholders.createStakeholder(deps(), request.caller, actorOf(request), request.params.useCaseId, request.body)),
    });
    app.patch('/use-cases/:useCaseId/stakeholders/:stakeholderId', {
      config: { access: WRITE },
      schema: { tags, summary: 'Belanghebbende wijzigen', params: StakeholderParams, body: StakeholderUpdate, response: { 200: Stakeholder, ...errors } },
      handler: async (request) => stakeholders.updateStakeholder(deps(), request.caller, actorOf(request), request.params.useCaseId, request.params.stakeholderId, request.body),
    });
    app.delete('/use-cases/:useCaseId/stakeholders/:stakeholderId', {
      config: { access: WRITE },
      schema: { tags, summary: 'Belanghebbende verwijderen', params: StakeholderParams, response: { 204: z.null(), ...errors } },
      handler: async (request, reply) => {
        await stakeholders.deleteStakeholder(deps(), request.caller, actorOf(request), request.params.useCaseId, request.params.stakeholderId);
        return reply.status(204).send(null);
      },
    });

    app.get('/use-cases/:useCaseId/stories', {
      config: { access: READ },
      schema: { tags, summary: 'User stories', params: UseCaseParams, response: { 200: z.object({ stories: z.array(UserStory) }), ...readErrors } },
      handler: async (request) => ({ stories: await stories.listStories(deps(), request.caller, request.params.useCaseId) }),
    });
    app.post('/use-cases/:useCaseId/stories', {
      config: { access: WRITE },
      schema: { tags, summary: 'User story toevoegen (Als … wil ik … zodat … omdat …)', params: UseCaseParams, body: UserStoryCreate, response: { 201: UserStory, ...errors } },
      handler: async (request, reply) => reply.status(201).send(await stories.createStory(deps(), request.caller, actorOf(request), request.params.useCaseId, request.body)),
    });
    app.patch('/use-cases/:useCaseId/stories/:storyId', {
      config: { access: WRITE },
      schema: { tags, summary: 'User story wijzigen', params: StoryParams, body: UserStoryUpdate, response: { 200: UserStory, ...errors } },
      handler: async (request) => stories.updateStory(deps(), request.caller, actorOf(request), request.params.useCaseId, request.params.storyId, request.body),
    });
    app.delete('/use-cases/:useCaseId/stories/:storyId', {
      config: { access: WRITE },
      schema: { tags, summary: 'User story verwijderen', params: StoryParams, response: { 204: z.null(), ...errors } },
      handler: async (request, reply) => {
        await stories.deleteStory(deps(), request.caller, actorOf(request), request.params.useCaseId, request.params.storyId);
        return reply.status(204).send(null);
      },
    });

    app.get('/use-cases/:useCaseId/story-tree', {
      config: { access: READ },
      schema: { tags, summary: "Verhaalboom: vraag → doelen → KPI's → maatregelen → objecten", params: UseCaseParams, response: { 200: StoryTree, ...readErrors } },
      handler: async (request) => tree.getStoryTree(deps(), request.caller, request.params.useCaseId),
    });
    app.post('/use-cases/:useCaseId/story-tree/nodes', {
      config: { access: WRITE },
      schema: { tags, summary: 'Knoop toevoegen aan de verhaalboom', params: UseCaseParams, body: StoryTreeNodeCreate, response: { 201: StoryTreeNode, ...errors } },
      handler: async (request, reply) => reply.status(201).send(await tree.addNode(deps(), request.caller, actorOf(request), request.params.useCaseId, request.body)),
    });
    app.patch('/use-cases/:useCaseId/story-tree/nodes/:nodeId', {
      config: { access: WRITE },
      schema: { tags, summary: 'Knoop wijzigen (label, streefwaarde, volgorde)', params: NodeParams, body: StoryTreeNodeUpdate, response: { 200: StoryTreeNode, ...errors } },
      handler: async (request) => tree.updateNode(deps(), request.caller, actorOf(request), request.params.useCaseId, request.params.nodeId, request.body),
    });
    app.delete('/use-cases/:useCaseId/story-tree/nodes/:nodeId', {
      config: { access: WRITE },
      schema: { tags, summary: 'Knoop met alles eronder verwijderen', params: NodeParams, response: { 204: z.null(), ...errors } },
      handler: async (request, reply) => {
        await tree.deleteNode(deps(), request.caller, actorOf(request), request.params.useCaseId, request.params.nodeId);
        return reply.status(204).send(null);
      },
    });
  };
}
