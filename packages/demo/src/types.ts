/** Property types of the demo layers. All coordinates are EPSG:28992 (RD New), heights in m NAP. */
import type { FeatureCollection, LineString, Point, Polygon } from 'geojson';
import type { RasterGrid } from '@tweeling/core';

/** Dutch label carried by every layer. */
export const SYNTHETIC_LABEL = 'Synthetisch demogebied — geen echte gegevens';
/** English label carried by every layer. */
export const SYNTHETIC_LABEL_EN = 'Synthetic demo area — no real data';

/** Metadata block on the area and on every layer. */
export interface LayerMeta {
  synthetic: true;
  label: typeof SYNTHETIC_LABEL;
  labelEn: typeof SYNTHETIC_LABEL_EN;
  /** Layer name, e.g. `buildings`. */
  name: string;
  /** What the layer holds (English). */
  description: string;
  crs: 'EPSG:28992';
  /** Owner organisation shown in the catalogue. */
  owner: string;
  licence: 'CC0-1.0';
  /** Generator name, version and seed. */
  source: string;
}

/** A GeoJSON FeatureCollection with the synthetic-data metadata block. */
export type DemoLayer<G extends Polygon | LineString | Point, P> = FeatureCollection<G, P> & { meta: LayerMeta };
/** A raster with the synthetic-data metadata block. */
export type DemoRaster<T extends Float32Array | Uint8Array> = RasterGrid<T> & { meta: LayerMeta };

/** Building use (gebruiksdoel, simplified). */
export type BuildingUse = 'wonen' | 'school' | 'zorg' | 'winkel' | 'kantoor';
/** Building type, finer than `use`. */
export type BuildingSubtype =
  | 'rijwoning'
  | 'hoekwoning'
  | 'twee-onder-een-kap'
  | 'vrijstaand'
  | 'appartementen'
  | 'basisschool'
  | 'verpleeghuis'
  | 'ziekenhuis'
  | 'winkelcentrum'
  | 'kantoor'
  | 'brandweerkazerne';

/** Attributes of a building footprint. */
export interface BuildingProps {
  /** Stable id within the demo, `b00001`. */
  id: string;
  /** BAG-like but clearly synthetic pand id, `NL.DEMO.Pand.0034100000000001`. */
  bagId: string;
  use: BuildingUse;
  subtype: BuildingSubtype;
  /** Name of a non-residential building, else null. */
  name: string | null;
  /** Building height above ground, m. */
  heightM: number;
  floors: number;
  /** Entrance threshold above the adjacent ground/pavement, m; null = unknown (apps use 0.15). */
  thresholdM: number | null;
  /** Number of dwellings (0 for non-residential). */
  dwellings: number;
  residents: number;
  /** Residents aged 75 or over (≤ residents). */
  residents75plus: number;
  /** Code of the buurt containing the footprint centroid. */
  buurt: string;
  /** Construction year. */
  bouwjaar: number;
  /** Footprint area, m². */
  footprintM2: number;
  /** DEM height at the footprint centroid, m NAP. */
  groundLevelM: number;
}

/** Road class. */
export type RoadClass = 'hoofdweg' | 'wijkontsluitingsweg' | 'woonstraat' | 'fietspad' | 'voetpad';

/** Attributes of a road edge (one LineString between two graph nodes). */
export interface RoadProps {
  /** Edge id, `r00001`. */
  id: string;
  name: string;
  roadClass: RoadClass;
  /** Width of the carriageway or path, m (sidewalks not included). */
  widthM: number;
  /** Sidewalk width on each side, m (0 for paths). */
  sidewalkM: number;
  /** Curb height between sidewalk and carriageway, m (0 for paths). */
  curbHeightM: number;
  /** Graph node at the first vertex, `n00001`. */
  fromNode: string;
  /** Graph node at the last vertex. */
  toNode: string;
  lengthM: number;
  /** Motor vehicles (cars, fire engines) may use it. */
  motorVehicles: boolean;
  maxSpeedKmh: number;
}

/** Tree size class (boom van 1e/2e/3e grootte). */
export type TreeSizeClass = 'groot' | 'middel' | 'klein';

