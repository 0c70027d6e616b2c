type Primitive = string | number | boolean | null;

const isPrimitive = (v: unknown): v is Primitive => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function show(v: Primitive, lang: string): string {
  if (typeof v === 'number') return v.toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 4 });
  return String(v);
}

/**
 * A value output made readable: a table for a list of flat records, a definition list for a record
 * (nested records one level deep as sub-lists), JSON for anything else.
 */
export function ValueView({ value, lang, caption }: { value: unknown; lang: string; caption: string }) {
  if (Array.isArray(value) && value.length > 0 && value.every((row) => isRecord(row) && Object.values(row).every(isPrimitive))) {
    const rows = value as Array<Record<string, Primitive>>;
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    return (
      <div className="utrecht-table-container twl-table-wrap" tabIndex={0} role="region" aria-label={caption}>
        <table className="utrecht-table utrecht-table--html-table">
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              {columns.map((c) => (
                <th key={c} className="utrecht-table__header-cell" scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {rows.map((row, i) => (
              <tr key={i} className="utrecht-table__row">
                {columns.map((c) => (
                  <td key={c} className="utrecht-table__cell">
                    {row[c] === undefined ? '' : show(row[c], lang)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  if (isRecord(value)) {
    return (
      <dl className="twl-dl twl-dl--compact">
        {Object.entries(value).map(([k, v]) => (
          <div className="twl-dl__row" key={k}>
            <dt>{k}</dt>
            <dd>{isPrimitive(v) ? show(v, lang) : isRecord(v) && Object.values(v).every(isPrimitive) ? Object.entries(v).map(([kk, vv]) => `${kk}: ${show(vv as Primitive, lang)}`).join(' · ') : JSON.stringify(v)}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return <pre className="utrecht-code-block twl-pre">{JSON.stringify(value, null, 2)}</pre>;
}
