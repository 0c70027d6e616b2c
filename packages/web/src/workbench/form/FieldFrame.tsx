import type { ReactNode } from 'react';

interface Props {
  /** The control gets id `input-{name}` (the error summary links to it). */
  name: string;
  label: string;
  error?: string | undefined;
  description?: string | undefined;
  /** Renders the control with its id and the ids that describe it (description, error). */
  children: (control: { id: string; describedBy: string | undefined }) => ReactNode;
}

/** Label, description and error message around one control, in the NL Design System look. */
export function FieldFrame({ name, label, error, description, children }: Props) {
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
      {children({ id, describedBy })}
    </div>
  );
}
