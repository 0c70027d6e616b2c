import { describe, expect, it } from 'vitest';
import { DataRequirement, type Dataset, type DatasetVersion } from '@tweeling/core';
import { checkCandidate, coveredShare, worst } from './fit-rules.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const AREA: [number, number, number, number] = [0, 0, 1000, 1000];

function version(over: Partial<DatasetVersion> = {}): DatasetVersion {
  return {
    datasetId: 'd', version: 1, contentHash: '0'.repeat(64), itemCount: 10, sizeBytes: 1, crs: 'EPSG:28992', bbox: [0, 0, 1000, 1000],
    geometryTypes: ['Polygon'], attributes: { heightM: 'number', use: 'string' }, raster: null, sourceFormat: 'geojson', createdBy: 't', createdAt: '2026-01-01T00:00:00.000Z', ...over,
  };
}
function dataset(over: Partial<Dataset> = {}, v: Partial<DatasetVersion> = {}): Dataset {
  return {
    id: 'd', organisationId: 'almere', title: { nl: 'D' }, description: null, kind: 'vector', licence: 'CC0-1.0', visibility: 'public', sharedWith: [], keywords: [],
    source: null, lineage: null, quality: {}, synthetic: false, latestVersion: version(v), createdAt: '2026-01-01T00:00:00.000Z', ...over,
  };
}
const vectorReq = (over: object = {}) => DataRequirement.parse({ kind: 'vector', description: { nl: 'Panden' }, geometryTypes: ['Polygon', 'MultiPolygon'], requiredAttributes: [{ name: 'heightM', type: 'number' }], ...over });
const rasterReq = (over: object = {}) => DataRequirement.parse({ kind: 'raster', description: { nl: 'Hoogte' }, maxCellSizeM: 2, ...over });
const raster = (cellSize: number, crs = 'EPSG:28992') =>
  dataset({ kind: 'raster' }, { crs, geometryTypes: [], attributes: {}, raster: { width: 1000 / cellSize, height: 1000 / cellSize, originX: 0, originY: 1000, cellSize, crs, noData: null, dataType: 'float32' } });
const failures = (reasons: { verdict: string; check: string }[]) => reasons.filter((r) => r.verdict !== 'ok').map((r) => `${r.check}:${r.verdict}`);

describe('fit rules', () => {
  it('passes a dataset that meets every requirement', () => {
    expect(failures(checkCandidate(vectorReq(), dataset(), AREA, NOW))).toEqual([]);
  });

  it.each([
    ['wrong kind', vectorReq(), raster(1), ['kind:fail']],
    ['no version', vectorReq(), dataset({ latestVersion: null }), ['version:fail']],
    ['missing attribute', vectorReq(), dataset({}, { attributes: { use: 'string' } }), ['attribute:fail']],
    ['attribute of the wrong type', vectorReq(), dataset({}, { attributes: { heightM: 'string' } }), ['attribute:fail']],
    ['integer where number', vectorReq({ requiredAttributes: [{ name: 'n', type: 'integer' }] }), dataset({}, { attributes: { n: 'number' } }), ['attribute:warning']],
    ['optional attribute missing', vectorReq({ requiredAttributes: [{ name: 'x', type: 'number', optional: true }] }), dataset(), []],
    ['other geometry', vectorReq(), dataset({}, { geometryTypes: ['Point'] }), ['geometry:fail']],
    ['mixed geometry', vectorReq(), dataset({}, { geometryTypes: ['Point', 'Polygon'] }), ['geometry:warning']],
    ['too old', vectorReq({ maxAgeDays: 30 }), dataset({ quality: { captureDate: '2020-01-01' } }), ['age:fail']],
    ['licence not allowed', vectorReq({ allowedLicences: ['EUPL-1.2'] }), dataset(), ['licence:fail']],
    ['half coverage', vectorReq({ minCoverageFraction: 0.9 }), dataset({}, { bbox: [0, 0, 450, 1000] }), ['coverage:warning']],
    ['no coverage', vectorReq(), dataset({}, { bbox: [5000, 5000, 6000, 6000] }), ['coverage:fail']],
    ['raster too coarse', rasterReq(), raster(5), ['resolution:fail']],
    ['raster in another CRS', rasterReq(), raster(1, 'EPSG:3857'), ['crs:fail']],
    ['raster fine enough', rasterReq(), raster(2), []],
  ])('%s', (_name, req, ds, expected) => {
    expect(failures(checkCandidate(req, ds, AREA, NOW))).toEqual(expected);
  });

  it('names the missing attribute in Dutch', () => {
    const [reason] = checkCandidate(vectorReq(), dataset({}, { attributes: {} }), AREA, NOW).filter((r) => r.verdict === 'fail');
    expect(reason?.message).toBe("Verplicht attribuut 'heightM' (number) ontbreekt.");
  });

  it('widens vector extents by the edge margin, not raster extents', () => {
    const inset = dataset({}, { bbox: [30, 30, 970, 970] });
    expect(failures(checkCandidate(vectorReq(), inset, AREA, NOW))).toEqual([]);
    const insetRaster = raster(1);
    insetRaster.latestVersion!.bbox = [30, 30, 970, 970];
    expect(failures(checkCandidate(rasterReq(), insetRaster, AREA, NOW))).toEqual(['coverage:warning']);
  });

  it('warns when the area is unknown, and takes the worst verdict', () => {
    expect(failures(checkCandidate(vectorReq(), dataset(), null, NOW))).toEqual(['coverage:warning']);
    expect(worst(['ok', 'warning', 'ok'])).toBe('warning');
    expect(worst(['warning', 'fail'])).toBe('fail');
    expect(coveredShare([0, 0, 500, 1000], AREA)).toBe(0.5);
  });
});
