/**
 * Worker-thread entry (piscina) for trusted apps: runs one job; progress and log messages go back
 * over the task's MessagePort.
 */
import type { WorkerResult, WorkerTask } from './prefetched.js';
import { runTask } from './run-task.js';

export default async function runJob(task: WorkerTask): Promise<WorkerResult> {
  try {
    return await runTask(task, (message) => task.port.postMessage(message));
  } finally {
    task.port.close();
  }
}
