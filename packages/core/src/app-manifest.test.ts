import { describe, expect, it } from 'vitest';
import { AppManifest, AppManifestError, Pricing, parseAppManifest, type AppManifestInput } from './app-manifest.js';
import { ProcessDescription, toProcessDescription } from './process-description.js';
import { ProcessInputError, assertProcessInputs, validateProcessInputs } from './process-inputs.js';

/** The manifest of the Almere cloudburst flood app, with the DESIGN.md reference figures. */
const FLOOD_MANIFEST = {
  id: 'wateroverlast-hoosbui',
  name: { nl: 'Wateroverlast bij een hoosbui', en: 'Pluvial flooding from a cloudburst' },
  summary: {
    nl: 'Berekent waterdiepte op straat en kwetsbaarheid van gebouwen bij een ontwerpbui (STOWA 2019).',
    en: 'Computes street water depth and building vulnerability for a design storm (STOWA 2019).',
  },
  useCases: ['wateroverlast'],
  themes: ['klimaatadaptatie', 'stresstest'],
  version: '1.2.0',
  channel: 'stable',
  publisher: 'almere',
  licence: 'EUPL-1.2',
  inputs: {
    rainMm: {
      title: { nl: 'Neerslag', en: 'Rainfall' },
      description: { nl: 'Totale neerslag van de ontwerpbui (70 mm ≈ T100, 90 mm ≈ T250, 160 mm ≈ T1000).' },
      schema: { type: 'number', minimum: 0, maximum: 300, default: 70 },
      unit: 'mm',
    },
    durationH: {
      title: { nl: 'Duur van de bui', en: 'Storm duration' },
      description: { nl: 'Duur van de bui in uren.' },
      schema: { type: 'number', enum: [1, 2], default: 1 },
      unit: 'h',
    },
    sinkMmPerH: {
      title: { nl: 'Afvoer riool en infiltratie' },
      description: { nl: 'Gebundelde afvoer naar riool en bodem; de stresstest gebruikt 20 mm/h.' },
      schema: { type: 'number', minimum: 0, maximum: 100, default: 20 },
      unit: 'mm/h',
    },
    dem: {
      title: { nl: 'Hoogtemodel (AHN)', en: 'Elevation model (AHN)' },
      description: { nl: 'Maaiveldhoogte in m NAP.' },
      schema: { default: { dataset: 'demo-ahn-almere' } },
      dataRequirement: 'dem',
    },
    buildings: {
      title: { nl: 'Gebouwen (BAG)', en: 'Buildings (BAG)' },
      description: { nl: 'Panden met optioneel de drempelhoogte van de entree.' },
      schema: { default: { dataset: 'demo-bag-almere' } },
      dataRequirement: 'buildings',
    },
  },
  outputs: {
    maxDepth: {
      title: { nl: 'Maximale waterdiepte', en: 'Maximum water depth' },
      description: { nl: 'Grootste waterdiepte per cel gedurende de bui; dieptes onder 5 cm niet getoond.' },
      schema: { type: 'string', contentMediaType: 'image/tiff; application=geotiff' },
      kind: 'raster',
      unit: 'm',
    },
    buildingVulnerability: {
      title: { nl: 'Kwetsbaarheid gebouwen' },
      description: { nl: 'Klasse per pand: geen water tegen de gevel … zeer hoge kwetsbaarheid.' },
      schema: { type: 'object', contentMediaType: 'application/geo+json' },
      kind: 'vector',
    },
    impassableRoadLengthM: {
      title: { nl: 'Lengte onbegaanbare weg' },
      description: { nl: 'Weglengte met meer dan 15 cm water.' },
      schema: { type: 'number', minimum: 0 },
      unit: 'm',
    },
  },
  jobControlOptions: ['async-execute', 'dismiss'],
  idempotent: true,
  dataRequirements: {
    dem: {
      kind: 'raster',
      description: { nl: 'Maaiveldhoogte (AHN4 DTM), gebouwen uitgesneden of opgehoogd.' },
      maxCellSizeM: 5,
      unit: 'm',
      minCoverageFraction: 0.98,
      maxAgeDays: 3650,
    },
    buildings: {
      kind: 'vector',
      description: { nl: 'BAG-panden.' },
      geometryTypes: ['Polygon', 'MultiPolygon'],
      requiredAttributes: [
        { name: 'identificatie', type: 'string' },
        { name: 'drempelhoogteM', type: 'number', unit: 'm', optional: true },
      ],
      minCoverageFraction: 0.95,
      maxAgeDays: 365,
      allowedLicences: ['CC0-1.0', 'CC-BY-4.0'],
    },
  },
  hardware: { cores: 4, memoryMiB: 2048, gpu: false },
  limitations: [{ nl: 'Geen rioolmodel: het riool is een gebundelde afvoer.', en: 'No sewer model: the sewer is a lumped sink.' }],
  dataImperfections: [
    { imperfection: { nl: 'Stoepranden ontbreken in het hoogtemodel.' }, effect: { nl: 'Water stroomt te makkelijk van straat naar stoep.' } },
  ],
  pricing: { kind: 'perRun', eurPerRun: 2.5 },
  serviceLevel: { nl: 'Ondersteuning op werkdagen, reactie binnen 2 werkdagen.' },
  modelCard: {
    method: { nl: 'Lokaal-inertiële ondiepwatervergelijkingen (de Almeida et al. 2012) op een regelmatig rooster.' },
    validation: { nl: 'Analytische testen (meer in rust, massabehoud, front op vlak terrein).' },
    references: [
      { title: 'de Almeida, Bates, Freer & Souvignet — Improving the stability of a simple formulation of the shallow water equations', year: 2012, url: 'https://doi.org/10.1029/2011WR011570' },
      { title: 'STOWA 2019-19 Neerslagstatistiek en -reeksen voor het waterbeheer', year: 2019 },
    ],
  },
} satisfies AppManifestInput;

