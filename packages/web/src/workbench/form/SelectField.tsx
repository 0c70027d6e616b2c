import { FieldFrame } from './FieldFrame.js';

interface Props {
  name: string;
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string) => void;
  error?: string | undefined;
  description?: string | undefined;
}

/** A labelled select (id `input-{name}`). */
export function SelectField({ name, label, value, options, onChange, error, description }: Props) {
  return (
    <FieldFrame name={name} label={label} error={error} description={description}>
      {({ id, describedBy }) => (
        <select id={id} name={name} className="utrecht-select utrecht-select--html-select" aria-describedby={describedBy} aria-invalid={error ? true : undefined} value={value} onChange={(e) => onChange(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
