import type { Stakeholder } from '@tweeling/core';
import { useI18n } from '../../i18n/index.js';
import { TableHead } from '../../components/TableHead.js';

/** The register: who, for whom or with whom, role, interests, decisions, influence and interest. */
export function StakeholderTable({ stakeholders }: { stakeholders: Stakeholder[] }) {
  const { t } = useI18n();
  return (
    <div className="utrecht-table-container twl-table-wrap" tabIndex={0} role="region" aria-label={t('wb.sh.register')}>
      <table className="utrecht-table utrecht-table--html-table">
        <caption className="utrecht-table__caption">{t('wb.sh.register')}</caption>
        <TableHead labels={(['wb.sh.name', 'wb.sh.relation', 'wb.sh.role', 'wb.sh.interests', 'wb.sh.decisions', 'wb.sh.influence', 'wb.sh.interest'] as const).map((k) => t(k))} />
        <tbody className="utrecht-table__body">
          {stakeholders.map((s) => (
            <tr key={s.id} className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="row">
                {s.name}
                {s.group && <span className="twl-cell-note">{s.group}</span>}
              </th>
              <td className="utrecht-table__cell">{t(s.relation === 'voor-wie' ? 'wb.sh.forWhom' : 'wb.sh.withWhom')}</td>
              <td className="utrecht-table__cell">{s.role ?? '—'}</td>
              <td className="utrecht-table__cell">{s.interests.join('; ') || '—'}</td>
              <td className="utrecht-table__cell">{s.decisions.join('; ') || '—'}</td>
              <td className="utrecht-table__cell utrecht-table__cell--numeric-column">{s.influence}</td>
              <td className="utrecht-table__cell utrecht-table__cell--numeric-column">{s.interest}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