describe('AppManifest', () => {
  it('parses the full flood manifest and applies defaults', () => {
    const m = parseAppManifest(FLOOD_MANIFEST);
    expect(m.id).toBe('wateroverlast-hoosbui');
    expect(m.inputs.rainMm?.minOccurs).toBe(1);
    expect(m.inputs.rainMm?.maxOccurs).toBe(1);
    expect(m.outputs.impassableRoadLengthM?.kind).toBe('value');
    expect(m.dataRequirements.dem?.crs).toBe('EPSG:28992');
    const buildings = m.dataRequirements.buildings;
    expect(buildings?.kind === 'vector' && buildings.requiredAttributes[0]?.optional).toBe(false);
  });

  it('fills defaults for left-out optional sections', () => {
    const { hardware, pricing, channel, themes, limitations, ...rest } = FLOOD_MANIFEST;
    void hardware; void pricing; void channel; void themes; void limitations;
    const m = parseAppManifest(rest);
    expect(m.hardware).toEqual({ cores: 1, memoryMiB: 512, gpu: false });
    expect(m.pricing).toEqual({ kind: 'free' });
    expect(m.channel).toBe('stable');
    expect(m.themes).toEqual([]);
  });

  it('rejects unknown keys, also deep inside', () => {
    expect(() => parseAppManifest({ ...FLOOD_MANIFEST, colour: 'blue' })).toThrow(/\(root\): Unrecognized key: "colour"/);
    const deep = structuredClone(FLOOD_MANIFEST) as Record<string, unknown>;
    (deep.modelCard as Record<string, unknown>).method = { nl: 'x', de: 'y' };
    expect(() => parseAppManifest(deep)).toThrow(/modelCard\.method: Unrecognized key: "de"/);
    const badSchema = structuredClone(FLOOD_MANIFEST);
    (badSchema.inputs.rainMm.schema as Record<string, unknown>).oneOf = [];
    expect(() => parseAppManifest(badSchema)).toThrow(/inputs\.rainMm\.schema: Unrecognized key: "oneOf"/);
  });

  it('reports every problem with its path in one error', () => {
    const bad = { ...FLOOD_MANIFEST, version: '1.2', useCases: ['overstroming'], publisher: 'Almere', licence: 'EUPL 1.2' };
    let error: unknown;
    try {
      parseAppManifest(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppManifestError);
    const paths = (error as AppManifestError).issues.map((i) => i.path).sort();
    expect(paths).toEqual(['licence', 'publisher', 'useCases.0', 'version']);
    expect((error as Error).message).toMatch(/4 problems/);
    expect((error as Error).message).toMatch(/version: a semantic version/);
  });

  it('checks references, defaults and occurrence bounds across fields', () => {
    const bad = structuredClone(FLOOD_MANIFEST) as unknown as { inputs: Record<string, Record<string, unknown>>; dataRequirements: Record<string, unknown> };
    bad.inputs.dem!.dataRequirement = 'hoogte';
    bad.inputs.rainMm!.schema = { type: 'number', minimum: 0, maximum: 300, default: 500 };
    bad.inputs.sinkMmPerH!.minOccurs = 2;
    bad.inputs.buildings!.schema = { type: 'object' };
    const issues = (() => {
      try {
        parseAppManifest(bad);
        return [];
      } catch (e) {
        return (e as AppManifestError).issues;
      }
    })();
    expect(issues.map((i) => i.path).sort()).toEqual([
      'dataRequirements.dem',
      'inputs.buildings.schema',
      'inputs.dem.dataRequirement',
      'inputs.rainMm.schema.default',
      'inputs.sinkMmPerH.minOccurs',
    ]);
    expect(issues.find((i) => i.path === 'inputs.rainMm.schema.default')?.message).toMatch(/≤ 300, got 500/);
  });
});

describe('Pricing', () => {
  it('accepts each model with its own field and rejects mixed ones', () => {
    expect(Pricing.parse({ kind: 'free' })).toEqual({ kind: 'free' });
    expect(Pricing.parse({ kind: 'subscription', eurPerMonth: 250 })).toEqual({ kind: 'subscription', eurPerMonth: 250 });
    expect(Pricing.parse({ kind: 'perRun', eurPerRun: 2.5 })).toEqual({ kind: 'perRun', eurPerRun: 2.5 });
    expect(Pricing.safeParse({ kind: 'perRun', eurPerMonth: 250 }).success).toBe(false);
    expect(Pricing.safeParse({ kind: 'free', eurPerRun: 1 }).success).toBe(false);
    expect(Pricing.safeParse({ kind: 'subscription', eurPerMonth: -1 }).success).toBe(false);
    expect(Pricing.safeParse({ kind: 'donation' }).success).toBe(false);
  });
});

describe('toProcessDescription', () => {
  const manifest = AppManifest.parse(FLOOD_MANIFEST);

  it('gives a valid OGC process description in Dutch by default', () => {
    const d = ProcessDescription.parse(toProcessDescription(manifest));
    expect(d).toMatchObject({
      id: 'wateroverlast-hoosbui',
      title: 'Wateroverlast bij een hoosbui',
      version: '1.2.0',
      jobControlOptions: ['async-execute', 'dismiss'],
      outputTransmission: ['value', 'reference'],
      keywords: ['wateroverlast', 'klimaatadaptatie', 'stresstest'],
    });
    expect(d.links).toBeUndefined();
    expect(d.inputs.rainMm).toEqual({
      title: 'Neerslag',
      description: manifest.inputs.rainMm?.description.nl,
      schema: { type: 'number', minimum: 0, maximum: 300, default: 70 },
      minOccurs: 0,
      maxOccurs: 1,
      unit: 'mm',
    });
    expect(d.outputs.maxDepth).toMatchObject({ kind: 'raster', unit: 'm', schema: { contentMediaType: 'image/tiff; application=geotiff' } });
  });

  it('generates the dataset reference schema and inlines the data requirement', () => {
    const dem = toProcessDescription(manifest).inputs.dem;
    expect(dem?.schema.default).toEqual({ dataset: 'demo-ahn-almere' });
    expect(dem?.schema.oneOf).toHaveLength(2);
    expect(dem?.dataRequirement).toMatchObject({ kind: 'raster', maxCellSizeM: 5, crs: 'EPSG:28992' });
  });

  it('uses English where present and falls back to Dutch', () => {
    const d = toProcessDescription(manifest, { lang: 'en' });
    expect(d.title).toBe('Pluvial flooding from a cloudburst');
    expect(d.inputs.sinkMmPerH?.title).toBe('Afvoer riool en infiltratie');
  });
});

describe('validateProcessInputs', () => {
  const manifest = AppManifest.parse(FLOOD_MANIFEST);

  it('applies defaults, including dataset references', () => {
    expect(assertProcessInputs(manifest, { rainMm: 90 })).toEqual({
      rainMm: 90, durationH: 1, sinkMmPerH: 20,
      dem: { dataset: 'demo-ahn-almere' }, buildings: { dataset: 'demo-bag-almere' },
    });
  });

  it('collects every bad input by name', () => {
    const r = validateProcessInputs(manifest, { rainMm: 500, durationH: 3, dem: { dataset: 'AHN' }, colour: 'red' });
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.map((e) => e.path).sort()).toEqual(['colour', 'dem', 'durationH', 'rainMm']);
    expect(errors.find((e) => e.path === 'rainMm')?.message).toBe('must be ≤ 300, got 500');
    expect(errors.find((e) => e.path === 'durationH')?.message).toMatch(/one of 1, 2/);
    expect(() => assertProcessInputs(manifest, { rainMm: 'veel' })).toThrow(ProcessInputError);
    expect(() => assertProcessInputs(manifest, { rainMm: 'veel' })).toThrow(/rainMm: must be of type number/);
  });

  it('accepts http(s) dataset URLs only, and wraps single values for maxOccurs > 1', () => {
    expect(validateProcessInputs(manifest, { dem: { href: 'https://service.pdok.nl/ahn.tif' } }).ok).toBe(true);
    const r = validateProcessInputs(manifest, { dem: { href: 'file:///etc/passwd' } });
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['dem']);
    const many = structuredClone(FLOOD_MANIFEST) as unknown as { inputs: Record<string, Record<string, unknown>> };
    many.inputs.buildings!.maxOccurs = 2;
    const m = AppManifest.parse(many);
    expect(assertProcessInputs(m, {}).buildings).toEqual([{ dataset: 'demo-bag-almere' }]);
    const three = validateProcessInputs(m, { buildings: [{ dataset: 'aa' }, { dataset: 'bb' }, { dataset: 'B' }] });
    expect(three.ok ? [] : three.errors.map((e) => e.path)).toEqual(['buildings', 'buildings/2']);
    many.inputs.buildings!.schema = { default: [{ dataset: 'bag-a' }, { dataset: 'bag-b' }] };
    expect(assertProcessInputs(AppManifest.parse(many), {}).buildings).toEqual([{ dataset: 'bag-a' }, { dataset: 'bag-b' }]);
    many.inputs.buildings!.schema = { default: [{ dataset: 'bag-a' }, { file: 'x' }] };
    expect(() => parseAppManifest(many)).toThrow(/inputs\.buildings\.schema\.default: must be a dataset reference/);
  });

  it('requires inputs without a default', () => {
    const noDefault = structuredClone(FLOOD_MANIFEST);
    noDefault.inputs.rainMm.schema = { type: 'number', minimum: 0, maximum: 300 } as typeof noDefault.inputs.rainMm.schema;
    const r = validateProcessInputs(AppManifest.parse(noDefault), {});
    expect(r).toEqual({ ok: false, errors: [{ path: 'rainMm', message: 'is required' }] });
  });
});
