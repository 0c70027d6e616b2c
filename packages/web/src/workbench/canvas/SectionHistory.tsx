import { useState } from 'react';
import type { CanvasRevision, CanvasSectionId } from '@tweeling/core';
import { useApi } from '../../api/useApi.js';
import { useI18n } from '../../i18n/index.js';
import { ucPath } from '../api.js';
import { sectionQuestions } from './canvasText.js';

/** Who changed a section when, and what (before → after per question); loaded when opened. */
export function SectionHistory({ useCaseId, section }: { useCaseId: string; section: CanvasSectionId }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const history = useApi<{ revisions: CanvasRevision[] }>(open ? `${ucPath(useCaseId, 'canvas', 'history')}?section=${section}` : null);
  const questions = new Map(sectionQuestions(section, lang));
  return (
    <details className="twl-details" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('wb.canvas.history')}</summary>
      {history.data && history.data.revisions.length === 0 && <p className="utrecht-paragraph">{t('wb.canvas.noHistory')}</p>}
      <ol className="twl-timeline">
        {(history.data?.revisions ?? []).map((r) => (
          <li key={r.version} className="twl-timeline__item">
            <strong>{t('wb.canvas.revision', { version: r.version, who: r.author, when: new Date(r.createdAt).toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL') })}</strong>
            <ul className="utrecht-unordered-list">
              {r.changes.map((c) => (
                <li key={c.field}>
                  {questions.get(c.field) ?? c.field}: <del>{c.before.join(' · ') || '—'}</del> → <ins>{c.after.join(' · ') || '—'}</ins>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </details>
  );
}
