import { RETRO_AXES, type RetroAxis } from '@tweeling/core';
import { useI18n } from '../../i18n/index.js';
import { SelectField } from '../form/SelectField.js';
import { TextField } from '../form/TextField.js';
import { axisKey } from '../labels.js';

export interface LessonDraft {
  axis: RetroAxis;
  text: string;
  shared: boolean;
}

/** Editable lessons learned of a retrospective: the axis, the lesson, and whether all organisations may read it. */
export function LessonRows({ rows, onChange, errorOf }: { rows: LessonDraft[]; onChange: (rows: LessonDraft[]) => void; errorOf: (name: string) => string | undefined }) {
  const { t } = useI18n();
  const update = (i: number, patch: Partial<LessonDraft>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="utrecht-form-fieldset twl-fieldset">
      <legend className="utrecht-form-fieldset__legend">{t('wb.retro.lessons')}</legend>
      {rows.map((r, i) => (
        <div key={i} className="twl-fields twl-wb-row" role="group" aria-label={t('wb.retro.lessonN', { n: i + 1 })}>
          <TextField name={`retro-lesson-${i}-text`} label={t('wb.retro.lessonText')} required rows={2} value={r.text} error={errorOf(`retro-lesson-${i}-text`)} onChange={(v) => update(i, { text: v })} />
          <SelectField name={`retro-lesson-${i}-axis`} label={t('wb.retro.lessonAxis')} value={r.axis} options={RETRO_AXES.map((a) => ({ value: a, label: t(axisKey(a)) }))} onChange={(v) => update(i, { axis: v as RetroAxis })} />
          <div className="utrecht-form-field utrecht-form-field--checkbox twl-choice">
            <input id={`retro-lesson-${i}-shared`} type="checkbox" className="utrecht-checkbox utrecht-checkbox--html-input" checked={r.shared} onChange={(e) => update(i, { shared: e.target.checked })} />
            <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`retro-lesson-${i}-shared`}>
              {t('wb.retro.share')}
            </label>
          </div>
          <p className="twl-wb-row__remove">
            <button type="button" className="utrecht-button utrecht-button--subtle" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              {t('wb.retro.removeLesson', { n: i + 1 })}
            </button>
          </p>
        </div>
      ))}
      <p>
        <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => onChange([...rows, { axis: 'samenwerking', text: '', shared: false }])}>
          {t('wb.retro.addLesson')}
        </button>
      </p>
    </fieldset>
  );
}
