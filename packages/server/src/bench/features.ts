import type { Feature } from 'geojson';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createDataset, importFeatures, RD_NEW } from '../data/index.js';
import { seedDemo } from '../seed.js';
import { fmt, percentile, type BenchDb } from './harness.js';

/** A deterministic town of `count` square buildings (10 × 8 m) on a 14 m grid, in RD New. */
function* town(count: number): Generator<Feature> {
  const perRow = Math.ceil(Math.sqrt(count));
  for (let i = 0; i < count; i += 1) {
    const x = 140_000 + (i % perRow) * 14;
    const y = 480_000 + Math.floor(i / perRow) * 14;
    yield {
      type: 'Feature',
      properties: { id: `b${i}`, use: i % 17 === 0 ? 'school' : 'wonen', heightM: 6 + (i % 7), residents: i % 5 },
      geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 10, y], [x + 10, y + 8], [x, y + 8], [x, y]]] },
    };
  }
}

/**
 * OGC API Features over a table of `count` buildings: import rate, items/s when paging through
 * everything with limit=1000 over real HTTP, and latency of random 250 m bbox queries.
 */
export async function benchFeatures(target: BenchDb, count: number): Promise<void> {
  const deps = { db: target.db.kysely, clock: () => new Date() };
  await seedDemo(deps);
  const actor = { organisationId: 'almere', userId: null, tokenId: null, label: 'bench', requestId: null };
  const caller = { anonymous: false, organisationId: 'almere', userId: null, tokenId: null, role: 'data-steward' as const, permissions: ['org:read' as const, 'data:write' as const] };
  await createDataset(deps, actor, { id: 'bench-gebouwen', title: { nl: 'Benchmarkgebouwen' }, kind: 'vector', licence: 'CC0-1.0', visibility: 'public', sharedWith: [], keywords: [], quality: {}, synthetic: true });
  let started = performance.now();
  await importFeatures(deps, caller, actor, 'bench-gebouwen', town(count), { sourceCrs: RD_NEW, sourceFormat: 'geojson', sizeBytes: 0 });
  const importS = (performance.now() - started) / 1000;

  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', RUN_JOBS: 'false' }), db: target.db, closeDb: false, logger: false });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    started = performance.now();
    let url: string | undefined = `${base}/api/v1/collections/bench-gebouwen/items?limit=1000&crs=EPSG:28992`;
    let items = 0;
    let bytes = 0;
    while (url) {
      const res = await fetch(url);
      const text = await res.text();
      bytes += text.length;
      const page = JSON.parse(text) as { numberReturned: number; links: { rel: string; href: string }[] };
      items += page.numberReturned;
      url = page.links.find((l) => l.rel === 'next')?.href;
    }
    const pagingS = (performance.now() - started) / 1000;

    const perRow = Math.ceil(Math.sqrt(count));
    const extent = perRow * 14;
    const latencies: number[] = [];
    for (let q = 0; q < 200; q += 1) {
      // A fixed pseudo-random walk so every run asks the same boxes.
      const x = 140_000 + ((q * 7919) % Math.max(1, extent - 250));
      const y = 480_000 + ((q * 104_729) % Math.max(1, extent - 250));
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/collections/bench-gebouwen/items?bbox=${x},${y},${x + 250},${y + 250}&bbox-crs=EPSG:28992&crs=EPSG:28992&limit=1000`);
      await res.text();
      latencies.push(performance.now() - t0);
    }
    console.log(`  ${target.label}: import ${fmt(count)} buildings in ${fmt(importS, 1)} s (${fmt(count / importS)} features/s)`);
    console.log(`  ${target.label}: OGC API Features paging limit=1000: ${fmt(items)} items in ${fmt(pagingS, 1)} s = ${fmt(items / pagingS)} items/s (${fmt(bytes / 1e6, 1)} MB)`);
    console.log(`  ${target.label}: bbox query (250 m, ~300 buildings) over 200 requests: p50 ${fmt(percentile(latencies, 50), 1)} ms, p95 ${fmt(percentile(latencies, 95), 1)} ms`);
  } finally {
    await app.close();
  }
}
