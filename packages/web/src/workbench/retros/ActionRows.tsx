import { useI18n } from '../../i18n/index.js';
import { TextField } from '../form/TextField.js';

export interface ActionDraft {
  description: string;
  owner: string;
  dueOn: string;
}

/** Editable action rows of a retrospective (what, who, by when), with add and remove. */
export function ActionRows({ rows, onChange, errorOf }: { rows: ActionDraft[]; onChange: (rows: ActionDraft[]) => void; errorOf: (name: string) => string | undefined }) {
  const { t } = useI18n();
  const update = (i: number, patch: Partial<ActionDraft>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="utrecht-form-fieldset twl-fieldset">
      <legend className="utrecht-form-fieldset__legend">{t('wb.retro.actions')}</legend>
      {rows.map((r, i) => (
        <div key={i} className="twl-fields twl-wb-row" role="group" aria-label={t('wb.retro.actionN', { n: i + 1 })}>
          <TextField name={`retro-action-${i}-description`} label={t('wb.retro.actionDescription')} required value={r.description} error={errorOf(`retro-action-${i}-description`)} onChange={(v) => update(i, { description: v })} />
          <TextField name={`retro-action-${i}-owner`} label={t('wb.retro.actionOwner')} required value={r.owner} error={errorOf(`retro-action-${i}-owner`)} onChange={(v) => update(i, { owner: v })} />
          <TextField name={`retro-action-${i}-dueOn`} type="date" label={t('wb.retro.actionDue')} value={r.dueOn} error={errorOf(`retro-action-${i}-dueOn`)} onChange={(v) => update(i, { dueOn: v })} />
          <p className="twl-wb-row__remove">
            <button type="button" className="utrecht-button utrecht-button--subtle" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              {t('wb.retro.removeAction', { n: i + 1 })}
            </button>
          </p>
        </div>
      ))}
      <p>
        <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => onChange([...rows, { description: '', owner: '', dueOn: '' }])}>
          {t('wb.retro.addAction')}
        </button>
      </p>
    </fieldset>
  );
}
