/** Input and result shapes of the driver `simulate` (rasters as `RasterGrid` from @tweeling/core). */
import type { RasterGrid } from '@tweeling/core';
import type { KernelParams } from './kernel.js';
import type { Boundaries } from './setup.js';
import type { TimeSeries } from './storms.js';

/** A point inflow (e.g. an overflowing culvert or a burst main). */
export interface InflowPoint {
  id?: string;
  /** Position in the DEM's CRS. */
  x: number;
  y: number;
  /** Discharge over time, m³/s (default interpolation `linear`). */
  hydrographM3PerS: TimeSeries;
}

/** A place where depth and water level are recorded. */
export interface GaugePoint {
  id: string;
  x: number;
  y: number;
}

/** Progress report, sent at every output time. */
export interface SimulationProgress {
  timeS: number;
  durationS: number;
  steps: number;
}

/** Everything a run needs; rasters must share the DEM's grid (size, origin, cell size, CRS). */
export interface SimulationInput {
  /** Terrain elevation, m. Square cells; ≤ 2 m advised for urban flooding. */
  dem: RasterGrid;
  /** Non-zero cells are buildings (walls, no water, no flow across their faces). */
  buildings?: RasterGrid | null;
  /** Manning n, s·m^-1/3, one value or a raster. Default 0.02 (paved, DESIGN.md). */
  manningN?: number | RasterGrid;
  /** Rain intensity over time, mm/h (uniform over the grid, times `rainFactor` where given). */
  rainMmPerH?: TimeSeries;
  /** Rain multiplier per cell (dimensionless), for a spatial rain pattern. */
  rainFactor?: RasterGrid | null;
  /** Point inflows. */
  inflows?: InflowPoint[];
  /** Lumped sewer sink capacity, mm/h (stress test: 20). Default 0. */
  sinkMmPerH?: number;
  /** Sewer storage per cell, mm; after this much the sewer takes no more. Default unlimited. */
  sewerStorageMm?: number;
  /** Infiltration capacity per cell, mm/h (e.g. from a land-use/soil class table). */
  infiltrationMmPerH?: RasterGrid | null;
  /** Open boundaries; default all closed. */
  boundaries?: Boundaries;
  /** Initial water depth, m. Default dry. */
  initialDepthM?: RasterGrid | null;
  /** Simulated time, s (> 0). */
  durationS: number;
  /** Interval of stored depth frames, s; 0 (default) stores none. */
  frameIntervalS?: number;
  /** Gauges, recorded every `gaugeIntervalS`. */
  gauges?: GaugePoint[];
  /** Interval of gauge records, s (plus one record at the end of the run). Default 60. */
  gaugeIntervalS?: number;
  /** How to treat DEM nodata/NaN cells: `reject` (default, error) or `wall` (treated as buildings). */
  nodata?: 'reject' | 'wall';
  /** Threads (1 = in-process). Results are bit-identical for any value. Default 1. */
  threads?: number;
  /** Kernel parameter overrides. */
  kernel?: Partial<KernelParams>;
  /** Bytes the run may use; default 75 % of the machine's memory. */
  memoryLimitBytes?: number;
  /** Called at every frame/gauge time, every 100 steps and at the end. */
  onProgress?: (progress: SimulationProgress) => void;
  /**
   * Cancels the run: checked before every step; the driver also yields to the event loop at every
   * progress report so that an abort from a timer or a request can arrive. An aborted run rejects
   * with the signal's reason (an `AbortError` DOMException by default) and releases its threads.
   */
  signal?: AbortSignal;
}

/** A gauge's record. */
export interface GaugeSeries extends GaugePoint {
  row: number;
  col: number;
  /** Bed elevation at the gauge, m. */
  bedM: number;
  timesS: number[];
  depthM: number[];
  /** Water level (bed + depth), m. */
  levelM: number[];
}

/** Volumes over the whole run, m³. `errorM3` = stored change − (in − out). */
export interface MassBalance {
  rainM3: number;
  inflowM3: number;
  sewerM3: number;
  infiltrationM3: number;
  boundaryOutflowM3: number;
  initialStoredM3: number;
  finalStoredM3: number;
  errorM3: number;
  /** |error| / (rain + inflow), or / initial storage when nothing was added. */
  relativeError: number;
  /** Rain falling on building cells, not routed (assumed to drain via roofs to the sewer). */
  rainOnBuildingsM3: number;
}

/** A stored depth frame. */
export interface DepthFrame {
  timeS: number;
  depthM: RasterGrid<Float32Array>;
}

/** What a run produces; rasters share the DEM's georeference. */
export interface SimulationResult {
  /** Maximum depth per cell, m. */
  maxDepthM: RasterGrid<Float32Array>;
  /** Maximum cell-centred speed, m/s. */
  maxSpeedMPerS: RasterGrid<Float32Array>;
  /** Time the depth first exceeded the arrival depth (default 0.05 m), s; noData -1 = never. */
  arrivalTimeS: RasterGrid<Float32Array>;
  /** Depth at the end, m. */
  finalDepthM: RasterGrid<Float32Array>;
  frames: DepthFrame[];
  gauges: GaugeSeries[];
  massBalance: MassBalance;
  /** Time steps taken. */
  steps: number;
  /** Cells × steps. */
  cellUpdates: number;
  /** Threads used. */
  threads: number;
}
