import 'maplibre-gl/dist/maplibre-gl.css';
import * as maplibregl from 'maplibre-gl';
import type { Map as MapLibreMap, MapGeoJSONFeature } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { authHeaders } from '../api/client.js';
import { useI18n } from '../i18n/index.js';
import { BASE_LAYERS, baseStyle, overlayLayers, tileSource } from './style.js';

maplibregl.setWorkerUrl(workerUrl);

export interface Overlay {
  collection: string;
  colour: string;
}

interface Props {
  overlays: Overlay[];
  /** Collection ids (base layers and overlays) that are switched off. */
  hidden: Set<string>;
  /** [west, south, east, north] in CRS84. */
  bounds: [number, number, number, number] | undefined;
  onSelect: (feature: { layer: string; properties: Record<string, unknown> } | null) => void;
}

function layerIdsOf(collection: string): string[] {
  const base = BASE_LAYERS.find((l) => l.collection === collection);
  return base ? base.layers.map((l) => l.id) : overlayLayers(collection, '#000').map((l) => l.id);
}

/** The MapLibre GL map: the basemap from the platform's own vector tiles plus overlay collections. */
export function MapView({ overlays, hidden, bounds, onSelect }: Props) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const [idle, setIdle] = useState(false);
  const [failed, setFailed] = useState(false);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  useEffect(() => {
    if (!container.current) return;
    const origin = window.location.origin;
    let map: MapLibreMap;
    try {
      map = new maplibregl.Map({
        container: container.current,
        style: baseStyle(origin),
        center: [5.181, 52.3616],
        zoom: 15,
        attributionControl: false,
        // Private collections (a run's outputs) need the token; only our own API gets it.
        transformRequest: (url: string) => (url.startsWith(`${origin}/api/`) ? { url, headers: authHeaders() } : { url }),
      });
    } catch {
      setFailed(true);
      return;
    }
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    map.on('load', () => setReady(true));
    map.on('idle', () => setIdle(true));
    map.on('dataloading', () => setIdle(false));
    map.on('click', (event) => {
      const features: MapGeoJSONFeature[] = map.queryRenderedFeatures(event.point);
      const top = features.find((f) => f.layer.id !== 'background');
      onSelectRef.current(top ? { layer: top.sourceLayer ?? top.source, properties: top.properties } : null);
    });
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !bounds) return;
    map.fitBounds([bounds[0], bounds[1], bounds[2], bounds[3]], { padding: 20, animate: false });
  }, [ready, bounds]);

  // Overlays: add the new ones, remove those no longer wanted.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const origin = window.location.origin;
    const wanted = new Set(overlays.map((o) => `overlay-${o.collection}`));
    for (const layer of map.getStyle().layers) {
      if (layer.id.startsWith('overlay-') && !wanted.has(String((layer as { source?: string }).source))) map.removeLayer(layer.id);
    }
    for (const id of Object.keys(map.getStyle().sources)) if (id.startsWith('overlay-') && !wanted.has(id)) map.removeSource(id);
    for (const o of overlays) {
      const source = `overlay-${o.collection}`;
      if (map.getSource(source)) continue;
      map.addSource(source, tileSource(origin, o.collection));
      for (const layer of overlayLayers(o.collection, o.colour)) map.addLayer(layer);
    }
  }, [ready, overlays]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    for (const collection of [...BASE_LAYERS.map((l) => l.collection), ...overlays.map((o) => o.collection)]) {
      for (const id of layerIdsOf(collection)) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', hidden.has(collection) ? 'none' : 'visible');
    }
  }, [ready, hidden, overlays]);

  if (failed) {
    return (
      <div className="utrecht-alert utrecht-alert--warning" role="alert">
        <p className="utrecht-paragraph">{t('map.webglError')}</p>
      </div>
    );
  }
  return <div ref={container} className="twl-map" role="region" aria-label={t('map.region')} data-ready={ready} data-idle={idle} />;
}
