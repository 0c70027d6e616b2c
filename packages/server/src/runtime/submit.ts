import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { validateProcessInputs, type AppManifest, type Caller, type ExecuteRequest, type ProblemFieldError } from '@tweeling/core';
import { appendAudit, type Actor } from '../audit/index.js';
import { getVersion } from '../data/index.js';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { RUNTIME_ERRORS } from './errors.js';
import type { JobRow } from './jobs-store.js';
import type { Release } from './releases.js';

export interface SubmitDeps {
  db: Kysely<Database>;
  clock: () => Date;
}

const asList = (value: unknown) => (Array.isArray(value) ? value : [value]);

/**
 * Pins every dataset input to a version the caller may read (`{ dataset }` becomes
 * `{ dataset, version }`), so the job and its run record name exactly what was used.
 * @throws 404 for a dataset the caller may not see; 400 for the wrong kind; 501 for URL inputs
 */
async function pinDatasets(deps: SubmitDeps, caller: Caller, manifest: AppManifest, values: Record<string, unknown>): Promise<Record<string, unknown>> {
  const pinned: Record<string, unknown> = { ...values };
  for (const [id, input] of Object.entries(manifest.inputs)) {
    if (!input.dataRequirement || values[id] === undefined) continue;
    const requirement = manifest.dataRequirements[input.dataRequirement]!;
    const refs = await Promise.all(
      asList(values[id]).map(async (ref: { dataset?: string; version?: number; href?: string }) => {
        if (!ref.dataset) throw new TweelingError(RUNTIME_ERRORS.UNSUPPORTED, `${id}: gegevens via een URL (href) worden nog niet ondersteund; gebruik een dataset van dit platform.`);
        const version = await getVersion({ db: deps.db, clock: deps.clock }, caller, ref.dataset, ref.version);
        const kind = version.raster ? 'raster' : 'vector';
        if (kind !== requirement.kind) {
          throw new TweelingError(RUNTIME_ERRORS.INVALID_INPUTS, `${id}: '${ref.dataset}' is een ${kind}-dataset, dit proces vraagt ${requirement.kind}.`, [{ path: `inputs.${id}`, message: `expected a ${requirement.kind} dataset` }]);
        }
        return { dataset: ref.dataset, version: version.version };
      }),
    );
    pinned[id] = Array.isArray(values[id]) ? refs : refs[0];
  }
  return pinned;
}

/**
 * Validates the inputs against the process description, pins dataset versions, and queues the job
 * (with its audit entry, in one transaction). Nothing is queued when anything is wrong.
 * @throws TWL_RUNTIME_INVALID_INPUTS (400) naming every failing input
 */
export async function submitJob(
  deps: SubmitDeps,
  caller: Caller,
  actor: Actor,
  release: Release,
  request: Pick<ExecuteRequest, 'inputs' | 'seed'>,
  options: { rerunOf?: string; parent?: { jobId: string; worker: string } } = {},
): Promise<JobRow> {
  const validation = validateProcessInputs(release.manifest, request.inputs);
  if (!validation.ok) {
    const errors: ProblemFieldError[] = validation.errors.map((e) => ({ path: `inputs.${e.path.replace(/\//g, '.')}`, message: e.message }));
    throw new TweelingError(RUNTIME_ERRORS.INVALID_INPUTS, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  }
  const inputs = await pinDatasets(deps, caller, release.manifest, validation.values);
  const now = deps.clock();
  const organisationId = caller.organisationId!;
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('jobs')
      .values({
        id: randomUUID(),
        app_id: release.manifest.id,
        app_version: release.manifest.version,
        organisation_id: organisationId,
        user_id: caller.userId,
        token_id: caller.tokenId,
        // A chain step is run at once by the chain's worker, never picked from the queue.
        status: options.parent ? 'running' : 'accepted',
        message: options.parent ? 'Gestart als stap van een keten' : 'In de wachtrij',
        parent_job_id: options.parent?.jobId ?? null,
        worker: options.parent?.worker ?? null,
        started_at: options.parent ? now : null,
        heartbeat_at: options.parent ? now : null,
        inputs: JSON.stringify(inputs),
        seed: request.seed ?? randomInt(0, 0xffffffff),
        rerun_of: options.rerunOf ?? null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: options.rerunOf ? 'job.rerun' : 'job.create', targetType: 'job', targetId: row.id, organisationId, payload: { process: release.manifest.id, version: release.manifest.version, inputs, seed: row.seed } }, now);
    return row;
  });
}
