import type { Stakeholder } from '@tweeling/core';
import { useI18n } from '../../i18n/index.js';

const SCORES = [5, 4, 3, 2, 1];

/**
 * The influence/interest grid (power-interest matrix) as a table: rows are influence 5 → 1, columns
 * interest 1 → 5, each cell lists the stakeholders there. The quadrants are named in the caption
 * (keep satisfied, manage closely, monitor, keep informed).
 */
export function InfluenceGrid({ stakeholders }: { stakeholders: Stakeholder[] }) {
  const { t } = useI18n();
  const quadrant = (influence: number, interest: number) => (influence >= 3 ? (interest >= 3 ? 'close' : 'satisfied') : interest >= 3 ? 'informed' : 'monitor');
  return (
    <section aria-labelledby="grid-heading">
      <h2 className="utrecht-heading-2" id="grid-heading">
        {t('wb.sh.grid')}
      </h2>
      <p className="utrecht-paragraph">{t('wb.sh.gridHelp')}</p>
      <div className="twl-table-wrap">
        <table className="twl-wb-grid">
          <caption className="twl-visually-hidden">{t('wb.sh.grid')}</caption>
          <thead>
            <tr>
              <th scope="col">
                {t('wb.sh.influence')} ↓ / {t('wb.sh.interest')} →
              </th>
              {[...SCORES].reverse().map((i) => (
                <th key={i} scope="col">
                  {t('wb.sh.interest')} {i}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {SCORES.map((influence) => (
              <tr key={influence}>
                <th scope="row">
                  {t('wb.sh.influence')} {influence}
                </th>
                {[...SCORES].reverse().map((interest) => {
                  const here = stakeholders.filter((s) => s.influence === influence && s.interest === interest);
                  return (
                    <td key={interest} className={`twl-wb-grid__cell twl-wb-grid__cell--${quadrant(influence, interest)}`}>
                      {here.map((s) => (
                        <span key={s.id} className="twl-wb-grid__name">
                          {s.name}
                        </span>
                      ))}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="twl-wb-legend">
        {(['close', 'satisfied', 'informed', 'monitor'] as const).map((q) => (
          <li key={q}>
            <span className={`twl-wb-legend__swatch twl-wb-grid__cell--${q}`} aria-hidden="true" /> {t(`wb.sh.quadrant.${q}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
