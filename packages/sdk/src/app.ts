/** `defineApp`: what an app's `src/index.ts` exports, and the context its `run` receives. */
import type { Feature } from 'geojson';
import {
  parseAppManifest,
  toProcessDescription,
  type AppManifest,
  type DataRequirement,
  type DatasetRef,
  type ProcessDescription,
  type RasterGrid,
  type ResolvedDataset,
} from '@tweeling/core';
import type { AppOutputs } from './outputs.js';

/** Reader of a vector dataset input. */
export interface VectorDatasetReader {
  kind: 'vector';
  /** Which dataset version this is, with its content hash. */
  info: ResolvedDataset;
  /** The features, in `info.crs`, one by one (each call starts from the first feature). */
  features(): AsyncIterable<Feature>;
}

/** Reader of a raster dataset input. */
export interface RasterDatasetReader {
  kind: 'raster';
  /** Which dataset version this is, with its content hash. */
  info: ResolvedDataset;
  /** The whole raster (a fresh copy on each call, so an app may change it in place). */
  read(): Promise<RasterGrid>;
}

/** What an app receives for a dataset input. */
export type DatasetReader = VectorDatasetReader | RasterDatasetReader;

/** What the host asks a {@link DatasetResolver} to resolve. */
export interface DatasetResolveRequest {
  /** Process input id the value was given for. */
  input: string;
  /** The input value: `{ dataset, version? }` or `{ href }`. */
  ref: DatasetRef;
  /** The input's data requirement from the manifest (kind, CRS, attributes …). */
  requirement: DataRequirement;
  /** Cancelled with the run. */
  signal: AbortSignal;
}

/**
 * Turns dataset input values into readers. The server runtime implements it over the data room
 * (access checks, pinned versions, reprojection); the local runner over in-memory grids and feature
 * collections. It fails with a clear Error naming the input when the data is unknown, not readable
 * by the caller, or not of the required kind.
 */
export interface DatasetResolver {
  resolve(request: DatasetResolveRequest): Promise<DatasetReader>;
}

/** Log levels of {@link RunLog}. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The run's log: messages end up in the job's log, never on stdout. */
export type RunLog = Record<LogLevel, (message: string, data?: Record<string, unknown>) => void>;

/** What `run` receives besides its inputs. */
export interface RunContext {
  /**
   * Reports progress: `fraction` from 0 to 1 (clamped), with an optional message for the user.
   * Also a cancellation point: throws the cancellation error once the run is cancelled.
   */
  progress(fraction: number, message?: string): void;
  /** Aborted when the job is cancelled or times out; long loops should check it (or call `progress`). */
  signal: AbortSignal;
  /** The only random source an app may use: seeded, so a rerun gives identical outputs. Returns [0, 1). */
  random: () => number;
  /** The seed of `random` (uint32), as recorded in the run record. */
  seed: number;
  /** The run's log. */
  log: RunLog;
}

/** Input values as `run` receives them: JSON values, and readers for dataset inputs. */
export type AppInputs = Record<string, unknown>;

/** An app's `run` function. */
export type RunFunction<I extends object, O extends AppOutputs> = (inputs: I, ctx: RunContext) => Promise<O> | O;

/** A defined app: its validated manifest and its run function. */
export interface TweelingApp<I extends object = object, O extends AppOutputs = AppOutputs> {
  /** Marks the default export of an app module as a Tweeling app (SDK contract version). */
  readonly tweelingApp: 1;
  /** The manifest, validated and with defaults applied. */
  readonly manifest: AppManifest;
  /**
   * Computes the outputs; called by the host with validated inputs (defaults applied, datasets resolved).
   * A method signature on purpose: it keeps every `TweelingApp<SomeInputs>` assignable to `TweelingApp`,
   * so hosts can hold apps of different input types in one list.
   */
  run(inputs: I, ctx: RunContext): Promise<O> | O;
  /** The OGC API Processes description of this app (Dutch unless `en`). */
  processDescription(lang?: 'nl' | 'en'): ProcessDescription;
}

/** What {@link defineApp} takes. */
export interface AppDefinition<I extends object, O extends AppOutputs> {
  /** The parsed JSON of `tweeling.app.json`. */
  manifest: unknown;
  /** The computation. */
  run: RunFunction<I, O>;
}

/**
 * Defines an app. The manifest is validated now, so a broken manifest fails at import time (and in
 * the app's tests), not at the first run.
 *
 * @throws {AppManifestError} listing every manifest problem with its path
 * @example
 * import manifest from '../tweeling.app.json' with { type: 'json' };
 * export default defineApp<{ rainMm: number; dem: RasterDatasetReader }>({
 *   manifest,
 *   async run({ rainMm, dem }, ctx) {
 *     const grid = await dem.read();
 *     ctx.progress(0.5, 'Bui loopt');
 *     return { maxDepth: rasterOutput(simulate(grid, rainMm), { unit: 'm' }) };
 *   },
 * });
 */
export function defineApp<I extends object = AppInputs, O extends AppOutputs = AppOutputs>(
  definition: AppDefinition<I, O>,
): TweelingApp<I, O> {
  if (typeof definition?.run !== 'function') throw new TypeError('defineApp needs a run function');
  const manifest = parseAppManifest(definition.manifest);
  return Object.freeze({
    tweelingApp: 1 as const,
    manifest,
    run: definition.run,
    processDescription: (lang: 'nl' | 'en' = 'nl') => toProcessDescription(manifest, { lang }),
  });
}

/** Whether a module's export is a Tweeling app (for hosts loading apps dynamically). */
export function isTweelingApp(value: unknown): value is TweelingApp {
  return typeof value === 'object' && value !== null && (value as { tweelingApp?: unknown }).tweelingApp === 1;
}
