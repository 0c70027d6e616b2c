/**
 * The Bereikbaarheid app: reads roads (with passability from the wateroverlast app), stations,
 * buildings and buurten; computes per service and departure time which buildings are reached within
 * the target time; returns the buildings, a table per buurt, a time series and a summary.
 */
import type { Feature, FeatureCollection } from 'geojson';
import manifest from '../tweeling.app.json' with { type: 'json' };
import { defineApp, timeSeriesOutput, vectorOutput, type RunContext, type VectorDatasetReader } from '@tweeling/sdk';
import { centroidOf, hasPassability, pointIn, roadGraph, stationNode, type SpeedsKmh } from './adapters.js';
import { snapToGraph, type Snap } from './graph.js';
import { departureTimes, reachability, unreachableCounts, type BuildingReach, type ServiceSpec } from './reach.js';

/** One service as given in the input. */
export interface ServiceInput {
  id: string;
  originKind: string;
  maxMinutes: number;
}

/** Inputs as `run` receives them (defaults applied by the host). */
export interface BereikbaarheidInputs {
  roads: VectorDatasetReader;
  origins: VectorDatasetReader;
  buildings: VectorDatasetReader;
  buurten: VectorDatasetReader;
  services: ServiceInput[];
  speedsKmh: SpeedsKmh;
  departureStepMin: number;
  horizonMin?: number;
}

async function readAll(reader: VectorDatasetReader, signal: AbortSignal): Promise<Feature[]> {
  const out: Feature[] = [];
  for await (const f of reader.features()) { signal.throwIfAborted(); out.push(f); }
  return out;
}

const SECONDS_PER_MINUTE = 60;
/** Progress fractions: after reading, and before writing the outputs. */
const PROGRESS_READ = 0.1, PROGRESS_ROUTED = 0.9;

/** Rounds minutes to 0.1 min; Infinity and null become null. */
const min1 = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : Math.round(v * 10) / 10);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Per-building properties of one service, prefixed with its id. */
function serviceProps(id: string, r: BuildingReach): Record<string, number | null> {
  return {
    [`${id}DryMin`]: min1(r.dryMin), [`${id}WorstMin`]: min1(r.worstMin),
    [`${id}UnreachableFromMin`]: r.unreachableFromMin, [`${id}UnreachableToMin`]: r.unreachableToMin, [`${id}UnreachableMin`]: r.unreachableMin,
  };
}

