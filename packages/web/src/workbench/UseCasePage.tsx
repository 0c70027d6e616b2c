import type { UseCase } from '@tweeling/core';
import { useApi } from '../api/useApi.js';
import { useAuth } from '../auth.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Loading } from '../components/Loading.js';
import { PageTitle } from '../components/PageTitle.js';
import { SignIn } from '../components/SignIn.js';
import { useOrganisationName } from '../datasets/useOrganisations.js';
import { useI18n } from '../i18n/index.js';
import type { MessageKey } from '../i18n/nl.js';
import { href } from '../router.js';
import { mayEdit, mayManage, ucPath, useCaller } from './api.js';
import { CanvasTab } from './canvas/CanvasTab.js';
import { DecisionsTab } from './decisions/DecisionsTab.js';
import { DossierView } from './decisions/DossierView.js';
import { ExportTab } from './ExportTab.js';
import { OverviewTab } from './overview/OverviewTab.js';
import { RetrosTab } from './retros/RetrosTab.js';
import { StakeholdersTab } from './stakeholders/StakeholdersTab.js';
import { StatusBadge } from './StatusBadge.js';
import { StoriesTab } from './stories/StoriesTab.js';
import type { TabProps } from './types.js';
import { VotesTab } from './votes/VotesTab.js';

const TABS: Array<{ id: string; key: MessageKey }> = [
  { id: '', key: 'wb.tab.overview' },
  { id: 'canvas', key: 'wb.tab.canvas' },
  { id: 'stakeholders', key: 'wb.tab.stakeholders' },
  { id: 'stories', key: 'wb.tab.stories' },
  { id: 'votes', key: 'wb.tab.votes' },
  { id: 'decisions', key: 'wb.tab.decisions' },
  { id: 'retrospectives', key: 'wb.tab.retros' },
  { id: 'export', key: 'wb.tab.export' },
];

function Tab({ tab, sub, props }: { tab: string; sub: string | undefined; props: TabProps }) {
  switch (tab) {
    case 'canvas':
      return <CanvasTab {...props} />;
    case 'stakeholders':
      return <StakeholdersTab {...props} />;
    case 'stories':
      return <StoriesTab {...props} />;
    case 'votes':
      return <VotesTab {...props} />;
    case 'decisions':
      return sub ? <DossierView useCase={props.useCase} decisionId={sub} /> : <DecisionsTab {...props} />;
    case 'retrospectives':
      return <RetrosTab {...props} />;
    case 'export':
      return <ExportTab {...props} />;
    default:
      return <OverviewTab {...props} />;
  }
}

/** One use case: title, phase and organisation, and its parts as sub-pages (#/use-cases/{id}/{tab}). */
export function UseCasePage({ id, tab = '', sub }: { id: string; tab?: string | undefined; sub?: string | undefined }) {
  const { t } = useI18n();
  const { token } = useAuth();
  const caller = useCaller();
  const useCase = useApi<UseCase>(ucPath(id), token);
  const orgName = useOrganisationName();
  // Not signed in: a private use case answers 404, a public one can be read but not changed.
  const signIn = !token && <SignIn reason={t('wb.page.signIn')} />;
  if (useCase.error)
    return (
      <>
        {signIn}
        <ErrorAlert error={useCase.error} onRetry={useCase.reload} />
      </>
    );
  if (!useCase.data) return <Loading />;
  const uc = useCase.data;
  const props: TabProps = { useCase: uc, caller, canEdit: mayEdit(caller, uc), canManage: mayManage(caller, uc), reload: useCase.reload };
  const current = TABS.some((x) => x.id === tab) ? tab : '';
  return (
    <>
      <p className="utrecht-paragraph twl-no-print">
        <a className="utrecht-link" href={href('use-cases')}>
          {t('wb.backToList')}
        </a>
      </p>
      <PageTitle>{uc.title}</PageTitle>
      <p className="utrecht-paragraph twl-card__meta twl-no-print">
        {orgName(uc.organisationId)} · {t('wb.phase')}: <StatusBadge status={uc.status} /> · {t(uc.visibility === 'public' ? 'wb.visibility.public' : 'wb.visibility.private')}
      </p>
      {signIn}
      <nav className="twl-wb-tabs twl-no-print" aria-label={t('wb.tabs')}>
        <ul className="twl-wb-tabs__list">
          {TABS.map((x) => (
            <li key={x.id}>
              <a className="twl-wb-tabs__link" href={x.id ? href('use-cases', uc.id, x.id) : href('use-cases', uc.id)} aria-current={x.id === current ? 'page' : undefined}>
                {t(x.key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Tab key={`${current}/${sub ?? ''}`} tab={current} sub={sub} props={props} />
    </>
  );
}
