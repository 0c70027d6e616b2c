import type { RunOutput, RunRecord } from '@tweeling/core';
import type { JobRow } from './jobs-store.js';
import type { WorkerResult } from './prefetched.js';
import type { Release } from './releases.js';

/** Builds the run record of a finished job (successful with outputs, or failed without). */
export function buildRunRecord(job: JobRow, release: Release, engineVersion: string, run: { result?: WorkerResult; outputs: RunOutput[]; startedAt: Date; endedAt: Date }): RunRecord {
  return {
    jobId: job.id,
    parentJobId: job.parent_job_id,
    app: { id: release.manifest.id, version: release.manifest.version, codeHash: release.codeHash },
    inputs: run.result?.inputs ?? (job.inputs as Record<string, unknown>),
    datasets: run.result?.datasets ?? [],
    seed: Number(job.seed),
    engineVersion,
    startedAt: run.startedAt.toISOString(),
    endedAt: run.endedAt.toISOString(),
    status: run.result ? 'successful' : 'failed',
    outputs: run.outputs,
    who: { organisationId: job.organisation_id, userId: job.user_id, tokenId: job.token_id },
  };
}

/** Whether a rerun reproduced the original: same outputs, each with the same hash. */
export function sameOutputs(original: RunOutput[], rerun: RunOutput[]): boolean {
  if (original.length !== rerun.length) return false;
  const byId = new Map(original.map((o) => [o.output, o.hash]));
  return rerun.every((o) => byId.get(o.output) === o.hash);
}
