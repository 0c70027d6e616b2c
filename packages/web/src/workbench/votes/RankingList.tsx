import type { VoteOption } from '@tweeling/core';
import { useI18n } from '../../i18n/index.js';

/** Puts options in order with up/down buttons (keyboard and screen-reader friendly, no dragging needed). */
export function RankingList({ options, order, onChange }: { options: VoteOption[]; order: string[]; onChange: (order: string[]) => void }) {
  const { t } = useI18n();
  const label = (key: string) => options.find((o) => o.key === key)?.label ?? key;
  const move = (i: number, by: -1 | 1) => {
    const next = [...order];
    const [item] = next.splice(i, 1);
    if (item === undefined) return;
    next.splice(i + by, 0, item);
    onChange(next);
  };
  return (
    <fieldset className="utrecht-form-fieldset twl-fieldset twl-wb-ballot">
      <legend className="utrecht-form-fieldset__legend">{t('wb.vote.rank')}</legend>
      <ol className="twl-wb-ranking" aria-live="polite">
        {order.map((key, i) => (
          <li key={key} className="twl-wb-ranking__item">
            <span>{label(key)}</span>
            <span className="twl-wb-ranking__buttons">
              <button type="button" className="utrecht-button utrecht-button--subtle" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('wb.vote.up', { option: label(key) })}>
                ↑
              </button>
              <button type="button" className="utrecht-button utrecht-button--subtle" disabled={i === order.length - 1} onClick={() => move(i, 1)} aria-label={t('wb.vote.down', { option: label(key) })}>
                ↓
              </button>
            </span>
          </li>
        ))}
      </ol>
    </fieldset>
  );
}
