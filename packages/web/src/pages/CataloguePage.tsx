import type { ProcessSummary } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { AppCard } from '../components/AppCard.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Loading } from '../components/Loading.js';
import { PageTitle } from '../components/PageTitle.js';
import { SearchForm } from '../components/SearchForm.js';
import { useI18n } from '../i18n/index.js';
import { href } from '../router.js';
import { isUseCase, matchesQuery, USE_CASE_LIST, useCaseLabel, useCasesOf } from '../useCases.js';

/** The catalogue of installed apps: free-text search and a use-case facet with counts. */
export function CataloguePage({ query }: { query: URLSearchParams }) {
  const { t, lang } = useI18n();
  const q = query.get('q') ?? '';
  const rawUseCase = query.get('usecase') ?? '';
  const useCase = isUseCase(rawUseCase) ? rawUseCase : undefined;
  const processes = useApi<{ processes: ProcessSummary[] }>('processes');
  const all = processes.data?.processes ?? [];
  const matching = all.filter((p) => matchesQuery(p, q));
  const shown = matching.filter((p) => !useCase || useCasesOf(p).includes(useCase));
  const facetCounts = USE_CASE_LIST.map((id) => ({ id, n: matching.filter((p) => useCasesOf(p).includes(id)).length })).filter((f) => f.n > 0);
  const resultText = shown.length === 0 ? t('catalogue.resultsNone') : shown.length === 1 ? t('catalogue.resultsOne') : t('catalogue.results', { n: shown.length });
  return (
    <>
      <PageTitle>{t('catalogue.title')}</PageTitle>
      <SearchForm key={q} initial={q} useCase={useCase} />
      {processes.error && <ErrorAlert error={processes.error} onRetry={processes.reload} />}
      {processes.loading && <Loading />}
      {processes.data && (
        <div className="twl-catalogue">
          <nav className="twl-facets" aria-labelledby="facet-heading">
            <h2 className="utrecht-heading-2 twl-facets__title" id="facet-heading">
              {t('catalogue.facet')}
            </h2>
            <ul className="utrecht-link-list twl-facets__list">
              <li>
                <a className="utrecht-link" href={href('apps', { q: q || undefined })} aria-current={useCase ? undefined : 'true'}>
                  {t('catalogue.facetAll')} ({matching.length})
                </a>
              </li>
              {facetCounts.map((f) => (
                <li key={f.id}>
                  <a className="utrecht-link" href={href('apps', { q: q || undefined, usecase: f.id })} aria-current={useCase === f.id ? 'true' : undefined}>
                    {useCaseLabel(f.id, lang)} ({f.n})
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <section className="twl-results" aria-label={t('catalogue.title')}>
            <p className="utrecht-paragraph" role="status">
              {resultText} {q && shown.length > 0 ? t('catalogue.resultsFor', { q }) : ''}
              {useCase ? ` · ${useCaseLabel(useCase, lang)}` : ''}
            </p>
            <ul className="twl-cards">
              {shown.map((p) => (
                <AppCard key={p.id} process={p} />
              ))}
            </ul>
          </section>
        </div>
      )}
    </>
  );
}
