import type { ProcessDescription, ProcessInput } from '../api/types.js';
import { useI18n, type Translate } from '../i18n/index.js';

function kindText(input: ProcessInput, t: Translate): string {
  if (input.dataRequirement) {
    const kind = t(input.dataRequirement.kind === 'raster' ? 'app.raster' : 'app.vector');
    const geometry = input.dataRequirement.geometryTypes?.join(', ');
    return `${t('app.dataset', { kind })}${geometry ? ` — ${geometry}` : ''}`;
  }
  const s = input.schema;
  if (s.enum) return s.enum.map(String).join(' | ');
  const type = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'object');
  const range = s.minimum !== undefined || s.maximum !== undefined ? ` ${s.minimum ?? s.exclusiveMinimum ?? '…'}–${s.maximum ?? '…'}` : '';
  return `${type}${range}${input.unit ? ` ${input.unit}` : ''}`;
}

function defaultText(input: ProcessInput): string {
  const d = input.schema.default;
  if (d === undefined) return '—';
  if (d && typeof d === 'object' && 'dataset' in d) return String((d as { dataset: unknown }).dataset);
  const text = typeof d === 'string' ? d : JSON.stringify(d);
  return input.unit ? `${text} ${input.unit}` : text;
}

/** The inputs of a process as a table: name, description, kind (with range and unit), default. */
export function InputsTable({ process }: { process: ProcessDescription }) {
  const { t } = useI18n();
  return (
    <div className="utrecht-table-container twl-table-wrap" tabIndex={0} role="region" aria-labelledby="inputs-heading">
      <table className="utrecht-table utrecht-table--html-table">
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            <th className="utrecht-table__header-cell" scope="col">
              {t('app.input')}
            </th>
            <th className="utrecht-table__header-cell" scope="col">
              {t('app.type')}
            </th>
            <th className="utrecht-table__header-cell" scope="col">
              {t('app.default')}
            </th>
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {Object.entries(process.inputs).map(([name, input]) => (
            <tr className="utrecht-table__row" key={name}>
              <th className="utrecht-table__header-cell" scope="row">
                {input.title ?? name}
                {input.description && <span className="twl-cell-note">{input.description}</span>}
              </th>
              <td className="utrecht-table__cell">{kindText(input, t)}</td>
              <td className="utrecht-table__cell">{defaultText(input)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
