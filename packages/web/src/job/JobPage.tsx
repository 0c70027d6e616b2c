import { useEffect, useState } from 'react';
import { API, apiFetch } from '../api/client.js';
import type { JobInfo, JobResults as Results, RunRecord } from '../api/types.js';
import { useAuth } from '../auth.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Loading } from '../components/Loading.js';
import { PageTitle } from '../components/PageTitle.js';
import { SignIn } from '../components/SignIn.js';
import { useI18n } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import { JobProgress } from './JobProgress.js';
import { JobResults } from './JobResults.js';
import { ProvenanceTimeline } from './ProvenanceTimeline.js';
import { FINAL, useJob } from './useJob.js';

/** One job: live progress, cancel, results, provenance, rerun and its verdict. */
export function JobPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { token } = useAuth();
  const [refresh, setRefresh] = useState(0);
  const { job, log, error } = useJob(id, token, refresh);
  const [finalData, setFinalData] = useState<{ results?: Results; record?: RunRecord }>({});
  const [actionError, setActionError] = useState<Error | undefined>();
  const finished = job !== undefined && FINAL.includes(job.status);

  useEffect(() => {
    if (!finished || !token || !job) return;
    let live = true;
    const encoded = encodeURIComponent(id);
    Promise.all([
      job.status === 'successful' ? apiFetch<Results>(`jobs/${encoded}/results`, { token }) : Promise.resolve(undefined),
      apiFetch<RunRecord>(`jobs/${encoded}/record`, { token }).catch(() => undefined),
    ]).then(
      ([results, record]) => live && setFinalData({ ...(results ? { results } : {}), ...(record ? { record } : {}) }),
      (e: unknown) => live && setActionError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      live = false;
    };
  }, [finished, job?.status, id, token]);

  if (!token) {
    return (
      <>
        <PageTitle>{t('job.title', { id: id.slice(0, 8) })}</PageTitle>
        <SignIn reason={t('job.signIn')} />
      </>
    );
  }
  if (error) return <ErrorAlert error={error} onRetry={() => setRefresh((n) => n + 1)} />;
  if (!job) return <Loading />;

  const cancel = async () => {
    try {
      await apiFetch<JobInfo>(`jobs/${encodeURIComponent(id)}`, { method: 'DELETE', token });
      setRefresh((n) => n + 1);
    } catch (e) {
      setActionError(e instanceof Error ? e : new Error(String(e)));
    }
  };
  const rerun = async () => {
    try {
      const next = await apiFetch<JobInfo>(`jobs/${encodeURIComponent(id)}/rerun`, { method: 'POST', token, headers: { prefer: 'respond-async' } });
      navigate(href('jobs', next.jobID));
    } catch (e) {
      setActionError(e instanceof Error ? e : new Error(String(e)));
    }
  };

  return (
    <>
      <PageTitle>{t('job.title', { id: id.slice(0, 8) })}</PageTitle>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={href('apps', job.processID)}>
          {job.processID}
        </a>
        {job.rerunOf && (
          <>
            {' · '}
            <a className="utrecht-link" href={href('jobs', job.rerunOf)}>
              {t('job.rerunOf', { id: job.rerunOf.slice(0, 8) })}
            </a>
          </>
        )}
      </p>
      {job.rerunOf && (
        <div className={`utrecht-alert ${job.reproduced === false ? 'utrecht-alert--error' : job.reproduced ? 'utrecht-alert--ok' : 'utrecht-alert--info'} twl-verdict`} data-reproduced={String(job.reproduced ?? null)}>
          <p className="utrecht-paragraph">{t(job.reproduced === true ? 'job.reproduced.true' : job.reproduced === false ? 'job.reproduced.false' : 'job.reproduced.null')}</p>
        </div>
      )}
      {actionError && <ErrorAlert error={actionError} />}
      <JobProgress job={job} log={log} />
      <p className="twl-actions">
        {!finished && (
          <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={cancel}>
            {t('job.cancel')}
          </button>
        )}
        {finished && job.status === 'successful' && (
          <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={rerun}>
            {t('job.rerun')}
          </button>
        )}
      </p>
      {finalData.results && <JobResults results={finalData.results} />}
      {finalData.record && <ProvenanceTimeline record={finalData.record} provHref={`${API}/jobs/${encodeURIComponent(id)}/provenance`} />}
    </>
  );
}
