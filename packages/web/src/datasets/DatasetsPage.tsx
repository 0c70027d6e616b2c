import type { Dataset } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Loading } from '../components/Loading.js';
import { PageTitle } from '../components/PageTitle.js';
import { localized, useI18n } from '../i18n/index.js';
import { href } from '../router.js';
import { useOrganisationName } from './useOrganisations.js';
import { TableHead } from '../components/TableHead.js';

/** All datasets the caller may see: licence, owner, latest version and quality. */
export function DatasetsPage() {
  const { t, lang } = useI18n();
  const datasets = useApi<{ datasets: Dataset[] }>('datasets');
  const orgName = useOrganisationName();
  return (
    <>
      <PageTitle>{t('datasets.title')}</PageTitle>
      <p className="utrecht-paragraph">{t('datasets.intro')}</p>
      {datasets.error && <ErrorAlert error={datasets.error} onRetry={datasets.reload} />}
      {datasets.loading && <Loading />}
      {datasets.data && (
        <div className="utrecht-table-container twl-table-wrap" tabIndex={0} role="region" aria-label={t('datasets.title')}>
          <table className="utrecht-table utrecht-table--html-table">
            <TableHead labels={(['datasets.name', 'datasets.kind', 'datasets.owner', 'datasets.licence', 'datasets.version', 'datasets.items', 'datasets.quality'] as const).map((k) => t(k))} />
            <tbody className="utrecht-table__body">
              {datasets.data.datasets.map((d) => (
                <tr className="utrecht-table__row" key={d.id}>
                  <th className="utrecht-table__header-cell" scope="row">
                    <a className="utrecht-link" href={href('datasets', d.id)}>
                      {localized(d.title, lang)}
                    </a>
                    <span className="twl-cell-note">{d.id}</span>
                  </th>
                  <td className="utrecht-table__cell">{t(d.kind === 'raster' ? 'app.raster' : 'app.vector')}</td>
                  <td className="utrecht-table__cell">{orgName(d.organisationId)}</td>
                  <td className="utrecht-table__cell">{d.licence}</td>
                  <td className="utrecht-table__cell utrecht-table__cell--numeric-column">{d.latestVersion?.version ?? '—'}</td>
                  <td className="utrecht-table__cell utrecht-table__cell--numeric-column">{d.latestVersion?.itemCount ?? '—'}</td>
                  <td className="utrecht-table__cell">
                    {d.quality?.completeness ?? t('common.unknown')}
                    {d.synthetic ? ` · ${t('datasets.synthetic')}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
