import { FieldFrame } from './FieldFrame.js';

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
  return (
    <FieldFrame name={name} label={label} error={error} description={description}>
      {({ id, describedBy }) => {
        const common = { id, name, value, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, 'aria-required': required || undefined };
        return rows ? (
          <textarea {...common} rows={rows} className={`utrecht-textarea utrecht-textarea--html-textarea${error ? ' utrecht-textarea--invalid' : ''}`} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input
            {...common}
            type={type}
            autoComplete={autoComplete ?? 'off'}
            className={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}${type === 'number' ? ' twl-number__input' : ''}`}
            onChange={(e) => onChange(e.target.value)}
          />
        );
      }}
    </FieldFrame>
  );
}
