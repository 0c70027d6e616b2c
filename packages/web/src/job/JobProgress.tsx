import type { JobInfo } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import type { MessageKey } from '../i18n/nl.js';
import type { LogLine } from './useJob.js';

/** Status, a progress bar and the log of progress messages (announced politely to screen readers). */
export function JobProgress({ job, log }: { job: JobInfo; log: LogLine[] }) {
  const { t, lang } = useI18n();
  const statusText = t(`job.status.${job.status}` as MessageKey);
  const progress = job.progress ?? 0;
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
