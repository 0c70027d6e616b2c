import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Caller, DatasetCitation, Decision, DecisionCreate, ProblemFieldError, RunCitation, RunOutput, RunRecord } from '@tweeling/core';
import { appendAudit, type Actor } from '../audit/index.js';
import { getVersion } from '../data/index.js';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { getRunRecord } from '../runtime/jobs-store.js';
import { authorName, editableUseCase, isOwnOrganisation, readableUseCase, requireManager, type WorkbenchDeps } from './access.js';
import { WORKBENCH_ERRORS } from './errors.js';

type DecisionRow = Selectable<Database['workbench_decisions']>;

const dateOnly = (value: Date | string) => (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

/**
 * Pins the run record of each cited job. A job of another organisation is refused with 403 (the
 * issue asks for it explicitly; the job id alone reveals nothing else); unknown jobs are 404.
 */
async function pinRuns(db: Kysely<Database>, caller: Caller, jobIds: string[]): Promise<RunRecord[]> {
  const records: RunRecord[] = [];
  for (const [i, jobId] of jobIds.entries()) {
    const path = `body.runs.${i}`;
    try {
      const record = await getRunRecord(db, caller.organisationId, jobId);
      if (record.status !== 'successful') throw new TweelingError(WORKBENCH_ERRORS.RUN_NOT_CITABLE, `Run ${jobId} is mislukt; een besluit kan alleen op een geslaagde run steunen.`, [{ path, message: 'run is mislukt' }]);
      records.push(record);
    } catch (error) {
      if (!(error instanceof TweelingError) || error.code === WORKBENCH_ERRORS.RUN_NOT_CITABLE.code) throw error;
      if (error.code === 'TWL_RUNTIME_RECORD_NOT_FOUND') throw new TweelingError(WORKBENCH_ERRORS.RUN_NOT_CITABLE, `Run ${jobId} is nog niet klaar.`, [{ path, message: 'run is nog niet klaar' }]);
      const elsewhere = await db.selectFrom('jobs').select('id').where('id', '=', jobId).executeTakeFirst();
      if (elsewhere) throw new TweelingError(WORKBENCH_ERRORS.RUN_FORBIDDEN, `Run ${jobId} is van een andere organisatie; een besluit kan alleen runs van de eigen organisatie aanhalen.`, [{ path, message: 'run van een andere organisatie' }]);
      throw new TweelingError(WORKBENCH_ERRORS.RUN_NOT_CITABLE, `Run ${jobId} bestaat niet.`, [{ path, message: 'run bestaat niet' }]);
    }
  }
  return records;
}

async function pinDatasets(deps: WorkbenchDeps, caller: Caller, refs: DecisionCreate['datasets']): Promise<DatasetCitation[]> {
  const errors: ProblemFieldError[] = [];
  const citations: DatasetCitation[] = [];
  for (const [i, ref] of refs.entries()) {
    const found = await getVersion(deps, caller, ref.dataset, ref.version).catch(() => null);
    if (found) citations.push({ datasetId: ref.dataset, version: ref.version, contentHash: found.contentHash });
    else errors.push({ path: `body.datasets.${i}`, message: 'deze datasetversie bestaat niet of is niet zichtbaar voor u' });
  }
  if (errors.length) throw new TweelingError(WORKBENCH_ERRORS.INVALID_LINK, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  return citations;
}

async function toDecisions(db: Kysely<Database>, rows: DecisionRow[], withRecords: boolean): Promise<Decision[]> {
  const ids = rows.map((r) => r.id);
  const [runs, datasets] = ids.length
    ? await Promise.all([
        db.selectFrom('workbench_decision_runs').selectAll().where('decision_id', 'in', ids).orderBy('ended_at').execute(),
        db.selectFrom('workbench_decision_datasets').selectAll().where('decision_id', 'in', ids).orderBy('dataset_id').execute(),
      ])
    : [[], []];
  return rows.map((r) => ({
    id: r.id,
    useCaseId: r.use_case_id,
    title: r.title,
    rationale: r.rationale,
    alternatives: r.alternatives,
    decidedBy: r.decided_by,
    decidedOn: dateOnly(r.decided_on),
    legalBasis: r.legal_basis,
    supersedes: r.supersedes,
    recordedBy: r.recorded_by,
    createdAt: new Date(r.created_at).toISOString(),
    runs: runs
      .filter((c) => c.decision_id === r.id)
      .map((c): RunCitation => ({
        jobId: c.job_id,
        appId: c.app_id,
        appVersion: c.app_version,
        codeHash: c.code_hash,
        endedAt: new Date(c.ended_at).toISOString(),
        outputs: c.outputs as RunOutput[],
        record: withRecords ? (c.record as RunRecord) : null,
      })),
    datasets: datasets.filter((d) => d.decision_id === r.id).map((d) => ({ datasetId: d.dataset_id, version: d.version, contentHash: d.content_hash })),
  }));
}

/** Decisions of a readable use case, newest first. Pinned run records only for the owning organisation. */
export async function listDecisions(deps: WorkbenchDeps, caller: Caller, useCaseId: string): Promise<Decision[]> {
  const useCase = await readableUseCase(deps.db, caller, useCaseId);
  const rows = await deps.db.selectFrom('workbench_decisions').selectAll().where('use_case_id', '=', useCaseId).orderBy('decided_on', 'desc').orderBy('created_at', 'desc').execute();
  return toDecisions(deps.db, rows, isOwnOrganisation(caller, useCase));
}

/** One decision of a readable use case. @throws TWL_WORKBENCH_DECISION_NOT_FOUND */
export async function getDecision(deps: WorkbenchDeps, caller: Caller, useCaseId: string, id: string): Promise<Decision> {
  const useCase = await readableUseCase(deps.db, caller, useCaseId);
  const row = await deps.db.selectFrom('workbench_decisions').selectAll().where('id', '=', id).where('use_case_id', '=', useCaseId).executeTakeFirst();
  if (!row) throw new TweelingError(WORKBENCH_ERRORS.DECISION_NOT_FOUND, `Besluit ${id} hoort niet bij deze use case.`);
  return (await toDecisions(deps.db, [row], isOwnOrganisation(caller, useCase)))[0]!;
}

/**
 * Records a decision (use-case owner, projectleider or organisation admin). Decisions are never
 * edited: a correction is a new decision that `supersedes` the old one.
 * @throws TWL_WORKBENCH_RUN_FORBIDDEN (403) for a run of another organisation
 * @throws TWL_WORKBENCH_RUN_NOT_CITABLE, TWL_WORKBENCH_INVALID_LINK (400) naming the field
 */
export async function recordDecision(deps: WorkbenchDeps, caller: Caller, actor: Actor, useCaseId: string, input: DecisionCreate): Promise<Decision> {
  return deps.db.transaction().execute(async (trx) => {
    const useCase = await editableUseCase(trx, caller, useCaseId);
    await requireManager(trx, caller, useCaseId, 'Een besluit vastleggen');
    const records = await pinRuns(trx, caller, [...new Set(input.runs)]);
    const datasets = await pinDatasets({ ...deps, db: trx }, caller, input.datasets);
    if (input.supersedes) {
      const earlier = await trx.selectFrom('workbench_decisions').select('id').where('id', '=', input.supersedes).where('use_case_id', '=', useCaseId).executeTakeFirst();
      if (!earlier) throw new TweelingError(WORKBENCH_ERRORS.INVALID_LINK, 'body.supersedes: geen besluit van deze use case', [{ path: 'body.supersedes', message: 'geen besluit van deze use case' }]);
    }
    const now = deps.clock();
    const row = await trx
      .insertInto('workbench_decisions')
      .values({
        id: randomUUID(),
        use_case_id: useCaseId,
        title: input.title,
        rationale: input.rationale,
        alternatives: input.alternatives,
        decided_by: input.decidedBy,
        decided_on: input.decidedOn,
        legal_basis: input.legalBasis,
        supersedes: input.supersedes,
        recorded_by: await authorName(trx, caller),
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (records.length) {
      await trx
        .insertInto('workbench_decision_runs')
        .values(records.map((r) => ({ decision_id: row.id, job_id: r.jobId, app_id: r.app.id, app_version: r.app.version, code_hash: r.app.codeHash, ended_at: r.endedAt, outputs: JSON.stringify(r.outputs), record: JSON.stringify(r) })))
        .execute();
    }
    if (datasets.length) await trx.insertInto('workbench_decision_datasets').values(datasets.map((d) => ({ decision_id: row.id, dataset_id: d.datasetId, version: d.version, content_hash: d.contentHash }))).execute();
    await appendAudit(trx, actor, { action: 'decision.record', targetType: 'decision', targetId: row.id, organisationId: useCase.organisation_id, payload: { ...input, pinned: records.map((r) => ({ jobId: r.jobId, outputs: r.outputs.map((o) => o.hash) })) } }, now);
    return (await toDecisions(trx, [row], true))[0]!;
  });
}
