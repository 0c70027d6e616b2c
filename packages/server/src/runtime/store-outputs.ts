import type { FeatureCollection } from 'geojson';
import type { AppManifest, Caller, DatasetCreate, RasterGrid, RunOutput } from '@tweeling/core';
import type { Actor } from '../audit/index.js';
import { createDataset, CRS84, importFeatures, importRaster, RD_NEW, type DataDeps, type IncomingFeature } from '../data/index.js';
import { TweelingError } from '../errors.js';
import { RUNTIME_ERRORS } from './errors.js';
import type { JobRow } from './jobs-store.js';
import type { WorkerResult } from './prefetched.js';

/** Licence id of run outputs until their owner chooses one. */
const OUTPUT_LICENCE = 'LicenseRef-Tweeling-uitkomst';

/** Dataset id of a job's output: `run-<first 8 of job id>-<output id>` in slug form. */
export const outputDatasetId = (jobId: string, output: string) =>
  `run-${jobId.slice(0, 8)}-${output.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.replace(/-+$/, '');

/**
 * Stores a successful run's outputs: plain values go into the results document; vector outputs
 * and raster outputs become datasets of the job's organisation (private to it), version 1, whose
 * lineage names the job.
 * @returns the results document and the run record's output list
 */
export async function storeOutputs(
  deps: DataDeps,
  job: JobRow,
  manifest: AppManifest,
  result: WorkerResult,
  base: string,
): Promise<{ results: Record<string, unknown>; outputs: RunOutput[] }> {
  const caller: Caller = { anonymous: false, organisationId: job.organisation_id, userId: job.user_id, tokenId: job.token_id, role: 'data-steward', permissions: ['org:read', 'data:write'] };
  const actor: Actor & { organisationId: string } = { organisationId: job.organisation_id, userId: job.user_id, tokenId: job.token_id, label: `job:${job.id}`, requestId: null };
  const results: Record<string, unknown> = {};
  const outputs: RunOutput[] = [];
  for (const [id, declared] of Object.entries(manifest.outputs)) {
    const hash = result.hashes[id]!;
    if (declared.kind === 'vector' || declared.kind === 'raster') {
      const datasetId = outputDatasetId(job.id, id);
      const registration: DatasetCreate = {
        id: datasetId,
        title: { nl: `${declared.title.nl} — taak ${job.id.slice(0, 8)}`, ...(declared.title.en ? { en: declared.title.en } : {}) },
        description: declared.description,
        kind: declared.kind,
        licence: OUTPUT_LICENCE,
        visibility: 'organisation',
        sharedWith: [],
        keywords: [manifest.id, ...manifest.useCases],
        source: `${base}/jobs/${job.id}`,
        lineage: `Uitkomst '${id}' van ${manifest.id}@${manifest.version}, taak ${job.id}.`,
        quality: {},
        synthetic: false,
      };
      await createDataset(deps, actor, registration);
      let version: number;
      let href: string;
      if (declared.kind === 'vector') {
        const value = result.outputs[id] as { features: FeatureCollection; meta: { crs: string } };
        const sourceCrs = value.meta.crs === 'EPSG:28992' ? RD_NEW : value.meta.crs === 'EPSG:4326' ? CRS84 : null;
        if (!sourceCrs) throw new TweelingError(RUNTIME_ERRORS.UNSUPPORTED, `Uitkomst ${id} is in ${value.meta.crs}; alleen EPSG:28992 en EPSG:4326 worden opgeslagen.`);
        const imported = await importFeatures(deps, caller, actor, datasetId, value.features.features as IncomingFeature[], { sourceCrs, sourceFormat: 'app-output', sizeBytes: 0, allowEmpty: true });
        version = imported.version.version;
        href = `${base}/collections/${datasetId}/items`;
      } else {
        const value = result.outputs[id] as { grid: RasterGrid };
        const imported = await importRaster(deps, caller, actor, datasetId, value.grid, { sourceFormat: 'app-output', sizeBytes: value.grid.data.byteLength });
        version = imported.version.version;
        href = `${base}/collections/${datasetId}/coverage`;
      }
      results[id] = { ...(result.results[id] as object), dataset: datasetId, version, href };
      outputs.push({ output: id, kind: declared.kind, hash, dataset: datasetId, version });
    } else {
      results[id] = result.results[id];
      outputs.push({ output: id, kind: declared.kind, hash });
    }
  }
  return { results, outputs };
}
