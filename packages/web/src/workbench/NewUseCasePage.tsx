import { useState } from 'react';
import type { UseCase, UseCaseVisibility } from '@tweeling/core';
import { PageTitle } from '../components/PageTitle.js';
import { SignIn } from '../components/SignIn.js';
import { useI18n } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import { USE_CASE_LIST, useCaseLabel } from '../useCases.js';
import { send, useCaller } from './api.js';
import { FormFrame } from './form/FormFrame.js';
import { SelectField } from './form/SelectField.js';
import { TextField } from './form/TextField.js';
import { required, useForm } from './form/useForm.js';

/** Start a use case: title, short description, the store's vocabulary theme and who may read it. */
export function NewUseCasePage() {
  const { t, lang } = useI18n();
  const caller = useCaller();
  const form = useForm();
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [vocabularyId, setVocabularyId] = useState('');
  const [visibility, setVisibility] = useState<UseCaseVisibility>('private');

  const onSubmit = () => {
    const found = required('uc-title', title, t('run.required', { field: t('wb.new.titleLabel') }));
    if (!found.length && title.trim().length < 3) found.push({ name: 'uc-title', message: t('wb.new.titleShort') });
    void form.submit(
      found,
      async () => {
        const created = await send<UseCase>('POST', 'use-cases', { title: title.trim(), summary: summary.trim(), vocabularyId: vocabularyId || null, visibility });
        navigate(href('use-cases', created.id));
      },
      (path) => (path[0] === 'title' ? 'uc-title' : path[0] === 'summary' ? 'uc-summary' : undefined),
    );
  };

  return (
    <>
      <PageTitle>{t('wb.new.title')}</PageTitle>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={href('use-cases')}>
          {t('wb.backToList')}
        </a>
      </p>
      {!caller ? (
        <SignIn reason={t('wb.list.signIn')} />
      ) : (
        <section aria-labelledby="new-uc-heading">
          <h2 className="utrecht-heading-2" id="new-uc-heading">
            {t('wb.new.formTitle')}
          </h2>
          <FormFrame form={form} labelledBy="new-uc-heading" submitLabel={t('wb.new.submit')} busyLabel={t('wb.saving')} onSubmit={onSubmit}>
            <TextField name="uc-title" label={t('wb.new.titleLabel')} description={t('wb.new.titleHelp')} value={title} required error={form.errorOf('uc-title')} onChange={(v) => (setTitle(v), form.clear('uc-title'))} />
            <TextField name="uc-summary" label={t('wb.new.summary')} description={t('wb.new.summaryHelp')} rows={4} value={summary} error={form.errorOf('uc-summary')} onChange={setSummary} />
            <SelectField
              name="uc-vocabulary"
              label={t('wb.new.theme')}
              description={t('wb.new.themeHelp')}
              value={vocabularyId}
              onChange={setVocabularyId}
              options={[{ value: '', label: t('common.none') }, ...USE_CASE_LIST.map((id) => ({ value: id, label: useCaseLabel(id, lang) }))]}
            />
            <fieldset className="utrecht-form-fieldset twl-fieldset">
              <legend className="utrecht-form-fieldset__legend">{t('wb.new.visibility')}</legend>
              {(['private', 'public'] as const).map((v) => (
                <div key={v} className="utrecht-form-field utrecht-form-field--radio twl-choice">
                  <input
                    id={`uc-visibility-${v}`}
                    type="radio"
                    name="uc-visibility"
                    className="utrecht-radio-button utrecht-radio-button--html-input"
                    checked={visibility === v}
                    onChange={() => setVisibility(v)}
                  />
                  <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={`uc-visibility-${v}`}>
                    {t(v === 'public' ? 'wb.visibility.publicLong' : 'wb.visibility.privateLong')}
                  </label>
                </div>
              ))}
            </fieldset>
          </FormFrame>
        </section>
      )}
    </>
  );
}
