import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import type { RasterGrid } from '@tweeling/core';
import { fileDatasets, inMemoryDatasets, isRasterOutput, isVectorOutput, runLocally, writeGeoTiff, type DatasetResolver, type LocalDataset } from '@tweeling/sdk';
import { demoAreaDatasets } from './demo-datasets.js';
import { loadAppFolder } from './runtime/index.js';

export interface RunCommandOptions {
  input: string[];
  inputs?: string;
  dataset: string[];
  demo?: boolean;
  seed?: number;
  outDir: string;
  appsDir: string;
}

/** `key=value` pairs; the value is JSON when it parses as JSON, else a string. */
function parsePairs(pairs: string[], what: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`${what} '${pair}' must look like key=value`);
    result[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return result;
}

const jsonOrString = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/** Combines file-backed datasets (`--dataset id=file`) with the in-memory demo area (`--demo`). */
function resolverFor(files: Record<string, string>, demo: boolean): DatasetResolver {
  const fromFiles = fileDatasets(files);
  const fromDemo = demo ? inMemoryDatasets(demoAreaDatasets() as unknown as Record<string, LocalDataset>) : null;
  return {
    resolve: (request) => {
      const key = 'dataset' in request.ref ? request.ref.dataset : request.ref.href;
      return Object.hasOwn(files, key) || !fromDemo ? fromFiles.resolve(request) : fromDemo.resolve(request);
    },
  };
}

/**
 * `tweeling run APP`: runs an app without the server — an app folder or an app id under APPS_DIR,
 * inputs from `--inputs FILE` and `--input key=value`, datasets from files or the demo area —
 * and writes results.json, rasters as GeoTIFF and vector outputs as GeoJSON to the output folder.
 */
export async function runCommand(app: string, options: RunCommandOptions): Promise<void> {
  const folder = existsSync(resolve(app)) ? resolve(app) : join(options.appsDir, app);
  const installed = await loadAppFolder(folder);
  if (!installed) throw new Error(`no built app in ${folder} (run npm run build first?)`);
  const module = (await import(new URL(`file://${installed.module}`).href)) as { default: Parameters<typeof runLocally>[0] };
  const inputs: Record<string, unknown> = options.inputs ? (JSON.parse(await readFile(options.inputs, 'utf8')) as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries(parsePairs(options.input, '--input'))) inputs[key] = jsonOrString(value);
  const started = Date.now();
  let lastLine = '';
  const result = await runLocally(module.default, inputs, {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    datasets: resolverFor(parsePairs(options.dataset, '--dataset'), options.demo === true),
    onProgress: ({ fraction, message }) => {
      const elapsedS = (Date.now() - started) / 1000;
      const eta = fraction > 0.01 ? ` (nog ~${Math.round((elapsedS / fraction) * (1 - fraction))} s)` : '';
      const line = `${Math.round(fraction * 100)}% ${message ?? ''}${eta}`;
      if (line !== lastLine) process.stderr.write(`${line}\n`);
      lastLine = line;
    },
    onLog: (entry) => process.stderr.write(`[${entry.level}] ${entry.message}\n`),
  });
  await mkdir(options.outDir, { recursive: true });
  const files: Record<string, string> = {};
  for (const [id, value] of Object.entries(result.outputs as Record<string, unknown>)) {
    if (isRasterOutput(value)) {
      files[id] = `${id}.tif`;
      await writeGeoTiff(join(options.outDir, files[id]), value.grid as RasterGrid);
    } else if (isVectorOutput(value)) {
      files[id] = `${id}.geojson`;
      await writeFile(join(options.outDir, files[id]), JSON.stringify(value.features as FeatureCollection));
    }
  }
  const summary = { app: { id: installed.manifest.id, version: installed.manifest.version, codeHash: installed.codeHash }, seed: result.seed, inputs: result.inputs, datasets: result.datasets, hashes: result.hashes, files, results: result.results, startedAt: result.startedAt, endedAt: result.endedAt };
  await writeFile(join(options.outDir, 'results.json'), JSON.stringify(summary, null, 2));
  console.log(JSON.stringify({ outDir: options.outDir, hashes: result.hashes, files }, null, 2));
}
