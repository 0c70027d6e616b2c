/** Small builders of GeoJSON features and model shapes for the tests. */
import type { Feature, Polygon } from 'geojson';
import { shapeFromGeometry, type Shape } from '@tweeling/sdk';

/** Closed counter-clockwise ring of the rectangle x0..x1 × y0..y1. */
export function rectRing(x0: number, y0: number, x1: number, y1: number): number[][] {
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
}

/** Polygon geometry of a rectangle. */
export function rectPolygon(x0: number, y0: number, x1: number, y1: number): Polygon {
  return { type: 'Polygon', coordinates: [rectRing(x0, y0, x1, y1)] };
}

/** Shape of a rectangle. */
export function rectShape(x0: number, y0: number, x1: number, y1: number): Shape {
  const s = shapeFromGeometry(rectPolygon(x0, y0, x1, y1));
  if (!s) throw new Error('bad rectangle');
  return s;
}

/** A polygon feature with properties. */
export function polygonFeature(geometry: Polygon, properties: Record<string, unknown>): Feature {
  return { type: 'Feature', geometry, properties };
}
