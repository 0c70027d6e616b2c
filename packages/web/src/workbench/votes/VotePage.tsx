import { useState } from 'react';
import type { VoteResults, VoteRound } from '@tweeling/core';
import { useApi } from '../../api/useApi.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useI18n } from '../../i18n/index.js';
import { href, navigate } from '../../router.js';
import { FormFrame } from '../form/FormFrame.js';
import { TextField } from '../form/TextField.js';
import { useForm } from '../form/useForm.js';
import { BallotForm } from './BallotForm.js';
import { ResultsChart } from './ResultsChart.js';
import { useVoteResults } from './useVoteResults.js';

const CODE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/;

/** Enter the six-character code the facilitator shows. */
function CodeForm() {
  const { t } = useI18n();
  const form = useForm();
  const [code, setCode] = useState('');
  const onSubmit = () => {
    const clean = code.trim().toUpperCase();
    void form.submit(CODE.test(clean) ? [] : [{ name: 'vote-code', message: t('wb.vote.codeInvalid') }], async () => navigate(href('vote', clean)));
  };
  return (
    <FormFrame form={form} labelledBy="vote-title" submitLabel={t('wb.vote.go')} onSubmit={onSubmit}>
      <TextField name="vote-code" label={t('wb.vote.code')} description={t('wb.vote.codeHelp')} value={code} error={form.errorOf('vote-code')} autoComplete="one-time-code" onChange={(v) => (setCode(v), form.clear('vote-code'))} />
    </FormFrame>
  );
}

function Results({ round, initial }: { round: VoteRound; initial?: VoteResults }) {
  const { t } = useI18n();
  const fetched = useApi<VoteResults>(initial ? null : `votes/${encodeURIComponent(round.id)}/results`);
  const results = useVoteResults(round.id, initial ?? fetched.data, round.status === 'open');
  return (
    <section aria-labelledby="vote-results-heading">
      <h2 className="utrecht-heading-2" id="vote-results-heading">
        {t('wb.vote.results')}
      </h2>
      {results ? <ResultsChart results={results} /> : <Loading />}
    </section>
  );
}

/**
 * The participant's page, made for a phone: #/vote asks for the code, #/vote/{code} shows the question
 * and the ballot (no account needed), then the live results.
 */
export function VotePage({ code }: { code?: string | undefined }) {
  const { t } = useI18n();
  const valid = code !== undefined && CODE.test(code.toUpperCase());
  const round = useApi<VoteRound>(valid ? `votes/${encodeURIComponent(code.toUpperCase())}` : null);
  const [voted, setVoted] = useState<VoteResults | undefined>();
  return (
    <div className="twl-wb-vote">
      <PageTitle>{round.data?.question ?? t('wb.vote.title')}</PageTitle>
      <span id="vote-title" hidden>
        {t('wb.vote.title')}
      </span>
      {!valid && <CodeForm />}
      {round.error && <ErrorAlert error={round.error} />}
      {round.error && <CodeForm />}
      {valid && round.loading && <Loading />}
      {round.data && round.data.status === 'closed' && (
        <div className="utrecht-alert utrecht-alert--info" role="status">
          <p className="utrecht-paragraph">{t('wb.vote.isClosed')}</p>
        </div>
      )}
      {round.data && round.data.status === 'open' && !voted && <BallotForm round={round.data} onVoted={setVoted} />}
      {voted && (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <p className="utrecht-paragraph">{t('wb.vote.thanks')}</p>
        </div>
      )}
      {round.data && (voted || round.data.status === 'closed') && <Results round={round.data} {...(voted ? { initial: voted } : {})} />}
    </div>
  );
}
