/**
 * The rule table: which soil and water conditions make a cell good (1), moderate (2) or poor (3) for
 * each land function. Edit this table (or pass `ruleTable` as input) to change the assessment; every
 * rule carries its source, and `assumption: true` where the threshold is our own choice rather than a
 * published figure. A function's class is the worst class over its rules (the "maximum limitation"
 * method of the FAO Framework for Land Evaluation, 1976); the first rule in table order that gives that
 * class names the limiting factor.
 *
 * Depths are in m below surface (`ghgM`: gemiddeld hoogste grondwaterstand = ontwateringsdiepte in
 * winter; `glgM`: gemiddeld laagste), seepage in mm/day (+ kwel, − infiltratie), drooglegging in m
 * (surface − open water level), flood depth in m.
 */

/** Land functions assessed, in output order. */
export const LAND_FUNCTIONS = ['woningbouw', 'akkerbouw', 'grasland', 'natuur', 'waterberging', 'zonOpLand', 'bos'] as const;
/** A land function id. */
export type LandFunction = (typeof LAND_FUNCTIONS)[number];

/** Numeric factors (NaN = unknown: rules on it are skipped). */
export const NUMERIC_FACTORS = ['ghgM', 'glgM', 'kwelMmPerDag', 'droogleggingM', 'floodDepthM'] as const;
/** Categorical factors. */
export const CATEGORY_FACTORS = ['soilClass', 'zettingsgevoeligheid'] as const;
/** Every factor; the raster code of a factor is its index + 1 (0 = no limitation). */
export const FACTORS = [...NUMERIC_FACTORS, ...CATEGORY_FACTORS] as const;
export type NumericFactor = (typeof NUMERIC_FACTORS)[number];
export type CategoryFactor = (typeof CATEGORY_FACTORS)[number];
export type Factor = (typeof FACTORS)[number];

/** Dutch names of the factors, as shown in the parcel table. */
export const FACTOR_LABELS: Record<Factor, string> = {
  ghgM: 'ontwateringsdiepte (GHG)',
  glgM: 'droogte (GLG)',
  kwelMmPerDag: 'kwel',
  droogleggingM: 'drooglegging',
  floodDepthM: 'inundatiediepte',
  soilClass: 'bodemsoort',
  zettingsgevoeligheid: 'zettingsgevoeligheid',
};

/** Category values known to the model. */
export const SOIL_CLASSES = ['klei', 'zavel', 'veen', 'zand'] as const;
export const SUBSIDENCE_CLASSES = ['laag', 'matig', 'hoog'] as const;

/** Suitability classes: 1 good, 2 moderate, 3 poor (0 = not assessed: water or outside the soil map). */
export const GOOD = 1;
export const MODERATE = 2;
export const POOR = 3;
export type SuitabilityClass = typeof GOOD | typeof MODERATE | typeof POOR;
/** Dutch labels of the classes, index = class code. */
export const CLASS_LABELS = ['geen oordeel', 'goed', 'matig', 'slecht'] as const;

interface RuleBase {
  /** Unique id, e.g. `woningbouw-ontwatering`. */
  id: string;
  landFunction: LandFunction;
  /** Only applies on these soil classes (all when left out). */
  soilClasses?: string[];
  /** Where the threshold comes from. */
  source: string;
  /** True when the threshold is our assumption (indicative), not a published norm. */
  assumption: boolean;
  /** Why the factor matters for the function (model card text). */
  explanation: string;
}
/** Higher is better: good when value ≥ goodFrom, moderate when ≥ moderateFrom, else poor. */
export interface MinimumRule extends RuleBase {
  kind: 'minimum';
  factor: NumericFactor;
  goodFrom: number;
  moderateFrom: number;
}
/** Lower is better: good when value ≤ goodUpTo, moderate when ≤ moderateUpTo, else poor. */
export interface MaximumRule extends RuleBase {
  kind: 'maximum';
  factor: NumericFactor;
  goodUpTo: number;
  moderateUpTo: number;
}
/** Class per category value; values not listed are good. */
export interface CategoryRule extends RuleBase {
  kind: 'category';
  factor: CategoryFactor;
  classes: Record<string, SuitabilityClass>;
}
/** One rule of the table. */
export type Rule = MinimumRule | MaximumRule | CategoryRule;

const RIONED = 'Stichting RIONED, Kennisbank Riolering "ontwateringsdiepte": gangbare normen 0,50 m zonder en 0,70 m met kruipruimte (gemeenten stellen de norm zelf vast)';
const GT = 'Grondwatertrappen van de Bodemkaart van Nederland 1:50 000 (WUR/Stiboka): GHG-grenzen 0,25 / 0,40 / 0,80 m; HELP-tabellen (1987) voor nat- en droogteschade';
const WBS = 'Kamerbrief "Water en Bodem Sturend" (IenW/LNV, 25 november 2022): niet bouwen in de diepste, zettingsgevoelige delen; vernatting van veen';
const DESIGN_VULNERABILITY = 'Tweeling DESIGN.md / Klimaateffectatlas stresstest: < 5 cm geen water tegen de gevel, drempel 0,15 m';

