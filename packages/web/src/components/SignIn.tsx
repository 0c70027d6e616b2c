import { useId, useState, type FormEvent } from 'react';
import { useAuth } from '../auth.js';
import { useI18n } from '../i18n/index.js';

/** Sign in with an API token (checked against /me, kept in sessionStorage), or show who is signed in. */
export function SignIn({ reason }: { reason?: string }) {
  const { t } = useI18n();
  const { token, me, signIn, signOut } = useAuth();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const id = useId();
  if (token && me) {
    return (
      <p className="utrecht-paragraph twl-signed-in">
        {t('signin.signedIn', { org: me.organisationId ?? '?', role: me.role ?? '?' })}{' '}
        <button type="button" className="utrecht-button utrecht-button--subtle" onClick={signOut}>
          {t('signin.signOut')}
        </button>
      </p>
    );
  }
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await signIn(value.trim());
    setError(ok ? undefined : t('signin.invalid'));
    if (ok) setValue('');
  };
  return (
    <form className="utrecht-form twl-signin" onSubmit={onSubmit} aria-label={t('signin.title')}>
      {reason && <p className="utrecht-paragraph">{reason}</p>}
      <div className={`utrecht-form-field${error ? ' utrecht-form-field--invalid' : ''}`}>
        <label className="utrecht-form-label" htmlFor={id}>
          {t('signin.label')}
        </label>
        <div className="utrecht-form-field-description" id={`${id}-desc`}>
          {t('signin.help')}
        </div>
        {error && (
          <div className="utrecht-form-field-error-message" id={`${id}-err`} role="alert">
            {error}
          </div>
        )}
        <div className="twl-search__row">
          <input
            id={id}
            type="password"
            autoComplete="off"
            className="utrecht-textbox utrecht-textbox--html-input"
            aria-describedby={`${id}-desc${error ? ` ${id}-err` : ''}`}
            aria-invalid={error ? true : undefined}
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
          <button type="submit" className="utrecht-button utrecht-button--secondary-action">
            {t('signin.submit')}
          </button>
        </div>
      </div>
    </form>
  );
}
