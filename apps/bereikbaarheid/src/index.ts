/**
 * @tweeling/app-bereikbaarheid — emergency reachability on the road network while roads are
 * impassable from flooding (> 30 cm, from the wateroverlast app): time-dependent Dijkstra per
 * departure time from fire stations and hospitals.
 */
import app from './app.js';

export { buildGraph, drivingMinutes, polylineLengthM, snapToGraph, type Closure, type EdgeInput, type RoadGraph, type Snap } from './graph.js';
export { earliestArrival, arrivalAtPoint, entryTime } from './dijkstra.js';
export { departureTimes, reachability, unreachableCounts, type BuildingReach, type ServiceSpec } from './reach.js';
export { closureOf, hasPassability, roadGraph, stationNode, DEFAULT_SPEEDS_KMH, type SpeedsKmh } from './adapters.js';
export type { BereikbaarheidInputs, ServiceInput } from './app.js';
export default app;
