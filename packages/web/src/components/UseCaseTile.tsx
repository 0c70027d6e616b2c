import type { UseCaseId } from '@tweeling/core';
import { useI18n } from '../i18n/index.js';
import { href } from '../router.js';
import { useCaseLabel } from '../useCases.js';

/** A tile for one use case with how many installed apps serve it; links to the filtered catalogue. */
export function UseCaseTile({ id, count }: { id: UseCaseId; count: number }) {
  const { t, lang } = useI18n();
  const countText = count === 0 ? t('home.appCountNone') : count === 1 ? t('home.appCountOne') : t('home.appCount', { n: count });
  return (
    <li className={`twl-tile${count === 0 ? ' twl-tile--empty' : ''}`}>
      <a className="twl-tile__link" href={href('apps', { usecase: id })}>
        <h3 className="utrecht-heading-3 twl-tile__title">{useCaseLabel(id, lang)}</h3>
        <span className="twl-tile__count">{countText}</span>
      </a>
    </li>
  );
}
