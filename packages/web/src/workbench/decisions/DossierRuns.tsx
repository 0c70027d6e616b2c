import type { DecisionDossier } from '@tweeling/core';
import { useI18n } from '../../i18n/index.js';
import { TableHead } from '../../components/TableHead.js';

/** The dossier's evidence: cited runs with pinned output hashes and their check, and cited dataset versions. */
export function DossierRuns({ dossier }: { dossier: DecisionDossier }) {
  const { t, lang } = useI18n();
  const { decision: d, verification } = dossier;
  const unchanged = new Map(verification.map((v) => [v.jobId, v.outputsUnchanged]));
  return (
    <>
      <h3 className="utrecht-heading-3">{t('wb.dec.evidenceRuns')}</h3>
      {d.runs.length === 0 ? (
        <p className="utrecht-paragraph">{t('wb.dec.noRunsCited')}</p>
      ) : (
        <div className="utrecht-table-container twl-table-wrap" tabIndex={0} role="region" aria-label={t('wb.dec.evidenceRuns')}>
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="utrecht-table__caption">{t('wb.dec.runsCaption')}</caption>
            <TableHead labels={(['wb.dec.col.run', 'wb.dec.col.app', 'wb.dec.col.ended', 'wb.dec.col.outputs', 'wb.dec.col.check'] as const).map((k) => t(k))} />
            <tbody className="utrecht-table__body">
              {d.runs.map((r) => (
                <tr key={r.jobId} className="utrecht-table__row" data-job={r.jobId}>
                  <th className="utrecht-table__header-cell" scope="row">
                    <code>{r.jobId}</code>
                  </th>
                  <td className="utrecht-table__cell">
                    {r.appId} {r.appVersion}
                    <span className="twl-cell-note">
                      {t('wb.dec.codeHash')} <code>{r.codeHash}</code>
                    </span>
                  </td>
                  <td className="utrecht-table__cell">{new Date(r.endedAt).toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL')}</td>
                  <td className="utrecht-table__cell">
                    {r.outputs.map((o) => (
                      <span key={o.output} className="twl-wb-hash">
                        {o.output}: <code>{o.hash}</code>
                      </span>
                    ))}
                  </td>
                  <td className="utrecht-table__cell" data-unchanged={String(unchanged.get(r.jobId) ?? false)}>
                    {t(unchanged.get(r.jobId) ? 'wb.dec.unchanged' : 'wb.dec.changed')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 className="utrecht-heading-3">{t('wb.dec.evidenceData')}</h3>
      {d.datasets.length === 0 ? (
        <p className="utrecht-paragraph">{t('wb.dec.noDataCited')}</p>
      ) : (
        <ul className="utrecht-unordered-list">
          {d.datasets.map((s) => (
            <li key={`${s.datasetId}@${s.version}`}>
              {t('wb.dec.datasetVersion', { id: s.datasetId, version: s.version })}: <code>{s.contentHash}</code>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
