import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Caller, Permission } from '@tweeling/core';
import type { Actor } from '../audit/index.js';
import { TweelingError } from '../errors.js';
import { ANONYMOUS, authenticate } from './api-tokens.js';
import type { ServiceDeps } from './context.js';
import { IDENTITY_ERRORS } from './errors.js';

/**
 * What a route needs, declared in its `config.access` (deny by default: a route without a
 * declaration makes the server refuse to boot).
 * - `{ public: true }`: anyone, anonymous included; services still filter what each caller may see
 * - `{ authenticated: true }`: any valid token
 * - `{ permission, orgParam? }`: a token whose role grants `permission`; with `orgParam`, the
 *   organisation in that path parameter must be the token's own (platform admins pass everywhere)
 */
export type Access =
  | { public: true }
  | { authenticated: true }
  | { permission: Permission; orgParam?: string };

/** One row of the route table: what every route needs, for tests and documentation. */
export interface RouteDeclaration {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    caller: Caller;
  }
  interface FastifyInstance {
    routeTable: RouteDeclaration[];
  }
}

export interface AccessOptions {
  /**
   * Recognises routes registered by third-party plugins (docs UI, static web files) that cannot
   * carry our declaration and are public by nature.
   */
  isThirdPartyPublicRoute: (url: string) => boolean;
}

/** The audit actor of a request. */
export function actorOf(request: FastifyRequest): Actor {
  const caller = request.caller;
  return {
    organisationId: caller.organisationId,
    userId: caller.userId,
    tokenId: caller.tokenId,
    label: caller.tokenId ? `token:${caller.tokenId}` : 'anonymous',
    requestId: String(request.id),
  };
}

function bearer(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new TweelingError(IDENTITY_ERRORS.TOKEN_INVALID, 'Gebruik de kop "Authorization: Bearer <token>".');
  return match[1];
}

function check(access: Access, caller: Caller, params: unknown): void {
  if ('public' in access) return;
  if (caller.anonymous) throw new TweelingError(IDENTITY_ERRORS.UNAUTHENTICATED, 'Meld u aan met een API-token (Authorization: Bearer <token>).');
  if ('authenticated' in access) return;
  const platformAdmin = caller.permissions.includes('platform:admin');
  if (!caller.permissions.includes(access.permission) && !platformAdmin) {
    throw new TweelingError(IDENTITY_ERRORS.FORBIDDEN, `Uw rol (${caller.role}) geeft geen recht op '${access.permission}'.`);
  }
  if (access.orgParam) {
    const org = (params as Record<string, unknown> | undefined)?.[access.orgParam];
    if (org !== caller.organisationId && !platformAdmin) {
      throw new TweelingError(IDENTITY_ERRORS.FORBIDDEN, 'U hebt alleen toegang tot uw eigen organisatie.');
    }
  }
}

/**
 * Installs deny-by-default authorization: an onRoute hook that refuses routes without an access
 * declaration (and records the route table), and an onRequest hook that resolves the caller and
 * enforces the declaration before anything else runs (so a foreign caller learns nothing from
 * validation errors).
 */
export function installAccessControl(app: FastifyInstance, deps: () => ServiceDeps, options: AccessOptions): void {
  app.decorate('routeTable', [] as RouteDeclaration[]);
  app.decorateRequest('caller', null as unknown as Caller);

  app.addHook('onRoute', (route) => {
    if (route.method === 'HEAD' || (Array.isArray(route.method) && route.method.every((m) => m === 'HEAD'))) return;
    let access = route.config?.access;
    if (!access && options.isThirdPartyPublicRoute(route.url)) {
      access = { public: true };
      route.config = { ...route.config, access };
    }
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} has no access declaration (config.access); every route must declare who may call it`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) app.routeTable.push({ method: String(method), url: route.url, access });
  });

  app.addHook('onRequest', async (request) => {
    const token = bearer(request.headers.authorization);
    request.caller = token === null ? ANONYMOUS : await authenticate(deps(), token);
    if (request.is404) return;
    const access = request.routeOptions.config.access;
    if (!access) throw new TweelingError(IDENTITY_ERRORS.FORBIDDEN, 'Deze route heeft geen toegangsregel.');
    check(access, request.caller, request.params);
  });
}
