import { availableParallelism } from 'node:os';
import type { Db } from '../db/index.js';
import { EmbeddedQueue, type AppSandboxOptions } from './embedded-queue.js';
import { JobEvents } from './events.js';
import { installApps, registerReleases } from './registry.js';

export interface WorkerProcessOptions {
  appsDir: string;
  extraAppDirs?: string[];
  concurrency?: number | undefined;
  perOrganisation: number;
  timeoutS: number;
  workerMemoryMb: number;
  staleAfterS: number;
  allowPrivateRemotes: boolean;
  /** Which apps run in a sandbox process (see sandbox.ts). */
  sandbox: AppSandboxOptions;
  /** Where published app packages are unpacked. */
  packagesDir: string;
}

type Log = { info(o: object, m: string): void; warn(o: object | string, m?: string): void; error(o: object, m: string): void };

/**
 * `tweeling worker`: a process that only runs jobs (no HTTP), next to any number of others and of
 * API servers started with RUN_JOBS=false, all on one PostgreSQL database.
 * @returns a function that stops it (running jobs are stopped and failed, or retried when idempotent)
 */
export async function startWorkerProcess(db: Db, options: WorkerProcessOptions, log: Log): Promise<() => Promise<void>> {
  if (db.engine !== 'postgres') {
    throw new Error('tweeling worker needs PostgreSQL (DATABASE_URL): the embedded database belongs to one process, whose server already runs the jobs');
  }
  const warn = (message: string) => log.warn({}, message);
  const installed = await installApps([options.appsDir, ...(options.extraAppDirs ?? [])], warn);
  await registerReleases(db.kysely, installed, warn);
  const queue = new EmbeddedQueue({
    db: db.kysely,
    events: new JobEvents(),
    log,
    clock: () => new Date(),
    concurrency: options.concurrency ?? availableParallelism(),
    perOrganisation: options.perOrganisation,
    timeoutS: options.timeoutS,
    workerMemoryMb: options.workerMemoryMb,
    singleProcess: false,
    staleAfterS: options.staleAfterS,
    allowPrivateRemotes: options.allowPrivateRemotes,
    sandbox: options.sandbox,
    packagesDir: options.packagesDir,
  });
  await queue.start();
  log.info({ apps: installed.map((a) => `${a.manifest.id}@${a.manifest.version}`) }, 'worker started');
  return () => queue.stop();
}
