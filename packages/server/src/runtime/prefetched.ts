import type { MessagePort } from 'node:worker_threads';
import type { Feature } from 'geojson';
import type { RasterGrid, ResolvedDataset } from '@tweeling/core';

/**
 * A dataset version read from the database before the run and handed to the worker thread
 * (PGlite lives in the main thread; the app runs in a worker). Structured-clone friendly.
 */
export type PrefetchedDataset =
  | { kind: 'vector'; info: ResolvedDataset; features: Feature[] }
  | { kind: 'raster'; info: ResolvedDataset; grid: RasterGrid };

/** What the main thread sends a worker thread to run one job. */
export interface WorkerTask {
  /** Absolute path of the app's module. */
  module: string;
  inputs: Record<string, unknown>;
  seed: number;
  /** Prefetched dataset versions by input id (one per value). */
  datasets: Record<string, PrefetchedDataset[]>;
  /** Receives `{ type: 'progress', fraction, message }` and `{ type: 'log', … }` messages. */
  port: MessagePort;
}

/** What a worker thread sends back. */
export interface WorkerResult {
  outputs: Record<string, unknown>;
  hashes: Record<string, string>;
  results: Record<string, unknown>;
  inputs: Record<string, unknown>;
  datasets: ResolvedDataset[];
  startedAt: string;
  endedAt: string;
  /** Wall time of the app's run inside its thread (a thread runs one job at a time, so this bounds its CPU time). */
  busyS: number;
}
