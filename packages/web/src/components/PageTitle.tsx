import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/index.js';

let firstPage = true;

/** The page's h1: sets document.title and takes focus after client-side navigation (not on first load). */
export function PageTitle({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${children} — ${t('site.name')}`;
  }, [children, t]);
  useEffect(() => {
    if (firstPage) firstPage = false;
    else ref.current?.focus();
  }, []);
  return (
    <h1 className="utrecht-heading-1" tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}
