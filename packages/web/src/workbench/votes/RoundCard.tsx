import { useState } from 'react';
import type { VoteResults, VoteRound } from '@tweeling/core';
import { useI18n } from '../../i18n/index.js';
import { href } from '../../router.js';
import { send, ucPath } from '../api.js';
import { ResultsChart } from './ResultsChart.js';
import { useVoteResults } from './useVoteResults.js';

/** One round for the facilitator: the code to share, live results while open, and closing it. */
export function RoundCard({ round, results, canEdit, onClosed }: { round: VoteRound; results: VoteResults; canEdit: boolean; onClosed: () => void }) {
  const { t } = useI18n();
  const live = useVoteResults(round.id, results, round.status === 'open');
  const [error, setError] = useState<string | undefined>();
  const link = `${window.location.origin}${window.location.pathname}${href('vote', round.code)}`;
  const close = async () => {
    try {
      await send('POST', ucPath(round.useCaseId, 'vote-rounds', round.id, 'close'));
      onClosed();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <li className="twl-card twl-wb-round" data-status={round.status} data-code={round.code}>
      <h3 className="utrecht-heading-3 twl-card__title" id={`round-${round.id}`}>
        {round.question}
      </h3>
      <p className="utrecht-paragraph twl-card__meta">
        {t(round.method === 'points' ? 'wb.vote.methodPointsN' : 'wb.vote.methodRanking', { n: round.pointsPerVoter ?? 0 })} · {t(round.status === 'open' ? 'wb.vote.open' : 'wb.vote.closed')}
      </p>
      {round.status === 'open' && (
        <div className="twl-wb-round__code">
          <p className="utrecht-paragraph">
            {t('wb.vote.codeIntro')} <strong className="twl-wb-code">{round.code}</strong>
          </p>
          <p className="utrecht-paragraph">
            <a className="utrecht-link" href={href('vote', round.code)}>
              {link}
            </a>
          </p>
        </div>
      )}
      {live && <ResultsChart results={live} />}
      {canEdit && round.status === 'open' && (
        <p className="twl-actions">
          <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={close} aria-describedby={`round-${round.id}`}>
            {t('wb.vote.close')}
          </button>
        </p>
      )}
      {error && (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">{error}</p>
        </div>
      )}
    </li>
  );
}
