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
  const id = `input-${name}`;
  const describedBy = [description ? `${id}-desc` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`utrecht-form-field${error ? ' utrecht-form-field--invalid' : ''} twl-field`}>
      <label className="utrecht-form-label" htmlFor={id}>
        {label}
      </label>
      {description && (
        <div className="utrecht-form-field-description" id={`${id}-desc`}>
          {description}
        </div>
      )}
      {error && (
        <div className="utrecht-form-field-error-message" id={`${id}-error`}>
          {error}
        </div>
      )}
      <select id={id} name={name} className="utrecht-select utrecht-select--html-select" aria-describedby={describedBy} aria-invalid={error ? true : undefined} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
