import type { VoteResults } from '@tweeling/core';
import { useI18n } from '../../i18n/index.js';

/** The tally as a bar list (highest first) with the score in text; the number of voters is announced politely. */
export function ResultsChart({ results, headingId }: { results: VoteResults; headingId?: string }) {
  const { t } = useI18n();
  const max = Math.max(1, ...results.tallies.map((x) => x.score));
  return (
    <div className="twl-wb-results" data-voters={results.voters}>
      <p className="utrecht-paragraph twl-wb-results__count" aria-live="polite" id={headingId}>
        {results.voters === 1 ? t('wb.vote.votersOne') : t('wb.vote.voters', { n: results.voters })}
        {results.nicknames.length > 0 && <span className="twl-cell-note">{results.nicknames.join(', ')}</span>}
      </p>
      <ol className="twl-wb-results__list">
        {results.tallies.map((x) => (
          <li key={x.key} className="twl-wb-results__item" data-key={x.key} data-score={x.score}>
            <span className="twl-wb-results__label">{x.label}</span>
            <span className="twl-wb-results__bar" aria-hidden="true">
              <span className="twl-wb-results__fill" style={{ width: `${(100 * x.score) / max}%` }} />
            </span>
            <span className="twl-wb-results__score">{t('wb.vote.score', { score: x.score, voters: x.voters })}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
