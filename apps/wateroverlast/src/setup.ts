/**
 * Builds the kernel's grid and state arrays once, before a run (Landlab's set-up-once habit).
 * Arrays live on SharedArrayBuffers when `shared` is true so worker threads can use them in place.
 */
import {
  BOUNDARY_CLOSED, BOUNDARY_NORMAL_DEPTH, BOUNDARY_ZERO_GRADIENT, EDGE_EAST, EDGE_NORTH, EDGE_SOUTH, EDGE_WEST,
  GRAVITY_M_PER_S2, refreshRowMaxDepth,
  type KernelGrid, type KernelState,
} from './kernel.js';

/** Boundary condition of one edge of the domain. */
export interface EdgeBoundary {
  /**
   * `closed` (wall, default); `normalDepth`: free outflow at Manning normal depth for `slope`;
   * `zeroGradient`: free outflow driven by the water-surface slope just inside the edge.
   */
  kind: 'closed' | 'normalDepth' | 'zeroGradient';
  /** Friction slope (-) for `normalDepth`; must be > 0. */
  slope?: number;
}

/** Edge boundaries; edges left out are closed. */
export interface Boundaries {
  north?: EdgeBoundary;
  south?: EdgeBoundary;
  east?: EdgeBoundary;
  west?: EdgeBoundary;
}

/** Everything static about a domain, in the kernel's layout (row-major, row 0 north). */
export interface DomainSpec {
  nx: number;
  ny: number;
  /** Cell size, m. */
  cellSizeM: number;
  /** Bed elevation per cell, m (nx·ny). */
  bedM: ArrayLike<number>;
  /** Non-zero where the cell is a wall (building, nodata). */
  blocked?: ArrayLike<number> | null;
  /** Manning n, s·m^-1/3: one value or one per cell. */
  manningN: number | ArrayLike<number>;
  boundaries?: Boundaries;
  /** Rain multiplier per cell (dimensionless), or null for uniform rain. */
  rainFactor?: ArrayLike<number> | null;
  /** Infiltration capacity per cell, mm/h, or null. */
  infiltrationMmPerH?: ArrayLike<number> | null;
  /** Sewer storage per cell, mm; Infinity (default) means the sewer never fills. */
  sewerStorageMm?: number;
  /** Gravity used for the friction coefficients, m/s². */
  gravityMPerS2?: number;
}

const MM_PER_M = 1000;
const S_PER_H = 3600;

function f64(n: number, shared: boolean): Float64Array {
  return shared ? new Float64Array(new SharedArrayBuffer(n * Float64Array.BYTES_PER_ELEMENT)) : new Float64Array(n);
}

function u8(n: number, shared: boolean): Uint8Array {
  return shared ? new Uint8Array(new SharedArrayBuffer(n)) : new Uint8Array(n);
}

function edgeCode(b: EdgeBoundary | undefined): number {
  if (b === undefined || b.kind === 'closed') return BOUNDARY_CLOSED;
  return b.kind === 'normalDepth' ? BOUNDARY_NORMAL_DEPTH : BOUNDARY_ZERO_GRADIENT;
}

