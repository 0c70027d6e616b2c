import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { auditRoutes } from './audit/index.js';
import { dataPlugin } from './data/index.js';
import { dbPlugin, type Db } from './db/index.js';
import { commonRoutes, createOgcRegistry } from './http/common-routes.js';
import { metricsPlugin } from './http/metrics.js';
import { clientErrorHandler, frameworkErrors, registerProblemHandlers } from './http/problem.js';
import { docsCsp, isHttps, securityPlugin } from './http/security.js';
import { findGeneratingRun, runtimePlugin } from './runtime/index.js';
import { identityPlugin } from './identity/index.js';
import { storePlugin } from './store/index.js';
import { VERSION } from './version.js';
import { workbenchPlugin } from './workbench/index.js';

export interface BuildAppOptions {
  config: Config;
  /** An open, migrated database. */
  db: Db;
  /** Close the database when the app closes (default true). */
  closeDb?: boolean;
  /** Clock for services (tests pass a fixed one). */
  clock?: () => Date;
  /** Pino logger options, or false for none (tests). */
  logger?: boolean | { level: string };
  /** Folder with the built web app; default packages/web/dist. */
  webDir?: string;
  /** Extra folders with apps (tests, an operator's own apps), besides APPS_DIR. */
  extraAppDirs?: string[];
}

/** The built web app (Vite output of packages/web; `npm run build` makes it). */
const WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Builds the whole server without listening (tests use `inject`, `serve` calls `listen`). */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 200 },
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', String(request.id));
  });

  app.decorate('clock', options.clock ?? (() => new Date()));
  app.decorate('ogc', createOgcRegistry());
  // Before everything else: headers, CORS and rate limits also apply to refusals.
  await app.register(securityPlugin, { publicUrl: config.publicUrl, corsOrigins: config.corsOrigins, rateLimits: config.rateLimits });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Tweeling API',
        version: VERSION,
        description: 'Open app store en platform voor digitale tweelingen van Nederlandse overheden. Fouten zijn application/problem+json (RFC 9457).',
        license: { name: 'EUPL-1.2', url: 'https://eupl.eu/1.2/nl/' },
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API-token (tweeling token create)' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(dbPlugin, { db: options.db, closeOnShutdown: options.closeDb ?? true });
  await app.register(identityPlugin, {
    // Swagger UI's files and the web app's static files are public and cannot carry our declaration.
    isThirdPartyPublicRoute: (url) => url.startsWith('/api/v1/docs') || !url.startsWith('/api'),
    tokenMaxDays: config.tokenMaxDays,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/v1/docs', staticCSP: true, transformStaticCSP: docsCsp(isHttps(config.publicUrl)) });
  await app.register(metricsPlugin);
  await app.register(commonRoutes({ publicUrl: config.publicUrl, startedAt: Date.now() }), { prefix: '/api/v1' });
  await app.register(auditRoutes, { prefix: '/api/v1' });
  await app.register(dataPlugin, {
    publicUrl: config.publicUrl,
    uploadLimitBytes: config.uploadLimitBytes,
    generatedBy: (datasetId, version) => findGeneratingRun(app.db.kysely, datasetId, version),
  });
  await app.register(runtimePlugin, {
    publicUrl: config.publicUrl,
    appsDir: config.appsDir,
    extraAppDirs: options.extraAppDirs ?? [],
    runJobs: config.runJobs,
    ...(config.jobConcurrency ? { concurrency: config.jobConcurrency } : {}),
    perOrganisation: config.jobsPerOrganisation,
    timeoutS: config.jobTimeoutS,
    workerMemoryMb: config.workerMemoryMb,
    staleAfterS: config.jobStaleAfterS,
    allowPrivateRemotes: config.allowPrivateRemotes,
    sandbox: config.appSandbox,
    packagesDir: config.packagesDir,
    syncWaitMs: config.syncWaitMs,
  });

  await app.register(storePlugin, { publicUrl: config.publicUrl, secretKey: config.secretKey });
  await app.register(workbenchPlugin, { publicUrl: config.publicUrl });

  const webDir = options.webDir ?? WEB_DIR;
  if (existsSync(webDir)) await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false });

  await app.ready();
  return app;
}
