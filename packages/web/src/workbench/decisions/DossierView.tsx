import type { DecisionDossier, UseCase } from '@tweeling/core';
import { API } from '../../api/client.js';
import { useApi } from '../../api/useApi.js';
import { AuthDownload } from '../../components/AuthDownload.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Loading } from '../../components/Loading.js';
import { useI18n } from '../../i18n/index.js';
import { href } from '../../router.js';
import { ucPath } from '../api.js';
import { DossierRuns } from './DossierRuns.js';

/**
 * The decision dossier as a printable page (the print style sheet leaves out the site's header, menus
 * and buttons): what was decided, why, by whom, on which basis, and the pinned runs and data with a
 * check against the records on file. Downloads as HTML or JSON for an auditor.
 */
export function DossierView({ useCase, decisionId }: { useCase: UseCase; decisionId: string }) {
  const { t, lang } = useI18n();
  const path = ucPath(useCase.id, 'decisions', decisionId, 'dossier');
  const dossier = useApi<DecisionDossier>(path);
  if (dossier.error) return <ErrorAlert error={dossier.error} onRetry={dossier.reload} />;
  if (!dossier.data) return <Loading />;
  const { decision: d, generatedAt } = dossier.data;
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL');
  return (
    <article className="twl-wb-dossier" aria-labelledby="dossier-heading">
      <p className="utrecht-paragraph twl-no-print">
        <a className="utrecht-link" href={href('use-cases', useCase.id, 'decisions')}>
          {t('wb.dec.back')}
        </a>
      </p>
      <h2 className="utrecht-heading-2" id="dossier-heading">
        {t('wb.dec.dossier')}: {d.title}
      </h2>
      <p className="twl-actions twl-no-print">
        <button type="button" className="utrecht-button utrecht-button--primary-action" onClick={() => window.print()}>
          {t('wb.dec.print')}
        </button>
        <AuthDownload url={`${API}/${path}?f=html`} filename={`besluitdossier-${d.id}.html`}>
          {t('wb.dec.downloadHtml')}
        </AuthDownload>
        <AuthDownload url={`${API}/${path}`} filename={`besluitdossier-${d.id}.json`}>
          {t('wb.dec.downloadJson')}
        </AuthDownload>
      </p>
      <dl className="twl-dl">
        {[
          [t('wb.dec.useCase'), `${useCase.title} (${useCase.organisationId})`],
          [t('wb.dec.decidedBy'), d.decidedBy],
          [t('wb.dec.decidedOn'), d.decidedOn],
          [t('wb.dec.legalBasis'), d.legalBasis ?? t('wb.dec.noLegalBasis')],
          [t('wb.dec.recordedBy'), `${d.recordedBy}, ${when(d.createdAt)}`],
          ...(d.supersedes ? [[t('wb.dec.supersedes'), d.supersedes]] : []),
        ].map(([k, val]) => (
          <div key={k} className="twl-dl__row">
            <dt>{k}</dt>
            <dd>{val}</dd>
          </div>
        ))}
      </dl>
      <h3 className="utrecht-heading-3">{t('wb.dec.rationale')}</h3>
      <p className="utrecht-paragraph twl-prewrap">{d.rationale}</p>
      <h3 className="utrecht-heading-3">{t('wb.dec.alternatives')}</h3>
      {d.alternatives.length ? (
        <ul className="utrecht-unordered-list">
          {d.alternatives.map((a, i) => (
            <li key={i}>{a}</li>
          ))}
        </ul>
      ) : (
        <p className="utrecht-paragraph">{t('wb.dec.noAlternatives')}</p>
      )}
      <DossierRuns dossier={dossier.data} />
      <h3 className="utrecht-heading-3">{t('wb.dec.traceability')}</h3>
      <p className="utrecht-paragraph">{t('wb.dec.traceabilityText')}</p>
      <p className="utrecht-paragraph twl-muted">{t('wb.dec.generated', { when: when(generatedAt) })}</p>
    </article>
  );
}
