/** A {@link DatasetResolver} over files on disk, for `tweeling run APP --input dem=./ahn.tif` style local runs. */
import { readFile } from 'node:fs/promises';
import type { FeatureCollection } from 'geojson';
import type { DatasetResolver } from './app.js';
import { DatasetResolveError, inMemoryDatasets, type LocalDataset } from './memory-datasets.js';
import { readRasterFile, type RasterFileOptions } from './raster-file.js';

/**
 * Reads a GeoJSON FeatureCollection file (`.geojson` or `.json`).
 *
 * @throws {Error} naming the file when it is not JSON or not a FeatureCollection
 */
export async function readFeatureFile(path: string): Promise<FeatureCollection> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: not readable JSON (${(err as Error).message})`);
  }
  const fc = json as Partial<FeatureCollection> | null;
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new Error(`${path}: not a GeoJSON FeatureCollection`);
  }
  return fc as FeatureCollection;
}

/** Reads a raster (`.tif`, `.tiff`, `.asc`) or feature (`.geojson`, `.json`) file by its extension. */
export async function readDatasetFile(path: string, opts: RasterFileOptions = {}): Promise<LocalDataset> {
  return /\.(geo)?json$/i.test(path) ? readFeatureFile(path) : readRasterFile(path, opts);
}

/**
 * Creates a resolver that reads dataset ids from files: `{ 'demo-ahn-almere': './data/ahn.tif' }`.
 * Files are read on first use and cached; the same checks as {@link inMemoryDatasets} apply.
 *
 * @param opts - passed to {@link readRasterFile} (e.g. the CRS of `.asc` files without `.prj`)
 * @example
 * await runLocally(app, {}, { datasets: fileDatasets({ 'demo-ahn-almere': 'ahn.tif', 'demo-bag-almere': 'bag.geojson' }) });
 */
export function fileDatasets(paths: Record<string, string>, opts: RasterFileOptions = {}): DatasetResolver {
  const cache = new Map<string, Promise<LocalDataset>>();
  return {
    async resolve(request) {
      const key = 'dataset' in request.ref ? request.ref.dataset : request.ref.href;
      const path = Object.hasOwn(paths, key) ? paths[key] : undefined;
      if (path === undefined) {
        throw new DatasetResolveError(`${request.input}: no file given for dataset "${key}" (given: ${Object.keys(paths).join(', ') || 'none'})`);
      }
      let data = cache.get(path);
      if (!data) {
        data = readDatasetFile(path, opts);
        cache.set(path, data);
      }
      return inMemoryDatasets({ [key]: await data }).resolve(request);
    },
  };
}
