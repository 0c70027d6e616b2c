import type { ProcessSummary } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { href } from '../router.js';
import { useCaseLabel, useCasesOf } from '../useCases.js';

/** A result card in the catalogue: name (link), summary, use cases, version. */
export function AppCard({ process }: { process: ProcessSummary }) {
  const { t, lang } = useI18n();
  return (
    <li className="twl-card">
      <h2 className="utrecht-heading-3 twl-card__title">
        <a className="utrecht-link" href={href('apps', process.id)}>
          {process.title}
        </a>
      </h2>
      {process.description && <p className="utrecht-paragraph twl-card__text">{process.description}</p>}
      <ul className="utrecht-badge-list twl-badges" aria-label={t('app.useCases')}>
        {useCasesOf(process).map((id) => (
          <li key={id} className="utrecht-data-badge twl-badge">
            {useCaseLabel(id, lang)}
          </li>
        ))}
      </ul>
      <p className="utrecht-paragraph twl-card__meta">
        {t('common.version')} {process.version}
      </p>
    </li>
  );
}
