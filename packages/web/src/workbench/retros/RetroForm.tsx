import { useState } from 'react';
import { RETRO_AXES, type RetroAxis, type Retrospective } from '@tweeling/core';
import { useI18n } from '../../i18n/index.js';
import { linesOf, send, ucPath, type FieldError } from '../api.js';
import { FormFrame } from '../form/FormFrame.js';
import { TextField } from '../form/TextField.js';
import { useForm } from '../form/useForm.js';
import { axisKey } from '../labels.js';
import { ActionRows, type ActionDraft } from './ActionRows.js';
import { LessonRows, type LessonDraft } from './LessonRows.js';

const today = () => new Date().toISOString().slice(0, 10);
const noAxes = () => Object.fromEntries(RETRO_AXES.map((a) => [a, ''])) as Record<RetroAxis, string>;

/** Holds a retrospective: observations on the four axes, actions with owners and due dates, lessons learned. */
export function RetroForm({ useCaseId, onRecorded }: { useCaseId: string; onRecorded: () => void }) {
  const { t } = useI18n();
  const form = useForm();
  const [heldOn, setHeldOn] = useState(today);
  const [axes, setAxes] = useState(noAxes);
  const [actions, setActions] = useState<ActionDraft[]>([]);
  const [lessons, setLessons] = useState<LessonDraft[]>([]);
  const onSubmit = () => {
    const found: FieldError[] = /^\d{4}-\d{2}-\d{2}$/.test(heldOn) ? [] : [{ name: 'retro-heldOn', message: t('wb.dateInvalid', { field: t('wb.retro.date') }) }];
    actions.forEach((a, i) => {
      if (!a.description.trim()) found.push({ name: `retro-action-${i}-description`, message: t('run.required', { field: t('wb.retro.actionDescription') }) });
      if (!a.owner.trim()) found.push({ name: `retro-action-${i}-owner`, message: t('run.required', { field: t('wb.retro.actionOwner') }) });
    });
    lessons.forEach((l, i) => {
      if (!l.text.trim()) found.push({ name: `retro-lesson-${i}-text`, message: t('run.required', { field: t('wb.retro.lessonText') }) });
    });
    void form
      .submit(
        found,
        async () => {
          await send<Retrospective>('POST', ucPath(useCaseId, 'retrospectives'), {
            heldOn,
            axes: Object.fromEntries(RETRO_AXES.map((a) => [a, linesOf(axes[a])])),
            actions: actions.map((a) => ({ description: a.description.trim(), owner: a.owner.trim(), dueOn: a.dueOn || null })),
            lessons: lessons.map((l) => ({ axis: l.axis, text: l.text.trim(), shared: l.shared })),
          });
        },
        (path) => (path[0] === 'heldOn' ? 'retro-heldOn' : path[0] === 'axes' && path[1] ? `retro-axis-${path[1]}` : path[0] === 'actions' || path[0] === 'lessons' ? `retro-${path[0].slice(0, -1)}-${path[1]}-${path[2] ?? (path[0] === 'actions' ? 'description' : 'text')}` : undefined),
      )
      .then((ok) => {
        if (!ok) return;
        setAxes(noAxes());
        setActions([]);
        setLessons([]);
        onRecorded();
      });
  };
  return (
    <section aria-labelledby="retro-form-heading">
      <h2 className="utrecht-heading-2" id="retro-form-heading">
        {t('wb.retro.add')}
      </h2>
      <FormFrame form={form} labelledBy="retro-form-heading" submitLabel={t('wb.retro.addSubmit')} busyLabel={t('wb.saving')} onSubmit={onSubmit}>
        <TextField name="retro-heldOn" type="date" label={t('wb.retro.date')} required value={heldOn} error={form.errorOf('retro-heldOn')} onChange={(v) => (setHeldOn(v), form.clear('retro-heldOn'))} />
        <fieldset className="utrecht-form-fieldset twl-fieldset">
          <legend className="utrecht-form-fieldset__legend">{t('wb.retro.axes')}</legend>
          <div className="twl-fields">
            {RETRO_AXES.map((a) => (
              <TextField key={a} name={`retro-axis-${a}`} label={t(axisKey(a))} description={t('wb.oneLine')} rows={3} value={axes[a]} error={form.errorOf(`retro-axis-${a}`)} onChange={(v) => setAxes((x) => ({ ...x, [a]: v }))} />
            ))}
          </div>
        </fieldset>
        <ActionRows rows={actions} onChange={setActions} errorOf={form.errorOf} />
        <LessonRows rows={lessons} onChange={setLessons} errorOf={form.errorOf} />
      </FormFrame>
    </section>
  );
}
