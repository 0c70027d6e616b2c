/**
 * @tweeling/app-wateroverlast — 2D local inertial flood model ("Wateroverlast door hoosbui").
 * Kernel (typed arrays, no I/O), multi-threaded step engine, design storms and the `simulate` driver.
 */
export * from './kernel.js';
export { createKernelGrid, createKernelState, KERNEL_BYTES_PER_CELL, type Boundaries, type DomainSpec, type EdgeBoundary } from './setup.js';
export { createEngine, WORKER_FILE, type StepEngine } from './parallel.js';
export * from './storms.js';
export * from './types.js';
export { simulate } from './simulate.js';
export { DEFAULT_MANNING_N } from './domain.js';
export { checkSimulationInput, estimateMemoryBytes, cellOf } from './validate.js';
export { burnBuildings } from './burn.js';
export { parseRainCsv, parseInflowCsv, parseGaugesCsv, formatGaugesCsv } from './csv.js';
export { classRaster, MANNING_N_PAVED, MANNING_N_GRASS } from './classes.js';
export * from './vulnerability.js';
export { TRAFFIC_IMPASSABLE_DEPTH_M, EMERGENCY_IMPASSABLE_DEPTH_M, impassability, roadCells, type Impassability } from './roads.js';
export { labelFootprints, facadeMaxima } from './footprints.js';
export { blockMean, blockFactor, runRain, MANNING_N_BY_LAND_USE } from './prepare.js';
