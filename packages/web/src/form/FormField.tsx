import type { Collection } from '../api/types.js';
import { DatasetSelect } from './DatasetSelect.js';
import type { FieldSpec } from './schema.js';

interface Props {
  spec: FieldSpec;
  value: string;
  error: string | undefined;
  collections: Collection[];
  onChange: (value: string) => void;
}

/** One input of the run form: label (with unit), description, control by kind, error message. */
export function FormField({ spec, value, error, collections, onChange }: Props) {
  const id = `input-${spec.name}`;
  const descId = `${id}-desc`;
  const errId = `${id}-error`;
  const describedBy = [spec.description ? descId : '', error ? errId : ''].filter(Boolean).join(' ');
  const invalid = error !== undefined;
  const s = spec.schema;
  const label = spec.unit ? `${spec.label} (${spec.unit})` : spec.label;
  const textboxClass = `utrecht-textbox utrecht-textbox--html-input${invalid ? ' utrecht-textbox--invalid' : ''}`;
  let control;
  switch (spec.kind) {
    case 'dataset':
      control = <DatasetSelect id={id} describedBy={describedBy} value={value} invalid={invalid} required={spec.required} dataKind={spec.dataKind ?? 'vector'} collections={collections} onChange={onChange} />;
      break;
    case 'number':
    case 'integer':
      control = (
        <span className="twl-number">
          <input
            id={id}
            className={`${textboxClass} twl-number__input`}
            type="text"
            inputMode="decimal"
            aria-describedby={describedBy || undefined}
            aria-invalid={invalid || undefined}
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
          {spec.unit && (
            <span className="twl-number__unit" aria-hidden="true">
              {spec.unit}
            </span>
          )}
          {(s.minimum !== undefined || s.maximum !== undefined) && (
            <span className="twl-number__range">
              {s.minimum ?? s.exclusiveMinimum ?? '…'} – {s.maximum ?? '…'}
            </span>
          )}
        </span>
      );
      break;
    case 'choice':
      control = (
        <select id={id} className="utrecht-select utrecht-select--html-select" aria-describedby={describedBy || undefined} value={value} onChange={(event) => onChange(event.target.value)}>
          {!spec.required && <option value="">—</option>}
          {(spec.choices ?? []).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      );
      break;
    case 'boolean':
      control = <input id={id} className="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" aria-describedby={describedBy || undefined} checked={value === 'true'} onChange={(event) => onChange(String(event.target.checked))} />;
      break;
    case 'json':
      control = <textarea id={id} className={`utrecht-textarea utrecht-textarea--html-textarea${invalid ? ' utrecht-textarea--invalid' : ''}`} rows={2} spellCheck={false} aria-describedby={describedBy || undefined} aria-invalid={invalid || undefined} value={value} onChange={(event) => onChange(event.target.value)} />;
      break;
    default:
      control = <input id={id} className={textboxClass} type={spec.kind === 'date' ? 'date' : 'text'} aria-describedby={describedBy || undefined} aria-invalid={invalid || undefined} value={value} onChange={(event) => onChange(event.target.value)} />;
  }
  return (
    <div className={`utrecht-form-field${invalid ? ' utrecht-form-field--invalid' : ''} twl-field`}>
      <label className="utrecht-form-label" htmlFor={id}>
        {label}
      </label>
      {spec.description && (
        <div className="utrecht-form-field-description" id={descId}>
          {spec.description}
        </div>
      )}
      {error && (
        <div className="utrecht-form-field-error-message" id={errId}>
          {error}
        </div>
      )}
      {control}
    </div>
  );
}
