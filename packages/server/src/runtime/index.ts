import { availableParallelism } from 'node:os';
import fp from 'fastify-plugin';
import { EmbeddedQueue, type AppSandboxOptions } from './embedded-queue.js';
import { JobEvents } from './events.js';
import { installApps, registerReleases } from './registry.js';
import { remoteRoutes } from './remote-routes.js';
import { runtimeRoutes } from './routes.js';
import { createRuntimeService, type RuntimeService } from './service.js';

export { discoverApps, loadAppFolder, type InstalledApp } from './registry.js';
export { outputDatasetId } from './store-outputs.js';
export { findGeneratingRun } from './jobs-store.js';
export type { RuntimeService } from './service.js';
export type { JobQueue } from './embedded-queue.js';
export { startWorkerProcess, type WorkerProcessOptions } from './worker-process.js';
export { AppPackageError, PACKAGE_LIMITS, PACKAGE_MODULE_PREFIX } from './app-package.js';
export { registerPublishedRelease, storeAppPackage, type PackageInspection } from './published.js';

declare module 'fastify' {
  interface FastifyInstance {
    runtime: RuntimeService;
  }
}

export interface RuntimePluginOptions {
  publicUrl: string | undefined;
  /** Folder with one sub-folder per app (default: the repository's apps/). */
  appsDir: string;
  /** Extra app folders (tests, operators' own apps). */
  extraAppDirs?: string[];
  /** Run jobs in this process (the embedded queue). */
  runJobs: boolean;
  concurrency?: number;
  perOrganisation: number;
  timeoutS: number;
  workerMemoryMb: number;
  /** A running job whose heartbeat is older than this many seconds is taken to be orphaned. */
  staleAfterS: number;
  /** Let remote processes live in private networks (off by default: SSRF). */
  allowPrivateRemotes: boolean;
  /** Which apps run in a sandbox process (see sandbox.ts). */
  sandbox: AppSandboxOptions;
  /** Where published app packages are unpacked (a cache: the packages themselves are in the database). */
  packagesDir: string;
  /** How long a synchronous execution waits before answering 201 with the job. */
  syncWaitMs: number;
}

const PROCESSES = 'http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf';

/** The runtime room: installed apps as OGC processes, jobs, the embedded queue, run records. */
export const runtimePlugin = fp<RuntimePluginOptions>(
  async (app, options) => {
    const warn = (message: string) => app.log.warn(message);
    const installed = await installApps([options.appsDir, ...(options.extraAppDirs ?? [])], warn);
    await registerReleases(app.db.kysely, installed, warn);

    const events = new JobEvents();
    const queue = new EmbeddedQueue({
      db: app.db.kysely,
      events,
      log: app.log,
      clock: app.clock,
      concurrency: options.concurrency ?? availableParallelism(),
      perOrganisation: options.perOrganisation,
      timeoutS: options.timeoutS,
      workerMemoryMb: options.workerMemoryMb,
      singleProcess: app.db.engine === 'pglite',
      staleAfterS: options.staleAfterS,
      allowPrivateRemotes: options.allowPrivateRemotes,
      sandbox: options.sandbox,
      packagesDir: options.packagesDir,
    });
    const runtime = createRuntimeService({ db: app.db.kysely, clock: app.clock, queue, events, packages: { packagesDir: options.packagesDir, memoryMb: options.workerMemoryMb } });
    app.decorate('runtime', runtime);
    if (options.runJobs) {
      app.addHook('onReady', async () => queue.start());
    }
    app.addHook('onClose', async () => queue.stop());

    app.ogc.conformance.push(`${PROCESSES}/core`, `${PROCESSES}/ogc-process-description`, `${PROCESSES}/json`, `${PROCESSES}/oas30`, `${PROCESSES}/job-list`, `${PROCESSES}/dismiss`);
    app.ogc.landingLinks.push(
      { rel: 'http://www.opengis.net/def/rel/ogc/1.0/processes', path: '/processes', type: 'application/json', title: 'Processen (apps, OGC API Processes)' },
      { rel: 'http://www.opengis.net/def/rel/ogc/1.0/job-list', path: '/jobs', type: 'application/json', title: 'Taken' },
    );
    await app.register(runtimeRoutes(runtime, { publicUrl: options.publicUrl, syncWaitMs: options.syncWaitMs }), { prefix: '/api/v1' });
    await app.register(remoteRoutes({ publicUrl: options.publicUrl, allowPrivate: options.allowPrivateRemotes }), { prefix: '/api/v1' });
  },
  { name: 'tweeling-runtime', fastify: '5.x', dependencies: ['tweeling-db', 'tweeling-identity', 'tweeling-data'] },
);
