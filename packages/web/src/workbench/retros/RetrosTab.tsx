import { useState } from 'react';
import { RETRO_AXES, type Retrospective, type WorkbenchAction } from '@tweeling/core';
import { useApi } from '../../api/useApi.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Loading } from '../../components/Loading.js';
import { useI18n } from '../../i18n/index.js';
import { ucPath } from '../api.js';
import { axisKey } from '../labels.js';
import type { TabProps } from '../types.js';
import { ActionList } from './ActionList.js';
import { RetroForm } from './RetroForm.js';

function RetroCard({ retro }: { retro: Retrospective }) {
  const { t } = useI18n();
  return (
    <li className="twl-card twl-wb-retro">
      <h3 className="utrecht-heading-3 twl-card__title">{t('wb.retro.heldOn', { date: retro.heldOn })}</h3>
      <p className="utrecht-paragraph twl-card__meta">{t('wb.retro.recordedBy', { who: retro.recordedBy })}</p>
      <dl className="twl-dl">
        {RETRO_AXES.filter((a) => retro.axes[a].length > 0).map((a) => (
          <div key={a} className="twl-dl__row">
            <dt>{t(axisKey(a))}</dt>
            <dd>
              <ul className="twl-notes">
                {retro.axes[a].map((item, i) => (
                  <li key={i} className="twl-note">
                    {item}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ))}
      </dl>
      {retro.lessons.length > 0 && (
        <>
          <h4 className="utrecht-heading-4">{t('wb.retro.lessons')}</h4>
          <ul className="utrecht-unordered-list">
            {retro.lessons.map((l) => (
              <li key={l.id}>
                {l.text} <span className="twl-cell-note">{t(axisKey(l.axis))}{l.shared ? ` · ${t('wb.retro.shared')}` : ''}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

/** Retrospectives on the four axes, the actions that came out of them, and a form to hold a new one. */
export function RetrosTab({ useCase, canEdit }: TabProps) {
  const { t } = useI18n();
  const [nonce, setNonce] = useState(0);
  const retros = useApi<{ retrospectives: Retrospective[] }>(ucPath(useCase.id, 'retrospectives'), nonce);
  const actions = useApi<{ actions: WorkbenchAction[] }>(ucPath(useCase.id, 'actions'), nonce);
  const reload = () => setNonce((n) => n + 1);
  return (
    <>
      <section aria-labelledby="retros-heading">
        <h2 className="utrecht-heading-2" id="retros-heading">
          {t('wb.tab.retros')}
        </h2>
        <p className="utrecht-paragraph">{t('wb.retro.intro')}</p>
        {retros.error && <ErrorAlert error={retros.error} onRetry={retros.reload} />}
        {retros.loading && !retros.data && <Loading />}
        {retros.data && retros.data.retrospectives.length === 0 && <p className="utrecht-paragraph">{t('wb.retro.none')}</p>}
        <ul className="twl-wb-retros">
          {(retros.data?.retrospectives ?? []).map((r) => (
            <RetroCard key={r.id} retro={r} />
          ))}
        </ul>
      </section>
      <ActionList useCaseId={useCase.id} actions={actions.data?.actions ?? []} canEdit={canEdit} onChanged={reload} />
      {canEdit && <RetroForm useCaseId={useCase.id} onRecorded={reload} />}
    </>
  );
}
