import type { Collection } from '../api/types.js';
import { useI18n } from '../i18n/index.js';

interface Props {
  id: string;
  describedBy: string;
  value: string;
  invalid: boolean;
  required: boolean;
  dataKind: 'vector' | 'raster';
  collections: Collection[];
  onChange: (value: string) => void;
}

/** A picker of the platform's collections of the right kind (feature collections for vector, coverages for raster). */
export function DatasetSelect({ id, describedBy, value, invalid, required, dataKind, collections, onChange }: Props) {
  const { t } = useI18n();
  const wanted = dataKind === 'raster' ? 'coverage' : 'feature';
  const options = collections.filter((c) => c.itemType === wanted);
  // Keep a prefilled default visible even if the collection list does not (yet) contain it.
  const known = options.some((c) => c.id === value);
  return (
    <select
      id={id}
      className={`utrecht-select utrecht-select--html-select${invalid ? ' utrecht-select--invalid' : ''}`}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      required={required}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{t('run.pickDataset')}</option>
      {!known && value && <option value={value}>{value}</option>}
      {options.map((c) => (
        <option key={c.id} value={c.id}>
          {c.title} ({c.id})
        </option>
      ))}
    </select>
  );
}
