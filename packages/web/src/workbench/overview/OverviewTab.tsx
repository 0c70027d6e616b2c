import { useState } from 'react';
import type { UseCase } from '@tweeling/core';
import { useI18n } from '../../i18n/index.js';
import { send, ucPath } from '../api.js';
import type { TabProps } from '../types.js';
import { StatusCycle } from './StatusCycle.js';
import { TeamSection } from './TeamSection.js';

/** Overview: what the use case is about, its phase in the learning cycle, the team and who may read it. */
export function OverviewTab(props: TabProps) {
  const { useCase, canManage, reload } = props;
  const { t } = useI18n();
  const [error, setError] = useState<string | undefined>();
  const toggleVisibility = async () => {
    try {
      await send<UseCase>('PATCH', ucPath(useCase.id), { visibility: useCase.visibility === 'public' ? 'private' : 'public' });
      setError(undefined);
      reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <section aria-labelledby="summary-heading">
        <h2 className="utrecht-heading-2" id="summary-heading">
          {t('wb.tab.overview')}
        </h2>
        <p className="utrecht-paragraph">{useCase.summary || t('wb.overview.noSummary')}</p>
        <p className="utrecht-paragraph">
          {t(useCase.visibility === 'public' ? 'wb.visibility.publicLong' : 'wb.visibility.privateLong')}
          {canManage && (
            <>
              {' '}
              <button type="button" className="utrecht-button utrecht-button--subtle" onClick={toggleVisibility}>
                {t(useCase.visibility === 'public' ? 'wb.overview.makePrivate' : 'wb.overview.makePublic')}
              </button>
            </>
          )}
        </p>
        {error && (
          <div className="utrecht-alert utrecht-alert--error" role="alert">
            <p className="utrecht-paragraph">{error}</p>
          </div>
        )}
      </section>
      <StatusCycle {...props} />
      <TeamSection {...props} />
    </>
  );
}
