import type { Dataset, DatasetVersion } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Loading } from '../components/Loading.js';
import { PageTitle } from '../components/PageTitle.js';
import { localized, useI18n } from '../i18n/index.js';
import { href } from '../router.js';
import { useOrganisationName } from './useOrganisations.js';
import { TableHead } from '../components/TableHead.js';

/** One dataset: metadata, quality, lineage and every version with its content hash. */
export function DatasetPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const encoded = encodeURIComponent(id);
  const dataset = useApi<Dataset>(`datasets/${encoded}`);
  const versions = useApi<{ versions: DatasetVersion[] }>(`datasets/${encoded}/versions`);
  const orgName = useOrganisationName();
  if (dataset.error) return <ErrorAlert error={dataset.error} onRetry={dataset.reload} />;
  if (!dataset.data) return <Loading />;
  const d = dataset.data;
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB');
  const rows: Array<[string, string]> = [
    [t('datasets.owner'), orgName(d.organisationId)],
    [t('datasets.licence'), d.licence],
    [t('datasets.kind'), t(d.kind === 'raster' ? 'app.raster' : 'app.vector')],
    [t('datasets.quality'), [d.quality?.completeness, d.quality?.positionalAccuracyM !== undefined ? t('datasets.accuracy', { m: d.quality.positionalAccuracyM }) : undefined, d.quality?.notes].filter(Boolean).join(' · ') || t('common.unknown')],
    [t('datasets.source'), d.source ?? '—'],
    [t('datasets.lineage'), d.lineage ?? '—'],
  ];
  return (
    <>
      <PageTitle>{localized(d.title, lang)}</PageTitle>
      {d.description && <p className="utrecht-paragraph utrecht-paragraph--lead">{localized(d.description, lang)}</p>}
      <dl className="twl-dl">
        {rows.map(([k, v]) => (
          <div className="twl-dl__row" key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {d.kind === 'vector' && (
        <p className="utrecht-paragraph">
          <a className="utrecht-link" href={href('map', { layers: d.id })}>
            {t('datasets.preview')}
          </a>
        </p>
      )}
      <section aria-labelledby="versions-heading">
        <h2 className="utrecht-heading-2" id="versions-heading">
          {t('datasets.versions')}
        </h2>
        {versions.error && <ErrorAlert error={versions.error} onRetry={versions.reload} />}
        {versions.data && (
          <div className="utrecht-table-container twl-table-wrap" tabIndex={0} role="region" aria-labelledby="versions-heading">
            <table className="utrecht-table utrecht-table--html-table">
              <TableHead labels={(['datasets.version', 'datasets.created', 'datasets.createdBy', 'datasets.items', 'datasets.hash'] as const).map((k) => t(k))} />
              <tbody className="utrecht-table__body">
                {versions.data.versions.map((v) => (
                  <tr className="utrecht-table__row" key={v.version}>
                    <th className="utrecht-table__header-cell" scope="row">
                      {v.version}
                    </th>
                    <td className="utrecht-table__cell">{when(v.createdAt)}</td>
                    <td className="utrecht-table__cell">{v.createdBy ?? '—'}</td>
                    <td className="utrecht-table__cell">{v.itemCount ?? '—'}</td>
                    <td className="utrecht-table__cell">
                      <code title={v.contentHash}>{v.contentHash.slice(0, 16)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
