import { useState } from 'react';
import type { UserStory, VoteResults, VoteRound } from '@tweeling/core';
import { useApi } from '../../api/useApi.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Loading } from '../../components/Loading.js';
import { useI18n } from '../../i18n/index.js';
import { ucPath } from '../api.js';
import type { TabProps } from '../types.js';
import { OpenRoundForm } from './OpenRoundForm.js';
import { RoundCard } from './RoundCard.js';

/** Prioritisation rounds: open one (facilitators), share its code, watch the results come in live. */
export function VotesTab({ useCase, canEdit }: TabProps) {
  const { t } = useI18n();
  const [nonce, setNonce] = useState(0);
  const rounds = useApi<{ rounds: Array<{ round: VoteRound; results: VoteResults }> }>(ucPath(useCase.id, 'vote-rounds'), nonce);
  const stories = useApi<{ stories: UserStory[] }>(canEdit ? ucPath(useCase.id, 'stories') : null);
  const reload = () => setNonce((n) => n + 1);
  return (
    <>
      <section aria-labelledby="votes-heading">
        <h2 className="utrecht-heading-2" id="votes-heading">
          {t('wb.tab.votes')}
        </h2>
        <p className="utrecht-paragraph">{t('wb.vote.intro')}</p>
        {rounds.error && <ErrorAlert error={rounds.error} onRetry={rounds.reload} />}
        {rounds.loading && !rounds.data && <Loading />}
        {rounds.data && rounds.data.rounds.length === 0 && <p className="utrecht-paragraph">{t('wb.vote.none')}</p>}
        <ul className="twl-wb-rounds">
          {(rounds.data?.rounds ?? []).map(({ round, results }) => (
            <RoundCard key={round.id} round={round} results={results} canEdit={canEdit} onClosed={reload} />
          ))}
        </ul>
      </section>
      {canEdit && <OpenRoundForm useCaseId={useCase.id} stories={stories.data?.stories ?? []} onOpened={reload} />}
    </>
  );
}
