/** Builders for constructed soil layers and sites. */
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { Site, SoilPolygon } from '../src/cells.js';
import { shapeFromGeometry, type Shape } from '@tweeling/sdk';
import { frameAround } from '../src/grid.js';

/** Polygon geometry of the rectangle x0..x1 × y0..y1. */
export function rect(x0: number, y0: number, x1: number, y1: number): Polygon {
  return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
}

/** Shape of a rectangle. */
export function rectShape(x0: number, y0: number, x1: number, y1: number): Shape {
  return shapeFromGeometry(rect(x0, y0, x1, y1)) as Shape;
}

/** Soil attributes of a constructed polygon. */
export type SoilProps = Omit<SoilPolygon, 'shape' | 'id'> & { id?: string };

/** A soil feature. */
export function soilFeature(geometry: Polygon, p: SoilProps, id = 'bodem'): Feature {
  return { type: 'Feature', geometry, properties: { id: p.id ?? id, ...p } };
}

/** A feature collection. */
export function fc(features: Feature[]): FeatureCollection {
  return { type: 'FeatureCollection', features };
}

/** Two 100 × 100 m soil polygons side by side (x 0..100 and 100..200) on a 5 m grid, no water. */
export function twoParcelSite(a: SoilProps, b: SoilProps, cellSizeM = 5): Site {
  const soil: SoilPolygon[] = [
    { id: 'A', shape: rectShape(0, 0, 100, 100), ...a },
    { id: 'B', shape: rectShape(100, 0, 200, 100), ...b },
  ];
  return { frame: frameAround(0, 0, 200, 100, cellSizeM), soil, water: [], surfaceM: null, floodDepthM: null };
}
