import { useI18n } from '../i18n/index.js';

export function SiteFooter() {
  const { t } = useI18n();
  return (
    <footer className="utrecht-page-footer twl-footer">
      <ul className="twl-footer__list">
        <li>
          <a className="utrecht-link twl-footer__link" href="/api/v1/docs">
            {t('footer.api')}
          </a>
        </li>
        <li>{t('footer.licence')}</li>
        <li>{t('footer.demo')}</li>
      </ul>
    </footer>
  );
}
