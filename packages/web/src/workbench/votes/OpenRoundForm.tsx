import { useState } from 'react';
import type { UserStory, VoteMethod, VoteRound } from '@tweeling/core';
import { useI18n } from '../../i18n/index.js';
import { linesOf, send, ucPath, type FieldError } from '../api.js';
import { CheckboxGroup } from '../form/CheckboxGroup.js';
import { FormFrame } from '../form/FormFrame.js';
import { TextField } from '../form/TextField.js';
import { required, useForm } from '../form/useForm.js';

/** Opens a round on user stories and/or free options (e.g. areas), by points to divide or by ranking. */
export function OpenRoundForm({ useCaseId, stories, onOpened }: { useCaseId: string; stories: UserStory[]; onOpened: () => void }) {
  const { t } = useI18n();
  const form = useForm();
  const [question, setQuestion] = useState('');
  const [method, setMethod] = useState<VoteMethod>('points');
  const [points, setPoints] = useState('10');
  const [storyIds, setStoryIds] = useState<string[]>([]);
  const [free, setFree] = useState('');
  const onSubmit = () => {
    const options = [...storyIds.map((storyId) => ({ storyId })), ...linesOf(free).map((label) => ({ label }))];
    const found: FieldError[] = [...required('round-question', question, t('run.required', { field: t('wb.vote.question') }))];
    if (question.trim() && question.trim().length < 3) found.push({ name: 'round-question', message: t('wb.vote.questionShort') });
    if (options.length < 2) found.push({ name: 'round-free', message: t('wb.vote.twoOptions') });
    const n = Number(points);
    if (method === 'points' && !(Number.isInteger(n) && n >= 1 && n <= 1000)) found.push({ name: 'round-points', message: t('wb.vote.pointsRange') });
    void form
      .submit(
        found,
        async () => {
          await send<VoteRound>('POST', ucPath(useCaseId, 'vote-rounds'), { question: question.trim(), method, ...(method === 'points' ? { pointsPerVoter: n } : {}), options });
        },
        (path) => (path[0] === 'question' ? 'round-question' : path[0] === 'options' ? 'round-free' : path[0] === 'pointsPerVoter' ? 'round-points' : undefined),
      )
      .then((ok) => {
        if (!ok) return;
        setQuestion('');
        setStoryIds([]);
        setFree('');
        onOpened();
      });
  };
  return (
    <section aria-labelledby="round-form-heading">
      <h2 className="utrecht-heading-2" id="round-form-heading">
        {t('wb.vote.openTitle')}
      </h2>
      <FormFrame form={form} labelledBy="round-form-heading" submitLabel={t('wb.vote.openSubmit')} busyLabel={t('wb.saving')} onSubmit={onSubmit}>
        <TextField name="round-question" label={t('wb.vote.question')} description={t('wb.vote.questionHelp')} required value={question} error={form.errorOf('round-question')} onChange={(v) => (setQuestion(v), form.clear('round-question'))} />
        <fieldset className="utrecht-form-fieldset twl-fieldset">
          <legend className="utrecht-form-fieldset__legend">{t('wb.vote.method')}</legend>
          {(['points', 'ranking'] as const).map((m) => (
            <div key={m} className="utrecht-form-field utrecht-form-field--radio twl-choice">
              <input id={`round-method-${m}`} type="radio" name="round-method" className="utrecht-radio-button utrecht-radio-button--html-input" checked={method === m} onChange={() => setMethod(m)} />
              <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={`round-method-${m}`}>
                {t(m === 'points' ? 'wb.vote.methodPoints' : 'wb.vote.methodRanking')}
              </label>
            </div>
          ))}
        </fieldset>
        {method === 'points' && <TextField name="round-points" type="number" label={t('wb.vote.pointsPerVoter')} value={points} error={form.errorOf('round-points')} onChange={(v) => (setPoints(v), form.clear('round-points'))} />}
        {stories.length > 0 && <CheckboxGroup name="round-story" legend={t('wb.vote.storyOptions')} options={stories.map((s) => ({ value: s.id, label: s.text }))} selected={storyIds} onChange={(ids) => (setStoryIds(ids), form.clear('round-free'))} />}
        <TextField name="round-free" label={t('wb.vote.freeOptions')} description={t('wb.vote.freeOptionsHelp')} rows={3} value={free} error={form.errorOf('round-free')} onChange={(v) => (setFree(v), form.clear('round-free'))} />
      </FormFrame>
    </section>
  );
}
