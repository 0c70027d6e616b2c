import { useState } from 'react';
import type { Decision } from '@tweeling/core';
import { useApi } from '../../api/useApi.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Loading } from '../../components/Loading.js';
import { useI18n } from '../../i18n/index.js';
import { href } from '../../router.js';
import { ucPath } from '../api.js';
import type { TabProps } from '../types.js';
import { Citations } from './Citations.js';
import { DecisionForm } from './DecisionForm.js';

function DecisionCard({ decision, useCaseId }: { decision: Decision; useCaseId: string }) {
  const { t } = useI18n();
  return (
    <li className="twl-card twl-wb-decision">
      <h3 className="utrecht-heading-3 twl-card__title">{decision.title}</h3>
      <p className="utrecht-paragraph twl-card__meta">{t('wb.dec.byOn', { who: decision.decidedBy, date: decision.decidedOn })}</p>
      <p className="utrecht-paragraph">{decision.rationale}</p>
      <Citations decision={decision} />
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={href('use-cases', useCaseId, 'decisions', decision.id)}>
          {t('wb.dec.dossierOf', { title: decision.title })}
        </a>
      </p>
    </li>
  );
}

/** The decision log: decisions with the runs and dataset versions they rely on, and a form to record one. */
export function DecisionsTab({ useCase, canEdit, canManage }: TabProps) {
  const { t } = useI18n();
  const [nonce, setNonce] = useState(0);
  const list = useApi<{ decisions: Decision[] }>(ucPath(useCase.id, 'decisions'), nonce);
  return (
    <>
      <section aria-labelledby="decisions-heading">
        <h2 className="utrecht-heading-2" id="decisions-heading">
          {t('wb.tab.decisions')}
        </h2>
        <p className="utrecht-paragraph">{t('wb.dec.intro')}</p>
        {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
        {list.loading && !list.data && <Loading />}
        {list.data && list.data.decisions.length === 0 && <p className="utrecht-paragraph">{t('wb.dec.none')}</p>}
        <ul className="twl-wb-decisions">
          {(list.data?.decisions ?? []).map((d) => (
            <DecisionCard key={d.id} decision={d} useCaseId={useCase.id} />
          ))}
        </ul>
      </section>
      {canManage && <DecisionForm useCaseId={useCase.id} onRecorded={() => setNonce((n) => n + 1)} />}
      {canEdit && !canManage && <p className="utrecht-paragraph twl-muted">{t('wb.dec.managersOnly')}</p>}
    </>
  );
}
