import type { Kysely } from 'kysely';
import { stepInputs, type Caller, type ResolvedDataset, type RunOutput, type RunRecord } from '@tweeling/core';
import type { Actor } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { readChain } from './chains.js';
import type { JobRow } from './jobs-store.js';
import { getRelease, type Release } from './releases.js';
import { submitJob } from './submit.js';

/** What a chain run hands back for its own results and run record. */
export interface ChainRunResult {
  results: Record<string, unknown>;
  outputs: RunOutput[];
  datasets: ResolvedDataset[];
  items: number;
}

export interface ChainRunDeps {
  db: Kysely<Database>;
  clock: () => Date;
  workerId: string;
  /** Runs one step's job in this process and resolves once it is final. */
  runStep(job: JobRow): Promise<void>;
  progress(fraction: number, message: string): void;
}

/** Seed of step `index`: derived from the chain's seed, so a rerun gives every step the same seed. */
const stepSeed = (seed: number, index: number) => (seed + Math.imul(index + 1, 0x9e3779b9)) >>> 0;

/**
 * Runs a chain job: each step as a child job (same organisation, derived seed), in order; a bound
 * input gets the dataset version an earlier step produced. Any step failing fails the chain.
 * @throws Error naming the step that failed
 */
export async function runChain(deps: ChainRunDeps, job: JobRow, release: Release, signal: AbortSignal): Promise<ChainRunResult> {
  const chain = await readChain(release.module);
  const caller: Caller = { anonymous: false, organisationId: job.organisation_id, userId: job.user_id, tokenId: job.token_id, role: 'analyst', permissions: ['org:read', 'jobs:run'] };
  const actor: Actor = { organisationId: job.organisation_id, userId: job.user_id, tokenId: job.token_id, label: `job:${job.id}`, requestId: null };
  const stepResults = new Map<string, { results: Record<string, unknown>; record: RunRecord }>();
  const datasets: ResolvedDataset[] = [];
  for (const [index, step] of chain.steps.entries()) {
    if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('dismissed');
    deps.progress(index / chain.steps.length, `Stap ${index + 1} van ${chain.steps.length}: ${step.process}`);
    const stepRelease = await getRelease(deps.db, caller, step.process);
    const { values, bindings } = stepInputs(step, job.inputs as Record<string, unknown>, stepRelease.manifest);
    for (const [input, binding] of Object.entries(bindings)) {
      const produced = stepResults.get(binding.fromStep)?.results[binding.output] as { dataset?: string; version?: number } | undefined;
      if (!produced?.dataset || !produced.version) throw new Error(`stap ${step.id}: ${binding.fromStep}.${binding.output} leverde geen dataset op`);
      values[input] = { dataset: produced.dataset, version: produced.version };
    }
    const child = await submitJob({ db: deps.db, clock: deps.clock }, caller, actor, stepRelease, { inputs: values, seed: stepSeed(Number(job.seed), index) }, { parent: { jobId: job.id, worker: deps.workerId } });
    await deps.runStep(child);
    const done = await deps.db.selectFrom('jobs').selectAll().where('id', '=', child.id).executeTakeFirstOrThrow();
    if (done.status !== 'successful') throw new Error(`stap ${step.id} (${step.process}) ${done.status === 'dismissed' ? 'is geannuleerd' : `is mislukt: ${done.message ?? ''}`}`);
    const record = (await deps.db.selectFrom('run_records').select('record').where('job_id', '=', child.id).executeTakeFirstOrThrow()).record as RunRecord;
    stepResults.set(step.id, { results: done.results as Record<string, unknown>, record });
    for (const d of record.datasets) if (!datasets.some((x) => x.dataset === d.dataset && x.version === d.version)) datasets.push(d);
  }
  const results: Record<string, unknown> = {};
  const outputs: RunOutput[] = [];
  for (const [id, binding] of Object.entries(chain.outputs)) {
    const step = stepResults.get(binding.fromStep)!;
    results[id] = step.results[binding.output];
    const produced = step.record.outputs.find((o) => o.output === binding.output)!;
    outputs.push({ ...produced, output: id });
  }
  return { results, outputs, datasets, items: 0 };
}
