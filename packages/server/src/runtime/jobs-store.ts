import { sql, type Kysely, type Selectable } from 'kysely';
import type { JobInfo, JobStatus, Link, RunRecord } from '@tweeling/core';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { RUNTIME_ERRORS } from './errors.js';

export type JobRow = Selectable<Database['jobs']>;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : undefined);

/** The OGC statusInfo of a job, with absolute links under `base` (`…/api/v1`). */
export function toJobInfo(row: JobRow, base: string): JobInfo {
  const self = `${base}/jobs/${row.id}`;
  const links: Link[] = [
    { href: self, rel: 'self', type: 'application/json', title: 'Deze taak' },
    { href: `${self}/events`, rel: 'monitor', type: 'text/event-stream', title: 'Voortgang (Server-Sent Events)' },
    { href: `${base}/processes/${row.app_id}`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/processes', type: 'application/json', title: 'Proces' },
  ];
  if (row.status === 'successful') links.push({ href: `${self}/results`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/results', type: 'application/json', title: 'Resultaten' });
  if (row.parent_job_id) links.push({ href: `${base}/jobs/${row.parent_job_id}`, rel: 'up', type: 'application/json', title: 'Keten waar deze taak een stap van is' });
  if (row.status === 'successful' || row.status === 'failed') links.push({ href: `${self}/provenance`, rel: 'describedby', type: 'application/json', title: 'Herkomst (W3C PROV)' });
  return {
    jobID: row.id,
    processID: row.app_id,
    type: 'process',
    status: row.status as JobStatus,
    ...(row.message ? { message: row.message } : {}),
    created: iso(row.created_at),
    started: iso(row.started_at),
    finished: iso(row.finished_at),
    updated: iso(row.updated_at),
    progress: row.progress,
    links,
    ...(row.rerun_of ? { rerunOf: row.rerun_of, reproduced: row.reproduced } : {}),
  };
}

/** A job of the caller's organisation. @throws TWL_RUNTIME_JOB_NOT_FOUND (also for other organisations' jobs) */
export async function getJob(db: Kysely<Database>, organisationId: string | null, jobId: string): Promise<JobRow> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
  if (!row || row.organisation_id !== organisationId) throw new TweelingError(RUNTIME_ERRORS.JOB_NOT_FOUND, `Taak ${jobId} bestaat niet (of is niet van uw organisatie).`);
  return row;
}

/** Jobs of an organisation, newest first. */
export async function listJobs(db: Kysely<Database>, organisationId: string, options: { limit: number; status?: JobStatus | undefined; processId?: string | undefined }) {
  let query = db.selectFrom('jobs').selectAll().where('organisation_id', '=', organisationId);
  if (options.status) query = query.where('status', '=', options.status);
  if (options.processId) query = query.where('app_id', '=', options.processId);
  return query.orderBy('created_at', 'desc').limit(options.limit).execute();
}

/** The run record of a finished job of the caller's organisation. */
export async function getRunRecord(db: Kysely<Database>, organisationId: string | null, jobId: string): Promise<RunRecord> {
  await getJob(db, organisationId, jobId);
  const row = await db.selectFrom('run_records').select('record').where('job_id', '=', jobId).executeTakeFirst();
  if (!row) throw new TweelingError(RUNTIME_ERRORS.RECORD_NOT_FOUND, `Taak ${jobId} heeft (nog) geen runrecord; dat komt er als de taak klaar is.`);
  return row.record as RunRecord;
}

/** The job whose outputs include a dataset version, for that version's provenance. */
export async function findGeneratingRun(db: Kysely<Database>, datasetId: string, version: number): Promise<{ jobId: string; appId: string; appVersion: string } | null> {
  const probe = JSON.stringify({ outputs: [{ dataset: datasetId, version }] });
  const row = await db
    .selectFrom('run_records as r')
    .innerJoin('jobs as j', 'j.id', 'r.job_id')
    .select(['j.id', 'j.app_id', 'j.app_version'])
    .where(sql<boolean>`r.record @> ${probe}::jsonb`)
    .executeTakeFirst();
  return row ? { jobId: row.id, appId: row.app_id, appVersion: row.app_version } : null;
}
