import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { installRateLimits, type RateLimits } from './rate-limits.js';
import { apiCsp, helmetOptions, PERMISSIONS_POLICY, webCsp } from './security-headers.js';

export { docsCsp } from './security-headers.js';
export type { RateLimits } from './rate-limits.js';

export interface SecurityOptions {
  publicUrl: string | undefined;
  /** Origins (scheme://host[:port]) whose pages may call the API; `*` for any; empty: same origin only. */
  corsOrigins: string[];
  rateLimits: RateLimits;
}

/** Headers a cross-origin caller may read besides the CORS-safelisted ones. */
const EXPOSED_HEADERS = ['location', 'etag', 'link', 'x-request-id', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'content-crs', 'preference-applied'];

/** Whether the server is reached over https (HSTS and upgrade-insecure-requests only then). */
export const isHttps = (publicUrl: string | undefined) => publicUrl?.startsWith('https://') ?? false;

/**
 * Hardening of every response: security headers (helmet) with a Content-Security-Policy per kind of
 * page, CORS for the configured origins only, and rate limits. Registered before the identity room,
 * so that refusals (401, 403, 429) carry the same headers.
 */
export const securityPlugin = fp<SecurityOptions>(
  async (app: FastifyInstance, options) => {
    const https = isHttps(options.publicUrl);
    await app.register(fastifyHelmet, helmetOptions(https));
    const web = webCsp(https);
    const api = apiCsp();
    app.addHook('onRequest', async (request, reply) => {
      reply.header('content-security-policy', request.url.startsWith('/api/') ? api : web);
      reply.header('permissions-policy', PERMISSIONS_POLICY);
    });

    // @fastify/cors answers preflights from an `OPTIONS *` route, registered before the identity
    // room can see it: declare it public here (with CORS off it answers 404).
    app.addHook('onRoute', (route) => {
      if (route.url === '*' && route.method === 'OPTIONS' && !route.config?.access) route.config = { ...route.config, access: { public: true } };
    });
    const anyOrigin = options.corsOrigins.includes('*');
    await app.register(fastifyCors, {
      origin: anyOrigin ? '*' : options.corsOrigins.length > 0 ? options.corsOrigins : false,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposedHeaders: EXPOSED_HEADERS,
      credentials: false,
      maxAge: 600,
      strictPreflight: true,
    });

    await installRateLimits(app, options.rateLimits);
  },
  { name: 'tweeling-security', fastify: '5.x' },
);
