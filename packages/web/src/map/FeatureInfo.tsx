export interface SelectedFeature {
  layer: string;
  properties: Record<string, unknown>;
}

/** The values of the feature last clicked on the map (announced politely). */
export function FeatureInfo({ feature }: { feature: SelectedFeature | null }) {
  return (
    <div className="twl-feature-info" aria-live="polite">
      {feature && (
        <>
          <h3 className="utrecht-heading-3">{feature.layer}</h3>
          <dl className="twl-dl twl-dl--compact">
            {Object.entries(feature.properties).map(([k, v]) => (
              <div className="twl-dl__row" key={k}>
                <dt>{k}</dt>
                <dd>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </div>
  );
}
