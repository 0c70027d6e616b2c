import { createDemoArea, SYNTHETIC_LABEL, SYNTHETIC_LABEL_EN, type DemoArea, type DemoLayer } from '@tweeling/demo';
import type { Caller, DatasetCreate } from '@tweeling/core';
import type { Actor } from './audit/index.js';
import { createDataset, getDataset, importFeatures, RD_NEW, type DataDeps, type IncomingFeature } from './data/index.js';

/** The demo area's vector layers as datasets of the demo municipality: id, layer, Dutch and English title, keywords. */
const LAYERS: ReadonlyArray<{ id: string; layer: keyof DemoArea; nl: string; en: string; keywords: string[] }> = [
  { id: 'demo-gebouwen', layer: 'buildings', nl: 'Gebouwen (demo)', en: 'Buildings (demo)', keywords: ['gebouwen', 'bag', 'wateroverlast', 'hittestress'] },
  { id: 'demo-wegen', layer: 'roads', nl: 'Wegennet (demo)', en: 'Road network (demo)', keywords: ['wegen', 'bereikbaarheid', 'wateroverlast'] },
  { id: 'demo-bomen', layer: 'trees', nl: 'Bomen (demo)', en: 'Trees (demo)', keywords: ['bomen', 'groen', 'hittestress'] },
  { id: 'demo-parken', layer: 'parks', nl: 'Parken en groen (demo)', en: 'Parks and green space (demo)', keywords: ['groen', 'parken'] },
  { id: 'demo-water', layer: 'water', nl: 'Oppervlaktewater (demo)', en: 'Surface water (demo)', keywords: ['water'] },
  { id: 'demo-bodem', layer: 'soil', nl: 'Bodem en grondwater (demo)', en: 'Soil and groundwater (demo)', keywords: ['bodem', 'grondwater', 'bodem-water'] },
  { id: 'demo-voorzieningen', layer: 'facilities', nl: 'Hulpdiensten (demo)', en: 'Emergency services (demo)', keywords: ['brandweer', 'ziekenhuis', 'bereikbaarheid'] },
  { id: 'demo-buurten', layer: 'buurten', nl: 'Buurten (demo)', en: 'Neighbourhoods (demo)', keywords: ['buurten', 'bevolking'] },
];

/** The organisation that owns the demo area. */
export const DEMO_AREA_OWNER = 'almere';

/**
 * Publishes the demo area's vector layers as public datasets of the demo municipality, each with
 * one version. Idempotent: layers that already have a version are left alone.
 * @returns the ids of the datasets published now
 */
export async function seedDemoArea(deps: DataDeps): Promise<string[]> {
  const caller: Caller = { anonymous: false, organisationId: DEMO_AREA_OWNER, userId: null, tokenId: null, role: 'data-steward', permissions: ['org:read', 'data:write'] };
  const actor: Actor & { organisationId: string } = { organisationId: DEMO_AREA_OWNER, userId: null, tokenId: null, label: 'seed', requestId: null };
  const missing: typeof LAYERS[number][] = [];
  for (const entry of LAYERS) {
    const existing = await getDataset(deps, caller, entry.id).catch(() => null);
    if (!existing?.latestVersion) missing.push(entry);
  }
  if (missing.length === 0) return [];
  const area = createDemoArea();
  for (const entry of missing) {
    const layer = area[entry.layer] as DemoLayer<never, unknown>;
    const input: DatasetCreate = {
      id: entry.id,
      title: { nl: entry.nl, en: entry.en },
      description: { nl: `${SYNTHETIC_LABEL}. ${layer.meta.description}`, en: SYNTHETIC_LABEL_EN },
      kind: 'vector',
      licence: layer.meta.licence,
      visibility: 'public',
      sharedWith: [],
      keywords: ['demo', ...entry.keywords],
      source: layer.meta.source,
      lineage: `Gegenereerd door ${area.meta.generator} met seed ${area.meta.seed}; deterministisch.`,
      quality: { completeness: 'Volledig voor het synthetische demogebied', positionalAccuracyM: 0.01, notes: SYNTHETIC_LABEL },
      synthetic: true,
    };
    if (!(await getDataset(deps, caller, entry.id).catch(() => null))) await createDataset(deps, actor, input);
    await importFeatures(deps, caller, actor, entry.id, layer.features as unknown as IncomingFeature[], { sourceCrs: RD_NEW, sourceFormat: 'geojson', sizeBytes: 0 });
  }
  return missing.map((m) => m.id);
}
