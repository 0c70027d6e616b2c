import { useMemo, useState } from 'react';
import type { Collection } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { useAuth } from '../auth.js';
import { PageTitle } from '../components/PageTitle.js';
import { useI18n } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import { FeatureInfo, type SelectedFeature } from './FeatureInfo.js';
import { LayerPanel } from './LayerPanel.js';
import { MapView, type Overlay } from './MapView.js';
import { OVERLAY_COLOURS } from './style.js';

type Bounds = [number, number, number, number];

function unionBounds(collections: Collection[], ids: string[]): Bounds | undefined {
  let out: Bounds | undefined;
  for (const c of collections) {
    const b = c.extent?.spatial?.bbox[0];
    if (!ids.includes(c.id) || !b || b.length < 4) continue;
    const [w, s, e, n] = b as [number, number, number, number];
    out = out ? [Math.min(out[0], w), Math.min(out[1], s), Math.max(out[2], e), Math.max(out[3], n)] : [w, s, e, n];
  }
  return out;
}

/** The map viewer (#/map?layers=a,b): basemap from the demo collections plus the named overlay collections. */
export function MapPage({ layers }: { layers: string[] }) {
  const { t } = useI18n();
  const { token } = useAuth();
  const collections = useApi<{ collections: Collection[] }>('collections', token);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [selected, setSelected] = useState<SelectedFeature | null>(null);
  const key = layers.join(',');
  const overlays = useMemo<Overlay[]>(() => layers.map((collection, i) => ({ collection, colour: OVERLAY_COLOURS[i % OVERLAY_COLOURS.length]! })), [key]);
  const all = collections.data?.collections ?? [];
  const bounds = useMemo(() => unionBounds(all, ['demo-gebouwen', ...layers]), [collections.data, key]);
  const toggle = (collection: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(collection)) next.delete(collection);
      else next.add(collection);
      return next;
    });
  return (
    <>
      <PageTitle>{t('map.title')}</PageTitle>
      <div className="twl-map-layout">
        <MapView overlays={overlays} hidden={hidden} bounds={bounds} onSelect={setSelected} />
        <aside className="twl-map-side" aria-label={t('map.layers')}>
          <LayerPanel overlays={overlays} hidden={hidden} collections={all} onToggle={toggle} onAdd={(c) => navigate(href('map', { layers: [...layers, c].join(',') }))} />
          <FeatureInfo feature={selected} />
        </aside>
      </div>
    </>
  );
}
