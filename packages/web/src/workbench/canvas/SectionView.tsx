import type { CanvasSection } from '@tweeling/core';
import { useI18n } from '../../i18n/index.js';
import { sectionQuestions } from './canvasText.js';

/** The answers of one canvas section, question by question. */
export function SectionView({ section }: { section: CanvasSection }) {
  const { t, lang } = useI18n();
  return (
    <dl className="twl-wb-answers">
      {sectionQuestions(section.section, lang).map(([field, question]) => {
        const items = section.content[field] ?? [];
        return (
          <div key={field} className="twl-wb-answers__row">
            <dt>{question}</dt>
            <dd>
              {items.length === 0 ? (
                <span className="twl-muted">{t('wb.canvas.noAnswer')}</span>
              ) : (
                <ul className="twl-notes">
                  {items.map((item, i) => (
                    <li key={i} className="twl-note">
                      {item}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
