import type { Decision } from '@tweeling/core';
import { useI18n } from '../../i18n/index.js';
import { href } from '../../router.js';

/** The runs (with app, version and output hashes) and dataset versions a decision cites. */
export function Citations({ decision }: { decision: Decision }) {
  const { t } = useI18n();
  if (decision.runs.length === 0 && decision.datasets.length === 0) return <p className="utrecht-paragraph twl-muted">{t('wb.dec.noCitations')}</p>;
  return (
    <ul className="utrecht-unordered-list twl-wb-citations">
      {decision.runs.map((r) => (
        <li key={r.jobId} data-job={r.jobId}>
          {t('wb.dec.run')}{' '}
          <a className="utrecht-link" href={href('jobs', r.jobId)}>
            {r.appId} {r.appVersion} ({r.jobId.slice(0, 8)})
          </a>
          <span className="twl-cell-note">{r.outputs.map((o) => `${o.output}: ${o.hash.slice(0, 12)}…`).join(' · ')}</span>
        </li>
      ))}
      {decision.datasets.map((d) => (
        <li key={`${d.datasetId}@${d.version}`}>
          {t('wb.dec.dataset')}{' '}
          <a className="utrecht-link" href={href('datasets', d.datasetId)}>
            {t('wb.dec.datasetVersion', { id: d.datasetId, version: d.version })}
          </a>
          <span className="twl-cell-note">{d.contentHash.slice(0, 12)}…</span>
        </li>
      ))}
    </ul>
  );
}
