import { useState } from 'react';
import { allowedStatusTransitions, USE_CASE_STATUSES, type UseCase, type UseCaseStatus } from '@tweeling/core';
import { useI18n } from '../../i18n/index.js';
import { send, ucPath } from '../api.js';
import { statusKey } from '../labels.js';
import type { TabProps } from '../types.js';

/** The phases of the learning cycle with the current one marked; managers move one step forward or back. */
export function StatusCycle({ useCase, canManage, reload }: TabProps) {
  const { t } = useI18n();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const current = USE_CASE_STATUSES.indexOf(useCase.status);
  const move = async (status: UseCaseStatus) => {
    setBusy(true);
    try {
      await send<UseCase>('PUT', ucPath(useCase.id, 'status'), { status });
      setError(undefined);
      reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="cycle-heading">
      <h2 className="utrecht-heading-2" id="cycle-heading">
        {t('wb.cycle.title')}
      </h2>
      <ol className="twl-cycle">
        {USE_CASE_STATUSES.map((s, i) => (
          <li key={s} className={`twl-cycle__step${i < current ? ' twl-cycle__step--done' : ''}${i === current ? ' twl-cycle__step--current' : ''}`} aria-current={i === current ? 'step' : undefined}>
            {t(statusKey(s))}
            {i === current && <span className="twl-visually-hidden"> ({t('wb.cycle.current')})</span>}
          </li>
        ))}
      </ol>
      {canManage && (
        <p className="twl-actions">
          {allowedStatusTransitions(useCase.status).map((s) => (
            <button
              key={s}
              type="button"
              className={`utrecht-button ${USE_CASE_STATUSES.indexOf(s) > current ? 'utrecht-button--primary-action' : 'utrecht-button--secondary-action'}`}
              disabled={busy}
              onClick={() => move(s)}
            >
              {t(USE_CASE_STATUSES.indexOf(s) > current ? 'wb.cycle.forward' : 'wb.cycle.back', { phase: t(statusKey(s)) })}
            </button>
          ))}
        </p>
      )}
      {error && (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">{error}</p>
        </div>
      )}
    </section>
  );
}
