export * from './problem.js';
export * from './vocabulary.js';
export * from './ogc.js';
export * from './identity.js';
export * from './audit.js';
export * from './raster.js';
