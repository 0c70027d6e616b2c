import type { JobInfo } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import type { MessageKey } from '../i18n/nl.js';
import type { LogLine } from './useJob.js';

/** Status, a progress bar and the log of progress messages (announced politely to screen readers). */
export function JobProgress({ job, log }: { job: JobInfo; log: LogLine[] }) {
  const { t, lang } = useI18n();
  const statusText = t(`job.status.${job.status}` as MessageKey);
  const progress = job.progress ?? 0;
  // ETA from the rate so far (progress is linear enough per app to be a useful hint).
  const elapsedS = job.started ? (Date.parse(job.updated ?? job.started) - Date.parse(job.started)) / 1000 : 0;
  const etaS = job.status === 'running' && progress > 0 && progress < 100 && elapsedS > 0 ? (elapsedS * (100 - progress)) / progress : undefined;
  const eta = etaS === undefined ? undefined : etaS < 90 ? t('job.seconds', { n: Math.max(1, Math.round(etaS)) }) : t('job.minutes', { n: Math.round(etaS / 60) });
  const time = (iso: string) => new Date(iso).toLocaleTimeString(lang === 'nl' ? 'nl-NL' : 'en-GB');
  return (
    <section aria-labelledby="progress-heading" className="twl-progress">
      <h2 className="utrecht-heading-2" id="progress-heading">
        {t('job.progress')}
      </h2>
      <p className="utrecht-paragraph" role="status" aria-live="polite">
        {t('job.status')}: <strong className={`twl-status twl-status--${job.status}`} data-status={job.status}>{statusText}</strong>
        {job.message ? ` — ${job.message}` : ''}
      </p>
      <div className="twl-progress__bar">
        <progress id="job-progress" max={100} value={progress} aria-label={t('job.progress')} />
        <span aria-hidden="true">{progress}%</span>
        {eta && <span className="twl-muted">{t('job.eta', { time: eta })}</span>}
      </div>
      <details className="twl-details" open>
        <summary>{t('job.log')}</summary>
        <ol className="utrecht-ordered-list twl-log">
          {log.map((line, i) => (
            <li key={i}>
              <time dateTime={line.at}>{time(line.at)}</time> {line.progress}% — {line.message}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