async function run(inputs: BereikbaarheidInputs, ctx: RunContext) {
  ctx.progress(0, 'Invoer lezen');
  const [roads, stations, buildings, buurten] = await Promise.all([inputs.roads, inputs.origins, inputs.buildings, inputs.buurten].map((r) => readAll(r, ctx.signal))) as [Feature[], Feature[], Feature[], Feature[]];
  const graph = roadGraph(roads, inputs.speedsKmh);
  const passabilityGiven = hasPassability(roads);
  if (!passabilityGiven) ctx.log.warn('the roads carry no passability (emergencyImpassableFromMin); all roads are open: the dry reference');
  const ends = roads.map((r) => r.properties?.simulationEndMin).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const horizonMin = inputs.horizonMin ?? (ends.length > 0 ? Math.max(...ends) : 0);
  const departures = departureTimes(horizonMin, inputs.departureStepMin);
  const snaps: Array<Snap | null> = buildings.map((b) => {
    const c = centroidOf(b.geometry);
    return c === null ? null : snapToGraph(graph, c[0], c[1]);
  });
  const services: Array<ServiceSpec & { originKind: string; stations: string[] }> = inputs.services.map((s) => {
    const mine = stations.filter((f) => f.properties?.kind === s.originKind);
    const nodes = mine.map((f) => stationNode(graph, f)).filter((n): n is number => n !== null);
    if (nodes.length === 0) throw new Error(`service ${s.id}: no station of kind "${s.originKind}" lies on the road network`);
    return { id: s.id, originKind: s.originKind, maxMinutes: s.maxMinutes, originNodes: nodes, stations: mine.map((f) => String(f.properties?.name ?? f.id ?? s.originKind)) };
  });
  const reach: BuildingReach[][] = [];
  for (const [k, s] of services.entries()) {
    await new Promise((resolve) => setImmediate(resolve));
    ctx.progress(PROGRESS_READ + ((PROGRESS_ROUTED - PROGRESS_READ) * k) / services.length, `Routes ${s.id}`);
    reach.push(reachability(graph, s, snaps, departures, inputs.departureStepMin));
  }
  ctx.progress(PROGRESS_ROUTED, 'Uitvoer');
  const buurtCodes = buurten.map((u) => String(u.properties?.code));
  const codeSet = new Set(buurtCodes);
  const buurtOf = (b: Feature): string | null => {
    const attr = b.properties?.buurt;
    if (typeof attr === 'string' && codeSet.has(attr)) return attr;
    const c = centroidOf(b.geometry);
    const hit = c === null ? undefined : buurten.find((u) => pointIn(c[0], c[1], u.geometry));
    return hit ? String(hit.properties?.code) : null;
  };
  const buildingBuurt = buildings.map(buurtOf);
  const residents = (b: number) => num(buildings[b]!.properties?.residents);
  const old = (b: number) => num(buildings[b]!.properties?.residents75plus);
  const features: Feature[] = buildings.map((b, i) => {
    const id = typeof b.properties?.id === 'string' ? b.properties.id : b.id !== undefined ? String(b.id) : `building-${i + 1}`;
    const per = services.map((s, k) => serviceProps(s.id, reach[k]![i]!));
    const unreachable = services.some((_, k) => reach[k]![i]!.unreachableFromMin !== null);
    return {
      type: 'Feature', id, geometry: b.geometry,
      properties: { ...b.properties, id, buurt: buildingBuurt[i], accessDistanceM: snaps[i] ? Math.round(snaps[i]!.distanceM * 10) / 10 : null, ...Object.assign({}, ...per), unreachable },
    };
  });
  const table = buurten.map((u, j) => {
    const row: Record<string, string | number | null> = { code: buurtCodes[j]!, naam: (u.properties?.naam as string | undefined) ?? null };
    const mine = buildings.map((_, i) => i).filter((i) => buildingBuurt[i] === buurtCodes[j]);
    row.buildings = mine.length;
    row.residents = mine.reduce((s, i) => s + residents(i), 0);
    services.forEach((s, k) => {
      const ever = mine.filter((i) => reach[k]![i]!.unreachableFromMin !== null);
      row[`${s.id}UnreachableBuildings`] = ever.length;
      row[`${s.id}UnreachableResidents`] = ever.reduce((sum, i) => sum + residents(i), 0);
      row[`${s.id}Unreachable75plus`] = ever.reduce((sum, i) => sum + old(i), 0);
    });
    return row;
  });
  const series = services.flatMap((s, k) => [
    { name: `${s.id}UnreachableBuildings`, unit: 'count', values: unreachableCounts(reach[k]!, departures.length) },
    { name: `${s.id}UnreachableResidents`, unit: 'count', values: unreachableCounts(reach[k]!, departures.length, residents) },
  ]);
  const fc = (f: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features: f });
  const outputs = {
    buildings: vectorOutput(fc(features), { title: 'Gebouwen: bereikbaarheid hulpdiensten', crs: inputs.buildings.info.crs }),
    neighbourhoods: table,
    unreachableSeries: timeSeriesOutput({ timesS: departures.map((t) => t * SECONDS_PER_MINUTE), series }),
    summary: {
      passabilityGiven, closedRoads: graph.edges.filter((e) => e.closure !== null).length, driveableRoads: graph.edges.length,
      horizonMin, departureStepMin: inputs.departureStepMin, departures: departures.length,
      buildingsNotConnected: snaps.filter((s) => s === null).length,
      services: services.map((s, k) => ({
        id: s.id, originKind: s.originKind, stations: s.stations, maxMinutes: s.maxMinutes,
        buildingsBeyondTargetWhenDry: reach[k]!.filter((r) => r.dryMin === null || r.dryMin > s.maxMinutes).length,
        buildingsEverUnreachable: reach[k]!.filter((r) => r.unreachableFromMin !== null).length,
        residentsEverUnreachable: reach[k]!.reduce((sum, r, i) => sum + (r.unreachableFromMin !== null ? residents(i) : 0), 0),
      })),
    },
  };
  ctx.progress(1, 'Klaar');
  return outputs;
}

/** The app (default export of the package entry, loaded by the server's registry). */
const app = defineApp<BereikbaarheidInputs>({ manifest, run });
export default app;
