import { sql, type Kysely, type RawBuilder } from 'kysely';
import { USE_CASES, USE_CASE_IDS, type CatalogueEntry, type CataloguePage, type CatalogueQuery, type Caller, type LocalizedText, type TrustLevel, type UseCaseId } from '@tweeling/core';
import type { Database } from '../db/index.js';
import { appStats } from './stats.js';
import { trustOf } from './trust.js';
import { releaseVisibleTo, type StoreDeps } from './visibility.js';

/** Words of a search text: letters and digits only, lowercased (the rest cannot break a tsquery). */
const words = (text: string) => (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);

/** The text queries of one search: Dutch and English stemmed (websearch syntax), and word-prefix (`hoosb` → `hoosb:*`). */
interface TextQuery {
  match: boolean;
  nl: RawBuilder<unknown>;
  en: RawBuilder<unknown>;
  prefix: RawBuilder<unknown>;
  /** The first word, for the name-begins-with boost (letters and digits only, so safe in LIKE). */
  first: string;
}

function textQuery(q: string | undefined, useCase: UseCaseId | undefined): TextQuery | null {
  if (q && words(q).length > 0) {
    const prefix = words(q).map((w) => `${w}:*`).join(' & ');
    return { match: true, nl: sql`websearch_to_tsquery('dutch', ${q})`, en: sql`websearch_to_tsquery('english', ${q})`, prefix: sql`to_tsquery('simple', ${prefix})`, first: words(q)[0]! };
  }
  if (!useCase) return null;
  // Without q, a use-case page ranks by how well an app speaks of the use case itself (any of its words).
  const any = words(`${useCase} ${USE_CASES[useCase].nl}`).join(' or ');
  const prefix = words(`${useCase} ${USE_CASES[useCase].nl}`).map((w) => `${w}:*`).join(' | ');
  return { match: false, nl: sql`websearch_to_tsquery('dutch', ${any})`, en: sql`websearch_to_tsquery('english', ${any})`, prefix: sql`to_tsquery('simple', ${prefix})`, first: words(useCase)[0]! };
}

interface Row {
  app_id: string;
  version: string;
  channel: string;
  publisher_id: string;
  publisher_name: string | null;
  use_cases: string[];
  themes: string[];
  pricing_kind: string;
  name: unknown;
  summary: unknown;
  manifest_trust: string[];
  first_published_at: Date;
  rank: number | null;
}

/** The newest visible release of every listed app, matching the text query when there is one. */
async function visibleRows(db: Kysely<Database>, caller: Caller, text: TextQuery | null): Promise<Row[]> {
  const newest = db
    .selectFrom('store_releases as r')
    .innerJoin('store_listings as l', 'l.app_id', 'r.app_id')
    .leftJoin('organisations as o', 'o.id', 'r.publisher_id')
    .distinctOn('r.app_id')
    .select(['r.app_id', 'r.version', 'r.channel', 'r.publisher_id', 'o.name as publisher_name', 'r.use_cases', 'r.themes', 'r.pricing_kind', 'r.name', 'r.summary', 'r.manifest_trust', 'l.first_published_at', 'r.search_a', 'r.search_nl', 'r.search_en', 'r.search_simple'])
    .where('l.state', '=', 'listed')
    .where(releaseVisibleTo(caller))
    .orderBy('r.app_id')
    .orderBy('r.version_key', 'desc');
  // Text rank (weights: name > summary/themes > use cases/publisher/method), plus one for a name that
  // holds every word and one for a name that begins with the first word: the app named after the
  // problem comes before apps that mention it.
  const rank: RawBuilder<number | null> = text
    ? sql<number>`ts_rank(v.search_nl, ${text.nl}) + ts_rank(v.search_en, ${text.en}) + ts_rank(v.search_simple, ${text.prefix})
        + CASE WHEN to_tsvector('simple', v.search_a) @@ ${text.prefix} THEN 1 ELSE 0 END
        + CASE WHEN lower(v.search_a) LIKE ${`${text.first}%`} THEN 1 ELSE 0 END`
    : sql<null>`NULL`;
  let query = db
    .selectFrom(newest.as('v'))
    .select(['v.app_id', 'v.version', 'v.channel', 'v.publisher_id', 'v.publisher_name', 'v.use_cases', 'v.themes', 'v.pricing_kind', 'v.name', 'v.summary', 'v.manifest_trust', 'v.first_published_at', rank.as('rank')]);
  if (text?.match) query = query.where(sql<boolean>`(v.search_nl @@ ${text.nl} OR v.search_en @@ ${text.en} OR v.search_simple @@ ${text.prefix})`);
  return (await query.execute()) as Row[];
}

type Entry = CatalogueEntry;
type FacetName = keyof CataloguePage['facets'];

/** Values of one entry for each facet. */
const facetValues = (e: Entry): Record<FacetName, string[]> => ({
  usecase: e.useCases, theme: e.themes, publisher: [e.publisher.id], pricing: [e.pricing], trustLevel: [e.trustLevel], accredited: [String(e.accredited)],
});

