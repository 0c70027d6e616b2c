/**
 * @tweeling/app-hittestress — model core of the Hittestress reference app: sun position, shadow casting,
 * sky-view factor, pedestrian wind, felt temperature (PET) after the Dutch standard heat map, measures
 * with costs, and KPIs. Rasters are flat typed arrays in the `RasterGrid` layout of `@tweeling/core`
 * (row-major `i = row * width + col`, row 0 north). The platform app (`defineApp`, manifest) is the
 * separate entry `@tweeling/app-hittestress/app` (`src/app.ts`), so that importing the model does not
 * read `tweeling.app.json`.
 */
export * from './errors.js';
export * from './sun.js';
export * from './rasterise.js';
export * from './surface.js';
export * from './shadow.js';
export * from './svf.js';
export * from './wind.js';
export * from './pet.js';
export * from './model.js';
export * from './measures.js';
export * from './kpi.js';
export * from './synthetic.js';
export * from './adapters.js';
export * from './exposure.js';
export * from './tables.js';
export * from './scenario-input.js';
