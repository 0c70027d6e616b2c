import type { MouseEvent } from 'react';
import { useI18n } from '../i18n/index.js';

/** First focusable element: jumps to <main> without changing the hash route. */
export function SkipLink() {
  const { t } = useI18n();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    document.getElementById('main')?.focus();
  };
  return (
    <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main" onClick={onClick}>
      {t('skip.link')}
    </a>
  );
}
