import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/index.js';
import { href, navigate } from '../router.js';

/** Search box for the catalogue; submitting (Enter or the button) opens #/apps?q=…. */
export function SearchForm({ initial = '', useCase }: { initial?: string; useCase?: string | undefined }) {
  const { t } = useI18n();
  const [q, setQ] = useState(initial);
  const id = useId();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    navigate(href('apps', { q: q.trim() || undefined, usecase: useCase }));
  };
  return (
    <form role="search" className="utrecht-form twl-search" onSubmit={onSubmit}>
      <div className="utrecht-form-field utrecht-form-field--text">
        <label className="utrecht-form-label" htmlFor={id}>
          {t('search.label')}
        </label>
        <div className="twl-search__row">
          <input
            id={id}
            name="q"
            type="search"
            className="utrecht-textbox utrecht-textbox--html-input twl-search__input"
            placeholder={t('search.placeholder')}
            value={q}
            onChange={(event) => setQ(event.target.value)}
          />
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            {t('search.submit')}
          </button>
        </div>
      </div>
    </form>
  );
}
