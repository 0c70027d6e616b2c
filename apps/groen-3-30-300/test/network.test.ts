import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { evaluateGreenRule, type GreenInput, type GreenParams } from '../src/model.js';
import { buildNetwork, distanceToNearestSource, distancesFromSources, snapToNetwork } from '../src/network.js';
import { rectShape } from './helpers.js';

const PARAMS: GreenParams = { viewDistanceM: 30, minTreesInView: 3, canopyTargetFraction: 0.3, canopyCellSizeM: 2, maxWalkDistanceM: 300, minParkAreaM2: 5000 };

/** Straight edges between consecutive points (no node ids: joined on coordinates). */
const chain = (pts: Position[]) => pts.slice(1).map((p, i) => ({ coordinates: [pts[i] as Position, p] }));

/**
 * West of a 50 m wide canal (x 60..110) a path runs north–south at x = 0 with a home 20 m west of it;
 * east of the canal a path at x = 250 with a 0.6 ha park (x 180..240) beside it. Crow-fly the home
 * (centroid x = −20) is 200 m from the park; over the network it depends on where the bridge is.
 */
function scene(bridgeY: number | null): GreenInput {
  const ys = [-500, ...(bridgeY === null ? [] : [bridgeY]), 500];
  const west = chain(ys.map((y) => [0, y]));
  const east = chain(ys.map((y) => [250, y]));
  const bridge = bridgeY === null ? [] : chain([[0, bridgeY], [250, bridgeY]]);
  return {
    buildings: [{ id: 'home', shape: rectShape(-25, -5, -15, 5), isHome: true }],
    trees: [],
    roads: [...west, ...east, ...bridge],
    parks: [{ id: 'park', shape: rectShape(180, -50, 240, 50), public: true }],
    water: [rectShape(60, -1000, 110, 1000)],
    buurten: [{ code: 'BU1', naam: 'Test', shape: rectShape(-100, -600, 300, 600) }],
  };
}

describe('rule 300: walking distance over the network', () => {
  it('a park 200 m away across a canal without a bridge fails', () => {
    const [home] = evaluateGreenRule(scene(null), PARAMS).homes;
    expect(home?.walkDistanceM).toBe(Infinity);
    expect(home?.passes300).toBe(false);
    expect(home?.nearestParkId).toBeNull();
  });

  it('with a bridge 400 m north the detour is too long, though the crow-fly distance is 200 m', () => {
    const [home] = evaluateGreenRule(scene(400), PARAMS).homes;
    // 20 m connector + 400 m north + 250 m bridge + 350 m south + 10 m to the park edge.
    expect(home?.walkDistanceM).toBeCloseTo(1030, 6);
    expect(home?.passes300).toBe(false);
  });

  it('with a bridge just south of the park the home passes', () => {
    const [home] = evaluateGreenRule(scene(-60), PARAMS).homes;
    // 20 m connector + 60 m south + 180 m over the bridge + 10 m up to the park corner (180, -50).
    expect(home?.walkDistanceM).toBeCloseTo(270, 6);
    expect(home?.passes300).toBe(true);
    expect(home?.nearestParkId).toBe('park');
  });

  it('a park under 0.5 ha or a private park does not count', () => {
    const small = scene(-60);
    small.parks = [{ id: 'small', shape: rectShape(180, -50, 240, 20), public: true }]; // 0.42 ha
    expect(evaluateGreenRule(small, PARAMS).homes[0]?.passes300).toBe(false);
    const closed = scene(-60);
    closed.parks = [{ id: 'private', shape: rectShape(180, -50, 240, 50), public: false }];
    expect(evaluateGreenRule(closed, PARAMS).homes[0]?.passes300).toBe(false);
  });

  it('does not connect a point to a path across water', () => {
    const net = buildNetwork(chain([[0, -100], [0, 100]]));
    const water = [rectShape(5, -200, 15, 200)];
    expect(snapToNetwork(net, 20, 0, 50, water)).toBeNull();
    expect(snapToNetwork(net, 20, 0, 50, [])?.connectorM).toBeCloseTo(20, 9);
  });

  it('uses the shorter way along the same edge when source and target share it', () => {
    const net = buildNetwork(chain([[0, 0], [100, 0]]));
    const source = snapToNetwork(net, 40, 5, 10);
    const target = snapToNetwork(net, 60, -5, 10);
    if (!source || !target) throw new Error('not snapped');
    const sd = distancesFromSources(net, [{ snap: source, label: 0 }]);
    expect(distanceToNearestSource(net, sd, target).distM).toBeCloseTo(30, 9);
  });
});
