import { useCallback, useState } from 'react';
import { problemFieldErrors, type FieldError } from '../api.js';

export interface FormState {
  errors: FieldError[];
  /** A failure that belongs to no field (network, 403, 409 …). */
  failure: string | undefined;
  busy: boolean;
  errorOf: (name: string) => string | undefined;
  /** Clears the error of one field (as the user types). */
  clear: (name: string) => void;
  /**
   * Shows `found` (client-side checks) or, when there are none, runs `action`; a 400 answer's field
   * errors are mapped to fields with `fieldOf`. Resolves true when the action succeeded.
   */
  submit: (found: FieldError[], action: () => Promise<void>, fieldOf?: (path: string[]) => string | undefined) => Promise<boolean>;
}

/** Error and busy state of a form, shared by the workbench forms. */
export function useForm(): FormState {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const errorOf = useCallback((name: string) => errors.find((e) => e.name === name)?.message, [errors]);
  const clear = useCallback((name: string) => setErrors((es) => (es.some((e) => e.name === name) ? es.filter((e) => e.name !== name) : es)), []);
  const submit = useCallback(async (found: FieldError[], action: () => Promise<void>, fieldOf: (path: string[]) => string | undefined = () => undefined) => {
    setFailure(undefined);
    setErrors(found);
    if (found.length > 0) return false;
    setBusy(true);
    try {
      await action();
      return true;
    } catch (error) {
      const { fields, rest } = problemFieldErrors(error, fieldOf);
      setErrors(fields);
      setFailure(rest.length ? rest.join('; ') : undefined);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { errors, failure, busy, errorOf, clear, submit };
}

/** A "required" check: the error for `name` when `value` is blank. */
export function required(name: string, value: string, message: string): FieldError[] {
  return value.trim() ? [] : [{ name, message }];
}
