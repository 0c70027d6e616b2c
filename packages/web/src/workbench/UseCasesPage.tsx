import type { UseCase, UseCaseList } from '@tweeling/core';
import { useApi } from '../api/useApi.js';
import { useAuth } from '../auth.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Loading } from '../components/Loading.js';
import { PageTitle } from '../components/PageTitle.js';
import { SignIn } from '../components/SignIn.js';
import { useOrganisationName } from '../datasets/useOrganisations.js';
import { useI18n } from '../i18n/index.js';
import { href } from '../router.js';
import { useCaller } from './api.js';
import { LessonSearch } from './retros/LessonSearch.js';
import { StatusBadge } from './StatusBadge.js';

function UseCaseCard({ useCase, orgName }: { useCase: UseCase; orgName: string }) {
  const { t } = useI18n();
  return (
    <li className="twl-card">
      <h3 className="utrecht-heading-3 twl-card__title">
        <a className="utrecht-link" href={href('use-cases', useCase.id)}>
          {useCase.title}
        </a>
      </h3>
      {useCase.summary && <p className="utrecht-paragraph twl-card__text">{useCase.summary}</p>}
      <p className="utrecht-paragraph twl-card__meta">
        {orgName} · <StatusBadge status={useCase.status} /> · {t(useCase.visibility === 'public' ? 'wb.visibility.public' : 'wb.visibility.private')}
      </p>
    </li>
  );
}

/** The use cases the caller may read: the own organisation's first, then public ones of others. */
export function UseCasesPage() {
  const { t } = useI18n();
  const { token } = useAuth();
  const caller = useCaller();
  const list = useApi<UseCaseList>('use-cases', token);
  const orgName = useOrganisationName();
  const all = list.data?.useCases ?? [];
  const own = caller ? all.filter((u) => u.organisationId === caller.organisationId) : [];
  const others = all.filter((u) => !own.includes(u));
  const section = (id: string, title: string, items: UseCase[], empty: string) => (
    <section aria-labelledby={id}>
      <h2 className="utrecht-heading-2" id={id}>
        {title}
      </h2>
      {items.length === 0 ? (
        <p className="utrecht-paragraph">{empty}</p>
      ) : (
        <ul className="twl-cards">
          {items.map((u) => (
            <UseCaseCard key={u.id} useCase={u} orgName={orgName(u.organisationId)} />
          ))}
        </ul>
      )}
    </section>
  );
  return (
    <>
      <PageTitle>{t('wb.list.title')}</PageTitle>
      <p className="utrecht-paragraph utrecht-paragraph--lead">{t('wb.list.intro')}</p>
      {caller?.permissions.includes('jobs:run') && (
        <p className="twl-actions">
          <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={href('use-cases', 'new')}>
            {t('wb.new.title')}
          </a>
        </p>
      )}
      {!caller && <SignIn reason={t('wb.list.signIn')} />}
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {list.loading && <Loading />}
      {list.data && (
        <>
          {caller && section('own-heading', t('wb.list.own'), own, t('wb.list.ownNone'))}
          {section('public-heading', t('wb.list.public'), others, t('wb.list.publicNone'))}
        </>
      )}
      {caller && <LessonSearch />}
    </>
  );
}
