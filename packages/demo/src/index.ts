/**
 * @tweeling/demo — a deterministic, clearly synthetic Almere-like district (DEM, land use,
 * buildings, roads, trees, parks, water, soil, facilities, buurten) in EPSG:28992.
 */
export { createDemoArea, TARGET_BUILDINGS_PER_KM2, CENTRE_RD, DEFAULT_SEED, DEFAULT_SIZE_M, DEMO_OWNER, GENERATOR } from './area.js';
export { demoAreaHash, canonicalJson } from './hash.js';
export { LandUse, LAND_USE_CLASSES, MANNING_BY_CODE, manningFromLandUse, manningGrid } from './landuse.js';
export type { LandUseClass, LandUseCode } from './landuse.js';
export { GROUND_LEVEL_M, WATER_LEVEL_M, SIDEWALK_DROP_M, CAMBER_M, BANK_WIDTH_M } from './dem.js';
export { DEFAULT_THRESHOLD_M } from './attributes.js';
export { SOIL_CLASSES, grondwatertrap } from './soil.js';
export { TREE_SPECIES, REFERENCE_YEAR } from './trees.js';
export { countComponents } from './roadgraph.js';
export { Rng, mulberry32, hashString32 } from './prng.js';
export * from './geometry.js';
export * from './types.js';
