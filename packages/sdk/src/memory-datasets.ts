/** A {@link DatasetResolver} over grids and feature collections held in memory (local runs, tests). */
import type { Feature, FeatureCollection } from 'geojson';
import type { DataRequirement, RasterGrid, ResolvedDataset } from '@tweeling/core';
import type { DatasetReader, DatasetResolveRequest, DatasetResolver } from './app.js';
import { hashFeatures, hashRaster } from './hash.js';
import { assertRasterGrid } from './raster-check.js';

/** Data for a local run: a raster grid or a GeoJSON feature collection. */
export type LocalDataset = RasterGrid | FeatureCollection;

/** Thrown when a dataset input cannot be resolved or does not meet the app's data requirement. */
export class DatasetResolveError extends Error {
  override name = 'DatasetResolveError';
}

function isRasterGrid(d: LocalDataset): d is RasterGrid {
  return 'data' in d && ArrayBuffer.isView(d.data);
}

const ATTRIBUTE_CHECKS: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  integer: (v) => Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
  datetime: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
};

/** Problems of a feature collection against a vector requirement (first offending feature per rule). */
function vectorProblems(fc: FeatureCollection, req: Extract<DataRequirement, { kind: 'vector' }>): string[] {
  const problems: string[] = [];
  const badGeometry = fc.features.findIndex((f) => !f.geometry || !(req.geometryTypes as string[]).includes(f.geometry.type));
  if (badGeometry >= 0) {
    problems.push(`feature ${badGeometry} has geometry ${fc.features[badGeometry]?.geometry?.type ?? 'null'}, expected ${req.geometryTypes.join(' or ')}`);
  }
  for (const attr of req.requiredAttributes) {
    const check = ATTRIBUTE_CHECKS[attr.type] as (v: unknown) => boolean;
    const bad = fc.features.findIndex((f: Feature) => {
      const v = f.properties?.[attr.name];
      return attr.optional ? v !== undefined && v !== null && !check(v) : !check(v);
    });
    if (bad >= 0) problems.push(`feature ${bad} lacks attribute "${attr.name}" of type ${attr.type}`);
  }
  return problems;
}

/** Problems of a raster against a raster requirement. */
function rasterProblems(grid: RasterGrid, req: Extract<DataRequirement, { kind: 'raster' }>): string[] {
  const problems: string[] = [];
  if (grid.crs !== req.crs) problems.push(`is in ${grid.crs}, the app needs ${req.crs} (local runs do not reproject)`);
  if (grid.cellSize > req.maxCellSizeM) problems.push(`has ${grid.cellSize} m cells, coarser than the required ${req.maxCellSizeM} m`);
  return problems;
}

/** Makes a reader for one in-memory dataset after checking it against the input's requirement. */
function makeReader(request: DatasetResolveRequest, key: string, data: LocalDataset): DatasetReader {
  const { input, requirement } = request;
  const version = 'dataset' in request.ref ? (request.ref.version ?? 1) : null;
  if (version !== null && version !== 1) {
    throw new DatasetResolveError(`${input}: in-memory dataset "${key}" has only version 1, version ${version} was asked`);
  }
  const fail = (problems: string[]) => {
    if (problems.length > 0) throw new DatasetResolveError(`${input}: dataset "${key}" ${problems.join('; ')}`);
  };
  if (isRasterGrid(data)) {
    if (requirement.kind !== 'raster') fail([`is a raster, the app needs vector data`]);
    assertRasterGrid(data, `${input}: dataset "${key}"`);
    fail(rasterProblems(data, requirement as Extract<DataRequirement, { kind: 'raster' }>));
    const info: ResolvedDataset = { input, dataset: key, version, contentHash: hashRaster(data), kind: 'raster', crs: data.crs };
    return { kind: 'raster', info, read: async () => ({ ...data, data: data.data.slice() }) };
  }
  if (data?.type !== 'FeatureCollection') fail(['is neither a RasterGrid nor a GeoJSON FeatureCollection']);
  if (requirement.kind !== 'vector') fail([`is vector data, the app needs a raster`]);
  fail(vectorProblems(data, requirement as Extract<DataRequirement, { kind: 'vector' }>));
  const info: ResolvedDataset = { input, dataset: key, version, contentHash: hashFeatures(data, requirement.crs), kind: 'vector', crs: requirement.crs };
  return {
    kind: 'vector',
    info,
    features: async function* () {
      for (const feature of data.features) {
        request.signal.throwIfAborted();
        yield structuredClone(feature);
      }
    },
  };
}

/**
 * Creates a resolver over in-memory data, keyed by dataset id (for `{ dataset }` inputs) or by URL
 * (for `{ href }` inputs). Each dataset has version 1. Vector data is taken to be in the CRS the
 * requirement names (GeoJSON carries no CRS). Checks kind, CRS and cell size of rasters, geometry
 * types and required attributes of features, and reports the problems with the input's name.
 * Coverage, age and licence are not checked: in-memory data has no study area, date or licence.
 *
 * @example
 * const resolver = inMemoryDatasets({ 'demo-ahn-almere': demGrid, 'demo-bag-almere': buildings });
 */
export function inMemoryDatasets(datasets: Record<string, LocalDataset>): DatasetResolver {
  return {
    async resolve(request) {
      const key = 'dataset' in request.ref ? request.ref.dataset : request.ref.href;
      const data = Object.hasOwn(datasets, key) ? datasets[key] : undefined;
      if (data === undefined) {
        const known = Object.keys(datasets);
        throw new DatasetResolveError(`${request.input}: unknown dataset "${key}" (known: ${known.length > 0 ? known.join(', ') : 'none'})`);
      }
      return makeReader(request, key, data);
    },
  };
}
