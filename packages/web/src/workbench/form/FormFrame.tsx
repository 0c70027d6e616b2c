import type { FormEvent, ReactNode } from 'react';
import { ErrorSummary } from '../../form/ErrorSummary.js';
import type { FormState } from './useForm.js';

interface Props {
  form: FormState;
  /** Accessible name of the form: the id of its heading. */
  labelledBy: string;
  submitLabel: string;
  busyLabel?: string;
  onSubmit: () => void;
  children: ReactNode;
  className?: string;
  /** Extra buttons after the submit button (e.g. Cancel). */
  secondary?: ReactNode;
}

/** A workbench form: error summary on top (focused), the fields, a failure alert and the submit button. */
export function FormFrame({ form, labelledBy, submitLabel, busyLabel, onSubmit, children, className, secondary }: Props) {
  const handle = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className={`utrecht-form twl-wb-form${className ? ` ${className}` : ''}`} noValidate onSubmit={handle} aria-labelledby={labelledBy}>
      {form.errors.length > 0 && <ErrorSummary errors={form.errors} />}
      {children}
      {form.failure && (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">{form.failure}</p>
        </div>
      )}
      <p className="twl-actions">
        <button type="submit" className="utrecht-button utrecht-button--primary-action" disabled={form.busy} aria-disabled={form.busy || undefined}>
          {form.busy && busyLabel ? busyLabel : submitLabel}
        </button>
        {secondary}
      </p>
    </form>
  );
}
