import fp from 'fastify-plugin';
import type { WorkbenchDeps } from './access.js';
import { useCaseRoutes } from './routes.js';
import { decisionRoutes } from './routes-decisions.js';
import { retroRoutes } from './routes-retros.js';
import { storyRoutes } from './routes-stories.js';
import { valueRoutes } from './routes-value.js';
import { voteRoutes } from './routes-votes.js';
import { VoteEvents } from './vote-events.js';

export { WORKBENCH_ERRORS } from './errors.js';
export { seedDemoWorkbench } from './seed.js';
export type { WorkbenchDeps } from './access.js';

export interface WorkbenchPluginOptions {
  publicUrl: string | undefined;
}

/**
 * The use-case workbench room: use cases with their team and phase in the learning cycle, and the
 * use-case canvas (versioned per section, with comments), stakeholders, user stories and the story
 * tree, live prioritisation rounds, the decision log with its dossier, retrospectives with actions
 * and lessons learned, the waardecase and saved map views, and a Markdown export. Routes under `/api/v1`.
 */
export const workbenchPlugin = fp<WorkbenchPluginOptions>(
  async (app) => {
    const deps = (): WorkbenchDeps => ({ db: app.db.kysely, clock: app.clock });
    await app.register(useCaseRoutes(deps), { prefix: '/api/v1' });
    await app.register(storyRoutes(deps), { prefix: '/api/v1' });
    await app.register(voteRoutes(deps, new VoteEvents()), { prefix: '/api/v1' });
    await app.register(decisionRoutes(deps), { prefix: '/api/v1' });
    await app.register(retroRoutes(deps), { prefix: '/api/v1' });
    await app.register(valueRoutes(deps), { prefix: '/api/v1' });
  },
  { name: 'tweeling-workbench', fastify: '5.x', dependencies: ['tweeling-db', 'tweeling-identity', 'tweeling-runtime'] },
);
