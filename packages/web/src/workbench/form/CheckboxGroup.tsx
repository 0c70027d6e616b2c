interface Props {
  /** Prefix of the checkboxes' ids: `{name}-{value}`. */
  name: string;
  legend: string;
  description?: string | undefined;
  options: Array<{ value: string; label: string; note?: string | undefined }>;
  selected: string[];
  onChange: (selected: string[]) => void;
}

/** A fieldset of checkboxes for picking several of a list (stakeholders, apps, runs …). */
export function CheckboxGroup({ name, legend, description, options, selected, onChange }: Props) {
  const toggle = (value: string, on: boolean) => onChange(on ? [...selected, value] : selected.filter((s) => s !== value));
  return (
    <fieldset className="utrecht-form-fieldset twl-fieldset" aria-describedby={description ? `${name}-desc` : undefined}>
      <legend className="utrecht-form-fieldset__legend">{legend}</legend>
      {description && (
        <div className="utrecht-form-field-description twl-muted" id={`${name}-desc`}>
          {description}
        </div>
      )}
      {options.map((o) => (
        <div key={o.value} className="utrecht-form-field utrecht-form-field--checkbox twl-choice">
          <input
            id={`${name}-${o.value}`}
            type="checkbox"
            className="utrecht-checkbox utrecht-checkbox--html-input"
            checked={selected.includes(o.value)}
            onChange={(e) => toggle(o.value, e.target.checked)}
          />
          <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`${name}-${o.value}`}>
            {o.label}
            {o.note && <span className="twl-cell-note">{o.note}</span>}
          </label>
        </div>
      ))}
    </fieldset>
  );
}
