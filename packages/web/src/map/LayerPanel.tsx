import { useState } from 'react';
import type { Collection } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import type { Overlay } from './MapView.js';
import { BASE_LAYERS, BUILDING_COLOURS } from './style.js';

interface Props {
  overlays: Overlay[];
  hidden: Set<string>;
  collections: Collection[];
  onToggle: (collection: string) => void;
  onAdd: (collection: string) => void;
}

/** Layer panel: a checkbox with a legend swatch per layer, the building legend, and adding another collection. */
export function LayerPanel({ overlays, hidden, collections, onToggle, onAdd }: Props) {
  const { t } = useI18n();
  const [choice, setChoice] = useState('');
  const used = new Set([...BASE_LAYERS.map((l) => l.collection), ...overlays.map((o) => o.collection)]);
  const addable = collections.filter((c) => c.itemType === 'feature' && !used.has(c.id));
  const titleOf = (id: string) => collections.find((c) => c.id === id)?.title ?? id;
  const toggle = (collection: string, label: string, swatch: string, shape: 'square' | 'dot' = 'square') => (
    <li key={collection} className="twl-layer">
      <input id={`layer-${collection}`} type="checkbox" className="utrecht-checkbox utrecht-checkbox--html-input" checked={!hidden.has(collection)} onChange={() => onToggle(collection)} />
      <label htmlFor={`layer-${collection}`} className="utrecht-form-label utrecht-form-label--checkbox">
        <span className={`twl-swatch twl-swatch--${shape}`} style={{ background: swatch }} aria-hidden="true" /> {label}
      </label>
    </li>
  );
  return (
    <div className="twl-layer-panel">
      <h2 className="utrecht-heading-2 twl-layer-panel__title">{t('map.layers')}</h2>
      <ul className="twl-layers">
        {BASE_LAYERS.map((l) => toggle(l.collection, t(l.key), l.swatch, l.collection === 'demo-bomen' ? 'dot' : 'square'))}
      </ul>
      <ul className="twl-legend" aria-label={t('map.layer.buildings')}>
        {BUILDING_COLOURS.map((c) => (
          <li key={c.key}>
            <span className="twl-swatch twl-swatch--square" style={{ background: c.colour }} aria-hidden="true" /> {t(c.key)}
          </li>
        ))}
      </ul>
      <h3 className="utrecht-heading-3">{t('map.overlays')}</h3>
      <ul className="twl-layers">{overlays.map((o) => toggle(o.collection, titleOf(o.collection), o.colour))}</ul>
      <form
        className="twl-add-layer"
        onSubmit={(event) => {
          event.preventDefault();
          if (choice) onAdd(choice);
          setChoice('');
        }}
      >
        <label className="utrecht-form-label" htmlFor="add-layer">
          {t('map.addLayer')}
        </label>
        <select id="add-layer" className="utrecht-select utrecht-select--html-select" value={choice} onChange={(event) => setChoice(event.target.value)}>
          <option value="">—</option>
          {addable.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          {t('map.add')}
        </button>
      </form>
    </div>
  );
}
