import { useState } from 'react';
import type { Decision } from '@tweeling/core';
import type { Dataset, JobInfo } from '../../api/types.js';
import { useApi } from '../../api/useApi.js';
import { localized, useI18n } from '../../i18n/index.js';
import { linesOf, send, ucPath, type FieldError } from '../api.js';
import { CheckboxGroup } from '../form/CheckboxGroup.js';
import { FormFrame } from '../form/FormFrame.js';
import { TextField } from '../form/TextField.js';
import { required, useForm } from '../form/useForm.js';

const today = () => new Date().toISOString().slice(0, 10);
const EMPTY = { title: '', rationale: '', alternatives: '', decidedBy: '', decidedOn: '', legalBasis: '' };
type Key = keyof typeof EMPTY;
const name = (key: string) => `dec-${key}`;

/** Records a decision: what, why, alternatives, by whom, when, legal basis, and the runs and data it relies on. */
export function DecisionForm({ useCaseId, onRecorded }: { useCaseId: string; onRecorded: () => void }) {
  const { t, lang } = useI18n();
  const form = useForm();
  const jobs = useApi<{ jobs: JobInfo[] }>('jobs?status=successful&limit=50');
  const datasets = useApi<{ datasets: Dataset[] }>('datasets');
  const [v, setV] = useState({ ...EMPTY, decidedOn: today() });
  const [runs, setRuns] = useState<string[]>([]);
  const [cited, setCited] = useState<string[]>([]);
  const set = (key: Key) => (value: string) => {
    setV((old) => ({ ...old, [key]: value }));
    form.clear(name(key));
  };
  const onSubmit = () => {
    const found: FieldError[] = [
      ...required(name('title'), v.title, t('run.required', { field: t('wb.dec.title') })),
      ...required(name('rationale'), v.rationale, t('run.required', { field: t('wb.dec.rationale') })),
      ...required(name('decidedBy'), v.decidedBy, t('run.required', { field: t('wb.dec.decidedBy') })),
      ...(/^\d{4}-\d{2}-\d{2}$/.test(v.decidedOn) ? [] : [{ name: name('decidedOn'), message: t('wb.dateInvalid', { field: t('wb.dec.decidedOn') }) }]),
    ];
    if (v.title.trim() && v.title.trim().length < 3) found.push({ name: name('title'), message: t('wb.dec.titleShort') });
    void form
      .submit(
        found,
        async () => {
          await send<Decision>('POST', ucPath(useCaseId, 'decisions'), {
            title: v.title.trim(),
            rationale: v.rationale.trim(),
            alternatives: linesOf(v.alternatives),
            decidedBy: v.decidedBy.trim(),
            decidedOn: v.decidedOn,
            legalBasis: v.legalBasis.trim() || null,
            runs,
            datasets: cited.map((c) => ({ dataset: c.slice(0, c.lastIndexOf('@')), version: Number(c.slice(c.lastIndexOf('@') + 1)) })),
          });
        },
        (path) => (path[0] === 'runs' ? 'dec-runs' : path[0] && path[0] in EMPTY ? name(path[0]) : undefined),
      )
      .then((ok) => {
        if (!ok) return;
        setV({ ...EMPTY, decidedOn: today() });
        setRuns([]);
        setCited([]);
        onRecorded();
      });
  };
  const text = (key: Key, label: string, opts: { required?: boolean; rows?: number; description?: string; type?: 'date' } = {}) => (
    <TextField name={name(key)} label={label} value={v[key]} error={form.errorOf(name(key))} onChange={set(key)} {...opts} />
  );
  const jobList = jobs.data?.jobs ?? [];
  return (
    <section aria-labelledby="dec-form-heading">
      <h2 className="utrecht-heading-2" id="dec-form-heading">
        {t('wb.dec.add')}
      </h2>
      <FormFrame form={form} labelledBy="dec-form-heading" submitLabel={t('wb.dec.addSubmit')} busyLabel={t('wb.saving')} onSubmit={onSubmit}>
        {text('title', t('wb.dec.title'), { required: true, description: t('wb.dec.titleHelp') })}
        {text('rationale', t('wb.dec.rationale'), { required: true, rows: 4 })}
        {text('alternatives', t('wb.dec.alternatives'), { rows: 3, description: t('wb.oneLine') })}
        <div className="twl-fields">
          {text('decidedBy', t('wb.dec.decidedBy'), { required: true, description: t('wb.dec.decidedByHelp') })}
          {text('decidedOn', t('wb.dec.decidedOn'), { required: true, type: 'date' })}
          {text('legalBasis', t('wb.dec.legalBasis'), { description: t('wb.dec.legalBasisHelp') })}
        </div>
        <div id="input-dec-runs" tabIndex={-1}>
          {jobList.length > 0 ? (
            <CheckboxGroup
              name="dec-run"
              legend={t('wb.dec.runs')}
              description={t('wb.dec.runsHelp')}
              options={jobList.map((j) => ({ value: j.jobID, label: `${j.processID} · ${j.jobID.slice(0, 8)}`, note: j.finished ? new Date(j.finished).toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL') : undefined }))}
              selected={runs}
              onChange={setRuns}
            />
          ) : (
            <p className="utrecht-paragraph twl-muted">{t('wb.dec.noRuns')}</p>
          )}
        </div>
        {(datasets.data?.datasets.length ?? 0) > 0 && (
          <details className="twl-details">
            <summary>{t('wb.dec.datasets')}</summary>
            <CheckboxGroup
              name="dec-ds"
              legend={t('wb.dec.datasets')}
              options={(datasets.data?.datasets ?? []).filter((d) => d.latestVersion).map((d) => ({ value: `${d.id}@${d.latestVersion!.version}`, label: `${localized(d.title, lang)} · ${t('common.version')} ${d.latestVersion!.version}` }))}
              selected={cited}
              onChange={setCited}
            />
          </details>
        )}
      </FormFrame>
    </section>
  );
}
