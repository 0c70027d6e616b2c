/** Jobs of OGC API Processes – Part 1: Core: execute requests, status info, job lists. */
import { z } from 'zod';
import { Link } from './ogc.js';

/** OGC job status codes. */
export const JOB_STATUSES = ['accepted', 'running', 'successful', 'failed', 'dismissed'] as const;
/** Job status (OGC API Processes statusCode). */
export const JobStatus = z.enum(JOB_STATUSES).describe('Job status (OGC API Processes statusCode)');
export type JobStatus = z.infer<typeof JobStatus>;

/** Statuses after which a job never changes again. */
export const FINAL_JOB_STATUSES: readonly JobStatus[] = ['successful', 'failed', 'dismissed'];

/** Job id: a UUID. */
export const JobId = z.uuid().describe('Job id (UUID)');

/** OGC statusInfo: the state of one job (`/jobs/{jobId}`). */
export const JobInfo = z
  .strictObject({
    jobID: JobId,
    processID: z.string().optional().describe('Id of the process (app) the job runs'),
    type: z.literal('process').describe('Always `process` for OGC API Processes jobs'),
    status: JobStatus,
    message: z.string().optional().describe('Latest progress or error message'),
    created: z.iso.datetime().optional().describe('When the job was submitted (ISO 8601, UTC)'),
    started: z.iso.datetime().optional().describe('When the job started running'),
    finished: z.iso.datetime().optional().describe('When the job ended'),
    updated: z.iso.datetime().optional().describe('Last status change or progress report'),
    progress: z.number().int().min(0).max(100).optional().describe('Progress in percent (0–100)'),
    links: z.array(Link).optional().describe('Links: self, results (when successful), provenance'),
    rerunOf: JobId.optional().describe('Tweeling extension: the job whose run record this job re-executes'),
    reproduced: z.boolean().nullable().optional().describe('Tweeling extension, for reruns: every output hash identical to the original (null until finished)'),
  })
  .describe('OGC API Processes job status info');
export type JobInfo = z.infer<typeof JobInfo>;

/** OGC job list (`/jobs`). */
export const JobList = z
  .strictObject({ jobs: z.array(JobInfo), links: z.array(Link) })
  .describe('OGC API Processes job list');
export type JobList = z.infer<typeof JobList>;

/** How one requested output is to be returned. */
export const ExecuteOutput = z
  .strictObject({
    transmissionMode: z.enum(['value', 'reference']).optional().describe('Inline value or a link to it'),
    format: z.strictObject({ mediaType: z.string().describe('Requested media type') }).optional(),
  })
  .describe('Requested output');

/** OGC execute request (body of `POST /processes/{processId}/execution`). */
export const ExecuteRequest = z
  .strictObject({
    inputs: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('Input values by input id; checked against the process description before the job is queued'),
    outputs: z
      .record(z.string(), ExecuteOutput)
      .optional()
      .describe('Outputs to return; all when left out'),
    response: z
      .enum(['raw', 'document'])
      .default('document')
      .describe('`document`: a JSON results document; `raw`: the output itself (single output only)'),
    subscriber: z
      .strictObject({
        successUri: z.url().optional(),
        inProgressUri: z.url().optional(),
        failedUri: z.url().optional(),
      })
      .optional()
      .describe('Callback URLs (OGC Part 1 callback class)'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(0xffffffff)
      .optional()
      .describe('Tweeling extension: seed of the random source (uint32); drawn by the server when left out, always recorded'),
  })
  .describe('OGC API Processes execute request');
export type ExecuteRequest = z.infer<typeof ExecuteRequest>;

/** OGC results document (`/jobs/{jobId}/results`): output values (or links) by output id. */
export const JobResults = z.record(z.string(), z.unknown()).describe('Job results by output id');
export type JobResults = z.infer<typeof JobResults>;
