import { useState } from 'react';
import { storySentence, type Stakeholder, type UserStory } from '@tweeling/core';
import type { ProcessSummary } from '../../api/types.js';
import { useApi } from '../../api/useApi.js';
import { useI18n } from '../../i18n/index.js';
import { linesOf, send, ucPath, type FieldError } from '../api.js';
import { CheckboxGroup } from '../form/CheckboxGroup.js';
import { FormFrame } from '../form/FormFrame.js';
import { TextField } from '../form/TextField.js';
import { required, useForm } from '../form/useForm.js';

const EMPTY = { asA: '', iWant: '', soThat: '', because: '', indicators: '', dataNeeds: '' };
type Key = keyof typeof EMPTY;
const name = (key: string) => `story-${key}`;

/** Adds a user story in the workshop form "Als … wil ik … zodat … omdat …", linked to stakeholders and apps. */
export function StoryForm({ useCaseId, stakeholders, onAdded }: { useCaseId: string; stakeholders: Stakeholder[]; onAdded: () => void }) {
  const { t } = useI18n();
  const form = useForm();
  const processes = useApi<{ processes: ProcessSummary[] }>('processes');
  const [v, setV] = useState(EMPTY);
  const [stakeholderIds, setStakeholderIds] = useState<string[]>([]);
  const [appIds, setAppIds] = useState<string[]>([]);
  const set = (key: Key) => (value: string) => {
    setV((old) => ({ ...old, [key]: value }));
    form.clear(name(key));
  };
  const complete = v.asA.trim() && v.iWant.trim() && v.soThat.trim();
  const onSubmit = () => {
    const found: FieldError[] = [
      ...required(name('asA'), v.asA, t('run.required', { field: t('wb.story.asA') })),
      ...required(name('iWant'), v.iWant, t('run.required', { field: t('wb.story.iWant') })),
      ...required(name('soThat'), v.soThat, t('run.required', { field: t('wb.story.soThat') })),
    ];
    void form
      .submit(
        found,
        async () => {
          await send<UserStory>('POST', ucPath(useCaseId, 'stories'), {
            asA: v.asA.trim(),
            iWant: v.iWant.trim(),
            soThat: v.soThat.trim(),
            because: v.because.trim() || null,
            indicators: linesOf(v.indicators),
            dataNeeds: linesOf(v.dataNeeds),
            stakeholderIds,
            appIds,
          });
        },
        (path) => (path[0] && path[0] in EMPTY ? name(path[0]) : undefined),
      )
      .then((ok) => {
        if (!ok) return;
        setV(EMPTY);
        setStakeholderIds([]);
        setAppIds([]);
        onAdded();
      });
  };
  const text = (key: Key, label: string, opts: { required?: boolean; rows?: number; description?: string } = {}) => (
    <TextField name={name(key)} label={label} value={v[key]} error={form.errorOf(name(key))} onChange={set(key)} {...opts} />
  );
  return (
    <section aria-labelledby="story-form-heading">
      <h2 className="utrecht-heading-2" id="story-form-heading">
        {t('wb.story.add')}
      </h2>
      <FormFrame form={form} labelledBy="story-form-heading" submitLabel={t('wb.story.addSubmit')} busyLabel={t('wb.saving')} onSubmit={onSubmit}>
        <div className="twl-fields">
          {text('asA', t('wb.story.asA'), { required: true, description: t('wb.story.asAHelp') })}
          {text('iWant', t('wb.story.iWant'), { required: true, description: t('wb.story.iWantHelp') })}
          {text('soThat', t('wb.story.soThat'), { required: true, description: t('wb.story.soThatHelp') })}
          {text('because', t('wb.story.because'), { description: t('wb.story.becauseHelp') })}
        </div>
        {complete && (
          <p className="utrecht-paragraph twl-wb-story__preview" aria-live="polite">
            {t('wb.story.preview')}: <q>{storySentence({ asA: v.asA.trim(), iWant: v.iWant.trim(), soThat: v.soThat.trim(), because: v.because.trim() || null })}</q>
          </p>
        )}
        <div className="twl-fields">
          {text('indicators', t('wb.story.indicators'), { rows: 2, description: t('wb.oneLine') })}
          {text('dataNeeds', t('wb.story.dataNeeds'), { rows: 2, description: t('wb.oneLine') })}
        </div>
        {stakeholders.length > 0 && (
          <CheckboxGroup name="story-sh" legend={t('wb.story.stakeholders')} options={stakeholders.map((s) => ({ value: s.id, label: s.name }))} selected={stakeholderIds} onChange={setStakeholderIds} />
        )}
        {(processes.data?.processes.length ?? 0) > 0 && (
          <CheckboxGroup
            name="story-app"
            legend={t('wb.story.apps')}
            description={t('wb.story.appsHelp')}
            options={(processes.data?.processes ?? []).map((p) => ({ value: p.id, label: p.title }))}
            selected={appIds}
            onChange={setAppIds}
          />
        )}
      </FormFrame>
    </section>
  );
}
