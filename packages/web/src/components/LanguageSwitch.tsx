import { useI18n } from '../i18n/index.js';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const other = lang === 'nl' ? 'en' : 'nl';
  return (
    <button type="button" className="utrecht-button utrecht-button--subtle twl-lang" lang={other} aria-label={t('lang.switchLabel')} onClick={() => setLang(other)}>
      {t('lang.switch')}
    </button>
  );
}
