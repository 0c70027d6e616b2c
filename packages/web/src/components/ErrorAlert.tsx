import { useI18n } from '../i18n/index.js';

/** An NL Design System alert for a failed request, with an optional retry. */
export function ErrorAlert({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="utrecht-alert utrecht-alert--error" role="alert">
      <div className="utrecht-alert__content">
        <p className="utrecht-paragraph">
          <strong>{t('common.error')}:</strong> {error.message}
        </p>
        {onRetry && (
          <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={onRetry}>
            {t('common.retry')}
          </button>
        )}
      </div>
    </div>
  );
}
