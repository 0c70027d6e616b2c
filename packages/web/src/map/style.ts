import type { ExpressionSpecification, LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { MessageKey } from '../i18n/nl.js';

/** Vector tiles of a collection (OGC API Tiles, WebMercatorQuad); the tile's layer is named after the collection. */
export function tileSource(origin: string, collectionId: string): SourceSpecification {
  return {
    type: 'vector',
    tiles: [`${origin}/api/v1/collections/${encodeURIComponent(collectionId)}/tiles/WebMercatorQuad/{z}/{x}/{y}`],
    minzoom: 10,
    // Deeper zooms reuse (overzoom) the z16 tiles: enough detail for buildings, far fewer requests.
    maxzoom: 16,
  };
}

/** Building colours by use (BAG gebruiksdoel), also shown in the legend. */
export const BUILDING_COLOURS: Array<{ key: MessageKey; uses: string[]; colour: string }> = [
  { key: 'map.use.wonen', uses: ['wonen'], colour: '#d9622b' },
  { key: 'map.use.zorg', uses: ['zorg', 'school', 'onderwijs'], colour: '#7b3294' },
  { key: 'map.use.winkel', uses: ['winkel', 'kantoor'], colour: '#2166ac' },
  { key: 'map.use.other', uses: [], colour: '#6b6b6b' },
];

function buildingColour(): ExpressionSpecification {
  const pairs = BUILDING_COLOURS.filter((c) => c.uses.length > 0).flatMap((c) => [c.uses, c.colour]);
  return ['match', ['get', 'use'], ...pairs, BUILDING_COLOURS[BUILDING_COLOURS.length - 1]!.colour] as unknown as ExpressionSpecification;
}

/** The basemap: the platform's own demo collections, no external service. Each entry is one toggle in the layer panel. */
export interface BaseLayer {
  key: MessageKey;
  collection: string;
  swatch: string;
  layers: LayerSpecification[];
}

export const BASE_LAYERS: BaseLayer[] = [
  {
    key: 'map.layer.water',
    collection: 'demo-water',
    swatch: '#8fc1e3',
    layers: [{ id: 'base-water', type: 'fill', source: 'demo-water', 'source-layer': 'demo-water', paint: { 'fill-color': '#8fc1e3' } }],
  },
  {
    key: 'map.layer.parks',
    collection: 'demo-parken',
    swatch: '#b5d99c',
    layers: [{ id: 'base-parks', type: 'fill', source: 'demo-parken', 'source-layer': 'demo-parken', paint: { 'fill-color': '#b5d99c', 'fill-outline-color': '#8dbb6f' } }],
  },
  {
    key: 'map.layer.roads',
    collection: 'demo-wegen',
    swatch: '#9a9a9a',
    layers: [
      {
        id: 'base-roads-casing',
        type: 'line',
        source: 'demo-wegen',
        'source-layer': 'demo-wegen',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': '#9a9a9a', 'line-width': ['interpolate', ['linear'], ['zoom'], 13, 1.5, 18, 14] },
      },
      {
        id: 'base-roads',
        type: 'line',
        source: 'demo-wegen',
        'source-layer': 'demo-wegen',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': ['match', ['get', 'roadClass'], ['fietspad', 'voetpad'], '#f2e6d0', '#ffffff'],
          'line-width': ['interpolate', ['linear'], ['zoom'], 13, 0.8, 18, 11],
        },
      },
    ],
  },
  {
    key: 'map.layer.buildings',
    collection: 'demo-gebouwen',
    swatch: BUILDING_COLOURS[0]!.colour,
    layers: [{ id: 'base-buildings', type: 'fill', source: 'demo-gebouwen', 'source-layer': 'demo-gebouwen', paint: { 'fill-color': buildingColour(), 'fill-outline-color': '#5a2a10' } }],
  },
  {
    key: 'map.layer.trees',
    collection: 'demo-bomen',
    swatch: '#2f7d32',
    layers: [
      {
        id: 'base-trees',
        type: 'circle',
        source: 'demo-bomen',
        'source-layer': 'demo-bomen',
        paint: { 'circle-color': '#2f7d32', 'circle-opacity': 0.75, 'circle-radius': ['interpolate', ['exponential', 2], ['zoom'], 14, 1, 19, 16] },
      },
    ],
  },
];

/** Distinct colours for overlays (run outputs and other collections), in order of adding. */
export const OVERLAY_COLOURS = ['#c51b7d', '#01665e', '#b35806', '#542788', '#1a1a1a'];

/** Layers for an overlay collection: polygons, lines and points each drawn in its colour. */
export function overlayLayers(collection: string, colour: string): LayerSpecification[] {
  const source = `overlay-${collection}`;
  const common = { source, 'source-layer': collection };
  return [
    { id: `${source}-fill`, type: 'fill', ...common, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': colour, 'fill-opacity': 0.55, 'fill-outline-color': colour } },
    { id: `${source}-line`, type: 'line', ...common, filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': colour, 'line-width': 3 } },
    { id: `${source}-point`, type: 'circle', ...common, filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-color': colour, 'circle-radius': 5, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 } },
  ];
}

export function baseStyle(origin: string): StyleSpecification {
  return {
    version: 8,
    sources: Object.fromEntries(BASE_LAYERS.map((l) => [l.collection, tileSource(origin, l.collection)])),
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f3f1ea' } }, ...BASE_LAYERS.flatMap((l) => l.layers)],
  };
}
