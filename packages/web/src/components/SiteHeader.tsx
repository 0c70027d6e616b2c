import { useI18n } from '../i18n/index.js';
import type { MessageKey } from '../i18n/nl.js';
import { href } from '../router.js';
import { LanguageSwitch } from './LanguageSwitch.js';

const NAV: Array<{ key: MessageKey; to: string; section: string }> = [
  { key: 'nav.home', to: href(), section: '' },
  { key: 'nav.apps', to: href('apps'), section: 'apps' },
  { key: 'nav.map', to: href('map'), section: 'map' },
  { key: 'nav.datasets', to: href('datasets'), section: 'datasets' },
  { key: 'nav.useCases', to: href('use-cases'), section: 'use-cases' },
];

/** Site header with the name, the main navigation and the language switch. */
export function SiteHeader({ section }: { section: string }) {
  const { t } = useI18n();
  return (
    <header className="utrecht-page-header twl-header">
      <div className="twl-header__bar">
        <a className="twl-logo" href={href()}>
          <span className="twl-logo__mark" aria-hidden="true">
            ◧
          </span>
          <span>
            <span className="twl-logo__name">{t('site.name')}</span>
            <span className="twl-logo__tagline">{t('site.tagline')}</span>
          </span>
        </a>
        <LanguageSwitch />
      </div>
      <nav className="utrecht-nav-bar twl-nav" aria-label={t('nav.label')}>
        <ul className="utrecht-nav-list twl-nav__list">
          {NAV.map((item) => {
            const current = item.section === section || (item.section === 'apps' && section === 'jobs');
            return (
              <li className="utrecht-nav-list__item" key={item.key}>
                <a className="utrecht-nav-list__link twl-nav__link" href={item.to} aria-current={item.section === section ? 'page' : current ? 'true' : undefined}>
                  {t(item.key)}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
    </header>
  );
}
