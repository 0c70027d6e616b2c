import { useState } from 'react';
import type { Stakeholder } from '@tweeling/core';
import { useApi } from '../../api/useApi.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Loading } from '../../components/Loading.js';
import { useI18n } from '../../i18n/index.js';
import { ucPath } from '../api.js';
import type { TabProps } from '../types.js';
import { InfluenceGrid } from './InfluenceGrid.js';
import { StakeholderForm } from './StakeholderForm.js';
import { StakeholderTable } from './StakeholderTable.js';

/** The stakeholder register, the influence/interest grid and a form to add a stakeholder. */
export function StakeholdersTab({ useCase, canEdit }: TabProps) {
  const { t } = useI18n();
  const [nonce, setNonce] = useState(0);
  const list = useApi<{ stakeholders: Stakeholder[] }>(ucPath(useCase.id, 'stakeholders'), nonce);
  const stakeholders = list.data?.stakeholders ?? [];
  return (
    <>
      <section aria-labelledby="stakeholders-heading">
        <h2 className="utrecht-heading-2" id="stakeholders-heading">
          {t('wb.tab.stakeholders')}
        </h2>
        <p className="utrecht-paragraph">{t('wb.sh.intro')}</p>
        {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
        {list.loading && !list.data && <Loading />}
        {list.data && (stakeholders.length ? <StakeholderTable stakeholders={stakeholders} /> : <p className="utrecht-paragraph">{t('wb.sh.none')}</p>)}
      </section>
      {stakeholders.length > 0 && <InfluenceGrid stakeholders={stakeholders} />}
      {canEdit && <StakeholderForm useCaseId={useCase.id} onAdded={() => setNonce((n) => n + 1)} />}
    </>
  );
}
