import { useState } from 'react';
import type { Stakeholder, UserStory } from '@tweeling/core';
import { useApi } from '../../api/useApi.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Loading } from '../../components/Loading.js';
import { useI18n } from '../../i18n/index.js';
import { href } from '../../router.js';
import { ucPath } from '../api.js';
import type { TabProps } from '../types.js';
import { StoryForm } from './StoryForm.js';
import { StoryTreeSection } from './StoryTreeSection.js';

function StoryCard({ story, stakeholders }: { story: UserStory; stakeholders: Stakeholder[] }) {
  const { t } = useI18n();
  const names = story.stakeholderIds.map((id) => stakeholders.find((s) => s.id === id)?.name).filter(Boolean);
  return (
    <li className="twl-card twl-wb-story">
      <p className="utrecht-paragraph twl-wb-story__text">{story.text}</p>
      <dl className="twl-dl twl-dl--compact">
        {names.length > 0 && (
          <div className="twl-dl__row">
            <dt>{t('wb.tab.stakeholders')}</dt>
            <dd>{names.join(', ')}</dd>
          </div>
        )}
        {story.indicators.length > 0 && (
          <div className="twl-dl__row">
            <dt>{t('wb.story.indicators')}</dt>
            <dd>{story.indicators.join('; ')}</dd>
          </div>
        )}
        {story.dataNeeds.length > 0 && (
          <div className="twl-dl__row">
            <dt>{t('wb.story.dataNeeds')}</dt>
            <dd>{story.dataNeeds.join('; ')}</dd>
          </div>
        )}
        {story.appIds.length > 0 && (
          <div className="twl-dl__row">
            <dt>{t('wb.story.apps')}</dt>
            <dd>
              {story.appIds.map((id, i) => (
                <span key={id}>
                  {i > 0 && ', '}
                  <a className="utrecht-link" href={href('apps', id)}>
                    {id}
                  </a>
                </span>
              ))}
            </dd>
          </div>
        )}
      </dl>
    </li>
  );
}

/** User stories ("Als … wil ik … zodat … omdat …") with their links, a form to add one, and the story tree. */
export function StoriesTab({ useCase, canEdit }: TabProps) {
  const { t } = useI18n();
  const [nonce, setNonce] = useState(0);
  const stories = useApi<{ stories: UserStory[] }>(ucPath(useCase.id, 'stories'), nonce);
  const stakeholders = useApi<{ stakeholders: Stakeholder[] }>(ucPath(useCase.id, 'stakeholders'));
  const list = stories.data?.stories ?? [];
  return (
    <>
      <section aria-labelledby="stories-heading">
        <h2 className="utrecht-heading-2" id="stories-heading">
          {t('wb.tab.stories')}
        </h2>
        <p className="utrecht-paragraph">{t('wb.story.intro')}</p>
        {stories.error && <ErrorAlert error={stories.error} onRetry={stories.reload} />}
        {stories.loading && !stories.data && <Loading />}
        {stories.data && list.length === 0 && <p className="utrecht-paragraph">{t('wb.story.none')}</p>}
        <ul className="twl-cards twl-wb-stories">
          {list.map((s) => (
            <StoryCard key={s.id} story={s} stakeholders={stakeholders.data?.stakeholders ?? []} />
          ))}
        </ul>
      </section>
      {canEdit && <StoryForm useCaseId={useCase.id} stakeholders={stakeholders.data?.stakeholders ?? []} onAdded={() => setNonce((n) => n + 1)} />}
      <StoryTreeSection useCase={useCase} canEdit={canEdit} />
    </>
  );
}