/** Builds the static kernel grid: face friction g·n², closed faces, boundary codes. */
export function createKernelGrid(spec: DomainSpec, shared: boolean): KernelGrid {
  const { nx, ny } = spec;
  const n = nx * ny;
  const g = spec.gravityMPerS2 ?? GRAVITY_M_PER_S2;
  const bedM = f64(n, shared);
  const blocked = u8(n, shared);
  const openCellsPerRow = new Int32Array(ny);
  for (let i = 0; i < n; i++) {
    bedM[i] = spec.bedM[i]!;
    blocked[i] = spec.blocked && spec.blocked[i] ? 1 : 0;
    if (blocked[i] === 0) openCellsPerRow[Math.floor(i / nx)]! += 1;
  }
  const manning = (i: number): number => (typeof spec.manningN === 'number' ? spec.manningN : spec.manningN[i]!);
  const b = spec.boundaries ?? {};
  const boundaryKind = new Int32Array(4);
  const boundarySlope = new Float64Array(4);
  const edges: [number, EdgeBoundary | undefined][] = [[EDGE_NORTH, b.north], [EDGE_SOUTH, b.south], [EDGE_EAST, b.east], [EDGE_WEST, b.west]];
  for (const [code, edge] of edges) {
    boundaryKind[code] = edgeCode(edge);
    boundarySlope[code] = edge?.slope ?? 0;
  }
  const faceFriction = (a: number, c: number): number => {
    if (blocked[a] === 1 || blocked[c] === 1) return -1;
    const nf = 0.5 * (manning(a) + manning(c));
    return g * nf * nf;
  };
  const edgeFriction = (cell: number, edge: number): number =>
    boundaryKind[edge] === BOUNDARY_CLOSED || blocked[cell] === 1 ? -1 : g * manning(cell) * manning(cell);
  const frictionX = f64(ny * (nx + 1), shared);
  for (let r = 0; r < ny; r++) {
    const f0 = r * (nx + 1);
    frictionX[f0] = edgeFriction(r * nx, EDGE_WEST);
    for (let c = 1; c < nx; c++) frictionX[f0 + c] = faceFriction(r * nx + c - 1, r * nx + c);
    frictionX[f0 + nx] = edgeFriction(r * nx + nx - 1, EDGE_EAST);
  }
  const frictionY = f64((ny + 1) * nx, shared);
  for (let c = 0; c < nx; c++) {
    frictionY[c] = edgeFriction(c, EDGE_NORTH);
    for (let r = 1; r < ny; r++) frictionY[r * nx + c] = faceFriction((r - 1) * nx + c, r * nx + c);
    frictionY[ny * nx + c] = edgeFriction((ny - 1) * nx + c, EDGE_SOUTH);
  }
  const copy = (src: ArrayLike<number> | null | undefined, scale: number): Float64Array | null => {
    if (src === null || src === undefined) return null;
    const out = f64(n, shared);
    for (let i = 0; i < n; i++) out[i] = src[i]! * scale;
    return out;
  };
  return {
    nx, ny, cellSizeM: spec.cellSizeM, bedM, blocked, frictionX, frictionY, boundaryKind, boundarySlope,
    rainFactor: copy(spec.rainFactor, 1),
    infiltrationMPerS: copy(spec.infiltrationMmPerH, 1 / (MM_PER_M * S_PER_H)),
    sewerStorageM: (spec.sewerStorageMm ?? Infinity) / MM_PER_M,
    openCellsPerRow,
  };
}

/**
 * Allocates the state, optionally with an initial depth (m, nx·ny; walls are forced dry).
 * Maxima start at the initial depth, first-inundation times at -1 (never).
 */
export function createKernelState(grid: KernelGrid, shared: boolean, initialDepthM?: ArrayLike<number>): KernelState {
  const { nx, ny } = grid;
  const n = nx * ny;
  const state: KernelState = {
    depthM: f64(n, shared),
    qxM2PerS: f64(ny * (nx + 1), shared),
    qyM2PerS: f64((ny + 1) * nx, shared),
    qxTrial: f64(ny * (nx + 1), shared),
    qyTrial: f64((ny + 1) * nx, shared),
    limiter: f64(n, shared).fill(1),
    maxDepthM: f64(n, shared),
    maxSpeedSqM2PerS2: f64(n, shared),
    arrivalS: f64(n, shared).fill(-1),
    sewerUsedM: Number.isFinite(grid.sewerStorageM) ? f64(n, shared) : null,
    rows: {
      maxDepthM: f64(ny, shared), rainM3: f64(ny, shared), inflowM3: f64(ny, shared),
      sewerM3: f64(ny, shared), infiltrationM3: f64(ny, shared), outflowM3: f64(ny, shared),
    },
    rowActive: u8(ny, shared),
    rowLimited: u8(ny, shared),
  };
  if (initialDepthM !== undefined) {
    for (let i = 0; i < n; i++) {
      const d = grid.blocked[i] === 1 ? 0 : initialDepthM[i]!;
      state.depthM[i] = d;
      state.maxDepthM[i] = d;
    }
  }
  refreshRowMaxDepth(grid, state);
  return state;
}

/**
 * Bytes allocated per cell for a run, used for memory estimates: 12 Float64 arrays of the kernel
 * (bed, depth, 4 flux arrays, limiter, 2 face-friction arrays, max depth, max speed², arrival),
 * the Uint8 wall mask, and the driver's Float64 bed and Uint8 mask copies.
 */
export const KERNEL_BYTES_PER_CELL = 12 * 8 + 1 + 8 + 1;
