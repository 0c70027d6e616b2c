import { useI18n } from '../i18n/index.js';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="utrecht-paragraph twl-loading" role="status">
      {t('common.loading')}
    </p>
  );
}
