import { EventEmitter } from 'node:events';
import type { JobRow } from './jobs-store.js';

/**
 * In-process job updates for Server-Sent Events. With the embedded queue every job runs in this
 * process, so every change passes here.
 */
export class JobEvents {
  private readonly emitter = new EventEmitter();
  constructor() {
    // One listener per open SSE stream; many browsers may watch one workshop's job.
    this.emitter.setMaxListeners(0);
  }
  publish(job: JobRow): void {
    this.emitter.emit(job.id, job);
  }
  subscribe(jobId: string, listener: (job: JobRow) => void): () => void {
    this.emitter.on(jobId, listener);
    return () => this.emitter.off(jobId, listener);
  }
}
