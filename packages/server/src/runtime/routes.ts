import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ExecuteRequest, FINAL_JOB_STATUSES, JobId, JobInfo, JobList, JobStatus, Problem, ProcessDescription, ProcessList, runRecordToProv, type JobStatus as Status } from '@tweeling/core';
import { TweelingError } from '../errors.js';
import { baseUrl } from '../http/negotiation.js';
import { actorOf } from '../identity/index.js';
import { RUNTIME_ERRORS } from './errors.js';
import { getJob, getRunRecord, listJobs, toJobInfo, type JobRow } from './jobs-store.js';
import { assertNotRetired, describeProcess, getRelease, listReleases } from './releases.js';
import type { RuntimeService } from './service.js';
import { submitJob } from './submit.js';

const ProcessParams = z.strictObject({ processId: z.string().min(1).max(100) });
const JobParams = z.strictObject({ jobId: JobId });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const tags = ['Apps uitvoeren: OGC API Processes'];

/** Makes relative hrefs in stored results absolute for this request. */
function absolute(results: unknown, origin: string): unknown {
  if (Array.isArray(results)) return results.map((r) => absolute(r, origin));
  if (results && typeof results === 'object') {
    return Object.fromEntries(Object.entries(results).map(([k, v]) => [k, k === 'href' && typeof v === 'string' && v.startsWith('/') ? `${origin}${v}` : absolute(v, origin)]));
  }
  return results;
}

