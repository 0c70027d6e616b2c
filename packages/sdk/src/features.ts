/** Small summaries of GeoJSON feature collections (for results documents). */
import type { FeatureCollection, Geometry, Position } from 'geojson';
import type { GeometryType } from '@tweeling/core';

function visitPositions(geometry: Geometry, visit: (p: Position) => void): void {
  switch (geometry.type) {
    case 'Point': visit(geometry.coordinates); break;
    case 'MultiPoint': case 'LineString': geometry.coordinates.forEach(visit); break;
    case 'MultiLineString': case 'Polygon': geometry.coordinates.forEach((ring) => ring.forEach(visit)); break;
    case 'MultiPolygon': geometry.coordinates.forEach((poly) => poly.forEach((ring) => ring.forEach(visit))); break;
    case 'GeometryCollection': geometry.geometries.forEach((g) => visitPositions(g, visit)); break;
  }
}

/**
 * Feature count, geometry types present (sorted) and bounding box `[minX, minY, maxX, maxY]`
 * (null when there are no coordinates) of a feature collection.
 */
export function describeFeatures(fc: FeatureCollection): { featureCount: number; geometryTypes: GeometryType[]; bbox: [number, number, number, number] | null } {
  const types = new Set<GeometryType>();
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const f of fc.features) {
    if (!f.geometry) continue;
    if (f.geometry.type !== 'GeometryCollection') types.add(f.geometry.type);
    visitPositions(f.geometry, ([x, y]) => {
      if (x === undefined || y === undefined) return;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    });
  }
  return {
    featureCount: fc.features.length,
    geometryTypes: [...types].sort(),
    bbox: minX <= maxX ? [minX, minY, maxX, maxY] : null,
  };
}
