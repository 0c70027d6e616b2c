import { useState, type FormEvent } from 'react';
import type { Lesson } from '@tweeling/core';
import { apiFetch } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/index.js';
import { href } from '../../router.js';
import { axisKey } from '../labels.js';

/** Searches lessons learned: those shared by all organisations and the own organisation's. */
export function LessonSearch() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Lesson[] | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const result = await apiFetch<{ lessons: Lesson[] }>(`lessons${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`);
      setFound(result.lessons);
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  };
  return (
    <section aria-labelledby="lessons-heading">
      <h2 className="utrecht-heading-2" id="lessons-heading">
        {t('wb.lessons.title')}
      </h2>
      <form role="search" className="utrecht-form twl-search" onSubmit={onSubmit} aria-labelledby="lessons-heading">
        <div className="utrecht-form-field utrecht-form-field--text">
          <label className="utrecht-form-label" htmlFor="lesson-q">
            {t('wb.lessons.label')}
          </label>
          <div className="twl-search__row">
            <input id="lesson-q" type="search" className="utrecht-textbox utrecht-textbox--html-input" value={q} onChange={(e) => setQ(e.target.value)} />
            <button type="submit" className="utrecht-button utrecht-button--secondary-action">
              {t('search.submit')}
            </button>
          </div>
        </div>
      </form>
      {error && <ErrorAlert error={error} />}
      {found && (
        <div role="status">
          {found.length === 0 ? (
            <p className="utrecht-paragraph">{t('wb.lessons.none')}</p>
          ) : (
            <ul className="utrecht-unordered-list twl-wb-lessons">
              {found.map((l) => (
                <li key={l.id}>
                  {l.text}{' '}
                  <span className="twl-cell-note">
                    {t(axisKey(l.axis))} · {l.organisationId}
                    {l.useCaseId && l.useCaseTitle && (
                      <>
                        {' · '}
                        <a className="utrecht-link" href={href('use-cases', l.useCaseId)}>
                          {l.useCaseTitle}
                        </a>
                      </>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