/** OGC API Processes – Part 1: Core, plus run records, PROV, reruns and live progress. */
export const runtimeRoutes = (runtime: RuntimeService, options: { publicUrl: string | undefined; syncWaitMs: number }): FastifyPluginAsyncZod => async (app) => {
  const origin = (request: Parameters<typeof baseUrl>[0]) => baseUrl(request, options.publicUrl);
  const deps = () => ({ db: app.db.kysely, clock: app.clock });

  app.get('/processes', {
    config: { access: { public: true } },
    schema: { tags, summary: 'Apps die u kunt uitvoeren', response: { 200: ProcessList } },
    handler: async (request) => {
      const base = `${origin(request)}/api/v1`;
      const processes = (await listReleases(app.db.kysely, request.caller)).map((r) => {
        const { inputs: _inputs, outputs: _outputs, ...summary } = describeProcess(r, base);
        return summary;
      });
      return { processes, links: [{ href: `${base}/processes`, rel: 'self', type: 'application/json', title: 'Processen' }] };
    },
  });

  app.get('/processes/:processId', {
    config: { access: { public: true } },
    schema: { tags, summary: 'Procesbeschrijving (invoer en uitvoer als JSON Schema)', params: ProcessParams, querystring: z.object({ lang: z.enum(['nl', 'en']).optional() }), response: { 200: ProcessDescription, 404: Problem } },
    handler: async (request) => describeProcess(await getRelease(app.db.kysely, request.caller, request.params.processId), `${origin(request)}/api/v1`, request.query.lang),
  });

  app.post('/processes/:processId/execution', {
    config: { access: { permission: 'jobs:run' } },
    schema: {
      tags,
      summary: 'App uitvoeren: synchroon, of asynchroon met "Prefer: respond-async" (201 + Location)',
      params: ProcessParams,
      headers: z.looseObject({ prefer: z.string().optional() }),
      body: ExecuteRequest,
      response: { 200: z.record(z.string(), z.unknown()), 201: JobInfo, ...errors, 422: Problem },
    },
    handler: async (request, reply) => {
      const release = await getRelease(app.db.kysely, request.caller, request.params.processId);
      await assertNotRetired(app.db.kysely, release, app.clock().toISOString().slice(0, 10));
      const job = await submitJob(deps(), request.caller, actorOf(request), release, request.body);
      runtime.queue.notify();
      const base = `${origin(request)}/api/v1`;
      const wantsAsync = /respond-async/i.test(request.headers.prefer ?? '');
      const finished = wantsAsync ? null : await runtime.waitForFinal(job.id, options.syncWaitMs);
      if (!finished) {
        reply.header('Location', `${base}/jobs/${job.id}`);
        if (wantsAsync) reply.header('Preference-Applied', 'respond-async');
        return reply.status(201).send(toJobInfo(finished ?? job, base));
      }
      if (finished.status !== 'successful') {
        throw new TweelingError({ ...RUNTIME_ERRORS.JOB_FAILED, status: 422 }, `${finished.message ?? 'De taak is mislukt.'} (taak ${finished.id})`);
      }
      reply.header('Location', `${base}/jobs/${job.id}`);
      return absolute(finished.results ?? {}, origin(request)) as Record<string, unknown>;
    },
  });

  app.get('/jobs', {
    config: { access: { permission: 'org:read' } },
    schema: {
      tags,
      summary: 'Taken van uw organisatie, nieuwste eerst',
      querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100), status: JobStatus.optional(), processID: z.string().max(100).optional() }),
      response: { 200: JobList, ...errors },
    },
    handler: async (request) => {
      const base = `${origin(request)}/api/v1`;
      const rows = await listJobs(app.db.kysely, request.caller.organisationId!, { limit: request.query.limit, status: request.query.status, processId: request.query.processID });
      return { jobs: rows.map((r) => toJobInfo(r, base)), links: [{ href: `${base}/jobs`, rel: 'self', type: 'application/json' }] };
    },
  });

  app.get('/jobs/:jobId', {
    config: { access: { permission: 'org:read' } },
    schema: { tags, summary: 'Status van een taak', params: JobParams, response: { 200: JobInfo, ...errors } },
    handler: async (request) => toJobInfo(await getJob(app.db.kysely, request.caller.organisationId, request.params.jobId), `${origin(request)}/api/v1`),
  });

  app.delete('/jobs/:jobId', {
    config: { access: { permission: 'jobs:run' } },
    schema: { tags, summary: 'Taak annuleren (een afgeronde taak blijft zoals hij is)', params: JobParams, response: { 200: JobInfo, ...errors } },
    handler: async (request) => {
      const job = await runtime.dismiss(request.caller.organisationId, request.params.jobId, actorOf(request));
      return toJobInfo(job, `${origin(request)}/api/v1`);
    },
  });

  app.get('/jobs/:jobId/results', {
    config: { access: { permission: 'org:read' } },
    schema: { tags, summary: 'Resultaten van een geslaagde taak', params: JobParams, response: { 200: z.record(z.string(), z.unknown()), ...errors } },
    handler: async (request) => {
      const job = await getJob(app.db.kysely, request.caller.organisationId, request.params.jobId);
      if (job.status !== 'successful') {
        throw new TweelingError(RUNTIME_ERRORS.RESULTS_NOT_READY, job.status === 'failed' ? `De taak is mislukt: ${job.message ?? ''}` : `De taak is ${job.status}; resultaten komen als hij geslaagd is.`);
      }
      return absolute(job.results ?? {}, origin(request)) as Record<string, unknown>;
    },
  });

  app.get('/jobs/:jobId/record', {
    config: { access: { permission: 'org:read' } },
    schema: { tags, summary: 'Runrecord: app-versie en codehash, invoer, datasetversies, seed, tijden, uitkomsthashes, wie', params: JobParams },
    handler: async (request) => getRunRecord(app.db.kysely, request.caller.organisationId, request.params.jobId),
  });

  app.get('/jobs/:jobId/provenance', {
    config: { access: { permission: 'org:read' } },
    schema: { tags, summary: 'Herkomst als W3C PROV-JSON', params: JobParams },
    handler: async (request) => runRecordToProv(await getRunRecord(app.db.kysely, request.caller.organisationId, request.params.jobId), `${origin(request)}/api/v1`),
  });

  app.post('/jobs/:jobId/rerun', {
    config: { access: { permission: 'jobs:run' } },
    schema: { tags, summary: 'Runrecord opnieuw uitvoeren met dezelfde versies en seed; de nieuwe taak meldt of alle uitkomsten identiek zijn', params: JobParams, response: { 201: JobInfo, ...errors } },
    handler: async (request, reply) => {
      const record = await getRunRecord(app.db.kysely, request.caller.organisationId, request.params.jobId);
      const release = await getRelease(app.db.kysely, request.caller, record.app.id, record.app.version);
      const job = await submitJob(deps(), request.caller, actorOf(request), release, { inputs: record.inputs, seed: record.seed }, { rerunOf: record.jobId });
      runtime.queue.notify();
      const base = `${origin(request)}/api/v1`;
      reply.header('Location', `${base}/jobs/${job.id}`);
      return reply.status(201).send(toJobInfo(job, base));
    },
  });

  app.get('/jobs/:jobId/events', {
    config: { access: { permission: 'org:read' } },
    schema: { tags, summary: 'Live voortgang (Server-Sent Events): status, voortgang, bericht', params: JobParams },
    handler: async (request, reply) => {
      const job = await getJob(app.db.kysely, request.caller.organisationId, request.params.jobId);
      const base = `${origin(request)}/api/v1`;
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-request-id': String(request.id) });
      const send = (row: JobRow) => raw.write(`event: status\ndata: ${JSON.stringify(toJobInfo(row, base))}\n\n`);
      const isFinal = (row: JobRow) => FINAL_JOB_STATUSES.includes(row.status as Status);
      send(job);
      if (isFinal(job)) return raw.end();
      const heartbeat = setInterval(() => raw.write(': bezig\n\n'), 15_000);
      const unsubscribe = runtime.watch(job.id, (row: JobRow) => {
        send(row);
        if (isFinal(row)) close();
      });
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
        raw.end();
      };
      request.raw.on('close', close);
    },
  });
};
