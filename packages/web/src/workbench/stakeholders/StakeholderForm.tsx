import { useState } from 'react';
import type { Stakeholder, StakeholderRelation } from '@tweeling/core';
import { useI18n } from '../../i18n/index.js';
import { linesOf, send, ucPath } from '../api.js';
import { FormFrame } from '../form/FormFrame.js';
import { SelectField } from '../form/SelectField.js';
import { TextField } from '../form/TextField.js';
import { required, useForm } from '../form/useForm.js';

const EMPTY = { name: '', group: '', relation: 'voor-wie' as StakeholderRelation, role: '', interests: '', questions: '', decisions: '', influence: '3', interest: '3' };
const FIELD: Record<string, string> = { name: 'sh-name', group: 'sh-group', role: 'sh-role', interests: 'sh-interests', questions: 'sh-questions', decisions: 'sh-decisions' };

/** Adds a stakeholder to the register. */
export function StakeholderForm({ useCaseId, onAdded }: { useCaseId: string; onAdded: () => void }) {
  const { t } = useI18n();
  const form = useForm();
  const [v, setV] = useState(EMPTY);
  const set = (key: keyof typeof EMPTY) => (value: string) => {
    setV((old) => ({ ...old, [key]: value }));
    form.clear(FIELD[key] ?? '');
  };
  const scores = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t(`wb.sh.score${n}` as 'wb.sh.score1') }));
  const onSubmit = () =>
    void form
      .submit(
        required('sh-name', v.name, t('run.required', { field: t('wb.sh.name') })),
        async () => {
          await send<Stakeholder>('POST', ucPath(useCaseId, 'stakeholders'), {
            name: v.name.trim(),
            group: v.group.trim() || null,
            relation: v.relation,
            role: v.role.trim() || null,
            interests: linesOf(v.interests),
            questions: linesOf(v.questions),
            decisions: linesOf(v.decisions),
            influence: Number(v.influence),
            interest: Number(v.interest),
          });
        },
        (path) => FIELD[path[0] ?? ''],
      )
      .then((ok) => {
        if (!ok) return;
        setV(EMPTY);
        onAdded();
      });
  return (
    <section aria-labelledby="sh-form-heading">
      <h2 className="utrecht-heading-2" id="sh-form-heading">
        {t('wb.sh.add')}
      </h2>
      <FormFrame form={form} labelledBy="sh-form-heading" submitLabel={t('wb.sh.addSubmit')} busyLabel={t('wb.saving')} onSubmit={onSubmit}>
        <div className="twl-fields">
          <TextField name="sh-name" label={t('wb.sh.name')} description={t('wb.sh.nameHelp')} required value={v.name} error={form.errorOf('sh-name')} onChange={set('name')} />
          <TextField name="sh-group" label={t('wb.sh.group')} description={t('wb.sh.groupHelp')} value={v.group} error={form.errorOf('sh-group')} onChange={set('group')} />
          <TextField name="sh-role" label={t('wb.sh.role')} value={v.role} error={form.errorOf('sh-role')} onChange={set('role')} />
        </div>
        <fieldset className="utrecht-form-fieldset twl-fieldset">
          <legend className="utrecht-form-fieldset__legend">{t('wb.sh.relation')}</legend>
          {(['voor-wie', 'met-wie'] as const).map((r) => (
            <div key={r} className="utrecht-form-field utrecht-form-field--radio twl-choice">
              <input id={`sh-relation-${r}`} type="radio" name="sh-relation" className="utrecht-radio-button utrecht-radio-button--html-input" checked={v.relation === r} onChange={() => set('relation')(r)} />
              <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={`sh-relation-${r}`}>
                {t(r === 'voor-wie' ? 'wb.sh.forWhomLong' : 'wb.sh.withWhomLong')}
              </label>
            </div>
          ))}
        </fieldset>
        <div className="twl-fields">
          <TextField name="sh-interests" label={t('wb.sh.interests')} description={t('wb.oneLine')} rows={3} value={v.interests} error={form.errorOf('sh-interests')} onChange={set('interests')} />
          <TextField name="sh-questions" label={t('wb.sh.questions')} description={t('wb.oneLine')} rows={3} value={v.questions} error={form.errorOf('sh-questions')} onChange={set('questions')} />
          <TextField name="sh-decisions" label={t('wb.sh.decisions')} description={t('wb.oneLine')} rows={3} value={v.decisions} error={form.errorOf('sh-decisions')} onChange={set('decisions')} />
          <SelectField name="sh-influence" label={t('wb.sh.influence')} value={v.influence} options={scores} onChange={set('influence')} />
          <SelectField name="sh-interest" label={t('wb.sh.interest')} value={v.interest} options={scores} onChange={set('interest')} />
        </div>
      </FormFrame>
    </section>
  );
}
