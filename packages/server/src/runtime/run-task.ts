/**
 * Runs one job's app with the datasets the main thread prefetched: shared by the worker-thread
 * entry (trusted apps, piscina) and the sandbox process entry (third-party apps).
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { DatasetReader, DatasetResolver, TweelingApp } from '@tweeling/sdk';
import type { PrefetchedDataset, WorkerResult, WorkerTask } from './prefetched.js';

// geotiff (via the SDK) imports the `web-worker` package, which, when loaded in a worker thread it
// did not start itself, tries to act as that worker's bootstrap and crashes. It uses a global
// `Worker` when there is one, so give it one that refuses: apps never start Web Workers here.
(globalThis as { Worker?: unknown }).Worker ??= class NoWebWorkers {
  constructor() {
    throw new Error('Web Workers are not available inside an app run');
  }
};
const { runLocally } = await import('@tweeling/sdk');

/** A progress or log message from a running app. */
export type TaskMessage =
  | { type: 'progress'; fraction: number; message?: string | undefined }
  | { type: 'log'; level: string; message: string };

function resolverFor(datasets: Record<string, PrefetchedDataset[]>): DatasetResolver {
  return {
    async resolve({ input, ref }): Promise<DatasetReader> {
      const candidates = datasets[input] ?? [];
      const match = 'dataset' in ref ? candidates.find((d) => d.info.dataset === ref.dataset && (ref.version === undefined || d.info.version === ref.version)) : undefined;
      if (!match) throw new Error(`${input}: dataset ${JSON.stringify(ref)} was not prepared for this run`);
      if (match.kind === 'vector') {
        const features = match.features;
        return {
          kind: 'vector',
          info: match.info,
          async *features() {
            for (const feature of features) yield feature;
          },
        };
      }
      const grid = match.grid;
      return { kind: 'raster', info: match.info, read: async () => ({ ...grid, data: grid.data.slice() }) };
    },
  };
}

const appCache = new Map<string, TweelingApp>();

async function loadApp(module: string): Promise<TweelingApp> {
  const cached = appCache.get(module);
  if (cached) return cached;
  const loaded = (await import(pathToFileURL(module).href)) as { default: TweelingApp };
  appCache.set(module, loaded.default);
  return loaded.default;
}

/** Runs the task's app; `post` receives its progress and log messages. */
export async function runTask(task: Omit<WorkerTask, 'port'>, post: (message: TaskMessage) => void): Promise<WorkerResult> {
  const app = await loadApp(task.module);
  const started = performance.now();
  const result = await runLocally(app, task.inputs, {
    seed: task.seed,
    datasets: resolverFor(task.datasets),
    onProgress: (report) => post({ type: 'progress', fraction: report.fraction, message: report.message }),
    onLog: (entry) => post({ type: 'log', level: entry.level, message: entry.message }),
  });
  return {
    outputs: result.outputs as Record<string, unknown>,
    hashes: result.hashes,
    results: result.results,
    inputs: result.inputs,
    datasets: result.datasets,
    startedAt: result.startedAt,
    endedAt: result.endedAt,
    busyS: (performance.now() - started) / 1000,
  };
}
