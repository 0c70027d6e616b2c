import type { ProcessDescription } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { useAuth } from '../auth.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Loading } from '../components/Loading.js';
import { PageTitle } from '../components/PageTitle.js';
import { SignIn } from '../components/SignIn.js';
import { RunForm } from '../form/RunForm.js';
import { useI18n } from '../i18n/index.js';
import { useCaseLabel, useCasesOf } from '../useCases.js';
import { InputsTable } from './InputsTable.js';

/** One app: what it does, its inputs and outputs, and the run form. */
export function AppPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { token, me } = useAuth();
  const process = useApi<ProcessDescription>(`processes/${encodeURIComponent(id)}`);
  if (process.error) return <ErrorAlert error={process.error} onRetry={process.reload} />;
  if (!process.data) return <Loading />;
  const p = process.data;
  const outputs = Object.entries(p.outputs);
  return (
    <>
      <PageTitle>{p.title}</PageTitle>
      {p.description && <p className="utrecht-paragraph utrecht-paragraph--lead">{p.description}</p>}
      <ul className="utrecht-badge-list twl-badges" aria-label={t('app.useCases')}>
        {useCasesOf(p).map((uc) => (
          <li key={uc} className="utrecht-data-badge twl-badge">
            {useCaseLabel(uc, lang)}
          </li>
        ))}
        <li className="utrecht-data-badge twl-badge twl-badge--muted">
          {t('common.version')} {p.version}
        </li>
      </ul>
      <section aria-labelledby="inputs-heading">
        <h2 className="utrecht-heading-2" id="inputs-heading">
          {t('app.inputs')}
        </h2>
        <InputsTable process={p} />
      </section>
      <section aria-labelledby="outputs-heading">
        <h2 className="utrecht-heading-2" id="outputs-heading">
          {t('app.outputs')}
        </h2>
        <dl className="twl-dl">
          {outputs.map(([name, o]) => (
            <div key={name} className="twl-dl__row">
              <dt>
                {o.title ?? name} <span className="twl-muted">({t(o.kind === 'vector' ? 'app.vector' : o.kind === 'raster' ? 'app.raster' : 'app.value')})</span>
              </dt>
              <dd>{o.description}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="run-heading" className="twl-run">
        <h2 className="utrecht-heading-2" id="run-heading">
          {t('run.title')}
        </h2>
        <SignIn reason={token && me ? undefined : t('signin.needed')} />
        {token && me && <RunForm process={p} />}
      </section>
    </>
  );
}
