export * from './raster-check.js';
export * from './ascii-grid.js';
export * from './geotiff-io.js';
export * from './raster-file.js';
