/** The header row of an NL Design System table: one column header per label. */
export function TableHead({ labels }: { labels: readonly string[] }) {
  return (
    <thead className="utrecht-table__header">
      <tr className="utrecht-table__row">
        {labels.map((label) => (
          <th key={label} className="utrecht-table__header-cell" scope="col">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
