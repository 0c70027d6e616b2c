import type { Kysely } from 'kysely';
import { FINAL_JOB_STATUSES, type JobStatus } from '@tweeling/core';
import { appendAudit, type Actor } from '../audit/index.js';
import type { Database } from '../db/index.js';
import type { JobQueue } from './embedded-queue.js';
import type { JobEvents } from './events.js';
import { getJob, type JobRow } from './jobs-store.js';
import { inspectAppPackage, type PackageInspection, type PackageLimits } from './published.js';

const isFinal = (status: string) => FINAL_JOB_STATUSES.includes(status as JobStatus);
/** How often a watched job is read from the database (for jobs run by other processes). */
const WATCH_POLL_MS = 1_000;

/** What the runtime room offers the rest of the server: the queue, live events, waiting and dismissing. */
export interface RuntimeService {
  queue: JobQueue;
  events: JobEvents;
  /**
   * Calls `listener` with every change of a job: at once from this process's queue, and by polling
   * the database for jobs that other processes (`tweeling worker`) run. Returns the unsubscribe.
   */
  watch(jobId: string, listener: (job: JobRow) => void): () => void;
  /** Resolves with the job once it is final, or null after `timeoutMs`. */
  waitForFinal(jobId: string, timeoutMs: number): Promise<JobRow | null>;
  /** Dismisses a job of the organisation: queued → dismissed, running → stopped and dismissed, final → unchanged. */
  dismiss(organisationId: string | null, jobId: string, actor: Actor): Promise<JobRow>;
  /** Checks a vendor's app package (see published.ts) with this runtime's package folder and memory limit. */
  inspectPackage(bytes: Uint8Array): Promise<PackageInspection>;
}

export function createRuntimeService(deps: { db: Kysely<Database>; clock: () => Date; queue: JobQueue; events: JobEvents; packages: PackageLimits }): RuntimeService {
  const { db, clock, queue, events } = deps;

  function watch(jobId: string, listener: (job: JobRow) => void): () => void {
    let last = '';
    const deliver = (row: JobRow) => {
      const key = `${row.status}|${row.progress}|${row.message ?? ''}`;
      if (key === last) return;
      last = key;
      listener(row);
    };
    const unsubscribe = events.subscribe(jobId, deliver);
    const poll = setInterval(() => {
      void db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirst().then((row) => row && deliver(row), () => undefined);
    }, WATCH_POLL_MS);
    poll.unref();
    return () => {
      clearInterval(poll);
      unsubscribe();
    };
  }

  const waitForFinal = (jobId: string, timeoutMs: number) =>
    new Promise<JobRow | null>((resolve) => {
      let settled = false;
      const finish = (row: JobRow | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        unsubscribe();
        resolve(row);
      };
      const unsubscribe = watch(jobId, (row) => isFinal(row.status) && finish(row));
      const timer = setTimeout(() => finish(null), timeoutMs);
      // The job may have finished before we subscribed.
      void db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirst().then((row) => row && isFinal(row.status) && finish(row), () => undefined);
    });

  async function dismiss(organisationId: string | null, jobId: string, actor: Actor): Promise<JobRow> {
    const job = await getJob(db, organisationId, jobId);
    if (isFinal(job.status)) return job;
    const now = clock();
    const queued = await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('jobs')
        .set({ status: 'dismissed', message: 'Geannuleerd voordat de taak begon', finished_at: now, updated_at: now })
        .where('id', '=', jobId)
        .where('status', '=', 'accepted')
        .returningAll()
        .executeTakeFirst();
      await appendAudit(trx, actor, { action: 'job.dismiss', targetType: 'job', targetId: jobId, organisationId: job.organisation_id }, now);
      return row;
    });
    if (queued) {
      events.publish(queued);
      return queued;
    }
    const final = waitForFinal(jobId, 30_000);
    // Ask whichever worker runs it (it sees the flag at its next heartbeat); stop it now if it runs here.
    await db.updateTable('jobs').set({ cancel_requested: true, message: 'Annuleren gevraagd', updated_at: clock() }).where('id', '=', jobId).where('status', '=', 'running').execute();
    await queue.cancel(jobId);
    return (await final) ?? getJob(db, organisationId, jobId);
  }

  return { queue, events, watch, waitForFinal, dismiss, inspectPackage: (bytes) => inspectAppPackage(deps.packages, bytes) };
}
