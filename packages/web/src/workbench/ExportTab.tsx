import { API } from '../api/client.js';
import { AuthDownload } from '../components/AuthDownload.js';
import { useI18n } from '../i18n/index.js';
import { href } from '../router.js';
import { ucPath } from './api.js';
import type { TabProps } from './types.js';

const slug = (title: string) =>
  title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'use-case';

/** Export: the whole use case as Markdown (canvas, stakeholders, tree, stories, decisions, retrospectives); dossiers per decision. */
export function ExportTab({ useCase }: TabProps) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="export-heading">
      <h2 className="utrecht-heading-2" id="export-heading">
        {t('wb.tab.export')}
      </h2>
      <p className="utrecht-paragraph">{t('wb.export.intro')}</p>
      <p className="twl-actions">
        <AuthDownload url={`${API}/${ucPath(useCase.id, 'export.md')}`} filename={`${slug(useCase.title)}.md`}>
          {t('wb.export.markdown')}
        </AuthDownload>
      </p>
      <p className="utrecht-paragraph">
        {t('wb.export.dossiers')}{' '}
        <a className="utrecht-link" href={href('use-cases', useCase.id, 'decisions')}>
          {t('wb.tab.decisions')}
        </a>
      </p>
    </section>
  );
}
