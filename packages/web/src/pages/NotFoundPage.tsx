import { PageTitle } from '../components/PageTitle.js';
import { useI18n } from '../i18n/index.js';
import { href } from '../router.js';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={href()}>
          {t('notFound.text')}
        </a>
      </p>
    </>
  );
}
