import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/index.js';

/** The list of invalid fields above the form; takes focus so a screen reader hears it. Links focus the field. */
export function ErrorSummary({ errors }: { errors: Array<{ name: string; message: string }> }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [errors]);
  return (
    <div className="utrecht-alert utrecht-alert--error twl-error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h3 className="utrecht-heading-3" id="error-summary-title">
        {t('run.errorSummary')}
      </h3>
      <ul className="utrecht-unordered-list">
        {errors.map((e) => (
          <li key={e.name}>
            <a
              className="utrecht-link"
              href={`#input-${e.name}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(`input-${e.name}`)?.focus();
              }}
            >
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
