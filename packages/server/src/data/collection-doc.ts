import type { Dataset, Link } from '@tweeling/core';
import { RD_NEW, SUPPORTED_CRS } from './crs.js';

/** OGC API Features collection document of a vector dataset. */
export function collectionDocument(dataset: Dataset, base: string, extent: [number, number, number, number] | null) {
  const self = `${base}/collections/${dataset.id}`;
  const links: Link[] = [
    { href: self, rel: 'self', type: 'application/json', title: 'Deze collectie' },
    { href: `${self}/items`, rel: 'items', type: 'application/geo+json', title: 'Objecten (GeoJSON)' },
    { href: `${self}/queryables`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables', type: 'application/schema+json', title: 'Filterbare attributen' },
    { href: `${self}/tiles`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector', type: 'application/json', title: 'Vectortegels (Mapbox Vector Tile)' },
    { href: `${base}/datasets/${dataset.id}`, rel: 'describedby', type: 'application/json', title: 'Metadata, kwaliteit en versies' },
    { href: `https://spdx.org/licenses/${dataset.licence}.html`, rel: 'license', type: 'text/html', title: dataset.licence },
  ];
  return {
    id: dataset.id,
    title: dataset.title.nl,
    description: dataset.description?.nl ?? dataset.title.en ?? '',
    keywords: dataset.keywords,
    itemType: 'feature',
    crs: SUPPORTED_CRS.map((c) => c.uri),
    storageCrs: RD_NEW.uri,
    extent: extent ? { spatial: { bbox: [extent], crs: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84' } } : undefined,
    links,
  };
}

/**
 * OGC API Coverages collection document of a raster dataset: grid size, cell size, no-data and CRS
 * (also under `raster`), the coverage link (GeoTIFF) and the domain set and range type.
 */
export function coverageCollectionDocument(dataset: Dataset, base: string, extent: [number, number, number, number] | null) {
  const self = `${base}/collections/${dataset.id}`;
  const info = dataset.latestVersion?.raster ?? null;
  const links: Link[] = [
    { href: self, rel: 'self', type: 'application/json', title: 'Deze collectie' },
    { href: `${self}/coverage`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/coverage', type: 'image/tiff; application=geotiff', title: 'Coverage (GeoTIFF)' },
    { href: `${self}/coverage/domainset`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/coverage-domainset', type: 'application/json', title: 'Domein (assen en grenzen)' },
    { href: `${self}/coverage/rangetype`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/coverage-rangetype', type: 'application/json', title: 'Bereik (celtype en no-data)' },
    { href: `${base}/datasets/${dataset.id}`, rel: 'describedby', type: 'application/json', title: 'Metadata, kwaliteit en versies' },
    { href: `https://spdx.org/licenses/${dataset.licence}.html`, rel: 'license', type: 'text/html', title: dataset.licence },
  ];
  const storageBbox = dataset.latestVersion?.bbox ?? null;
  return {
    id: dataset.id,
    title: dataset.title.nl,
    description: dataset.description?.nl ?? dataset.title.en ?? '',
    keywords: dataset.keywords,
    itemType: 'coverage',
    // Read by GDAL's OAPIF driver (and Ecere's servers) to leave coverage collections out of vector layers.
    layerDataType: 'Coverage',
    crs: [RD_NEW.uri],
    storageCrs: RD_NEW.uri,
    extent: {
      spatial: {
        ...(extent ? { bbox: [extent], crs: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84' } : {}),
        ...(storageBbox ? { storageCrsBbox: [storageBbox] } : {}),
        ...(info ? { grid: [{ cellsCount: info.width, resolution: info.cellSize }, { cellsCount: info.height, resolution: info.cellSize }] } : {}),
      },
    },
    raster: info,
    links,
  };
}
