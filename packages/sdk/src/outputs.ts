/** Output values an app returns from `run`: rasters, feature collections, time series and plain JSON. */
import type { FeatureCollection } from 'geojson';
import { TimeSeriesValue, type RasterGrid } from '@tweeling/core';
import { assertRasterGrid } from './raster-check.js';

/** Descriptive metadata of an output dataset. */
export interface OutputMeta {
  /** Title shown with the dataset, e.g. "Maximale waterdiepte". */
  title?: string;
  /** Unit of the values, e.g. `m`. */
  unit?: string;
}

/** A raster output (becomes a dataset version on the server). */
export interface RasterOutput {
  tweelingOutput: 'raster';
  grid: RasterGrid;
  meta: OutputMeta;
}

/** Metadata of a vector output. */
export interface VectorOutputMeta extends OutputMeta {
  /** CRS of the coordinates (default `EPSG:28992`). */
  crs?: string;
}

/** A vector output: a GeoJSON feature collection (becomes a dataset version on the server). */
export interface VectorOutput {
  tweelingOutput: 'vector';
  features: FeatureCollection;
  meta: VectorOutputMeta & { crs: string };
}

/** Any value an app may return for one output. */
export type AppOutputValue = RasterOutput | VectorOutput | TimeSeriesValue | JsonValue;

/** A plain JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** What `run` returns: a value per output id. */
export type AppOutputs = Record<string, AppOutputValue>;

/**
 * Wraps a grid as a raster output.
 *
 * @throws {RasterFormatError} when the grid is inconsistent (size mismatch, bad CRS)
 * @example
 * return { maxDepth: rasterOutput(depthGrid, { title: 'Maximale waterdiepte', unit: 'm' }) };
 */
export function rasterOutput(grid: RasterGrid, meta: OutputMeta = {}): RasterOutput {
  assertRasterGrid(grid, meta.title ?? 'raster output');
  return { tweelingOutput: 'raster', grid, meta };
}

/**
 * Wraps a GeoJSON feature collection as a vector output.
 *
 * @throws {TypeError} when `features` is not a FeatureCollection
 * @example
 * return { buildingVulnerability: vectorOutput({ type: 'FeatureCollection', features }, { crs: 'EPSG:28992' }) };
 */
export function vectorOutput(features: FeatureCollection, meta: VectorOutputMeta = {}): VectorOutput {
  if (features?.type !== 'FeatureCollection' || !Array.isArray(features.features)) {
    throw new TypeError('vectorOutput needs a GeoJSON FeatureCollection');
  }
  return { tweelingOutput: 'vector', features, meta: { ...meta, crs: meta.crs ?? 'EPSG:28992' } };
}

/**
 * Builds a checked time series output (times in seconds since the start, one value per time per series).
 *
 * @throws {Error} when lengths differ or times are not ascending (zod issues listed)
 * @example
 * return { volume: timeSeriesOutput({ timesS: [0, 60], series: [{ name: 'volumeM3', unit: 'm3', values: [0, 12.5] }] }) };
 */
export function timeSeriesOutput(series: Omit<TimeSeriesValue, 'kind'>): TimeSeriesValue {
  const parsed = TimeSeriesValue.safeParse({ kind: 'timeSeries', ...series });
  if (!parsed.success) {
    throw new Error(`Invalid time series: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** Whether a returned value is a raster output. */
export function isRasterOutput(v: unknown): v is RasterOutput {
  return typeof v === 'object' && v !== null && (v as { tweelingOutput?: unknown }).tweelingOutput === 'raster';
}

/** Whether a returned value is a vector output. */
export function isVectorOutput(v: unknown): v is VectorOutput {
  return typeof v === 'object' && v !== null && (v as { tweelingOutput?: unknown }).tweelingOutput === 'vector';
}