function filters(query: CatalogueQuery): Partial<Record<FacetName, string>> {
  return { usecase: query.usecase, theme: query.theme, publisher: query.publisher, pricing: query.pricing, trustLevel: query.trustLevel, accredited: query.accredited };
}

const matchesExcept = (e: Entry, active: Partial<Record<FacetName, string>>, except: FacetName | null) =>
  (Object.entries(active) as [FacetName, string | undefined][]).every(([facet, wanted]) => facet === except || wanted === undefined || facetValues(e)[facet].includes(wanted));

/** Counts per value, each facet over the entries that pass every other filter. */
function facetCounts(entries: Entry[], active: Partial<Record<FacetName, string>>, publisherNames: Map<string, string>): CataloguePage['facets'] {
  const names: FacetName[] = ['usecase', 'theme', 'publisher', 'pricing', 'trustLevel', 'accredited'];
  const result = {} as CataloguePage['facets'];
  for (const facet of names) {
    const counts = new Map<string, number>();
    for (const e of entries) if (matchesExcept(e, active, facet)) for (const v of new Set(facetValues(e)[facet])) counts.set(v, (counts.get(v) ?? 0) + 1);
    const label = (v: string) => (facet === 'usecase' && v in USE_CASES ? USE_CASES[v as UseCaseId].nl : facet === 'publisher' ? publisherNames.get(v) : undefined);
    result[facet] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([value, count]) => ({ value, count, ...(label(value) ? { label: label(value)! } : {}) }));
  }
  return result;
}

const SORTS: Record<NonNullable<CatalogueQuery['sort']>, (a: Entry, b: Entry) => number> = {
  relevance: (a, b) => (b.relevance ?? 0) - (a.relevance ?? 0) || b.usage.organisations - a.usage.organisations,
  organisations: (a, b) => b.usage.organisations - a.usage.organisations || b.usage.runs - a.usage.runs || b.trustScore - a.trustScore,
  rating: (a, b) => (b.reviews.averageRating ?? 0) - (a.reviews.averageRating ?? 0) || b.reviews.count - a.reviews.count,
  newest: (a, b) => b.firstPublishedAt.localeCompare(a.firstPublishedAt),
};

/** Every listed app the caller may see, as catalogue entries (unfiltered, unsorted). */
export async function visibleEntries(deps: StoreDeps, caller: Caller, text: TextQuery | null = null): Promise<Entry[]> {
  const rows = await visibleRows(deps.db, caller, text);
  const stats = await appStats(deps.db, rows.map((r) => r.app_id), deps.clock());
  return rows.map((r) => {
    const s = stats.get(r.app_id)!;
    const trust = trustOf(r.manifest_trust, { reproduced: s.reproduced, reviews: s.reviews.count, accreditations: s.accreditations });
    return {
      id: r.app_id,
      version: r.version,
      channel: r.channel as Entry['channel'],
      name: r.name as LocalizedText,
      summary: r.summary as LocalizedText,
      useCases: r.use_cases as UseCaseId[],
      themes: r.themes,
      publisher: { id: r.publisher_id, name: r.publisher_name ?? r.publisher_id },
      pricing: r.pricing_kind as Entry['pricing'],
      trustLevel: trust.level as TrustLevel,
      trustScore: trust.score,
      accredited: s.accreditations > 0,
      usage: s.usage,
      reviews: s.reviews,
      firstPublishedAt: new Date(r.first_published_at).toISOString(),
      relevance: r.rank === null ? null : Number(r.rank),
    };
  });
}

/**
 * Searches the catalogue: text (Dutch and English stemming, word prefixes), facet filters, facet
 * counts (each over the other filters) and sorting. Default sort: relevance with q or a use case,
 * else the number of organisations using the app.
 */
export async function searchCatalogue(deps: StoreDeps, caller: Caller, query: CatalogueQuery): Promise<CataloguePage> {
  const text = textQuery(query.q, query.usecase);
  const entries = await visibleEntries(deps, caller, text);
  const active = filters(query);
  const matches = entries.filter((e) => matchesExcept(e, active, null));
  const sort = query.sort ?? (text ? 'relevance' : 'organisations');
  matches.sort((a, b) => SORTS[sort](a, b) || a.id.localeCompare(b.id));
  const publisherNames = new Map(entries.map((e) => [e.publisher.id, e.publisher.name]));
  return { apps: matches.slice(query.offset, query.offset + query.limit), total: matches.length, facets: facetCounts(entries, active, publisherNames) };
}

/** The use-case vocabulary with the number of apps the caller may see for each. */
export async function useCaseCounts(deps: StoreDeps, caller: Caller) {
  const entries = await visibleEntries(deps, caller);
  return USE_CASE_IDS.map((id) => ({ id, label: USE_CASES[id], apps: entries.filter((e) => e.useCases.includes(id)).length }));
}
