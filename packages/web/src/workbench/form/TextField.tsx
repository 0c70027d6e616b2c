interface Props {
  /** Unique on the page: the control gets id `input-{name}` (the error summary links to it). */
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  description?: string | undefined;
  /** A textarea with this many rows instead of a one-line box. */
  rows?: number;
  type?: 'text' | 'date' | 'number';
  required?: boolean;
  autoComplete?: string;
}

/** A labelled text box or textarea in the NL Design System look, with description and error message. */
export function TextField({ name, label, value, onChange, error, description, rows, type = 'text', required, autoComplete }: Props) {
  const id = `input-${name}`;
  const describedBy = [description ? `${id}-desc` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    value,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
    'aria-required': required || undefined,
  };
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
      {rows ? (
        <textarea {...common} rows={rows} className={`utrecht-textarea utrecht-textarea--html-textarea${error ? ' utrecht-textarea--invalid' : ''}`} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type={type}
          autoComplete={autoComplete ?? 'off'}
          className={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}${type === 'number' ? ' twl-number__input' : ''}`}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </div>
  );
}
