/**
 * Heat measures as scenario inputs: GeoJSON geometries in RD New (EPSG:28992, metres) that change a
 * copy of the surface model, each with an editable unit cost.
 *
 * | kind         | geometry                        | effect on the surface model                                   |
 * |--------------|---------------------------------|---------------------------------------------------------------|
 * | `trees`      | Point(s) or line(s) (spacing)   | crown discs of the tree class (not on buildings or water)     |
 * | `green-roof` | Polygon(s)                      | roof cells → land cover GREEN (Bowen 0.4); height unchanged   |
 * | `depave`     | Polygon(s)                      | paved ground → GREEN (*tegelwippen*)                          |
 * | `water`      | Polygon(s)                      | ground → WATER                                                |
 * | `shade-sail` | Polygon(s)                      | thin canopy layer at `heightM` with fabric transmissivity     |
 *
 * Default unit costs ({@link DEFAULT_UNIT_COSTS}) are ASSUMPTIONS for a first comparison, set within
 * the ranges seen in Dutch municipal and consumer sources; they are not quotes — edit them per project.
 */
import type { LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { HittestressError } from './errors.js';
import { assertInsideGrid, cellIndexAt, pointsAlongLine, rasterisePolygon } from './rasterise.js';
import { LandCover, type SurfaceModel, type TreeClass, TREE_CLASSES, addTrees, cloneSurfaceModel } from './surface.js';

/** Planting trees at points, or along lines every `spacingM`. */
export interface TreeMeasure {
  kind: 'trees';
  geometry: Point | MultiPoint | LineString | MultiLineString;
  /** Size class; default `medium` (2e grootte). */
  treeClass?: TreeClass;
  /** Spacing along lines, m; default the crown diameter + 2 m. */
  spacingM?: number;
  /** Cost per tree, €; default from {@link DEFAULT_UNIT_COSTS}. */
  unitCostEur?: number;
  id?: string;
}

/** An area measure. */
export interface AreaMeasure {
  kind: 'green-roof' | 'depave' | 'water' | 'shade-sail';
  geometry: Polygon | MultiPolygon;
  /** Cost per m² of changed area, €; default from {@link DEFAULT_UNIT_COSTS}. */
  unitCostEurPerM2?: number;
  /** Shade sails only: height of the sail, m; default {@link SHADE_SAIL_HEIGHT_M}. */
  heightM?: number;
  /** Shade sails only: direct-beam transmissivity of the fabric; default {@link SHADE_SAIL_TRANSMISSIVITY}. */
  transmissivity?: number;
  id?: string;
}

/** Any measure; `kind` tells which. */
export type Measure = TreeMeasure | AreaMeasure;

/** Default unit costs, € (incl. VAT-free contractor work; ASSUMPTIONS, see the file header and model card). */
export const DEFAULT_UNIT_COSTS = {
  /** Per planted street tree incl. tree pit (*groeiplaats*) and 3 years aftercare, by class. */
  treeEur: { small: 1500, medium: 2500, large: 4000 } as Record<TreeClass, number>,
  /** Extensive (sedum) green roof on an existing flat roof, per m². */
  greenRoofEurPerM2: 50,
  /** Removing paving and planting (*tegelwippen* by the municipality, incl. soil and plants), per m². */
  depaveEurPerM2: 40,
  /** Shallow water feature / wadi with water, per m². */
  waterEurPerM2: 300,
  /** Shade sail incl. posts and foundation, per m² of sail. */
  shadeSailEurPerM2: 150,
};
export type UnitCosts = typeof DEFAULT_UNIT_COSTS;

/** Default height of a shade sail, m. */
export const SHADE_SAIL_HEIGHT_M = 4;
/** Default direct-beam transmissivity of shade-sail fabric (assumption: HDPE shade cloth blocks ~85 %). */
export const SHADE_SAIL_TRANSMISSIVITY = 0.15;
const SHADE_SAIL_THICKNESS_M = 0.1;
const TREE_SPACING_MARGIN_M = 2;

/** What one measure did and cost. */
export interface MeasureOutcome {
  id: string;
  kind: Measure['kind'];
  /** Number of trees planted, or m² changed. */
  quantity: number;
  unit: 'tree' | 'm2';
  unitCostEur: number;
  costEur: number;
}

/** Result of {@link applyMeasures}. */
export interface ScenarioSurface {
  /** The changed copy; the baseline is not modified. */
  surface: SurfaceModel;
  outcomes: MeasureOutcome[];
  totalCostEur: number;
  warnings: string[];
}

function treePositions(m: TreeMeasure, spacingM: number): Position[] {
  const g = m.geometry;
  switch (g.type) {
    case 'Point': return [g.coordinates];
    case 'MultiPoint': return g.coordinates;
    case 'LineString': return pointsAlongLine(g.coordinates, spacingM);
    case 'MultiLineString': return g.coordinates.flatMap((l) => pointsAlongLine(l, spacingM));
  }
}

function applyTrees(s: SurfaceModel, m: TreeMeasure, id: string, costs: UnitCosts, warnings: string[]): MeasureOutcome {
  const cls = m.treeClass ?? 'medium';
  if (!(cls in TREE_CLASSES)) throw new HittestressError('INVALID_INPUT', `Measure ${id}: unknown tree class "${String(cls)}".`);
  const dims = TREE_CLASSES[cls];
  let planted = 0;
  for (const [k, p] of treePositions(m, m.spacingM ?? dims.crownDiameterM + TREE_SPACING_MARGIN_M).entries()) {
    const i = cellIndexAt(s.grid, p[0] as number, p[1] as number);
    if ((s.buildingHeightM[i] as number) > 0 || s.landCover[i] === LandCover.WATER) {
      warnings.push(`Measure ${id}: tree ${k + 1} falls on a building or water and was not planted.`);
      continue;
    }
    addTrees(s, [{ xM: p[0] as number, yM: p[1] as number, treeClass: cls, heightM: dims.heightM, id: `${id}/${k + 1}` }], warnings);
    planted++;
  }
  const unitCostEur = m.unitCostEur ?? costs.treeEur[cls];
  return { id, kind: 'trees', quantity: planted, unit: 'tree', unitCostEur, costEur: planted * unitCostEur };
}

function applyArea(s: SurfaceModel, m: AreaMeasure, id: string, costs: UnitCosts, warnings: string[]): MeasureOutcome {
  let cells = 0;
  const sailTop = m.heightM ?? SHADE_SAIL_HEIGHT_M;
  const sailTau = m.transmissivity ?? SHADE_SAIL_TRANSMISSIVITY;
  if (m.kind === 'shade-sail' && !(sailTop > SHADE_SAIL_THICKNESS_M && sailTau >= 0 && sailTau <= 1)) {
    throw new HittestressError('INVALID_INPUT', `Measure ${id}: shade-sail height or transmissivity out of range.`);
  }
  rasterisePolygon(s.grid, m.geometry, (i) => {
    const onRoof = (s.buildingHeightM[i] as number) > 0;
    switch (m.kind) {
      case 'green-roof':
        if (onRoof && s.landCover[i] !== LandCover.GREEN) { s.landCover[i] = LandCover.GREEN; cells++; }
        break;
      case 'depave':
        if (!onRoof && s.landCover[i] === LandCover.PAVED) { s.landCover[i] = LandCover.GREEN; cells++; }
        break;
      case 'water':
        if (!onRoof && s.landCover[i] !== LandCover.WATER) { s.landCover[i] = LandCover.WATER; cells++; }
        break;
      case 'shade-sail':
        if (!onRoof && (s.canopyTopM[i] as number) < sailTop) {
          s.canopyTopM[i] = sailTop;
          s.canopyBaseM[i] = sailTop - SHADE_SAIL_THICKNESS_M;
          s.canopyTransmissivity[i] = sailTau;
          cells++;
        }
        break;
    }
  });
  if (cells === 0) warnings.push(`Measure ${id} (${m.kind}) changes no cell: nothing suitable under its geometry.`);
  const areaM2 = cells * s.grid.cellSize * s.grid.cellSize;
  const defaults = { 'green-roof': costs.greenRoofEurPerM2, depave: costs.depaveEurPerM2, water: costs.waterEurPerM2, 'shade-sail': costs.shadeSailEurPerM2 };
  const unitCostEur = m.unitCostEurPerM2 ?? defaults[m.kind];
  return { id, kind: m.kind, quantity: areaM2, unit: 'm2', unitCostEur, costEur: areaM2 * unitCostEur };
}

/**
 * Applies measures, in order, to a copy of the baseline surface and prices them.
 *
 * @param costs - Overrides of the default unit costs (per-measure `unitCost…` wins over both).
 * @throws HittestressError `OUTSIDE_GRID` naming a measure that is (partly) outside the study area;
 *   `INVALID_INPUT` for an unknown kind or class.
 * @example applyMeasures(base, [{ kind: 'trees', geometry: { type: 'LineString', coordinates: [[x0, y0], [x1, y1]] } }])
 */
export function applyMeasures(baseline: SurfaceModel, measures: Measure[], costs: Partial<UnitCosts> = {}): ScenarioSurface {
  const unit: UnitCosts = { ...DEFAULT_UNIT_COSTS, ...costs };
  const surface = cloneSurfaceModel(baseline);
  const warnings: string[] = [];
  const outcomes = measures.map((m, k) => {
    const id = m.id ?? `${k + 1}`;
    assertInsideGrid(surface.grid, m.geometry, `Measure ${id} (${m.kind})`);
    if (m.kind === 'trees') return applyTrees(surface, m, id, unit, warnings);
    if (['green-roof', 'depave', 'water', 'shade-sail'].includes(m.kind)) return applyArea(surface, m, id, unit, warnings);
    throw new HittestressError('INVALID_INPUT', `Measure ${id}: unknown kind "${String((m as { kind: unknown }).kind)}".`);
  });
  return { surface, outcomes, totalCostEur: outcomes.reduce((a, o) => a + o.costEur, 0), warnings };
}
