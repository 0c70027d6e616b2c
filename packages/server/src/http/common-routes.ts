import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConformanceDeclaration, Health, LandingPage, OPENAPI_MEDIA_TYPE, type Link } from '@tweeling/core';
import { migrationStatus } from '../db/index.js';
import { VERSION } from '../version.js';
import { renderResourcePage, sendHtml } from './html.js';
import { baseUrl, wantsHtml } from './negotiation.js';

/** A link a room adds to the landing page (`data`, `processes`, …); `path` is below /api/v1. */
export interface LandingLink {
  rel: string;
  path: string;
  type: string;
  title: string;
}

/** What rooms contribute to the OGC API Common resources. */
export interface OgcRegistry {
  conformance: string[];
  landingLinks: LandingLink[];
}

declare module 'fastify' {
  interface FastifyInstance {
    ogc: OgcRegistry;
  }
}

const COMMON = 'http://www.opengis.net/spec/ogcapi-common-1/1.0/conf';

/** Creates the registry with OGC API Common Part 1 and its own landing-page links. */
export function createOgcRegistry(): OgcRegistry {
  return {
    conformance: [`${COMMON}/core`, `${COMMON}/landing-page`, `${COMMON}/json`, `${COMMON}/html`, `${COMMON}/oas30`],
    landingLinks: [
      { rel: 'service-desc', path: '/openapi.json', type: OPENAPI_MEDIA_TYPE, title: 'OpenAPI-definitie van deze API' },
      { rel: 'service-doc', path: '/docs', type: 'text/html', title: 'Interactieve API-documentatie' },
      { rel: 'conformance', path: '/conformance', type: 'application/json', title: 'Conformiteitsklassen (OGC)' },
    ],
  };
}

const ogcQuery = z.object({ f: z.enum(['json', 'html']).optional().describe('Output format (default json)') });

/** Landing page, conformance, OpenAPI document and health, under /api/v1. */
export function commonRoutes(options: { publicUrl: string | undefined; startedAt: number }): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Algemeen'];
    app.get('/', {
      config: { access: { public: true } },
      schema: { tags, summary: 'Landingspagina (OGC API Common)', querystring: ogcQuery, response: { 200: LandingPage } },
      handler: async (request, reply) => {
        const base = `${baseUrl(request, options.publicUrl)}/api/v1`;
        const links: Link[] = [
          { href: `${base}?f=json`, rel: 'self', type: 'application/json', title: 'Deze pagina (JSON)' },
          { href: `${base}?f=html`, rel: 'alternate', type: 'text/html', title: 'Deze pagina (HTML)' },
          ...app.ogc.landingLinks.map((l) => ({ href: `${base}${l.path}`, rel: l.rel, type: l.type, title: l.title })),
        ];
        const page = {
          title: 'Tweeling',
          description: 'Open app store en platform voor digitale tweelingen van Nederlandse overheden: data, apps en besluiten, herleidbaar.',
          links,
        };
        if (wantsHtml(request)) return sendHtml(reply as never, renderResourcePage(page));
        return page;
      },
    });

    app.get('/conformance', {
      config: { access: { public: true } },
      schema: { tags, summary: 'Conformiteitsklassen', querystring: ogcQuery, response: { 200: ConformanceDeclaration } },
      handler: async (request, reply) => {
        const body = { conformsTo: [...new Set(app.ogc.conformance)] };
        if (wantsHtml(request)) return sendHtml(reply as never, renderResourcePage({ title: 'Conformiteit', body }));
        return body;
      },
    });

    app.get('/openapi.json', {
      config: { access: { public: true } },
      schema: { tags, summary: 'OpenAPI 3-definitie van de hele API' },
      handler: async (_request, reply) => reply.type(`${OPENAPI_MEDIA_TYPE}; charset=utf-8`).send(app.swagger()),
    });

    app.get('/health', {
      config: { access: { public: true } },
      schema: { tags, summary: 'Gezondheid: database bereikbaar, migraties actueel', response: { 200: Health, 503: Health } },
      handler: async (_request, reply) => {
        const health = await checkHealth(app, options.startedAt);
        return reply.status(health.status === 'pass' ? 200 : 503).send(health);
      },
    });
  };
}

async function checkHealth(app: FastifyInstance, startedAt: number): Promise<Health> {
  const uptimeS = (Date.now() - startedAt) / 1000;
  try {
    const status = await migrationStatus(app.db);
    return {
      status: status.current ? 'pass' : 'fail',
      version: VERSION,
      database: { engine: app.db.engine, reachable: true, migrationsApplied: status.applied, migrationsKnown: status.known, migrationsCurrent: status.current },
      uptimeS,
    };
  } catch (error) {
    app.log.warn({ err: error }, 'health check: database unreachable');
    return {
      status: 'fail',
      version: VERSION,
      database: { engine: app.db.engine, reachable: false, migrationsApplied: 0, migrationsKnown: 0, migrationsCurrent: false },
      uptimeS,
    };
  }
}
