import type { ProcessSummary } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { PageTitle } from '../components/PageTitle.js';
import { SearchForm } from '../components/SearchForm.js';
import { UseCaseTile } from '../components/UseCaseTile.js';
import { useI18n } from '../i18n/index.js';
import { USE_CASE_LIST, useCasesOf } from '../useCases.js';

/** Home: search, and one tile per use case with the number of installed apps for it. */
export function HomePage() {
  const { t } = useI18n();
  const processes = useApi<{ processes: ProcessSummary[] }>('processes');
  const counts = new Map<string, number>();
  for (const p of processes.data?.processes ?? []) for (const id of useCasesOf(p)) counts.set(id, (counts.get(id) ?? 0) + 1);
  // Use cases with apps first, then the rest in vocabulary order.
  const ordered = [...USE_CASE_LIST].sort((a, b) => Number((counts.get(b) ?? 0) > 0) - Number((counts.get(a) ?? 0) > 0));
  return (
    <>
      <PageTitle>{t('home.title')}</PageTitle>
      <p className="utrecht-paragraph utrecht-paragraph--lead">{t('home.intro')}</p>
      <SearchForm />
      <section aria-labelledby="usecases-heading">
        <h2 className="utrecht-heading-2" id="usecases-heading">
          {t('home.useCases')}
        </h2>
        {processes.error && <ErrorAlert error={processes.error} onRetry={processes.reload} />}
        <ul className="twl-tiles" aria-busy={processes.loading}>
          {ordered.map((id) => (
            <UseCaseTile key={id} id={id} count={counts.get(id) ?? 0} />
          ))}
        </ul>
      </section>
    </>
  );
}
