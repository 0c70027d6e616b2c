import { relativeApiHref } from '../api/client.js';
import type { JobResults as Results, OutputReference } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { href } from '../router.js';
import { AuthDownload } from '../components/AuthDownload.js';
import { ValueView } from './ValueView.js';

function isReference(value: unknown): value is OutputReference {
  return typeof value === 'object' && value !== null && 'href' in value && 'dataset' in value && 'kind' in value;
}

/** The job's outputs: datasets (open on the map, download) and values (shown as JSON). */
export function JobResults({ results }: { results: Results }) {
  const { t, lang } = useI18n();
  const entries = Object.entries(results);
  const references = entries.filter((e): e is [string, OutputReference] => isReference(e[1]));
  const values = entries.filter(([, v]) => !isReference(v));
  return (
    <section aria-labelledby="results-heading">
      <h2 className="utrecht-heading-2" id="results-heading">
        {t('job.results')}
      </h2>
      <ul className="twl-cards">
        {references.map(([name, ref]) => (
          <li className="twl-card" key={name}>
            <h3 className="utrecht-heading-3">{ref.title ?? name}</h3>
            <p className="utrecht-paragraph twl-card__meta">
              {ref.dataset} · {t('common.version')} {ref.version}
              {ref.featureCount !== undefined ? ` · ${t('job.features', { n: ref.featureCount })}` : ''}
            </p>
            <p className="utrecht-paragraph twl-links">
              {ref.kind === 'vector' && (
                <a className="utrecht-link" href={href('map', { layers: ref.dataset })}>
                  {t('job.showOnMap')}
                </a>
              )}
              <AuthDownload url={relativeApiHref(ref.kind === 'vector' ? `${ref.href}${ref.href.includes('?') ? '&' : '?'}limit=10000` : ref.href)} filename={`${ref.dataset}.${ref.kind === 'vector' ? 'geojson' : 'tif'}`}>
                {`${t('job.download')} (${ref.kind === 'vector' ? 'GeoJSON' : 'GeoTIFF'})`}
              </AuthDownload>
              <a className="utrecht-link" href={href('datasets', ref.dataset)}>
                {t('datasets.title')}: {ref.dataset}
              </a>
            </p>
          </li>
        ))}
      </ul>
      {values.map(([name, value]) => (
        <details className="twl-details" key={name} open>
          <summary>{name}</summary>
          <ValueView value={value} lang={lang} caption={name} />
        </details>
      ))}
    </section>
  );
}
