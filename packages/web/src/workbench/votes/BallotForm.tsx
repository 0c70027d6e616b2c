import { useState } from 'react';
import type { VoteResults, VoteRound } from '@tweeling/core';
import { useI18n } from '../../i18n/index.js';
import { send, type FieldError } from '../api.js';
import { FormFrame } from '../form/FormFrame.js';
import { TextField } from '../form/TextField.js';
import { required, useForm } from '../form/useForm.js';
import { RankingList } from './RankingList.js';

const VOTER_KEY = 'tweeling.voterId';

/** A random id for this device, kept in localStorage: the server accepts one vote per voter id and round. */
function voterId(): string {
  const fresh = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  try {
    const known = localStorage.getItem(VOTER_KEY);
    if (known) return known;
    const id = fresh();
    localStorage.setItem(VOTER_KEY, id);
    return id;
  } catch {
    return fresh();
  }
}

/** The ballot: a nickname, then points per option (within the budget) or the options in order. */
export function BallotForm({ round, onVoted }: { round: VoteRound; onVoted: (results: VoteResults) => void }) {
  const { t } = useI18n();
  const form = useForm();
  const [nickname, setNickname] = useState('');
  const [points, setPoints] = useState<Record<string, string>>({});
  const [ranking, setRanking] = useState(() => round.options.map((o) => o.key));
  const budget = round.pointsPerVoter ?? 0;
  const total = Object.values(points).reduce((sum, p) => sum + (Number(p) || 0), 0);
  const onSubmit = () => {
    const found: FieldError[] = required('vote-nickname', nickname, t('run.required', { field: t('wb.vote.nickname') }));
    if (round.method === 'points') {
      for (const o of round.options) {
        const p = points[o.key] ?? '';
        if (p.trim() && !(Number.isInteger(Number(p)) && Number(p) >= 0)) found.push({ name: `vote-points-${o.key}`, message: t('wb.vote.pointsWhole', { option: o.label }) });
      }
      if (total < 1 || total > budget) found.push({ name: `vote-points-${round.options[0]?.key ?? 'a'}`, message: t('wb.vote.pointsTotal', { total, budget }) });
    }
    void form.submit(found, async () => {
      const ballot =
        round.method === 'points'
          ? { points: Object.fromEntries(round.options.map((o) => [o.key, Number(points[o.key]) || 0]).filter(([, p]) => Number(p) > 0)) }
          : { ranking };
      onVoted(await send<VoteResults>('POST', `votes/${encodeURIComponent(round.code)}`, { voterId: voterId(), nickname: nickname.trim(), ...ballot }));
    });
  };
  return (
    <FormFrame form={form} labelledBy="vote-title" submitLabel={t('wb.vote.submit')} busyLabel={t('wb.saving')} onSubmit={onSubmit}>
      <TextField name="vote-nickname" label={t('wb.vote.nickname')} description={t('wb.vote.nicknameHelp')} required value={nickname} error={form.errorOf('vote-nickname')} autoComplete="nickname" onChange={(v) => (setNickname(v), form.clear('vote-nickname'))} />
      {round.method === 'points' ? (
        <fieldset className="utrecht-form-fieldset twl-fieldset twl-wb-ballot">
          <legend className="utrecht-form-fieldset__legend">{t('wb.vote.divide', { budget })}</legend>
          {round.options.map((o) => (
            <TextField
              key={o.key}
              name={`vote-points-${o.key}`}
              type="number"
              label={o.label}
              value={points[o.key] ?? ''}
              error={form.errorOf(`vote-points-${o.key}`)}
              onChange={(v) => (setPoints((p) => ({ ...p, [o.key]: v })), form.clear(`vote-points-${o.key}`))}
            />
          ))}
          <p className="utrecht-paragraph twl-wb-ballot__total" aria-live="polite">
            {t('wb.vote.used', { total, budget })}
          </p>
        </fieldset>
      ) : (
        <RankingList options={round.options} order={ranking} onChange={setRanking} />
      )}
    </FormFrame>
  );
}
