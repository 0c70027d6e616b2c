import type { Feature, Geometry } from 'geojson';
import { sql, type Kysely } from 'kysely';
import type { AppManifest, Caller } from '@tweeling/core';
import { getDataset, getVersion, readRasterVersion } from '../data/index.js';
import type { Database } from '../db/index.js';
import type { PrefetchedDataset } from './prefetched.js';

const asList = (value: unknown) => (Array.isArray(value) ? value : [value]);

async function readFeatures(db: Kysely<Database>, dataset: string, version: number): Promise<Feature[]> {
  const rows = await sql<{ fid: number; properties: Record<string, unknown>; geometry: string }>`
    SELECT fid, properties, ST_AsGeoJSON(geom, 3) AS geometry FROM features
    WHERE dataset_id = ${dataset} AND version = ${version} ORDER BY fid`.execute(db);
  return rows.rows.map((r) => ({ type: 'Feature', id: Number(r.fid), properties: r.properties, geometry: JSON.parse(r.geometry) as Geometry }));
}

/**
 * Reads the pinned dataset versions of a job for its worker thread, checking again that the job's
 * organisation may read them (a dataset may have been made private since the job was queued).
 */
export async function prefetchDatasets(db: Kysely<Database>, caller: Caller, manifest: AppManifest, inputs: Record<string, unknown>): Promise<Record<string, PrefetchedDataset[]>> {
  const deps = { db, clock: () => new Date() };
  const prefetched: Record<string, PrefetchedDataset[]> = {};
  for (const [id, input] of Object.entries(manifest.inputs)) {
    if (!input.dataRequirement || inputs[id] === undefined) continue;
    prefetched[id] = [];
    for (const ref of asList(inputs[id]) as { dataset: string; version: number }[]) {
      const dataset = await getDataset(deps, caller, ref.dataset);
      const version = await getVersion(deps, caller, ref.dataset, ref.version);
      const info = { input: id, dataset: ref.dataset, version: version.version, contentHash: version.contentHash, crs: version.crs, licence: dataset.licence };
      if (dataset.kind === 'raster') {
        const raster = await readRasterVersion(deps, caller, ref.dataset, version.version);
        prefetched[id].push({ kind: 'raster', info: { ...info, kind: 'raster' }, grid: raster.grid });
        continue;
      }
      prefetched[id].push({ kind: 'vector', info: { ...info, kind: 'vector' }, features: await readFeatures(db, ref.dataset, version.version) });
    }
  }
  return prefetched;
}
