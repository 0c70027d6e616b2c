/**
 * The surface model the shade, sky-view and felt-temperature kernels read: ground (DEM), buildings,
 * tree crowns and land cover on one grid, as flat typed arrays (row-major, `i = row * width + col`,
 * row 0 north, square cells — the `RasterGrid` layout of `@tweeling/core`).
 *
 * The digital surface model is DSM = DEM + building height, with tree crowns kept as a separate
 * layer (crown base … crown top, plus a light transmissivity) so that the ground *under* a crown can be
 * shaded by it while the trunk zone stays open — the SOLWEIG representation of vegetation
 * (Lindberg & Grimmond 2011, Theor. Appl. Climatol. 105:311–323).
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { RasterGrid } from '@tweeling/core';
import { HittestressError } from './errors.js';
import { type GridSpec, assertInsideGrid, rasteriseDisc, rasterisePolygon } from './rasterise.js';

/** Land-cover classes (cell codes in {@link SurfaceModel.landCover}). */
export const LandCover = { PAVED: 0, GREEN: 1, WATER: 2, BUILT: 3 } as const;
export type LandCover = (typeof LandCover)[keyof typeof LandCover];

/** Surface model on one grid; heights in metres. */
export interface SurfaceModel {
  /** Grid geometry (RD New, metres). */
  grid: GridSpec & { crs: string };
  /** Ground elevation (DEM), m. */
  groundM: Float32Array;
  /** Building height above ground, m (0 = no building). */
  buildingHeightM: Float32Array;
  /** Crown top above ground, m (0 = no crown). */
  canopyTopM: Float32Array;
  /** Crown base (bottom of the crown, top of the trunk zone) above ground, m. */
  canopyBaseM: Float32Array;
  /** Share of direct sun passing through the crown/sail, 0–1 (used where `canopyTopM > 0`). */
  canopyTransmissivity: Float32Array;
  /** {@link LandCover} code per cell. */
  landCover: Uint8Array;
}

/** Tree size classes after the Dutch *grootte* of street trees (1e/2e/3e grootte), mature size. */
export type TreeClass = 'small' | 'medium' | 'large';

/** Mature dimensions per {@link TreeClass}: typical Dutch nursery classes (3e grootte < 10 m, 2e 10–15 m, 1e > 15 m). */
export const TREE_CLASSES: Record<TreeClass, { heightM: number; crownDiameterM: number; crownBaseM: number }> = {
  small: { heightM: 8, crownDiameterM: 5, crownBaseM: 2.5 },
  medium: { heightM: 12, crownDiameterM: 8, crownBaseM: 3 },
  large: { heightM: 18, crownDiameterM: 12, crownBaseM: 4 },
};

/** Class used for a tree given without height and without class (documented default, with a warning). */
export const DEFAULT_TREE_CLASS: TreeClass = 'medium';

/**
 * Direct-beam transmissivity of a leaf-on broadleaf crown: 3 %, the SOLWEIG default
 * (Lindberg & Grimmond 2011); measured summer values for urban trees are roughly 2–10 %
 * (Konarska et al. 2014, Int. J. Biometeorol. 58:783–795).
 */
export const LEAF_ON_TRANSMISSIVITY = 0.03;

/** A tree as input: RD position and, where known, its dimensions. */
export interface TreeInput {
  /** RD x of the trunk, m. */
  xM: number;
  /** RD y of the trunk, m. */
  yM: number;
  /** Total height, m. Missing → class default (warning). */
  heightM?: number;
  /** Crown diameter, m. Missing → class default scaled to the height. */
  crownDiameterM?: number;
  /** Crown base height, m. Missing → class default scaled to the height. */
  crownBaseM?: number;
  /** Size class, used for missing dimensions. */
  treeClass?: TreeClass;
  /** Crown transmissivity 0–1; default {@link LEAF_ON_TRANSMISSIVITY}. */
  transmissivity?: number;
  /** Identifier used in warnings. */
  id?: string | number;
}

/**
 * An empty surface model: flat ground at `groundM` (or the DEM's cells), no buildings, no trees,
 * everything paved.
 *
 * @param dem - A DEM raster (any numeric type; no-data cells become 0 m with no further meaning).
 */
export function createSurfaceModel(dem: RasterGrid): SurfaceModel {
  const n = dem.width * dem.height;
  if (!(dem.cellSize > 0) || n <= 0 || dem.data.length !== n) {
    throw new HittestressError('INVALID_INPUT', `DEM raster is malformed (${dem.width}×${dem.height}, ${dem.data.length} cells).`);
  }
  const groundM = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const v = dem.data[i] as number;
    groundM[i] = v === dem.noData || !Number.isFinite(v) ? 0 : v;
  }
  const { width, height, originX, originY, cellSize, crs } = dem;
  return {
    grid: { width, height, originX, originY, cellSize, crs },
    groundM,
    buildingHeightM: new Float32Array(n),
    canopyTopM: new Float32Array(n),
    canopyBaseM: new Float32Array(n),
    canopyTransmissivity: new Float32Array(n).fill(1),
    landCover: new Uint8Array(n).fill(LandCover.PAVED),
  };
}

