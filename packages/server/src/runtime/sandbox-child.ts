/**
 * Entry of a sandbox process (see sandbox.ts): receives one task over IPC, runs the app, sends back
 * its progress, then the result or the error, and exits. Nothing else crosses the channel.
 */
import { pathToFileURL } from 'node:url';
import type { WorkerResult, WorkerTask } from './prefetched.js';
import { runTask, type TaskMessage } from './run-task.js';

/** What a sandbox process sends its host. */
export type SandboxReply =
  | TaskMessage
  | { type: 'result'; result: WorkerResult }
  | { type: 'inspected'; app: { tweelingApp: boolean; id?: string; version?: string } }
  | { type: 'error'; error: { message: string; code?: string | undefined; permission?: string | undefined; resource?: string | undefined } };

/** What a host asks of a sandbox process: run a job, or only load the app and say what it declares. */
export type SandboxRequest = { type: 'task'; task: Omit<WorkerTask, 'port'> } | { type: 'inspect'; module: string };

const send = (reply: SandboxReply): Promise<void> =>
  new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(reply, undefined, {}, () => resolve());
  });

async function fail(error: unknown): Promise<never> {
  const e = error as NodeJS.ErrnoException & { permission?: string; resource?: string };
  await send({ type: 'error', error: { message: String(e?.message ?? error), code: e?.code, permission: e?.permission, resource: e?.resource } });
  process.exit(1);
}

process.on('uncaughtException', (error) => void fail(error));
process.on('unhandledRejection', (error) => void fail(error));
// The host went away: nothing can receive the result any more.
process.on('disconnect', () => process.exit(1));

process.once('message', (message: SandboxRequest) => {
  if (message.type === 'inspect') {
    void import(pathToFileURL(message.module).href).then(async (loaded: { default?: { tweelingApp?: unknown; manifest?: { id?: unknown; version?: unknown } } }) => {
      const app = loaded.default;
      const id = typeof app?.manifest?.id === 'string' ? app.manifest.id : undefined;
      const version = typeof app?.manifest?.version === 'string' ? app.manifest.version : undefined;
      await send({ type: 'inspected', app: { tweelingApp: app?.tweelingApp === 1, ...(id ? { id } : {}), ...(version ? { version } : {}) } });
      process.exit(0);
    }, fail);
    return;
  }
  void runTask(message.task, (m) => void send(m)).then(
    async (result) => {
      await send({ type: 'result', result });
      process.exit(0);
    },
    fail,
  );
});
