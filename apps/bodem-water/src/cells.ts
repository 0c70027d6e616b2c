/**
 * Cell factors from the inputs: soil polygons rasterised by cell centre, open water masked out,
 * drooglegging from surface height and the level of the nearest water body, flood depth; and the
 * same factors shifted by a climate scenario.
 */
import { shiftFor, type ClimateScenario } from './climate.js';
import { categoryCode, emptyFactors, type CellFactors } from './evaluate.js';
import { nearestBoundaryPoint, type Shape } from '@tweeling/sdk';
import { cellCentre, rasteriseShapes, type Frame } from './grid.js';

/** Farthest open water whose level counts for a cell's drooglegging, m (assumption: one polder level area). */
export const MAX_WATER_DISTANCE_M = 1000;

/** A soil map polygon with its groundwater data. */
export interface SoilPolygon {
  id: string;
  shape: Shape;
  soilClass: string;
  /** GHG, m below surface. */
  ghgM: number;
  /** GLG, m below surface. */
  glgM: number;
  /** Seepage (+) or infiltration (−), mm/day; null = unknown. */
  kwelMmPerDag: number | null;
  /** `laag` | `matig` | `hoog`; null = unknown. */
  zettingsgevoeligheid: string | null;
}

/** An open water body; `waterLevelM` (m NAP) null when unknown. */
export interface WaterBody {
  shape: Shape;
  waterLevelM: number | null;
}

/** Everything on the frame that the factors are built from. */
export interface Site {
  frame: Frame;
  soil: SoilPolygon[];
  water: WaterBody[];
  /** Surface height per frame cell, m NAP (NaN = unknown); null when no height model is given. */
  surfaceM: Float32Array | null;
  /** Flood depth per frame cell, m; null when no flood raster is given. */
  floodDepthM: Float32Array | null;
  /** GHG / GLG per frame cell from groundwater rasters, m below surface (NaN = use the soil polygon); optional. */
  ghgM?: Float32Array | null;
  glgM?: Float32Array | null;
}

/** Current-state factors plus the soil polygon index (1-based, 0 = none) per cell. */
export interface BaseFactors {
  factors: CellFactors;
  soilRaster: Int32Array;
}

/** Level of the nearest water body with a known level within {@link MAX_WATER_DISTANCE_M}; NaN if none. */
function nearestWaterLevel(water: readonly WaterBody[], x: number, y: number): number {
  let best = Infinity;
  let level = NaN;
  for (const w of water) {
    if (w.waterLevelM === null) continue;
    const s = w.shape;
    if (x < s.minX - best || x > s.maxX + best || y < s.minY - best || y > s.maxY + best) continue;
    const d = nearestBoundaryPoint(s, x, y).distM;
    if (d < best && d <= MAX_WATER_DISTANCE_M) {
      best = d;
      level = w.waterLevelM;
    }
  }
  return level;
}

/**
 * Builds the current-state factors: cells with their centre in a soil polygon and not in open water
 * are assessed; GHG/GLG from the groundwater rasters where given, else from the polygon; kwel/zetting/soil
 * class from the polygon; drooglegging = surface height −
 * level of the nearest water body (when both are known); flood depth as given.
 */
export function buildBaseFactors(site: Site): BaseFactors {
  const { frame } = site;
  const n = frame.width * frame.height;
  const f = emptyFactors(n);
  const soilRaster = rasteriseShapes(site.soil.map((s) => s.shape), frame);
  const waterRaster = rasteriseShapes(site.water.map((w) => w.shape), frame);
  const soilCodes = site.soil.map((s) => categoryCode(f, 'soilClass', s.soilClass));
  const zettingCodes = site.soil.map((s) => categoryCode(f, 'zettingsgevoeligheid', s.zettingsgevoeligheid));
  for (let i = 0; i < n; i++) {
    const k = (soilRaster[i] as number) - 1;
    if (k < 0 || (waterRaster[i] as number) > 0) continue;
    const s = site.soil[k] as SoilPolygon;
    f.valid[i] = 1;
    // A groundwater raster, where it has data, is more detailed than one value per soil polygon.
    const ghgCell = site.ghgM ? (site.ghgM[i] as number) : NaN;
    const glgCell = site.glgM ? (site.glgM[i] as number) : NaN;
    f.numeric.ghgM[i] = Number.isNaN(ghgCell) ? s.ghgM : ghgCell;
    f.numeric.glgM[i] = Number.isNaN(glgCell) ? s.glgM : glgCell;
    f.numeric.kwelMmPerDag[i] = s.kwelMmPerDag ?? NaN;
    f.category.soilClass[i] = soilCodes[k] as number;
    f.category.zettingsgevoeligheid[i] = zettingCodes[k] as number;
    if (site.floodDepthM) f.numeric.floodDepthM[i] = site.floodDepthM[i] as number;
    const z = site.surfaceM ? (site.surfaceM[i] as number) : NaN;
    if (!Number.isNaN(z)) {
      const [x, y] = cellCentre(frame, i);
      f.numeric.droogleggingM[i] = z - nearestWaterLevel(site.water, x, y);
    }
  }
  return { factors: f, soilRaster };
}

/**
 * The factors under a climate scenario (see climate.ts): GHG depth − winter rise − subsidence, GLG
 * depth + summer drop − subsidence (never above the GHG), drooglegging − subsidence, flood depth ×
 * extreme-rain factor (assumption: depth scales with the rain volume). Kwel, soil and subsidence
 * class are unchanged. Returns new arrays; `base` is not changed.
 */
export function applyScenario(base: CellFactors, scenario: ClimateScenario): CellFactors {
  const names = base.categoryNames.zettingsgevoeligheid;
  const shifts = [...names.map((z) => shiftFor(scenario, z)), shiftFor(scenario, null)];
  const out: CellFactors = {
    ...base,
    numeric: {
      ghgM: base.numeric.ghgM.slice(), glgM: base.numeric.glgM.slice(), kwelMmPerDag: base.numeric.kwelMmPerDag,
      droogleggingM: base.numeric.droogleggingM.slice(), floodDepthM: base.numeric.floodDepthM.slice(),
    },
  };
  const { ghgM, glgM, droogleggingM, floodDepthM } = out.numeric;
  for (let i = 0; i < base.n; i++) {
    if (base.valid[i] === 0) continue;
    const code = base.category.zettingsgevoeligheid[i] as number;
    const sh = shifts[code >= 0 ? code : shifts.length - 1] as ReturnType<typeof shiftFor>;
    const ghg = Math.max(0, (ghgM[i] as number) - sh.ghgRiseM - sh.subsidenceM);
    ghgM[i] = ghg;
    glgM[i] = Math.max(ghg, (glgM[i] as number) + sh.glgDropM - sh.subsidenceM);
    droogleggingM[i] = (droogleggingM[i] as number) - sh.subsidenceM;
    floodDepthM[i] = (floodDepthM[i] as number) * scenario.extremeRainFactor;
  }
  return out;
}