/** A deep copy, so that a scenario can change a surface without touching the baseline. */
export function cloneSurfaceModel(s: SurfaceModel): SurfaceModel {
  return {
    grid: { ...s.grid },
    groundM: s.groundM.slice(),
    buildingHeightM: s.buildingHeightM.slice(),
    canopyTopM: s.canopyTopM.slice(),
    canopyBaseM: s.canopyBaseM.slice(),
    canopyTransmissivity: s.canopyTransmissivity.slice(),
    landCover: s.landCover.slice(),
  };
}

/** Building footprint feature (e.g. BAG pand with an AHN/3D BAG height). */
export type BuildingFeature = Feature<Polygon | MultiPolygon, { heightM?: number | null; id?: string | number } | null>;

/**
 * Burns building footprints into the surface model (height above ground, land cover BUILT).
 *
 * @throws HittestressError `MISSING_HEIGHT` naming every building without a usable height (no guess:
 *   a wrong building height moves shadows by tens of metres); `OUTSIDE_GRID` for a footprint outside.
 */
export function addBuildings(surface: SurfaceModel, buildings: BuildingFeature[]): void {
  const missing = buildings
    .map((b, k) => ({ k, h: b.properties?.heightM, id: b.properties?.id ?? b.id ?? k }))
    .filter((b) => !(typeof b.h === 'number' && b.h > 0 && Number.isFinite(b.h)));
  if (missing.length > 0) {
    throw new HittestressError(
      'MISSING_HEIGHT',
      `${missing.length} building(s) have no valid height (heightM > 0 m): ${missing.slice(0, 10).map((b) => String(b.id)).join(', ')}` +
        `${missing.length > 10 ? ', …' : ''}. Add heights (e.g. from 3D BAG / AHN) before computing shade.`,
    );
  }
  buildings.forEach((b, k) => {
    assertInsideGrid(surface.grid, b.geometry, `Building ${String(b.properties?.id ?? b.id ?? k)}`);
    const h = b.properties?.heightM as number;
    rasterisePolygon(surface.grid, b.geometry, (i) => {
      if (h > (surface.buildingHeightM[i] as number)) surface.buildingHeightM[i] = h;
      surface.landCover[i] = LandCover.BUILT;
      surface.canopyTopM[i] = 0;
    });
  });
}

/** Resolved crown dimensions of a tree, after defaults. */
export interface TreeDims { heightM: number; crownDiameterM: number; crownBaseM: number; transmissivity: number }

/**
 * Fills in missing tree dimensions: the class (or {@link DEFAULT_TREE_CLASS}) gives the height; crown
 * diameter and base scale with the given height by the class proportions.
 *
 * @param warnings - Receives a message for every default that was applied to a missing height.
 */
export function resolveTreeDims(tree: TreeInput, warnings: string[]): TreeDims {
  const cls = TREE_CLASSES[tree.treeClass ?? DEFAULT_TREE_CLASS];
  let heightM = tree.heightM;
  if (!(typeof heightM === 'number' && heightM > 0 && Number.isFinite(heightM))) {
    heightM = cls.heightM;
    warnings.push(
      `Tree ${String(tree.id ?? `at (${tree.xM.toFixed(1)}, ${tree.yM.toFixed(1)})`)} has no height; ` +
        `used the default ${heightM} m of class "${tree.treeClass ?? DEFAULT_TREE_CLASS}".`,
    );
  }
  const scale = heightM / cls.heightM;
  const crownDiameterM = tree.crownDiameterM ?? cls.crownDiameterM * scale;
  const crownBaseM = Math.min(tree.crownBaseM ?? cls.crownBaseM * scale, heightM * 0.9);
  const transmissivity = tree.transmissivity ?? LEAF_ON_TRANSMISSIVITY;
  if (!(crownDiameterM > 0) || !(transmissivity >= 0 && transmissivity <= 1)) {
    throw new HittestressError('INVALID_INPUT', `Tree ${String(tree.id ?? '')} has an invalid crown diameter or transmissivity.`);
  }
  return { heightM, crownDiameterM, crownBaseM, transmissivity };
}

/**
 * Burns trees into the canopy layer as crown discs (flat-topped, base … top); overlapping crowns
 * keep the highest top and lowest base. Cells with a building keep the building.
 *
 * @returns How many crown cells were written (0 for a tree entirely on buildings).
 * @throws HittestressError `OUTSIDE_GRID` for a trunk outside the grid.
 */
export function addTrees(surface: SurfaceModel, trees: TreeInput[], warnings: string[]): number {
  let cells = 0;
  trees.forEach((tree, k) => {
    const dims = resolveTreeDims(tree, warnings);
    assertInsideGrid(surface.grid, { type: 'Point', coordinates: [tree.xM, tree.yM] }, `Tree ${String(tree.id ?? k)}`);
    rasteriseDisc(surface.grid, tree.xM, tree.yM, dims.crownDiameterM / 2, (i) => {
      if ((surface.buildingHeightM[i] as number) > 0) return;
      const hadCrown = (surface.canopyTopM[i] as number) > 0;
      surface.canopyTopM[i] = Math.max(surface.canopyTopM[i] as number, dims.heightM);
      surface.canopyBaseM[i] = hadCrown ? Math.min(surface.canopyBaseM[i] as number, dims.crownBaseM) : dims.crownBaseM;
      surface.canopyTransmissivity[i] = hadCrown ? Math.min(surface.canopyTransmissivity[i] as number, dims.transmissivity) : dims.transmissivity;
      cells++;
    });
  });
  return cells;
}
