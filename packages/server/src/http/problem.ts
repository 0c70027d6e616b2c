import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { PROBLEM_CONTENT_TYPE, type Problem, type ProblemFieldError } from '@tweeling/core';
import { isDatabaseUnavailable } from '../db/index.js';
import { COMMON_ERRORS, TweelingError } from '../errors.js';

const TYPE_BASE = 'https://tweeling.nl/problems/';
/** Seconds a client is asked to wait when the database is unreachable (the pool reconnects by itself). */
const DATABASE_RETRY_AFTER_S = 5;

function send(reply: FastifyReply, request: FastifyRequest, problem: Omit<Problem, 'type' | 'instance' | 'requestId'>) {
  const body: Problem = {
    type: `${TYPE_BASE}${problem.code.toLowerCase().replace(/^twl_/, '').replace(/_/g, '-')}`,
    instance: request.url,
    requestId: String(request.id),
    ...problem,
  };
  return reply.status(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/** Maps Fastify's own client-error codes onto our catalogue. */
const FASTIFY_CODES: Record<string, { code: string; title: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: COMMON_ERRORS.PAYLOAD_TOO_LARGE,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: COMMON_ERRORS.UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: COMMON_ERRORS.VALIDATION,
  FST_ERR_CTP_EMPTY_JSON_BODY: COMMON_ERRORS.VALIDATION,
  FST_ERR_CTP_INVALID_JSON_BODY: COMMON_ERRORS.VALIDATION,
};

function zodIssues(error: FastifyError): ProblemFieldError[] {
  const context = error.validationContext ?? 'body';
  return (error.validation ?? []).map((issue) => {
    const path = String(issue.instancePath ?? '')
      .split('/')
      .filter(Boolean)
      .join('.');
    return { path: path ? `${context}.${path}` : context, message: issue.message ?? 'ongeldig' };
  });
}

/**
 * The one place where errors become responses: every error is application/problem+json.
 * Unknown errors are 500 with a generic detail; the real cause goes to the log with the request id.
 */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | TweelingError, request, reply) => {
    if (error instanceof TweelingError) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      return send(reply, request, {
        code: error.code,
        status: error.status,
        title: error.title,
        detail: error.message,
        ...(error.errors ? { errors: error.errors } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = zodIssues(error);
      return send(reply, request, {
        ...COMMON_ERRORS.VALIDATION,
        detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
        errors,
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return send(reply, request, { ...COMMON_ERRORS.INTERNAL, detail: 'Er ging iets mis bij het opbouwen van het antwoord.' });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_S));
      return send(reply, request, { ...COMMON_ERRORS.UNAVAILABLE, detail: `De database is even niet bereikbaar. Probeer het over ${DATABASE_RETRY_AFTER_S} seconden opnieuw.` });
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      const known = FASTIFY_CODES[error.code];
      return send(reply, request, {
        code: known?.code ?? 'TWL_BAD_REQUEST',
        title: known?.title ?? 'Ongeldig verzoek',
        status,
        detail: error.message,
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    if (status === 503) return send(reply, request, { ...COMMON_ERRORS.UNAVAILABLE, detail: 'Probeer het later opnieuw.' });
    return send(reply, request, { ...COMMON_ERRORS.INTERNAL, detail: 'Er ging iets mis aan onze kant; de fout is gelogd.' });
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, request, {
      ...COMMON_ERRORS.NOT_FOUND,
      detail: `Er is geen ${request.method}-route voor ${request.url.split('?')[0]}.`,
    }),
  );
}

/**
 * Fastify's `frameworkErrors`: a URL that does not decode (`%zz`, invalid UTF-8) or a path segment
 * longer than the router allows is answered before routing; as a problem too, not Fastify's own JSON.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const detail = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'Een deel van het pad is te lang.' : 'De URL is ongeldig: een %-code vormt geen geldige UTF-8.';
  void send(reply, request, { code: 'TWL_BAD_REQUEST', title: 'Ongeldig verzoek', status, detail });
}

/**
 * Fastify's `clientErrorHandler`: requests Node's HTTP parser refuses (headers too large, malformed
 * request lines, conflicting lengths) get a problem document on the socket before it is closed.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Het verzoek kwam niet op tijd binnen.']
      : error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'De headers van het verzoek zijn te groot.']
        : [400, 'Het verzoek is geen geldig HTTP.'];
  if (socket.writable) {
    const body = JSON.stringify({ type: `${TYPE_BASE}bad-request`, title: 'Ongeldig verzoek', status, detail, code: 'TWL_BAD_REQUEST' });
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
