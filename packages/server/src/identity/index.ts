import fp from 'fastify-plugin';
import { installAccessControl, type AccessOptions } from './access.js';
import type { ServiceDeps } from './context.js';
import { identityRoutes } from './routes.js';

export { actorOf, type Access, type RouteDeclaration } from './access.js';
export { ANONYMOUS, authenticate, createToken, listTokens, revokeToken, permissionsFor } from './api-tokens.js';
export { rotateToken } from './token-rotation.js';
export { addMember, listMembers, removeMember, updateMemberRole } from './members.js';
export { createOrganisation, getOrganisation, listOrganisations } from './organisations.js';
export { generateToken, hashToken } from './tokens.js';
export { IDENTITY_ERRORS } from './errors.js';
export type { ServiceDeps } from './context.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Dependencies of the identity services (database + clock). */
    identityDeps: () => ServiceDeps;
    clock: () => Date;
  }
}

/**
 * The identity room: deny-by-default access control for every route registered after it, plus the
 * organisation, member and token routes.
 */
export interface IdentityOptions extends AccessOptions {
  /** TOKEN_MAX_DAYS: longest validity of an API token; older tokens are refused. */
  tokenMaxDays?: number;
}

export const identityPlugin = fp<IdentityOptions>(
  async (app, options) => {
    const tokenMaxDays = options.tokenMaxDays;
    app.decorate('identityDeps', () => ({ db: app.db.kysely, clock: app.clock, ...(tokenMaxDays ? { tokenMaxDays } : {}) }));
    installAccessControl(app, () => app.identityDeps(), options);
    await app.register(identityRoutes, { prefix: '/api/v1' });
  },
  { name: 'tweeling-identity', fastify: '5.x', dependencies: ['tweeling-db'] },
);
