import { useState } from 'react';
import { CANVAS_SECTION_IDS, type Canvas, type CanvasSection, type CanvasSectionId } from '@tweeling/core';
import { useApi } from '../../api/useApi.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Loading } from '../../components/Loading.js';
import { useI18n } from '../../i18n/index.js';
import { href, useRoute } from '../../router.js';
import { ucPath } from '../api.js';
import type { TabProps } from '../types.js';
import { sectionQuestions, sectionTitle } from './canvasText.js';
import { SectionComments } from './SectionComments.js';
import { SectionEditor } from './SectionEditor.js';
import { SectionHistory } from './SectionHistory.js';
import { SectionView } from './SectionView.js';

const filled = (s: CanvasSection) => Object.values(s.content).filter((items) => items.length > 0).length;

/**
 * The use-case canvas: a list of its sections (six plus the canvas light) with how far each is filled,
 * and the chosen section (#/use-cases/{id}/canvas/{section}) with its questions, answers and history.
 */
export function CanvasTab({ useCase, canEdit }: TabProps) {
  const { t, lang } = useI18n();
  const route = useRoute();
  const [nonce, setNonce] = useState(0);
  const [editing, setEditing] = useState(false);
  const canvas = useApi<Canvas>(ucPath(useCase.id, 'canvas'), nonce);
  const chosen = route.path[3];
  const sectionId: CanvasSectionId = CANVAS_SECTION_IDS.find((s) => s === chosen) ?? 'maatschappelijkeWaarde';
  if (canvas.error) return <ErrorAlert error={canvas.error} onRetry={canvas.reload} />;
  if (!canvas.data) return <Loading />;
  const section = canvas.data.sections.find((s) => s.section === sectionId);
  return (
    <div className="twl-wb-canvas">
      <nav aria-labelledby="canvas-heading" className="twl-wb-canvas__nav">
        <h2 className="utrecht-heading-2" id="canvas-heading">
          {t('wb.tab.canvas')}
        </h2>
        <ul className="twl-wb-canvas__list">
          {canvas.data.sections.map((s) => (
            <li key={s.section}>
              <a className="utrecht-link" href={href('use-cases', useCase.id, 'canvas', s.section)} aria-current={s.section === sectionId ? 'page' : undefined} onClick={() => setEditing(false)}>
                {sectionTitle(s.section, lang)}
              </a>
              <span className="twl-cell-note">{t('wb.canvas.filled', { n: filled(s), of: sectionQuestions(s.section, lang).length })}</span>
            </li>
          ))}
        </ul>
      </nav>
      {section && (
        <section aria-labelledby="section-heading" className="twl-wb-canvas__section">
          <h3 className="utrecht-heading-3" id="section-heading">
            {sectionTitle(section.section, lang)}
          </h3>
          <p className="utrecht-paragraph twl-muted" data-version={section.version}>
            {section.version === 0 ? t('wb.canvas.empty') : t('wb.canvas.version', { version: section.version, who: section.updatedBy ?? '?', when: new Date(section.updatedAt ?? '').toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL') })}
          </p>
          {editing ? (
            <SectionEditor
              key={section.section}
              useCaseId={useCase.id}
              section={section}
              onDone={(saved) => {
                setEditing(false);
                if (saved) setNonce((n) => n + 1);
              }}
            />
          ) : (
            <>
              {canEdit && (
                <p className="twl-actions">
                  <button type="button" className="utrecht-button utrecht-button--primary-action" onClick={() => setEditing(true)}>
                    {t('wb.canvas.edit')}
                  </button>
                </p>
              )}
              <SectionView section={section} />
            </>
          )}
          <SectionHistory key={`${section.section}-${section.version}`} useCaseId={useCase.id} section={section.section} />
          <SectionComments key={`comments-${section.section}`} useCaseId={useCase.id} section={section.section} canEdit={canEdit} />
        </section>
      )}
    </div>
  );
}