/** Attributes of a tree. */
export interface TreeProps {
  id: string;
  /** Genus, e.g. `Tilia`. */
  species: string;
  speciesClass: TreeSizeClass;
  /** Height, m; null = unknown (apps apply a default per class). */
  heightM: number | null;
  crownDiameterM: number;
  setting: 'straat' | 'park' | 'groenstrook' | 'oever' | 'tuin' | 'terrein';
  /** Public (municipal) tree, or private (garden). */
  public: boolean;
  plantYear: number;
}

/** Attributes of a park or public green space. */
export interface ParkProps {
  id: string;
  name: string;
  kind: 'park' | 'speeltuin' | 'groenstrook' | 'trapveld';
  areaM2: number;
  public: boolean;
}

/** Attributes of a water body. */
export interface WaterProps {
  id: string;
  name: string;
  kind: 'vaart' | 'vijver' | 'singel';
  /** Target water level (streefpeil), m NAP. */
  waterLevelM: number;
  depthM: number;
  areaM2: number;
}

/** Soil class (simplified Bodemkaart 1:50 000 texture). */
export type SoilClass = 'klei' | 'zavel' | 'veen' | 'zand';

/** Attributes of a soil polygon. */
export interface SoilProps {
  id: string;
  soilClass: SoilClass;
  /** Bodemkaart-style legend code (indicative). */
  soilCode: string;
  description: string;
  /** Average highest groundwater level, m below surface. */
  ghgM: number;
  /** Average lowest groundwater level, m below surface. */
  glgM: number;
  /** Grondwatertrap derived from GHG/GLG. */
  grondwatertrap: string;
  /** Seepage (+) or infiltration (−), mm/day. */
  kwelMmPerDag: number;
  zettingsgevoeligheid: 'laag' | 'matig' | 'hoog';
}

/** Attributes of an emergency-service facility. */
export interface FacilityProps {
  id: string;
  kind: 'brandweerkazerne' | 'ziekenhuis';
  name: string;
  /** Road-graph node at the facility's exit (the point lies on it). */
  roadNodeId: string;
  /** The facility's building. */
  buildingId: string;
}

/** Attributes of a neighbourhood. */
export interface BuurtProps {
  /** CBS-style but synthetic code, `BU0034DM01`. */
  code: string;
  naam: string;
  inwoners: number;
  inwoners75plus: number;
  /** Share of residents aged 75+, fraction 0..1. */
  aandeel75plus: number;
  woningen: number;
  areaM2: number;
}

/** Options of `createDemoArea`. */
export interface DemoAreaOptions {
  /** PRNG seed (default 20240701). */
  seed?: number;
  /** Side of the square area, m (default 1000, min 400, max 4000). */
  size?: number;
  /** Raster cell size, m (default 1); `size / cellSize` must be a whole number. */
  cellSize?: number;
}

/** Area-level metadata. */
export interface DemoMeta extends Omit<LayerMeta, 'name' | 'description'> {
  name: string;
  description: string;
  seed: number;
  size: number;
  cellSize: number;
  /** `[minX, minY, maxX, maxY]`, EPSG:28992. */
  bbox: [number, number, number, number];
  generator: string;
  heightReference: 'NAP';
  /** Canal/pond target level, m NAP. */
  waterLevelM: number;
  /** Local depressions dug into the DEM (where rain water ponds): centre (RD), depth, radius (2σ). */
  depressions: { x: number; y: number; depthM: number; radiusM: number }[];
  counts: Record<string, number>;
}

/** The whole demo district. */
export interface DemoArea {
  meta: DemoMeta;
  /** Bare-earth terrain (DTM), m NAP; buildings are not in it. */
  dem: DemoRaster<Float32Array>;
  /** Land-use codes, see `LAND_USE_CLASSES`. */
  landUse: DemoRaster<Uint8Array>;
  buildings: DemoLayer<Polygon, BuildingProps>;
  roads: DemoLayer<LineString, RoadProps>;
  trees: DemoLayer<Point, TreeProps>;
  parks: DemoLayer<Polygon, ParkProps>;
  water: DemoLayer<Polygon, WaterProps>;
  soil: DemoLayer<Polygon, SoilProps>;
  facilities: DemoLayer<Point, FacilityProps>;
  buurten: DemoLayer<Polygon, BuurtProps>;
}
