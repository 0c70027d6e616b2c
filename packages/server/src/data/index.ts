import fp from 'fastify-plugin';
import { datasetRoutes } from './routes.js';
import { featuresRoutes } from './features-routes.js';
import { COVERAGE_CONFORMANCE, coverageRoutes } from './coverage-routes.js';
import { tileRoutes } from './tiles/index.js';
import { provenanceRoutes } from './provenance-routes.js';
import type { GeneratedByLookup } from './provenance.js';

export { createDataset, getDataset, getVersion, listDatasets, listVersions, type DataDeps } from './registry.js';
export { importFeatures, type IncomingFeature, type VectorImportResult } from './vector-import.js';
export { importRaster, importRasterFile, decodeRasterUpload, rasterContentHash, MAX_RASTER_CELLS, type RasterImportResult, type RasterUploadFormat } from './raster-import.js';
export { readRasterVersion, type RasterVersion } from './coverage-grid.js';
export { datasetProvenance, type DatasetProvDocument, type GeneratedByLookup, type GeneratingRun } from './provenance.js';
export { CRS84, EPSG4326, RD_NEW, parseCrs } from './crs.js';
export { DATA_ERRORS } from './errors.js';

const FEATURES = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf';

export interface DataPluginOptions {
  publicUrl: string | undefined;
  uploadLimitBytes: number;
  /** Which run generated a dataset version, for its provenance (the runtime supplies it; absent: imports only). */
  generatedBy?: GeneratedByLookup | undefined;
}

/** The data room: dataset registry with versions and uploads (GeoJSON, GeoTIFF, ASCII grid), OGC API Features over vector datasets and OGC API Coverages over raster datasets. */
export const dataPlugin = fp<DataPluginOptions>(
  async (app, options) => {
    app.ogc.conformance.push(
      `${FEATURES}/core`,
      `${FEATURES}/geojson`,
      `${FEATURES}/oas30`,
      'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
      ...COVERAGE_CONFORMANCE,
    );
    app.ogc.landingLinks.push({ rel: 'data', path: '/collections', type: 'application/json', title: 'Collecties (OGC API Features en Coverages)' });
    await app.register(datasetRoutes(options), { prefix: '/api/v1' });
    await app.register(featuresRoutes(options), { prefix: '/api/v1' });
    await app.register(coverageRoutes(options), { prefix: '/api/v1' });
    await app.register(tileRoutes(options), { prefix: '/api/v1' });
    await app.register(provenanceRoutes(options), { prefix: '/api/v1' });
  },
  { name: 'tweeling-data', fastify: '5.x', dependencies: ['tweeling-db', 'tweeling-identity'] },
);
