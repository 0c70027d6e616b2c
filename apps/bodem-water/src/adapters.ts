/** SDK inputs → site and parcels; assessment results → rasters, parcel features and tables. */
import type { Feature, FeatureCollection } from 'geojson';
import type { RasterGrid } from '@tweeling/core';
import type { VectorDatasetReader } from '@tweeling/sdk';
import type { SoilPolygon, WaterBody } from './cells.js';
import { shapeFromGeometry, type Shape } from '@tweeling/sdk';
import { frameAround, type Frame } from './grid.js';
import type { AssessmentResult, ParcelResult } from './model.js';
import type { ParcelSuitability } from './parcels.js';
import { CLASS_LABELS, FACTORS, FACTOR_LABELS, LAND_FUNCTIONS, type LandFunction } from './rules.js';

/** Decimals of shares in the outputs. */
const SHARE_DECIMALS = 3;

/** All features of a vector reader. */
export async function readAll(reader: VectorDatasetReader): Promise<Feature[]> {
  const out: Feature[] = [];
  for await (const f of reader.features()) out.push(f);
  return out;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

/** Soil features → soil polygons (features without a polygon or without GHG/GLG are skipped). */
export function toSoilPolygons(features: readonly Feature[]): SoilPolygon[] {
  return features.flatMap((f, i) => {
    const shape = shapeFromGeometry(f.geometry);
    const p = f.properties ?? {};
    const ghgM = num(p['ghgM']), glgM = num(p['glgM']);
    if (!shape || ghgM === null || glgM === null) return [];
    return [{
      id: str(p['id']) ?? str(f.id) ?? `bodem-${i + 1}`, shape, soilClass: str(p['soilClass']) ?? 'onbekend', ghgM, glgM,
      kwelMmPerDag: num(p['kwelMmPerDag']), zettingsgevoeligheid: str(p['zettingsgevoeligheid']),
    }];
  });
}

/** Water features → water bodies with their target level (`waterLevelM`, m NAP) where given. */
export function toWaterBodies(features: readonly Feature[]): WaterBody[] {
  return features.flatMap((f) => {
    const shape = shapeFromGeometry(f.geometry);
    return shape ? [{ shape, waterLevelM: num(f.properties?.['waterLevelM']) }] : [];
  });
}

/** Parcel features → shapes, ids and the features kept (those with a polygon). */
export function toParcels(features: readonly Feature[]): { shapes: Shape[]; ids: string[]; features: Feature[] } {
  const kept = features.flatMap((f, i) => {
    const shape = shapeFromGeometry(f.geometry);
    const p = f.properties ?? {};
    return shape ? [{ shape, id: str(p['id']) ?? str(p['code']) ?? str(f.id) ?? `perceel-${i + 1}`, f }] : [];
  });
  return { shapes: kept.map((k) => k.shape), ids: kept.map((k) => k.id), features: kept.map((k) => k.f) };
}

/** Frame over the soil polygons. */
export function soilFrame(soil: readonly SoilPolygon[], cellSizeM: number): Frame {
  if (soil.length === 0) throw new Error('soil: no polygon with ghgM and glgM; nothing to assess');
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const { shape: s } of soil) {
    minX = Math.min(minX, s.minX); minY = Math.min(minY, s.minY); maxX = Math.max(maxX, s.maxX); maxY = Math.max(maxY, s.maxY);
  }
  return frameAround(minX, minY, maxX, maxY, cellSizeM);
}

/** A Uint8 raster on the frame. */
export function frameRaster(frame: Frame, data: Uint8Array): RasterGrid<Uint8Array> {
  return { width: frame.width, height: frame.height, originX: frame.originX, originY: frame.originY, cellSize: frame.cellSizeM, crs: 'EPSG:28992', noData: 0, data };
}

/** `zonOpLand` → `ZonOpLand`, for output ids. */
export function capitalised(fn: LandFunction): string {
  return fn.charAt(0).toUpperCase() + fn.slice(1);
}

const factorLabel = (code: number): string | null => (code > 0 ? FACTOR_LABELS[FACTORS[code - 1] as (typeof FACTORS)[number]] : null);
const round = (v: number) => Math.round(v * 10 ** SHARE_DECIMALS) / 10 ** SHARE_DECIMALS;

/** Flat properties of one parcel: per function the class and limiting factor now and in the scenario. */
export function parcelRow(id: string, r: ParcelResult, cellAreaM2: number): Record<string, string | number | null> {
  const row: Record<string, string | number | null> = { parcelId: id };
  const first = r.now[LAND_FUNCTIONS[0]] as ParcelSuitability;
  row.assessedAreaM2 = first.cells * cellAreaM2;
  for (const fn of LAND_FUNCTIONS) {
    const a = r.now[fn], b = r.scenario[fn];
    row[fn] = a.cls > 0 ? (CLASS_LABELS[a.cls] as string) : null;
    row[`${fn}Beperking`] = factorLabel(a.factor);
    row[`${fn}AandeelGoed`] = round(a.shares[0]);
    row[`${fn}Scenario`] = b.cls > 0 ? (CLASS_LABELS[b.cls] as string) : null;
    row[`${fn}ScenarioBeperking`] = factorLabel(b.factor);
    row[`${fn}AandeelVerandert`] = round(r.changedShare[fn]);
  }
  return row;
}

/** A feature collection of the given features with new properties (geometry kept). */
export function withProperties(features: readonly Feature[], props: readonly Record<string, unknown>[]): FeatureCollection {
  return { type: 'FeatureCollection', features: features.map((f, i) => ({ type: 'Feature', geometry: f.geometry, properties: props[i] ?? {} })) };
}

/** Summary per function: hectares per class now and in the scenario, and the area getting worse or better. */
export function functionSummary(result: AssessmentResult) {
  const ha = (m2: number) => Math.round(m2 / 100) / 100;
  return Object.fromEntries(LAND_FUNCTIONS.map((fn) => {
    const a = result.areas[fn];
    return [fn, {
      nowHa: { goed: ha(a.nowM2[0]), matig: ha(a.nowM2[1]), slecht: ha(a.nowM2[2]) },
      scenarioHa: { goed: ha(a.scenarioM2[0]), matig: ha(a.scenarioM2[1]), slecht: ha(a.scenarioM2[2]) },
      worseHa: ha(a.worseM2), betterHa: ha(a.betterM2),
    }];
  }));
}
