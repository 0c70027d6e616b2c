import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TweelingError } from '../errors.js';
import { HTTP_ERRORS } from './errors.js';

/** Requests per minute; 0 switches that limit off. */
export interface RateLimits {
  /** Per API token (authenticated requests). */
  perToken: number;
  /** Per client IP address (anonymous requests). */
  perIp: number;
  /** Failed token authentications (unknown, expired or revoked token) per client IP address. */
  authFailuresPerIp: number;
}

const MINUTE_MS = 60_000;

/** Not limited: health, metrics and docs, and the web app's static files (cheap, and a page needs many). */
const exempt = (url: string) => !url.startsWith('/api/') || url.startsWith('/api/v1/health') || url.startsWith('/api/v1/docs');

const ipKey = (request: FastifyRequest) => `ip:${normalizeIP(request.ip)}`;

const tooMany = (detail: string, retryAfterS: number) =>
  new TweelingError(HTTP_ERRORS.RATE_LIMITED, `${detail}; probeer het over ${retryAfterS} s opnieuw.`);

/**
 * In-memory rate limits (per server process) on the API: per token when the request carries a valid
 * token, else per IP address; a 429 problem with Retry-After when exceeded. Failed token
 * authentications count per IP address separately and are refused before the token is even looked
 * up once the limit is reached, so guessing tokens or flooding with junk tokens stays cheap.
 * Must be registered before the identity room: its hook runs first, the per-token check (a
 * route hook) runs after the identity room has resolved the caller.
 */
export async function installRateLimits(app: FastifyInstance, limits: RateLimits): Promise<void> {
  if (limits.perToken === 0 && limits.perIp === 0 && limits.authFailuresPerIp === 0) return;
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    timeWindow: MINUTE_MS,
    cache: 10_000,
    enableDraftSpec: true,
    keyGenerator: (request) => (request.caller?.tokenId ? `token:${request.caller.tokenId}` : ipKey(request)),
    max: (_request, key) => (key.startsWith('token:') ? limits.perToken : limits.perIp),
    allowList: (request, key) => exempt(request.url) || (key.startsWith('token:') ? limits.perToken : limits.perIp) === 0,
    errorResponseBuilder: (request, context) =>
      tooMany(request.caller?.tokenId ? `Meer dan ${context.max} verzoeken per minuut met deze token` : `Meer dan ${context.max} verzoeken per minuut vanaf dit adres`, Math.ceil(context.ttl / 1000)),
  });

  if (limits.authFailuresPerIp === 0) return;
  // allowList: [] so that the global limit's allow list (exemptions, limits set to 0) does not carry over.
  const failures = app.createRateLimit({ keyGenerator: ipKey, max: limits.authFailuresPerIp, timeWindow: MINUTE_MS, allowList: [] });
  app.addHook('onRequest', async (request, reply) => {
    if (!request.headers.authorization) return;
    const state = await failures(request, { increment: false });
    if (state.isAllowed || state.remaining > 0) return;
    reply.header('retry-after', state.ttlInSeconds);
    throw tooMany(`Meer dan ${limits.authFailuresPerIp} mislukte aanmeldingen per minuut vanaf dit adres`, state.ttlInSeconds);
  });
  app.addHook('onResponse', async (request, reply) => {
    // A 401 to a request with a token: the token was unknown, expired or revoked.
    if (reply.statusCode === 401 && request.headers.authorization) await failures(request);
  });
}
