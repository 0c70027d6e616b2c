import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { migrate, openDatabase, type Db } from './db/index.js';
import { seedDemoArea } from './demo-datasets.js';
import { startWorkerProcess } from './runtime/index.js';
import pino from 'pino';
import { seedDemo } from './seed.js';
import { seedDemoWorkbench } from './workbench/index.js';

/** Opens and migrates the database, seeding the demo when configured. */
export async function prepareDatabase(config: Config, log: (message: string) => void): Promise<Db> {
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onPoolError: (error) => log(`database connection lost: ${error.message} (the pool reconnects)`),
  });
  try {
    const applied = await migrate(db);
    if (applied.length > 0) log(`migrations applied: ${applied.join(', ')}`);
    if (config.seedDemo) {
      const seeded = await seedDemo({ db: db.kysely, clock: () => new Date() });
      if (seeded.organisations + seeded.members > 0) log(`demo seeded: ${seeded.organisations} organisations, ${seeded.members} members`);
      const datasets = await seedDemoArea({ db: db.kysely, clock: () => new Date() });
      if (datasets.length > 0) log(`demo area published: ${datasets.join(', ')}`);
      const workbench = await seedDemoWorkbench({ db: db.kysely, clock: () => new Date() });
      if (workbench.useCases > 0) log(`demo use cases seeded: ${workbench.useCases}`);
    }
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

/**
 * `tweeling serve`: database, app, listen, and a graceful shutdown on SIGINT/SIGTERM (stop accepting,
 * finish requests in flight, close the database; forced exit after the shutdown timeout).
 */
export async function serve(config: Config): Promise<FastifyInstance> {
  const started = Date.now();
  const db = await prepareDatabase(config, (message) => console.error(`[tweeling] ${message}`));
  const app = await buildApp({ config, db });
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ engine: db.engine, startupMs: Date.now() - started }, `Tweeling ready on port ${config.port} (${db.engine})`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return app;
}

/** `tweeling worker`: runs jobs from the shared PostgreSQL database until SIGINT/SIGTERM. */
export async function worker(config: Config): Promise<void> {
  const log = pino({ level: config.logLevel });
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, onPoolError: (error) => log.warn({ err: error }, 'database connection lost; the pool reconnects') });
  try {
    await migrate(db);
    const stop = await startWorkerProcess(
      db,
      { appsDir: config.appsDir, concurrency: config.jobConcurrency, perOrganisation: config.jobsPerOrganisation, timeoutS: config.jobTimeoutS, workerMemoryMb: config.workerMemoryMb, staleAfterS: config.jobStaleAfterS, allowPrivateRemotes: config.allowPrivateRemotes, sandbox: config.appSandbox, packagesDir: config.packagesDir },
      log,
    );
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'worker stopping');
      const force = setTimeout(() => process.exit(1), config.shutdownTimeoutMs);
      force.unref();
      stop()
        .then(() => db.close())
        .then(() => process.exit(0), () => process.exit(1));
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  } catch (error) {
    await db.close();
    throw error;
  }
}
