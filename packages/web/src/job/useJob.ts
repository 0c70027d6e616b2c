import { useEffect, useState } from 'react';
import { API, apiFetch, authHeaders } from '../api/client.js';
import type { JobInfo, JobStatus } from '../api/types.js';
import { readEventStream } from '../api/sse.js';

export const FINAL: JobStatus[] = ['successful', 'failed', 'dismissed'];

export interface LogLine {
  at: string;
  status: JobStatus;
  message: string;
  progress: number;
}

export interface JobState {
  job: JobInfo | undefined;
  log: LogLine[];
  error: Error | undefined;
}

/**
 * A job, kept live: GET /jobs/{id}, then the SSE stream of /jobs/{id}/events read with fetch (it carries the
 * Authorization header, which EventSource cannot); if the stream breaks before the job ends, polls instead.
 */
export function useJob(id: string, token: string | null, refresh: number): JobState {
  const [state, setState] = useState<JobState>({ job: undefined, log: [], error: undefined });
  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    let current: JobInfo | undefined;
    const apply = (job: JobInfo) => {
      current = job;
      setState((s) => {
        const last = s.log[s.log.length - 1];
        const message = job.message ?? job.status;
        const changed = !last || last.message !== message || last.status !== job.status || last.progress !== (job.progress ?? 0);
        const line = { at: job.updated ?? new Date().toISOString(), status: job.status, message, progress: job.progress ?? 0 };
        return { job, log: changed ? [...s.log, line] : s.log, error: undefined };
      });
    };
    const poll = async () => {
      while (!controller.signal.aborted && (!current || !FINAL.includes(current.status))) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        if (controller.signal.aborted) return;
        apply(await apiFetch<JobInfo>(`jobs/${encodeURIComponent(id)}`, { token, signal: controller.signal }));
      }
    };
    (async () => {
      apply(await apiFetch<JobInfo>(`jobs/${encodeURIComponent(id)}`, { token, signal: controller.signal }));
      if (current && FINAL.includes(current.status)) return;
      try {
        await readEventStream(
          `${API}/jobs/${encodeURIComponent(id)}/events`,
          authHeaders(token),
          (event) => {
            if (event.event === 'status') apply(JSON.parse(event.data) as JobInfo);
          },
          controller.signal,
        );
      } catch (error) {
        if (controller.signal.aborted) return;
      }
      await poll();
    })().catch((error: unknown) => {
      if (!controller.signal.aborted) setState((s) => ({ ...s, error: error instanceof Error ? error : new Error(String(error)) }));
    });
    return () => controller.abort();
  }, [id, token, refresh]);
  return state;
}
