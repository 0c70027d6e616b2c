import { hostname } from 'node:os';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { sql, type Kysely, type Updateable } from 'kysely';
import { Piscina } from 'piscina';
import type { AppManifest, Caller, RunOutput, RunRecord } from '@tweeling/core';
import { isDatabaseUnavailable, type Database } from '../db/index.js';
import { VERSION } from '../version.js';
import type { JobEvents } from './events.js';
import type { JobRow } from './jobs-store.js';
import { prefetchDatasets } from './prefetch.js';
import type { WorkerResult, WorkerTask } from './prefetched.js';
import type { Release } from './releases.js';
import { buildRunRecord, sameOutputs } from './run-record.js';
import { runChain } from './chain-runner.js';
import { CHAIN_MODULE_PREFIX } from './chains.js';
import { REMOTE_MODULE_PREFIX, runRemote } from './remote.js';
import { storeOutputs } from './store-outputs.js';
import { runInSandbox, sandboxSupport } from './sandbox.js';
import { PACKAGE_MODULE_PREFIX, resolveReleaseModule } from './app-package.js';
import type { TaskMessage } from './run-task.js';

/** Compiled worker entry; src/ and dist/ sit side by side, so this resolves from both. */
const WORKER_FILE = fileURLToPath(new URL('../../dist/runtime/worker.js', import.meta.url));
/** Progress is written to the database at most this often per job (events go out every time). */
const PROGRESS_WRITE_MS = 500;
const POLL_MS = 250;
const MAX_ATTEMPTS = 3;
/** A running job's worker touches it this often … */
const HEARTBEAT_MS = 5_000;


/** The queue contract: embedded (this file) now; pg-boss for many machines later. */
export interface JobQueue {
  start(): Promise<void>;
  /** Wake the scheduler: a job was queued. */
  notify(): void;
  /** Ask a running job to stop; resolves once it has. */
  cancel(jobId: string): Promise<void>;
  stop(): Promise<void>;
}

export interface EmbeddedQueueOptions {
  db: Kysely<Database>;
  events: JobEvents;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void; debug?(o: object, m: string): void };
  clock: () => Date;
  /** Jobs run at once (worker threads). */
  concurrency: number;
  /** Jobs of one organisation that run at once. */
  perOrganisation: number;
  /** A job running longer is stopped and failed. */
  timeoutS: number;
  /** Heap limit of a worker thread; an app that needs more fails its job, the server stays up. */
  workerMemoryMb: number;
  /**
   * Only this process runs jobs on this database (the embedded install): at start, jobs left
   * running by an earlier process on this host are orphans at once, without waiting to go stale.
   */
  singleProcess: boolean;
  /** A running job whose heartbeat (every 5 s) is older than this is taken to be orphaned. */
  staleAfterS: number;
  /** Let remote processes live in private networks (tests, closed networks); off by default (SSRF). */
  allowPrivateRemotes: boolean;
  /** Which apps run in a sandbox process instead of a worker thread (see sandbox.ts). */
  sandbox: AppSandboxOptions;
  /** Where published app packages are unpacked (see app-package.ts). */
  packagesDir: string;
}

export interface AppSandboxOptions {
  /** `third-party`: every app except those under `trustedDirs`; `all`: every app. */
  mode: 'third-party' | 'all';
  /** Folders whose apps ship with the platform (its reviewed reference apps). */
  trustedDirs: string[];
  /** CPU seconds (all threads together) a sandboxed app may use. */
  cpuLimitS: number;
}

/**
 * The database job queue: a durable jobs table in the same database, a scheduler that claims jobs
 * with `FOR UPDATE SKIP LOCKED`, and apps running in worker threads (piscina). In one process it is
 * the embedded queue; on PostgreSQL any number of `tweeling worker` processes on any machines run
 * it side by side, each job claimed exactly once. Running jobs carry a heartbeat; a job whose
 * worker stopped (kill -9, a lost machine) is retried (idempotent apps) or failed with a clear
 * message by whichever worker notices first — never left running.
 */
