import { useI18n } from '../../i18n/index.js';

/** Next to a question after a 409: the newer text someone else saved, with merge and take-over buttons. */
export function ConflictNote({ theirs, who, onMerge, onTakeTheirs }: { theirs: string[]; who: string; onMerge: () => void; onTakeTheirs: () => void }) {
  const { t } = useI18n();
  return (
    <div className="utrecht-alert utrecht-alert--warning twl-wb-conflict">
      <div className="utrecht-alert__content">
        <p className="utrecht-paragraph">
          <strong>{t('wb.canvas.theirs', { who })}</strong>
        </p>
        {theirs.length ? (
          <ul className="utrecht-unordered-list twl-wb-conflict__theirs">
            {theirs.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>
        ) : (
          <p className="utrecht-paragraph">{t('wb.canvas.theirsEmpty')}</p>
        )}
        <p className="twl-actions">
          <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={onMerge}>
            {t('wb.canvas.merge')}
          </button>
          <button type="button" className="utrecht-button utrecht-button--subtle" onClick={onTakeTheirs}>
            {t('wb.canvas.takeTheirs')}
          </button>
        </p>
      </div>
    </div>
  );
}
