/**
 * Workbench: the decision log. A decision names what was decided, why, the alternatives weighed,
 * by whom, when and on which legal basis, and cites the runs and dataset versions it relied on.
 * A citation pins the run record and its output hashes, so it can be checked (and re-run) years later.
 */
import { z } from 'zod';
import { DatasetId, Sha256Hex } from './dataset-ref.js';
import { JobId } from './job.js';
import { RunOutput, RunRecord } from './run-record.js';

export const DecisionCreate = z
  .strictObject({
    title: z.string().trim().min(3).max(300).describe('What was decided'),
    rationale: z.string().trim().min(1).max(10_000).describe('Why: the reasoning, in plain language'),
    alternatives: z.array(z.string().trim().min(1).max(2000)).max(20).default([]).describe('Alternatives that were considered, and why not'),
    decidedBy: z.string().trim().min(1).max(300).describe('By whom, e.g. "college van B&W" or "projectleider wateroverlast"'),
    decidedOn: z.iso.date().describe('Date of the decision (YYYY-MM-DD)'),
    legalBasis: z.string().trim().min(1).max(2000).nullable().default(null).describe('Legal basis, e.g. "Omgevingswet art. 2.1; Waterwet art. 3.5"'),
    runs: z.array(JobId).max(20).default([]).describe('Jobs (runs) the decision relied on; their run records are pinned'),
    datasets: z
      .array(z.strictObject({ dataset: DatasetId, version: z.number().int().positive() }))
      .max(50)
      .default([])
      .describe('Dataset versions the decision relied on'),
    supersedes: z.uuid().nullable().default(null).describe('An earlier decision of this use case that this one replaces (decisions are never edited)'),
  })
  .describe('Record a decision');
export type DecisionCreate = z.infer<typeof DecisionCreate>;

export const RunCitation = z
  .object({
    jobId: JobId,
    appId: z.string(),
    appVersion: z.string(),
    codeHash: Sha256Hex,
    endedAt: z.iso.datetime(),
    outputs: z.array(RunOutput).describe('Outputs with their hashes, as pinned when the decision was recorded'),
    record: RunRecord.nullable().describe('The pinned run record (only for the owning organisation)'),
  })
  .describe('A run a decision relied on');
export type RunCitation = z.infer<typeof RunCitation>;

export const DatasetCitation = z
  .object({ datasetId: DatasetId, version: z.number().int().positive(), contentHash: Sha256Hex })
  .describe('A dataset version a decision relied on');
export type DatasetCitation = z.infer<typeof DatasetCitation>;

export const Decision = z
  .object({
    id: z.uuid(),
    useCaseId: z.uuid(),
    title: z.string(),
    rationale: z.string(),
    alternatives: z.array(z.string()),
    decidedBy: z.string(),
    decidedOn: z.iso.date(),
    legalBasis: z.string().nullable(),
    supersedes: z.uuid().nullable(),
    recordedBy: z.string().describe('Who recorded it in Tweeling'),
    createdAt: z.iso.datetime(),
    runs: z.array(RunCitation),
    datasets: z.array(DatasetCitation),
  })
  .describe('A recorded decision with its citations');
export type Decision = z.infer<typeof Decision>;

export const DecisionDossier = z
  .object({
    generatedAt: z.iso.datetime(),
    useCase: z.object({ id: z.uuid(), title: z.string(), organisationId: z.string(), status: z.string() }),
    decision: Decision,
    verification: z
      .array(z.object({ jobId: JobId, outputsUnchanged: z.boolean().describe('The run record still on file has the pinned output hashes') }))
      .describe('Check of each cited run against the records on file'),
  })
  .describe('Decision dossier: what an auditor or a court needs to follow the decision');
export type DecisionDossier = z.infer<typeof DecisionDossier>;
