import { useState } from 'react';
import type { CanvasComment, CanvasSectionId } from '@tweeling/core';
import { useApi } from '../../api/useApi.js';
import { useI18n } from '../../i18n/index.js';
import { send, ucPath } from '../api.js';
import { FormFrame } from '../form/FormFrame.js';
import { TextField } from '../form/TextField.js';
import { required, useForm } from '../form/useForm.js';

/** Comments on a canvas section (oldest first), and a box to add one. */
export function SectionComments({ useCaseId, section, canEdit }: { useCaseId: string; section: CanvasSectionId; canEdit: boolean }) {
  const { t, lang } = useI18n();
  const [nonce, setNonce] = useState(0);
  const comments = useApi<{ comments: CanvasComment[] }>(ucPath(useCaseId, 'canvas', section, 'comments'), nonce);
  const form = useForm();
  const [body, setBody] = useState('');
  const list = comments.data?.comments ?? [];
  const onSubmit = () =>
    void form
      .submit(required('comment-body', body, t('run.required', { field: t('wb.comments.label') })), async () => {
        await send<CanvasComment>('POST', ucPath(useCaseId, 'canvas', section, 'comments'), { body: body.trim() });
      })
      .then((ok) => {
        if (!ok) return;
        setBody('');
        setNonce((n) => n + 1);
      });
  return (
    <details className="twl-details twl-no-print">
      <summary>{t('wb.comments.title', { n: list.length })}</summary>
      {list.length > 0 && (
        <ul className="utrecht-unordered-list twl-wb-comments">
          {list.map((c) => (
            <li key={c.id}>
              <span className="twl-prewrap">{c.body}</span>
              <span className="twl-cell-note">
                {c.author}, {new Date(c.createdAt).toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL')}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <>
          <span id="comment-form-label" hidden>
            {t('wb.comments.add')}
          </span>
          <FormFrame form={form} labelledBy="comment-form-label" submitLabel={t('wb.comments.add')} busyLabel={t('wb.saving')} onSubmit={onSubmit}>
            <TextField name="comment-body" label={t('wb.comments.label')} rows={2} value={body} error={form.errorOf('comment-body')} onChange={(v) => (setBody(v), form.clear('comment-body'))} />
          </FormFrame>
        </>
      )}
    </details>
  );
}
