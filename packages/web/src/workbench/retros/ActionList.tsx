import { useState } from 'react';
import type { WorkbenchAction } from '@tweeling/core';
import { useI18n } from '../../i18n/index.js';
import { send, ucPath } from '../api.js';

/** Actions with owner and due date; open ones first. Team members tick them off. */
export function ActionList({ useCaseId, actions, canEdit, onChanged }: { useCaseId: string; actions: WorkbenchAction[]; canEdit: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | undefined>();
  const toggle = async (a: WorkbenchAction) => {
    try {
      await send('PATCH', ucPath(useCaseId, 'actions', a.id), { status: a.status === 'open' ? 'gedaan' : 'open' });
      setError(undefined);
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section aria-labelledby="actions-heading">
      <h2 className="utrecht-heading-2" id="actions-heading">
        {t('wb.retro.actions')}
      </h2>
      {actions.length === 0 ? (
        <p className="utrecht-paragraph">{t('wb.retro.noActions')}</p>
      ) : (
        <ul className="twl-wb-actions">
          {actions.map((a) => (
            <li key={a.id} className={`twl-wb-action twl-wb-action--${a.status}`}>
              {canEdit ? (
                <span className="utrecht-form-field utrecht-form-field--checkbox twl-choice">
                  <input id={`action-${a.id}`} type="checkbox" className="utrecht-checkbox utrecht-checkbox--html-input" checked={a.status === 'gedaan'} onChange={() => toggle(a)} />
                  <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`action-${a.id}`}>
                    {a.description}
                  </label>
                </span>
              ) : (
                <span>
                  {a.description} ({t(a.status === 'gedaan' ? 'wb.retro.done' : 'wb.retro.open')})
                </span>
              )}
              <span className="twl-cell-note">{a.dueOn ? t('wb.retro.ownerDue', { owner: a.owner, due: a.dueOn }) : t('wb.retro.owner', { owner: a.owner })}</span>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">{error}</p>
        </div>
      )}
    </section>
  );
}