/** The shipped rule table. Order within a function = priority when naming the limiting factor. */
export const RULES: readonly Rule[] = [
  { id: 'woningbouw-ontwatering', landFunction: 'woningbouw', factor: 'ghgM', kind: 'minimum', goodFrom: 0.7, moderateFrom: 0.5, source: RIONED, assumption: false,
    explanation: 'Te hoog grondwater geeft natte kruipruimtes en funderings- en tuinoverlast; onder 0,50 m kan alleen met ophogen.' },
  { id: 'woningbouw-drooglegging', landFunction: 'woningbouw', factor: 'droogleggingM', kind: 'minimum', goodFrom: 1.0, moderateFrom: 0.7,
    source: 'Gangbare droogleggingseis stedelijk gebied ~1,0 m (waterschapsbeleid, bouwrijp maken); 0,7 m als ondergrens is onze aanname', assumption: true,
    explanation: 'Zonder voldoende hoogte boven het open water is de ontwatering van bouwpeil en riolering niet te garanderen.' },
  { id: 'woningbouw-zetting', landFunction: 'woningbouw', factor: 'zettingsgevoeligheid', kind: 'category', classes: { matig: MODERATE, hoog: POOR }, source: WBS, assumption: false,
    explanation: 'Op slappe, zettingsgevoelige grond zakken tuinen, wegen en leidingen; ophogen versterkt de bodemdaling.' },
  { id: 'woningbouw-kwel', landFunction: 'woningbouw', factor: 'kwelMmPerDag', kind: 'maximum', goodUpTo: 1, moderateUpTo: 3, source: 'Onze aanname (indicatief)', assumption: true,
    explanation: 'Sterke kwel houdt kruipruimtes en bouwputten nat en vraagt extra drainage.' },
  { id: 'woningbouw-inundatie', landFunction: 'woningbouw', factor: 'floodDepthM', kind: 'maximum', goodUpTo: 0.05, moderateUpTo: 0.15, source: DESIGN_VULNERABILITY, assumption: false,
    explanation: 'Water tegen de gevel; boven de drempel van 0,15 m stroomt het naar binnen.' },

  { id: 'akkerbouw-ontwatering', landFunction: 'akkerbouw', factor: 'ghgM', kind: 'minimum', goodFrom: 0.6, moderateFrom: 0.4, source: `${GT}; 0,60 m als grens goed is onze interpolatie`, assumption: true,
    explanation: 'Natte grond in het voorjaar: late bewerking, structuurschade en natschade aan gewassen.' },
  { id: 'akkerbouw-droogte', landFunction: 'akkerbouw', factor: 'glgM', kind: 'maximum', goodUpTo: 1.4, moderateUpTo: 2.0, soilClasses: ['zand'], source: `${GT}; drempels onze aanname`, assumption: true,
    explanation: 'Op zand met diep grondwater in de zomer valt de capillaire aanvoer weg: droogteschade.' },
  { id: 'akkerbouw-bodem', landFunction: 'akkerbouw', factor: 'soilClass', kind: 'category', classes: { zand: MODERATE, veen: POOR },
    source: 'Haans (red.) 1979, De interpretatie van bodemkaarten (Stiboka-rapport 1463): zavel en lichte klei het best geschikt', assumption: false,
    explanation: 'Zavel en klei zijn vruchtbaar en goed bewerkbaar; zand is droogtegevoelig, veen nat en slap.' },
  { id: 'akkerbouw-kwel', landFunction: 'akkerbouw', factor: 'kwelMmPerDag', kind: 'maximum', goodUpTo: 2, moderateUpTo: 5, source: 'Onze aanname (indicatief)', assumption: true,
    explanation: 'Kwel houdt de grond in het voorjaar nat en koud.' },
  { id: 'akkerbouw-inundatie', landFunction: 'akkerbouw', factor: 'floodDepthM', kind: 'maximum', goodUpTo: 0.05, moderateUpTo: 0.3, source: 'Onze aanname (indicatief)', assumption: true,
    explanation: 'Staand water verstikt gewassen binnen enkele dagen.' },

  { id: 'grasland-ontwatering', landFunction: 'grasland', factor: 'ghgM', kind: 'minimum', goodFrom: 0.4, moderateFrom: 0.2, source: GT, assumption: false,
    explanation: 'Gt I/II (GHG < 0,25 m) is te nat voor beweiden en maaien; Gt III en natter vraagt aangepast beheer.' },
  { id: 'grasland-droogte', landFunction: 'grasland', factor: 'glgM', kind: 'maximum', goodUpTo: 1.6, moderateUpTo: 2.2, soilClasses: ['zand'], source: `${GT}; drempels onze aanname`, assumption: true,
    explanation: 'Op zand droogt gras uit bij diep zomergrondwater.' },
  { id: 'grasland-veenoxidatie', landFunction: 'grasland', factor: 'zettingsgevoeligheid', kind: 'category', classes: { hoog: MODERATE }, source: WBS, assumption: false,
    explanation: 'Drooglegging voor gras op veen laat het veen oxideren: CO2-uitstoot en bodemdaling.' },
  { id: 'grasland-inundatie', landFunction: 'grasland', factor: 'floodDepthM', kind: 'maximum', goodUpTo: 0.1, moderateUpTo: 0.5, source: 'Onze aanname (indicatief)', assumption: true,
    explanation: 'Gras verdraagt kort water beter dan akkerbouwgewassen.' },

  { id: 'natuur-grondwater', landFunction: 'natuur', factor: 'ghgM', kind: 'maximum', goodUpTo: 0.4, moderateUpTo: 0.8,
    source: 'Runhaar et al., Waternood: vochtige en natte natuurdoeltypen vragen GHG dicht bij maaiveld; drempels onze aanname', assumption: true,
    explanation: 'Beoordeeld voor natte en vochtige natuur: hoe natter in de winter, hoe beter.' },
  { id: 'natuur-kwel', landFunction: 'natuur', factor: 'kwelMmPerDag', kind: 'minimum', goodFrom: 0.25, moderateFrom: -1, source: 'Runhaar et al., Waternood: kwelafhankelijke vegetaties; drempels onze aanname', assumption: true,
    explanation: 'Kwel van basenrijk grondwater maakt soortenrijke natte natuur mogelijk; sterke wegzijging verdroogt.' },

  { id: 'waterberging-onverzadigd', landFunction: 'waterberging', factor: 'ghgM', kind: 'minimum', goodFrom: 1.0, moderateFrom: 0.5, source: 'Onze aanname: bergingsruimte in de onverzadigde zone boven GHG', assumption: true,
    explanation: 'Water bergen of infiltreren kan alleen waar in de winter ruimte boven het grondwater is.' },
  { id: 'waterberging-kwel', landFunction: 'waterberging', factor: 'kwelMmPerDag', kind: 'maximum', goodUpTo: 0, moderateUpTo: 1, source: `${WBS}; drempels onze aanname`, assumption: true,
    explanation: 'In een kwelgebied vult de berging zich met grondwater; infiltratiegebieden zijn geschikt.' },
  { id: 'waterberging-bodem', landFunction: 'waterberging', factor: 'soilClass', kind: 'category', classes: { zavel: MODERATE, klei: MODERATE, veen: MODERATE },
    source: 'Doorlatendheid: zand hoog, zavel/klei/veen laag (Staringreeks, Wösten et al. 2001)', assumption: false,
    explanation: 'Infiltratie gaat snel in zand, traag in klei, zavel en veen.' },

  { id: 'zonOpLand-ontwatering', landFunction: 'zonOpLand', factor: 'ghgM', kind: 'minimum', goodFrom: 0.5, moderateFrom: 0.3, source: 'Onze aanname (fundering palen, kabels, berijdbaarheid)', assumption: true,
    explanation: 'Natte grond bemoeilijkt aanleg, kabels en onderhoud.' },
  { id: 'zonOpLand-landbouwgrond', landFunction: 'zonOpLand', factor: 'soilClass', kind: 'category', classes: { klei: MODERATE, zavel: MODERATE },
    source: 'Zonneladder (Kamerbrief 2019; Nationale Klimaatagenda/RES): goede landbouwgrond zoveel mogelijk ontzien', assumption: false,
    explanation: 'Beleid: eerst daken en restgronden, goede landbouwgrond (zavel, klei) ontzien.' },
  { id: 'zonOpLand-zetting', landFunction: 'zonOpLand', factor: 'zettingsgevoeligheid', kind: 'category', classes: { hoog: MODERATE }, source: 'Onze aanname (scheefzakken van constructies)', assumption: true,
    explanation: 'Zettingen laten frames en kabels scheefzakken.' },
  { id: 'zonOpLand-inundatie', landFunction: 'zonOpLand', factor: 'floodDepthM', kind: 'maximum', goodUpTo: 0.15, moderateUpTo: 0.5, source: 'Onze aanname (omvormers en kabels boven 0,5 m)', assumption: true,
    explanation: 'Elektrische installaties moeten boven het water blijven.' },

  { id: 'bos-ontwatering', landFunction: 'bos', factor: 'ghgM', kind: 'minimum', goodFrom: 0.6, moderateFrom: 0.3, source: 'Onze aanname: doorwortelingsdiepte; natte standplaatsen alleen voor els en wilg', assumption: true,
    explanation: 'De meeste boomsoorten wortelen niet in permanent nat grondwater; windworp.' },
  { id: 'bos-droogte', landFunction: 'bos', factor: 'glgM', kind: 'maximum', goodUpTo: 2.0, moderateUpTo: 3.0, soilClasses: ['zand'], source: 'Onze aanname (indicatief)', assumption: true,
    explanation: 'Op zand met diep zomergrondwater lijden jonge bomen aan droogte.' },
  { id: 'bos-inundatie', landFunction: 'bos', factor: 'floodDepthM', kind: 'maximum', goodUpTo: 0.3, moderateUpTo: 1.0, source: 'Onze aanname (indicatief)', assumption: true,
    explanation: 'Langdurige inundatie doodt de meeste boomsoorten.' },
];
