import type { Dataset } from '@tweeling/core';

/** DCAT-AP style JSON-LD of a dataset (what data portals and harvesters read). */
export function datasetJsonLd(dataset: Dataset, base: string) {
  const url = `${base}/datasets/${dataset.id}`;
  const v = dataset.latestVersion;
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      prov: 'http://www.w3.org/ns/prov#',
      dqv: 'http://www.w3.org/ns/dqv#',
      spdx: 'http://spdx.org/rdf/terms#',
    },
    '@id': url,
    '@type': 'dcat:Dataset',
    'dct:identifier': dataset.id,
    'dct:title': [{ '@value': dataset.title.nl, '@language': 'nl' }, ...(dataset.title.en ? [{ '@value': dataset.title.en, '@language': 'en' }] : [])],
    'dct:description': dataset.description ? [{ '@value': dataset.description.nl, '@language': 'nl' }] : [],
    'dct:publisher': { '@id': `${base}/organisations/${dataset.organisationId}` },
    'dct:license': { '@id': `https://spdx.org/licenses/${dataset.licence}` },
    'dcat:keyword': dataset.keywords,
    'dct:source': dataset.source ?? undefined,
    'dct:provenance': dataset.lineage ? { 'rdfs:label': dataset.lineage } : undefined,
    'dct:issued': dataset.createdAt,
    'dct:modified': v?.createdAt,
    'dcat:version': v ? String(v.version) : undefined,
    'dcat:spatialResolutionInMeters': dataset.quality.resolutionM,
    'dqv:hasQualityAnnotation': dataset.quality.completeness ? [{ 'oa:bodyValue': dataset.quality.completeness }] : [],
    'dcat:distribution': v
      ? [
          {
            '@type': 'dcat:Distribution',
            'dcat:accessURL': { '@id': dataset.kind === 'vector' ? `${base}/collections/${dataset.id}` : `${base}/collections/${dataset.id}/coverage` },
            'dcat:mediaType': dataset.kind === 'vector' ? 'application/geo+json' : 'image/tiff; application=geotiff',
            'spdx:checksum': { 'spdx:algorithm': 'spdx:checksumAlgorithm_sha256', 'spdx:checksumValue': v.contentHash },
          },
        ]
      : [],
  };
}
