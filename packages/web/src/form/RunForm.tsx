import { useMemo, useState, type FormEvent } from 'react';
import { ApiError, apiFetch } from '../api/client.js';
import type { Collection, JobInfo, ProcessDescription } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { useI18n } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import { ErrorSummary } from './ErrorSummary.js';
import { FormField } from './FormField.js';
import { fieldSpec, initialValue, toInputs, validateField, type FieldSpec, type FormValues } from './schema.js';

/** The run form, generated from the process description's JSON Schema inputs; submits an async job. */
export function RunForm({ process }: { process: ProcessDescription }) {
  const { t } = useI18n();
  const specs = useMemo(() => Object.entries(process.inputs).map(([name, input]) => fieldSpec(name, input)), [process]);
  const [values, setValues] = useState<FormValues>(() => Object.fromEntries(specs.map((s) => [s.name, initialValue(s)])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<Array<{ name: string; message: string }>>([]);
  const [submitState, setSubmitState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const collections = useApi<{ collections: Collection[] }>('collections');

  const setValue = (name: string, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    if (errors[name]) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== name)));
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Array<{ name: string; message: string }> = [];
    for (const spec of specs) {
      const message = validateField(spec, values[spec.name] ?? '', t);
      if (message) found.push({ name: spec.name, message });
    }
    setErrors(Object.fromEntries(found.map((e) => [e.name, e.message])));
    setSummary(found);
    if (found.length > 0) return;
    setSubmitState({ busy: true });
    try {
      const job = await apiFetch<JobInfo>(`processes/${encodeURIComponent(process.id)}/execution`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', prefer: 'respond-async' },
        body: JSON.stringify({ inputs: toInputs(specs, values) }),
      });
      navigate(href('jobs', job.jobID));
    } catch (error) {
      const detail = error instanceof ApiError ? [error.message, ...(error.problem?.errors ?? []).map((e) => `${e.path ?? ''} ${e.message ?? ''}`.trim())].join('; ') : String(error);
      setSubmitState({ busy: false, error: t('run.failed', { detail }) });
    }
  };

  const field = (spec: FieldSpec) => (
    <FormField key={spec.name} spec={spec} value={values[spec.name] ?? ''} error={errors[spec.name]} collections={collections.data?.collections ?? []} onChange={(v) => setValue(spec.name, v)} />
  );
  const datasets = specs.filter((s) => s.kind === 'dataset');
  const simple = specs.filter((s) => s.kind !== 'dataset' && s.kind !== 'json');
  const json = specs.filter((s) => s.kind === 'json');
  const jsonOpen = json.some((s) => errors[s.name]);

  return (
    <form className="utrecht-form twl-run-form" noValidate onSubmit={onSubmit} aria-labelledby="run-heading">
      {summary.length > 0 && <ErrorSummary errors={summary} />}
      {simple.length > 0 && <div className="twl-fields">{simple.map(field)}</div>}
      {datasets.length > 0 && (
        <fieldset className="utrecht-form-fieldset twl-fieldset">
          <legend className="utrecht-form-fieldset__legend">{t('app.requirement')}</legend>
          <div className="twl-fields">{datasets.map(field)}</div>
        </fieldset>
      )}
      {json.length > 0 && (
        <details className="twl-details" open={jsonOpen || undefined}>
          <summary>{t('run.advanced')}</summary>
          <div className="twl-fields">{json.map(field)}</div>
        </details>
      )}
      {submitState.error && (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">{submitState.error}</p>
        </div>
      )}
      <p className="twl-actions">
        <button type="submit" className="utrecht-button utrecht-button--primary-action" disabled={submitState.busy} aria-disabled={submitState.busy || undefined}>
          {submitState.busy ? t('run.starting') : t('run.submit')}
        </button>
      </p>
    </form>
  );
}
