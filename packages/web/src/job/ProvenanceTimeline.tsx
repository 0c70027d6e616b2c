import type { RunRecord } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { href } from '../router.js';
import { AuthDownload } from '../components/AuthDownload.js';
import { useOrganisationName } from '../datasets/useOrganisations.js';

const short = (hash: string) => hash.slice(0, 12);

/** The run record as a readable timeline: who started it, which release and code, which data versions, which outputs, when. */
export function ProvenanceTimeline({ record, provHref }: { record: RunRecord; provHref: string }) {
  const { t, lang } = useI18n();
  const orgName = useOrganisationName();
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB') : '—');
  return (
    <section aria-labelledby="prov-heading">
      <h2 className="utrecht-heading-2" id="prov-heading">
        {t('job.provenance')}
      </h2>
      <ol className="twl-timeline">
        <li className="twl-timeline__item">
          <strong>{t('job.prov.started')}</strong> <time dateTime={record.startedAt ?? undefined}>{when(record.startedAt)}</time>
          <div>{t('job.prov.who', { org: orgName(record.who.organisationId) })}{record.who.userId ? ` (${record.who.userId})` : record.who.tokenId ? ` (token ${record.who.tokenId.slice(0, 8)})` : ''}</div>
        </li>
        <li className="twl-timeline__item">
          <strong>{t('job.prov.app', { id: record.app.id, version: record.app.version })}</strong>
          <div>
            <span title={record.app.codeHash}>{t('job.prov.codeHash', { hash: short(record.app.codeHash) })}</span> · engine {record.engineVersion} · {t('job.prov.seed', { seed: record.seed })}
          </div>
        </li>
        <li className="twl-timeline__item">
          <strong>{t('job.prov.data')}</strong>
          <ul className="utrecht-unordered-list">
            {record.datasets.map((d) => (
              <li key={d.input}>
                {d.input}:{' '}
                <a className="utrecht-link" href={href('datasets', d.dataset)}>
                  {t('job.prov.dataset', { id: d.dataset, version: d.version, licence: d.licence ?? '?' })}
                </a>{' '}
                <code title={d.contentHash}>{short(d.contentHash)}</code>
              </li>
            ))}
          </ul>
        </li>
        <li className="twl-timeline__item">
          <strong>{t('job.prov.outputs')}</strong>
          <ul className="utrecht-unordered-list">
            {record.outputs.map((o) => (
              <li key={o.output}>
                {o.output}
                {o.dataset ? ` → ${o.dataset}@${o.version ?? '?'}` : ''} <code title={o.hash}>{short(o.hash)}</code>
              </li>
            ))}
          </ul>
        </li>
        <li className="twl-timeline__item">
          <strong>{t('job.prov.ended')}</strong> <time dateTime={record.endedAt ?? undefined}>{when(record.endedAt)}</time> ({record.status})
        </li>
      </ol>
      <p className="utrecht-paragraph">
        <AuthDownload url={provHref} filename={`prov-${record.jobId}.json`}>
          {t('job.provJson')}
        </AuthDownload>
      </p>
    </section>
  );
}