export class EmbeddedQueue implements JobQueue {
  private readonly pool: Piscina;
  private readonly running = new Map<string, AbortController>();
  private readonly workerId = `${hostname()}:${process.pid}:embedded`;
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private ticking = false;
  private stopped = false;
  /** Only a started queue runs jobs: an API server with RUN_JOBS=false only queues them. */
  private started = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly o: EmbeddedQueueOptions) {
    this.pool = new Piscina({
      filename: WORKER_FILE,
      maxThreads: o.concurrency,
      minThreads: 0,
      idleTimeout: 30_000,
      resourceLimits: { maxOldGenerationSizeMb: o.workerMemoryMb },
      // Apps run plain compiled JS: do not inherit loader flags of the host (test runners, tsx).
      execArgv: [],
    });
  }

  /** Whether a release's code runs in a sandbox process rather than a worker thread. */
  private sandboxed(module: string): boolean {
    const { mode, trustedDirs } = this.o.sandbox;
    return mode === 'all' || module.startsWith(PACKAGE_MODULE_PREFIX) || !trustedDirs.some((dir) => module.startsWith(dir.endsWith(sep) ? dir : dir + sep));
  }

  async start(): Promise<void> {
    this.started = true;
    const { network, prlimit } = sandboxSupport();
    this.o.log.info({ sandbox: this.o.sandbox.mode, network: network ? network.slice(0, 2).join(' ') : 'NOT isolated (unshare not permitted)', limits: prlimit ? 'prlimit' : 'heap and timeout only (no prlimit)' }, 'app sandbox');
    await this.recoverOrphans(true);
    this.timer = setInterval(() => this.notify(), POLL_MS);
    this.timer.unref();
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
    this.notify();
  }

  /** Touches this worker's running jobs and recovers other workers' stale ones. */
  private async beat(): Promise<void> {
    try {
      const live = [...this.running.keys()];
      if (live.length > 0) {
        // Only jobs this worker is really running (and their chain steps): a job whose end could
        // not be written (the database was gone) goes stale and is recovered, never kept alive.
        const touched = await this.o.db
          .updateTable('jobs')
          .set({ heartbeat_at: this.o.clock() })
          .where('status', '=', 'running')
          .where('worker', '=', this.workerId)
          .where((eb) => eb.or([eb('id', 'in', live), eb('parent_job_id', 'in', live)]))
          .returning(['id', 'cancel_requested'])
          .execute();
        // Dismissals asked through another process (an API server) reach the job here.
        for (const job of touched) if (job.cancel_requested) this.running.get(job.id)?.abort(new Error('dismissed'));
      }
      await this.recoverOrphans(false);
    } catch (error) {
      this.o.log.warn({ err: error }, 'job heartbeat failed; retrying');
    }
  }

  notify(): void {
    if (this.ticking || this.stopped || !this.started) return;
    this.ticking = true;
    // A database that cannot be reached (lost connection) must not end the process: log, retry next tick.
    void this.fill()
      .catch((error: unknown) => this.o.log.warn({ err: error }, 'job scheduler: database unreachable; retrying'))
      .finally(() => {
        this.ticking = false;
      });
  }

  async cancel(jobId: string): Promise<void> {
    this.running.get(jobId)?.abort(new Error('dismissed'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearInterval(this.heartbeat);
    for (const controller of this.running.values()) controller.abort(new Error('shutdown'));
    await Promise.allSettled([...this.inFlight]);
    await this.pool.close({ force: true });
  }

  /**
   * Jobs left running by a worker that stopped: at start, this worker's own earlier incarnation
   * (same host, any pid: a single-process install restarts as a new pid) and every stale job.
   */
  private async recoverOrphans(atStart: boolean): Promise<void> {
    const staleBefore = new Date(this.o.clock().getTime() - this.o.staleAfterS * 1000);
    const orphans = await this.o.db.selectFrom('jobs as j').innerJoin('app_releases as r', (j) => j.onRef('r.app_id', '=', 'j.app_id').onRef('r.version', '=', 'j.app_version'))
      .select(['j.id', 'j.attempts', 'r.manifest'])
      .where('j.status', '=', 'running')
      .where((eb) => {
        // Another worker's jobs, or this worker's own that it no longer runs (their end was lost).
        const live = [...this.running.keys()];
        if (live.length === 0) return eb.val(true);
        const ownLost = eb.and([eb('j.id', 'not in', live), eb.or([eb('j.parent_job_id', 'is', null), eb('j.parent_job_id', 'not in', live)])]);
        return eb.or([eb('j.worker', '!=', this.workerId), ownLost]);
      })
      .where((eb) => {
        const stale = eb.or([eb('j.heartbeat_at', '<', staleBefore), eb.and([eb('j.heartbeat_at', 'is', null), eb('j.started_at', '<', staleBefore)])]);
        return atStart && this.o.singleProcess ? eb.or([stale, eb('j.worker', 'like', `${hostname()}:%`)]) : stale;
      })
      .execute();
    for (const orphan of orphans) {
      const idempotent = (orphan.manifest as AppManifest).idempotent === true;
      const now = this.o.clock();
      const retry = idempotent && orphan.attempts < MAX_ATTEMPTS;
      const row = await this.o.db
        .updateTable('jobs')
        .set(retry
          ? { status: 'accepted', message: 'Opnieuw in de wachtrij: de vorige uitvoering stopte onverwacht', progress: 0, updated_at: now }
          : { status: 'failed', message: 'Mislukt: de server of worker stopte tijdens de uitvoering (de app is niet als herhaalbaar gemarkeerd, dus niet opnieuw gestart)', finished_at: now, updated_at: now })
        .where('id', '=', orphan.id)
        .where('status', '=', 'running')
        .returningAll()
        .executeTakeFirst();
      if (!row) continue; // another worker recovered it first
      this.o.events.publish(row);
      this.o.log.warn({ jobId: orphan.id, retry }, 'recovered a job left running');
    }
  }

  private async claim(): Promise<JobRow | undefined> {
    const now = this.o.clock();
    const result = await sql<JobRow>`
      UPDATE jobs SET status = 'running', started_at = ${now}, updated_at = ${now}, heartbeat_at = ${now}, worker = ${this.workerId},
             attempts = attempts + 1, message = 'Gestart'
      WHERE id = (
        SELECT j.id FROM jobs j
        WHERE j.status = 'accepted'
          AND (SELECT count(*) FROM jobs r WHERE r.status = 'running' AND r.organisation_id = j.organisation_id) < ${this.o.perOrganisation}
        ORDER BY j.created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING *`.execute(this.o.db);
    return result.rows[0];
  }

  private async fill(): Promise<void> {
    while (!this.stopped && this.running.size < this.o.concurrency) {
      const job = await this.claim();
      if (!job) return;
      this.o.events.publish(job);
      const controller = new AbortController();
      this.running.set(job.id, controller);
      const done = this.execute(job, controller)
        // The outcome could not be stored (database unreachable): the job is recovered as an orphan later.
        .catch((error: unknown) => this.o.log.warn({ err: error, jobId: job.id }, 'job outcome not stored; it will be recovered'))
        .finally(() => {
          this.running.delete(job.id);
          this.inFlight.delete(done);
          this.notify();
        });
      this.inFlight.add(done);
    }
  }

  private async update(jobId: string, values: Updateable<Database['jobs']>): Promise<JobRow> {
    const row = await this.o.db.updateTable('jobs').set({ ...values, updated_at: this.o.clock() }).where('id', '=', jobId).returningAll().executeTakeFirstOrThrow();
    this.o.events.publish(row);
    return row;
  }

  private async execute(job: JobRow, controller: AbortController): Promise<void> {
    const startedAt = this.o.clock();
    const releaseRow = await this.o.db.selectFrom('app_releases').selectAll().where('app_id', '=', job.app_id).where('version', '=', job.app_version).executeTakeFirstOrThrow();
    const release: Release = { manifest: releaseRow.manifest as AppManifest, codeHash: releaseRow.code_hash, module: releaseRow.module };
    const timeout = setTimeout(() => controller.abort(new Error('timeout')), this.o.timeoutS * 1000);
    let lastWrite = 0;
    try {
      if (release.module.startsWith(CHAIN_MODULE_PREFIX)) {
        const chain = await runChain(
          {
            db: this.o.db,
            clock: this.o.clock,
            workerId: this.workerId,
            runStep: (child) => this.execute(child, controller),
            progress: (fraction, message) => void this.update(job.id, { progress: Math.round(fraction * 100), message }).catch(() => undefined),
          },
          job,
          release,
          controller.signal,
        );
        const result: WorkerResult = { outputs: {}, hashes: {}, results: chain.results, inputs: job.inputs as Record<string, unknown>, datasets: chain.datasets, startedAt: startedAt.toISOString(), endedAt: this.o.clock().toISOString(), busyS: 0 };
        await this.finish(job, release, { result, outputs: chain.outputs, startedAt, items: chain.items }, { status: 'successful', results: chain.results });
        return;
      }
      if (release.module.startsWith(REMOTE_MODULE_PREFIX)) {
        const remote = await runRemote(release.module, job.inputs as Record<string, unknown>, controller.signal, this.o.allowPrivateRemotes, (progress, message) => void this.update(job.id, { progress, message }).catch(() => undefined));
        const result: WorkerResult = { outputs: {}, hashes: remote.hashes, results: remote.results, inputs: job.inputs as Record<string, unknown>, datasets: [], startedAt: startedAt.toISOString(), endedAt: this.o.clock().toISOString(), busyS: 0 };
        const outputs = Object.entries(remote.hashes).map(([output, hash]) => ({ output, kind: 'value' as const, hash }));
        await this.finish(job, release, { result, outputs, startedAt, items: 0 }, { status: 'successful', results: remote.results });
        return;
      }
      const caller: Caller = { anonymous: false, organisationId: job.organisation_id, userId: job.user_id, tokenId: job.token_id, role: 'analyst', permissions: ['org:read', 'jobs:run'] };
      const datasets = await prefetchDatasets(this.o.db, caller, release.manifest, job.inputs as Record<string, unknown>);
      const onMessage = (message: TaskMessage) => {
        if (message.type !== 'progress') return;
        const progress = Math.round((message.fraction ?? 0) * 100);
        const snapshot = { ...job, status: 'running', progress, message: message.message ?? null, updated_at: this.o.clock() };
        this.o.events.publish(snapshot);
        if (Date.now() - lastWrite >= PROGRESS_WRITE_MS) {
          lastWrite = Date.now();
          void this.o.db.updateTable('jobs').set({ progress, message: message.message ?? null, updated_at: this.o.clock() }).where('id', '=', job.id).where('status', '=', 'running').execute().catch(() => undefined);
        }
      };
      const module = await resolveReleaseModule(this.o.db, this.o.packagesDir, release.module);
      const task = { module, inputs: job.inputs as Record<string, unknown>, seed: Number(job.seed), datasets };
      const result = this.sandboxed(release.module)
        ? await runInSandbox(task, {
          manifest: release.manifest,
          memoryMb: this.o.workerMemoryMb,
          cpuLimitS: this.o.sandbox.cpuLimitS,
          signal: controller.signal,
          onMessage,
          onStderr: (text) => this.o.log.debug?.({ jobId: job.id, stderr: text }, 'sandboxed app output'),
        })
        : await this.runInThread(task, controller.signal, onMessage);
      const stored = await storeOutputs({ db: this.o.db, clock: this.o.clock }, job, release.manifest, result, '/api/v1');
      const items = Object.values(datasets).flat().reduce((n, d) => n + (d.kind === 'vector' ? d.features.length : d.grid.width * d.grid.height), 0);
      await this.finish(job, release, { result, outputs: stored.outputs, startedAt, items }, { status: 'successful', results: stored.results });
    } catch (error) {
      const reason = controller.signal.reason as Error | undefined;
      const dismissed = controller.signal.aborted && reason?.message === 'dismissed';
      const message = dismissed
        ? 'Geannuleerd'
        : controller.signal.aborted && reason?.message === 'timeout'
          ? `Mislukt: de taak duurde langer dan ${this.o.timeoutS} s en is gestopt`
          : controller.signal.aborted
            ? 'Mislukt: de server stopte tijdens de uitvoering'
            : `Mislukt: ${(error as Error).message}`;
      if (!dismissed) this.o.log.warn({ jobId: job.id, err: error }, 'job failed');
      await this.finish(job, release, { outputs: [], startedAt, items: 0 }, { status: dismissed ? 'dismissed' : 'failed', message });
    } finally {
      clearTimeout(timeout);
    }
  }

  private async runInThread(task: Omit<WorkerTask, 'port'>, signal: AbortSignal, onMessage: (message: TaskMessage) => void): Promise<WorkerResult> {
    const channel = new MessageChannel();
    channel.port1.on('message', onMessage);
    try {
      return (await this.pool.run({ ...task, port: channel.port2 as unknown as WorkerTask['port'] }, { transferList: [channel.port2 as never], signal })) as WorkerResult;
    } finally {
      channel.port1.close();
    }
  }

  private async finish(
    job: JobRow,
    release: Release,
    run: { result?: WorkerResult; outputs: RunOutput[]; startedAt: Date; items: number },
    outcome: { status: 'successful' | 'failed' | 'dismissed'; results?: Record<string, unknown>; message?: string },
  ): Promise<void> {
    const endedAt = this.o.clock();
    const record = buildRunRecord(job, release, VERSION, { ...run, endedAt });
    let reproduced: boolean | null = null;
    if (job.rerun_of && outcome.status === 'successful') {
      const original = await this.o.db.selectFrom('run_records').select('record').where('job_id', '=', job.rerun_of).executeTakeFirst();
      const originalRecord = original?.record as RunRecord | undefined;
      reproduced = originalRecord ? sameOutputs(originalRecord.outputs, record.outputs) && originalRecord.app.codeHash === record.app.codeHash : false;
    }
    const message = outcome.message ?? (reproduced === null ? 'Klaar' : reproduced ? 'Klaar: alle uitkomsten identiek aan het origineel' : 'Klaar: uitkomsten wijken af van het origineel');
    // Record, usage and final status in one transaction, retried through a short database outage;
    // if it cannot be written, the job goes stale and is recovered (see beat/recoverOrphans).
    const row = await retryWhileUnavailable(() => this.o.db.transaction().execute(async (trx) => {
      if (outcome.status !== 'dismissed') await trx.insertInto('run_records').values({ job_id: job.id, record: JSON.stringify(record) }).execute();
      const wallS = (endedAt.getTime() - run.startedAt.getTime()) / 1000;
      await trx.insertInto('usage_events').values({ job_id: job.id, organisation_id: job.organisation_id, app_id: job.app_id, app_version: job.app_version, cpu_s: run.result?.busyS ?? 0, wall_s: wallS, items: run.items, created_at: endedAt }).execute();
      return trx
        .updateTable('jobs')
        .set({ status: outcome.status, progress: outcome.status === 'successful' ? 100 : job.progress, message, results: outcome.results ? JSON.stringify(outcome.results) : null, finished_at: endedAt, reproduced, updated_at: this.o.clock() })
        .where('id', '=', job.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    }), (attempt) => this.o.log.warn({ jobId: job.id, attempt }, 'database unavailable while ending a job; retrying'));
    this.o.events.publish(row);
  }
}

/** Waits between attempts to end a job while the database is unreachable: about half a minute in all. */
const RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000, 16_000];

async function retryWhileUnavailable<T>(work: () => Promise<T>, onRetry: (attempt: number) => void): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined || !isDatabaseUnavailable(error)) throw error;
      onRetry(attempt + 1);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
