/** Running an app without the server: validation, datasets, context, output checks and hashes. */
import {
  RasterInfo, TimeSeriesValue, assertProcessInputs, validateJsonSchema,
  type AppManifest, type DatasetRef, type JsonSchemaError, type OutputDatasetValue, type ResolvedDataset,
} from '@tweeling/core';
import type { AppInputs, DatasetReader, DatasetResolver, RunContext, RunLog, TweelingApp, LogLevel } from './app.js';
import { hashFeatures, hashJsonValue, hashRaster } from './hash.js';
import { inMemoryDatasets, type LocalDataset } from './memory-datasets.js';
import { isRasterOutput, isVectorOutput, type AppOutputs } from './outputs.js';
import { DEFAULT_SEED, createRandom } from './random.js';
import { rasterDataType } from './raster-check.js';
import { describeFeatures } from './features.js';

/** Rejection of a cancelled run; `name` is `AbortError`, as for `fetch`. `cause` is the signal's reason. */
export class RunCancelledError extends Error {
  override name = 'AbortError';
}

/** Thrown when an app's outputs do not match its manifest; `errors` names every output. */
export class AppOutputError extends Error {
  override name = 'AppOutputError';
  constructor(readonly errors: JsonSchemaError[]) {
    super(`Outputs do not match the manifest: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  }
}

/** One progress report. */
export interface ProgressReport {
  /** 0–1. */
  fraction: number;
  message?: string;
}

/** One log message of a run. */
export interface LogEntry {
  level: LogLevel;
  message: string;
  data?: Record<string, unknown>;
}

/** Options of {@link runLocally}. */
export interface RunLocallyOptions {
  /** Seed of `ctx.random`, uint32 (default 1). */
  seed?: number;
  /** Data for dataset inputs, by dataset id (or URL), or a resolver of your own. */
  datasets?: Record<string, LocalDataset> | DatasetResolver;
  /** Called on every `ctx.progress` report. */
  onProgress?: (report: ProgressReport) => void;
  /** Cancels the run: `runLocally` rejects with a {@link RunCancelledError}. */
  signal?: AbortSignal;
  /** Also receives every log entry (they are collected in the result regardless). */
  onLog?: (entry: LogEntry) => void;
}

/** What {@link runLocally} returns: enough to build a run record. */
export interface LocalRunResult<O extends AppOutputs = AppOutputs> {
  /** The outputs as the app returned them. */
  outputs: O;
  /** SHA-256 per output id (see hash.ts for the canonical forms). */
  hashes: Record<string, string>;
  /** JSON results document: values as returned, datasets and time series described (OGC results by value). */
  results: Record<string, unknown>;
  /** Input values as run (defaults applied; dataset references, not readers). */
  inputs: Record<string, unknown>;
  /** Input ids the app actually read. */
  inputsRead: string[];
  /** Dataset versions the run read, with content hashes. */
  datasets: ResolvedDataset[];
  seed: number;
  startedAt: string;
  endedAt: string;
  log: LogEntry[];
}

function isResolver(d: RunLocallyOptions['datasets']): d is DatasetResolver {
  return typeof (d as DatasetResolver | undefined)?.resolve === 'function';
}

function cancelled(signal: AbortSignal): RunCancelledError {
  return new RunCancelledError('The run was cancelled', { cause: signal.reason });
}

async function resolveDatasets(manifest: AppManifest, values: Record<string, unknown>, resolver: DatasetResolver, signal: AbortSignal) {
  const readers: Record<string, DatasetReader | DatasetReader[]> = {};
  const used: ResolvedDataset[] = [];
  for (const [id, input] of Object.entries(manifest.inputs)) {
    if (input.dataRequirement === undefined || values[id] === undefined) continue;
    const requirement = manifest.dataRequirements[input.dataRequirement];
    if (requirement === undefined) throw new Error(`${id}: data requirement "${input.dataRequirement}" is missing`);
    const refs = (Array.isArray(values[id]) ? values[id] : [values[id]]) as DatasetRef[];
    const resolved: DatasetReader[] = [];
    for (const ref of refs) {
      const reader = await resolver.resolve({ input: id, ref, requirement, signal });
      resolved.push(reader);
      used.push(reader.info);
    }
    readers[id] = Array.isArray(values[id]) ? resolved : (resolved[0] as DatasetReader);
  }
  return { readers, used };
}

type DeclaredOutput = AppManifest['outputs'][string];

/** Hash and results entry of one returned output, or the message saying why it does not match its declaration. */
function describeOutput(declared: DeclaredOutput, id: string, value: unknown): { hash: string; result: unknown } | { problems: string[] } {
  const problem = (message: string) => ({ problems: [message] });
  if (declared.kind === 'raster') {
    if (!isRasterOutput(value)) return problem('must be a rasterOutput(grid, meta)');
    const { grid, meta } = value;
    const hash = hashRaster(grid);
    const noData = grid.noData !== null && Number.isNaN(grid.noData) ? null : grid.noData;
    const info = RasterInfo.parse({ ...grid, data: undefined, noData, dataType: rasterDataType(grid.data) });
    return { hash, result: { kind: 'raster', info, hash, ...meta } satisfies OutputDatasetValue };
  }
  if (declared.kind === 'vector') {
    if (!isVectorOutput(value)) return problem('must be a vectorOutput(featureCollection, meta)');
    const hash = hashFeatures(value.features, value.meta.crs);
    return { hash, result: { kind: 'vector', hash, ...describeFeatures(value.features), ...value.meta } satisfies OutputDatasetValue };
  }
  if (declared.kind === 'timeSeries') {
    const parsed = TimeSeriesValue.safeParse(value);
    if (!parsed.success) return problem(`must be a time series: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return { hash: hashJsonValue(parsed.data, 'timeSeries'), result: parsed.data };
  }
  if (isRasterOutput(value) || isVectorOutput(value)) return problem(`is declared as a value but a ${value.tweelingOutput} was returned`);
  const schemaErrors = validateJsonSchema(value, declared.schema, id);
  if (schemaErrors.length > 0) return { problems: schemaErrors.map((e) => (e.path === id ? e.message : `${e.path.slice(id.length + 1)} ${e.message}`)) };
  return { hash: hashJsonValue(value), result: value };
}

/**
 * Checks outputs against the manifest and computes their hashes and the results document. A host
 * that ran the app out of its own reach (a sandbox process) calls it again on what came back.
 * @throws {AppOutputError} naming every output that is missing, undeclared or malformed
 */
export function checkOutputs(manifest: AppManifest, outputs: unknown): { hashes: Record<string, string>; results: Record<string, unknown> } {
  if (typeof outputs !== 'object' || outputs === null) throw new AppOutputError([{ path: '', message: 'run must return an object of outputs' }]);
  const errors: JsonSchemaError[] = [];
  const hashes: Record<string, string> = {};
  const results: Record<string, unknown> = {};
  const returned = outputs as Record<string, unknown>;
  for (const id of Object.keys(returned)) if (!(id in manifest.outputs)) errors.push({ path: id, message: 'is not an output in the manifest' });
  for (const [id, declared] of Object.entries(manifest.outputs)) {
    const value = returned[id];
    if (value === undefined) {
      errors.push({ path: id, message: 'was not produced' });
      continue;
    }
    try {
      const described = describeOutput(declared, id, value);
      if ('problems' in described) errors.push(...described.problems.map((message) => ({ path: id, message })));
      else {
        hashes[id] = described.hash;
        results[id] = described.result;
      }
    } catch (err) {
      errors.push({ path: id, message: `cannot be stored: ${(err as Error).message}` });
    }
  }
  if (errors.length > 0) throw new AppOutputError(errors);
  return { hashes, results };
}

/** Builds the run context and the log it fills. */
function createContext(signal: AbortSignal, seed: number, opts: RunLocallyOptions): { ctx: RunContext; log: LogEntry[] } {
  const log: LogEntry[] = [];
  const logAt = (level: LogLevel) => (message: string, data?: Record<string, unknown>) => {
    const entry: LogEntry = data === undefined ? { level, message } : { level, message, data };
    log.push(entry);
    opts.onLog?.(entry);
  };
  const runLog: RunLog = { debug: logAt('debug'), info: logAt('info'), warn: logAt('warn'), error: logAt('error') };
  const ctx: RunContext = {
    progress(fraction, message) {
      if (signal.aborted) throw cancelled(signal);
      if (Number.isNaN(fraction)) throw new RangeError('progress fraction must be a number from 0 to 1');
      const report: ProgressReport = { fraction: Math.min(1, Math.max(0, fraction)) };
      if (message !== undefined) report.message = message;
      opts.onProgress?.(report);
    },
    signal,
    random: createRandom(seed),
    seed,
    log: runLog,
  };
  return { ctx, log };
}

/** Settles with `work`, or rejects with a {@link RunCancelledError} as soon as `signal` aborts (even if `work` never ends). */
async function raceAbort<T>(work: () => Promise<T> | T, signal: AbortSignal): Promise<T> {
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(cancelled(signal));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([Promise.resolve().then(work), aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Runs an app in this process, as the server would but without it: validates the inputs against the
 * manifest (every problem, by input name), applies defaults, resolves dataset inputs to readers,
 * calls `run` with a seeded context, checks that every declared output is produced in the declared
 * kind and schema, and hashes the outputs. Same app, inputs, data and seed give the same hashes.
 * A host (the server's worker) may use it as its execution core by passing its own resolver,
 * `onProgress` and `signal`.
 *
 * @throws {ProcessInputError} for invalid inputs; {@link DatasetResolveError} for unknown or unfit data;
 *   {@link RunCancelledError} (`name` `AbortError`) when `signal` aborts; {@link AppOutputError} for
 *   missing or malformed outputs; and whatever `run` throws
 * @example
 * const { hashes, outputs } = await runLocally(app, { rainMm: 70 }, { seed: 7, datasets: { 'demo-ahn-almere': dem } });
 */
export async function runLocally<I extends object, O extends AppOutputs>(
  app: TweelingApp<I, O>,
  inputs: Record<string, unknown>,
  opts: RunLocallyOptions = {},
): Promise<LocalRunResult<O>> {
  const signal = opts.signal ?? new AbortController().signal;
  if (signal.aborted) throw cancelled(signal);
  const seed = opts.seed ?? DEFAULT_SEED;
  const { ctx, log } = createContext(signal, seed, opts);
  const values = assertProcessInputs(app.manifest, inputs);
  const resolver = isResolver(opts.datasets) ? opts.datasets : inMemoryDatasets(opts.datasets ?? {});
  const startedAt = new Date().toISOString();
  const { readers, used } = await resolveDatasets(app.manifest, values, resolver, signal);
  const inputsRead = new Set<string>();
  const appInputs = new Proxy({ ...values, ...readers }, {
    get(target, key, receiver) {
      if (typeof key === 'string' && key in target) inputsRead.add(key);
      return Reflect.get(target, key, receiver);
    },
  }) as I;
  const outputs = await raceAbort(() => app.run(appInputs, ctx), signal);
  if (signal.aborted) throw cancelled(signal);
  const { hashes, results } = checkOutputs(app.manifest, outputs);
  return {
    outputs, hashes, results, inputs: values, inputsRead: [...inputsRead].sort(), datasets: used, seed, startedAt,
    endedAt: new Date().toISOString(), log,
  };
}
