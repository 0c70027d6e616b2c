import fp from 'fastify-plugin';

export interface WorkbenchPluginOptions {
  publicUrl: string | undefined;
}

/** The use-case workbench room (use cases, canvas, stakeholders, stories, votes, decisions, retrospectives). */
export const workbenchPlugin = fp<WorkbenchPluginOptions>(
  async () => {
    // Routes arrive with the workbench issue; the room is registered so its tables migrate with the rest.
  },
  { name: 'tweeling-workbench', fastify: '5.x', dependencies: ['tweeling-db', 'tweeling-identity', 'tweeling-runtime'] },
);
