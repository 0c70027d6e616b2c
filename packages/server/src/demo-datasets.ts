import { createDemoArea, LAND_USE_CLASSES, SYNTHETIC_LABEL, SYNTHETIC_LABEL_EN, type DemoArea, type DemoLayer } from '@tweeling/demo';
import type { Caller, DatasetCreate } from '@tweeling/core';
import type { Actor } from './audit/index.js';
import { createDataset, getDataset, importFeatures, importRaster, RD_NEW, type DataDeps, type IncomingFeature } from './data/index.js';

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

/** The land-use code table as text, for the dataset description. */
const LAND_USE_TABLE = LAND_USE_CLASSES.map((c) => `${c.code} = ${c.labelNl}`).join('; ');

/** The demo area's rasters as datasets: id, grid, Dutch and English title and description, keywords. */
const RASTERS: ReadonlyArray<{ id: string; layer: 'dem' | 'landUse'; nl: string; en: string; descriptionNl: string; descriptionEn: string; keywords: string[] }> = [
  {
    id: 'demo-hoogte', layer: 'dem', nl: 'Hoogtemodel (demo)', en: 'Elevation model (demo)',
    descriptionNl: 'Maaiveldhoogte (DTM) in meter t.o.v. NAP, float32, cellen van 1 m in EPSG:28992; gebouwen staan er niet in, watercellen liggen op streefpeil.',
    descriptionEn: 'Bare-earth terrain (DTM) in metres relative to NAP, float32, 1 m cells in EPSG:28992.',
    keywords: ['hoogte', 'ahn', 'dtm', 'wateroverlast'],
  },
  {
    id: 'demo-landgebruik', layer: 'landUse', nl: 'Landgebruik (demo)', en: 'Land use (demo)',
    descriptionNl: `Landgebruik per cel van 1 m in EPSG:28992, uint8-codes: ${LAND_USE_TABLE}.`,
    descriptionEn: `Land use per 1 m cell in EPSG:28992, uint8 codes: ${LAND_USE_CLASSES.map((c) => `${c.code} = ${c.labelEn}`).join('; ')}.`,
    keywords: ['landgebruik', 'ruwheid', 'wateroverlast', 'hittestress'],
  },
];

/** The organisation that owns the demo area. */
export const DEMO_AREA_OWNER = 'almere';

/**
 * Publishes the demo area's vector layers and rasters as public datasets of the demo municipality,
 * each with one version. Idempotent: datasets that already have a version are left alone, and the
 * demo area is only generated when something is missing.
 * @returns the ids of the datasets published now
 */
export async function seedDemoArea(deps: DataDeps): Promise<string[]> {
  const caller: Caller = { anonymous: false, organisationId: DEMO_AREA_OWNER, userId: null, tokenId: null, role: 'data-steward', permissions: ['org:read', 'data:write'] };
  const actor: Actor & { organisationId: string } = { organisationId: DEMO_AREA_OWNER, userId: null, tokenId: null, label: 'seed', requestId: null };
  const hasVersion = async (id: string) => Boolean((await getDataset(deps, caller, id).catch(() => null))?.latestVersion);
  const missingLayers: typeof LAYERS[number][] = [];
  for (const entry of LAYERS) if (!(await hasVersion(entry.id))) missingLayers.push(entry);
  const missingRasters: typeof RASTERS[number][] = [];
  for (const entry of RASTERS) if (!(await hasVersion(entry.id))) missingRasters.push(entry);
  if (missingLayers.length + missingRasters.length === 0) return [];
  const area = createDemoArea();
  const common = (id: string) => ({
    id,
    visibility: 'public' as const,
    sharedWith: [],
    lineage: `Gegenereerd door ${area.meta.generator} met seed ${area.meta.seed}; deterministisch.`,
    synthetic: true,
  });
  const register = async (input: DatasetCreate) => {
    if (!(await getDataset(deps, caller, input.id).catch(() => null))) await createDataset(deps, actor, input);
  };
  for (const entry of missingLayers) {
    const layer = area[entry.layer] as DemoLayer<never, unknown>;
    await register({
      ...common(entry.id),
      title: { nl: entry.nl, en: entry.en },
      description: { nl: `${SYNTHETIC_LABEL}. ${layer.meta.description}`, en: SYNTHETIC_LABEL_EN },
      kind: 'vector',
      licence: layer.meta.licence,
      keywords: ['demo', ...entry.keywords],
      source: layer.meta.source,
      quality: { completeness: 'Volledig voor het synthetische demogebied', positionalAccuracyM: 0.01, notes: SYNTHETIC_LABEL },
    });
    await importFeatures(deps, caller, actor, entry.id, layer.features as unknown as IncomingFeature[], { sourceCrs: RD_NEW, sourceFormat: 'geojson', sizeBytes: 0 });
  }
  for (const entry of missingRasters) {
    const raster = area[entry.layer];
    await register({
      ...common(entry.id),
      title: { nl: entry.nl, en: entry.en },
      description: { nl: `${SYNTHETIC_LABEL}. ${entry.descriptionNl}`, en: `${SYNTHETIC_LABEL_EN}. ${entry.descriptionEn}` },
      kind: 'raster',
      licence: raster.meta.licence,
      keywords: ['demo', ...entry.keywords],
      source: raster.meta.source,
      quality: { completeness: 'Volledig voor het synthetische demogebied', resolutionM: raster.cellSize, notes: SYNTHETIC_LABEL },
    });
    const { width, height, originX, originY, cellSize, crs, noData, data } = raster;
    await importRaster(deps, caller, actor, entry.id, { width, height, originX, originY, cellSize, crs, noData, data }, { sourceFormat: 'demo', sizeBytes: data.byteLength });
  }
  return [...missingLayers, ...missingRasters].map((m) => m.id);
}

/**
 * The demo area keyed by the dataset ids the server publishes it under, for running apps without a
 * server (`tweeling run APP --demo`): the same content as the published datasets.
 */
export function demoAreaDatasets(area: DemoArea = createDemoArea()): Record<string, DemoArea[keyof DemoArea]> {
  const entries = [...LAYERS, ...RASTERS].map((entry) => [entry.id, area[entry.layer]] as const);
  return Object.fromEntries(entries);
}
