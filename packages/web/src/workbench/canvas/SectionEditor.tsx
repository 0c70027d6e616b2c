import { useState } from 'react';
import type { CanvasConflict, CanvasContent, CanvasSection, CanvasSectionId } from '@tweeling/core';
import { ApiError } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { linesOf, send, ucPath, type FieldError } from '../api.js';
import { FormFrame } from '../form/FormFrame.js';
import { TextField } from '../form/TextField.js';
import { useForm } from '../form/useForm.js';
import { sectionQuestions } from './canvasText.js';
import { ConflictNote } from './ConflictNote.js';

const asText = (items: string[] | undefined) => (items ?? []).join('\n');
/**
 * Most answers a question takes: the canvas light asks for at most 3 knelpunten, doelen and
 * belanghebbenden, every other question for at most 50 (the limits of the server's schema, checked
 * here too so the user hears it before sending; the server stays the judge).
 */
const maxItems = (section: CanvasSectionId, field: string) => (section === 'light' && ['knelpunten', 'doelen', 'belanghebbenden'].includes(field) ? 3 : 50);
const MAX_ITEM_LENGTH = 2000;
const inputName = (field: string) => `canvas-${field}`;

interface Conflict {
  current: CanvasSection;
  /** Questions both people changed: the user chooses (merge or take theirs). */
  fields: string[];
}

/**
 * Edits one canvas section: a textarea per question (one answer a line), saved with the version it was
 * based on. When someone else saved first (409), questions only they changed take their text, questions
 * only the user changed keep the user's text, and where both changed the user sees the newer text and
 * merges it in or takes it over; the next save is based on the newer version. Nothing is lost.
 */
export function SectionEditor({ useCaseId, section, onDone }: { useCaseId: string; section: CanvasSection; onDone: (saved: boolean) => void }) {
  const { t, lang } = useI18n();
  const questions = sectionQuestions(section.section, lang);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(questions.map(([f]) => [f, asText(section.content[f])])));
  const [base, setBase] = useState<{ version: number; content: CanvasContent }>({ version: section.version, content: section.content });
  const [conflict, setConflict] = useState<Conflict | undefined>();
  const form = useForm();
  const set = (field: string, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    form.clear(inputName(field));
  };
  const resolve = (field: string, text: string) => {
    set(field, text);
    setConflict((c) => c && { ...c, fields: c.fields.filter((f) => f !== field) });
  };

  const onConflict = (current: CanvasSection, sent: Record<string, string>) => {
    const mine = (f: string) => (sent[f] ?? '') !== asText(base.content[f]);
    const theirs = (f: string) => asText(current.content[f]) !== asText(base.content[f]);
    setValues((v) => Object.fromEntries(questions.map(([f]) => [f, !mine(f) && theirs(f) ? asText(current.content[f]) : (v[f] ?? '')])));
    setConflict({ current, fields: questions.map(([f]) => f).filter((f) => mine(f) && theirs(f) && asText(current.content[f]) !== asText(linesOf(sent[f] ?? ''))) });
    setBase({ version: current.version, content: current.content });
  };

  const onSubmit = () => {
    const sent = { ...values };
    const content = Object.fromEntries(questions.map(([f]) => [f, linesOf(sent[f] ?? '')]));
    const found: FieldError[] = questions.flatMap(([f, question]): FieldError[] => {
      const items = content[f] ?? [];
      if (items.length > maxItems(section.section, f)) return [{ name: inputName(f), message: t('wb.canvas.tooMany', { question, max: maxItems(section.section, f) }) }];
      if (items.some((item) => item.length > MAX_ITEM_LENGTH)) return [{ name: inputName(f), message: t('wb.canvas.tooLong', { question, max: MAX_ITEM_LENGTH }) }];
      return [];
    });
    void form
      .submit(
        found,
        async () => {
          try {
            await send<CanvasSection>('PUT', ucPath(useCaseId, 'canvas', section.section), { baseVersion: base.version, content });
          } catch (error) {
            const problem = error instanceof ApiError && error.status === 409 ? (error.problem as unknown as Partial<CanvasConflict> | null) : null;
            if (!problem?.current) throw error;
            onConflict(problem.current, sent);
            throw new Error(t('wb.canvas.conflict', { version: problem.current.version, who: problem.current.updatedBy ?? '?' }));
          }
        },
        (path) => (path[0] === 'content' && path[1] ? inputName(path[1]) : undefined),
      )
      .then((ok) => ok && onDone(true));
  };

  return (
    <FormFrame
      form={form}
      labelledBy="section-heading"
      submitLabel={t('wb.canvas.save')}
      busyLabel={t('wb.saving')}
      onSubmit={onSubmit}
      className="twl-wb-canvas__form"
      secondary={
        <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => onDone(false)}>
          {t('wb.cancel')}
        </button>
      }
    >
      <p className="utrecht-paragraph twl-muted">{t('wb.canvas.oneLine')}</p>
      {questions.map(([field, question]) => (
        <div key={field} className="twl-wb-canvas__question">
          <TextField name={inputName(field)} label={question} rows={3} value={values[field] ?? ''} error={form.errorOf(inputName(field))} onChange={(v) => set(field, v)} />
          {conflict?.fields.includes(field) && (
            <ConflictNote
              theirs={conflict.current.content[field] ?? []}
              who={conflict.current.updatedBy ?? '?'}
              onMerge={() => resolve(field, [...linesOf(values[field] ?? ''), ...(conflict.current.content[field] ?? []).filter((item) => !linesOf(values[field] ?? '').includes(item))].join('\n'))}
              onTakeTheirs={() => resolve(field, asText(conflict.current.content[field]))}
            />
          )}
        </div>
      ))}
    </FormFrame>
  );
}
