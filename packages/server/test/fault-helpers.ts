/**
 * Helpers for the fault-injection tests (kill -9, lost database connections): a seeded data
 * directory, a server start that can be killed half-way, fixture apps in a scratch folder, and the
 * invariants that must hold after any crash.
 */
import { spawn } from 'node:child_process';
import { cp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { verifyAuditChain } from '../src/audit/index.js';
import { openDatabase, type Database } from '../src/db/index.js';
import { seedDemo } from '../src/seed.js';
import { copiedDataDir, FIXTURE_APPS, TEST_TMP, tokenFor } from './harness.js';
import { CLI, freePort } from './processes.js';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value (not undefined) or the time is up. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Bytes in the files under `dir` (files that vanish while counting count as 0). */
export async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name)).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

/** A private embedded database with the demo organisations and an admin and analyst token of almere. */
export async function seededDataDir(label: string): Promise<{ dataDir: string; dispose: () => Promise<void>; admin: string; analyst: string }> {
  const { dataDir, dispose } = await copiedDataDir(label);
  const db = await openDatabase({ dataDir });
  try {
    await seedDemo({ db: db.kysely, clock: () => new Date() });
    return { dataDir, dispose, admin: await tokenFor(db, 'almere', 'admin'), analyst: await tokenFor(db, 'almere', 'analyst') };
  } finally {
    await db.close();
  }
}

/** Opens the embedded database of a stopped server (PGlite recovers from its WAL), runs `use`, closes it. */
export async function withEmbedded<T>(dataDir: string, use: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dataDir });
  try {
    return await use(db.kysely);
  } finally {
    await db.close();
  }
}

/**
 * Starts `tweeling serve` and kills it with SIGKILL as soon as its output matches `killWhen`
 * (before it is ready). Resolves with the output and whether the pattern was seen; a server that
 * becomes ready without printing it is killed too.
 */
export async function killDuringStart(env: NodeJS.ProcessEnv, killWhen: RegExp, timeoutMs = 90_000): Promise<{ killedAtPattern: boolean; output: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let killedAtPattern = false;
  const onData = (d: Buffer) => {
    output += d.toString();
    if (!killedAtPattern && killWhen.test(output)) {
      killedAtPattern = true;
      child.kill('SIGKILL');
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const deadline = Date.now() + timeoutMs;
  while (child.exitCode === null && child.signalCode === null) {
    const ready = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then((r) => r.ok, () => false);
    if (ready || Date.now() > deadline) child.kill('SIGKILL');
    await Promise.race([exited, sleep(200)]);
  }
  await exited;
  return { killedAtPattern, output };
}

/**
 * Copies fixture apps into a scratch folder. `variants` adds copies of an app under another id
 * (and optionally changed manifest fields): the fixture modules read their manifest from
 * tweeling.app.json, so a changed manifest is a different app.
 */
export async function scratchApps(
  label: string,
  apps: string[],
  variants: Array<{ from: string; id: string; manifest?: Record<string, unknown> }> = [],
): Promise<string> {
  const dir = join(TEST_TMP, `${label}-apps-${Date.now().toString(36)}`);
  for (const app of apps) await cp(join(FIXTURE_APPS, app), join(dir, app), { recursive: true });
  for (const variant of variants) await addVariant(dir, variant.from, variant.id, variant.manifest ?? {});
  return dir;
}

/** Adds a copy of fixture app `from` as app `id` to an apps folder. */
export async function addVariant(dir: string, from: string, id: string, manifest: Record<string, unknown> = {}): Promise<void> {
  const target = join(dir, id);
  await cp(join(FIXTURE_APPS, from), target, { recursive: true, filter: (src) => !src.includes('/chains') });
  const file = join(target, 'tweeling.app.json');
  const parsed = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  await writeFile(file, JSON.stringify({ ...parsed, ...manifest, id }, null, 2));
}

/** `count` small square buildings around (141000, 486000) in RD New, with `use` and `residents`. */
export function buildingsGeoJson(count: number, salt = 0): { type: 'FeatureCollection'; features: unknown[] } {
  const side = Math.ceil(Math.sqrt(count));
  const features = Array.from({ length: count }, (_, i) => {
    const x = 140_000 + (i % side) * 12 + salt;
    const y = 485_000 + Math.floor(i / side) * 12;
    return {
      type: 'Feature',
      properties: { use: i % 3 === 0 ? 'wonen' : 'kantoor', residents: i % 7, label: `pand ${i}` },
      geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 8, y], [x + 8, y + 8], [x, y + 8], [x, y]]] },
    };
  });
  return { type: 'FeatureCollection', features };
}

/** An ESRI ASCII grid in RD New of width × height cells. */
export function asciiGrid(width: number, height: number): string {
  const header = `ncols ${width}\nnrows ${height}\nxllcorner 140000\nyllcorner 485000\ncellsize 1\nNODATA_value -9999\n`;
  const row = Array.from({ length: width }, (_, i) => (i % 50) / 10).join(' ');
  return header + Array.from({ length: height }, () => row).join('\n') + '\n';
}

/**
 * What must hold in the data tables after any crash: every version is whole (its features or cells
 * all there, no feature or grid without its version), `latest_version` points at the newest version,
 * every version has its audit entry, and the audit chain verifies. Returns the violations found.
 */
export async function dataInvariantViolations(db: Kysely<Database>): Promise<string[]> {
  const problems: string[] = [];
  const orphanFeatures = await sql<{ dataset_id: string; version: number; n: number }>`
    SELECT f.dataset_id, f.version, count(*)::int AS n FROM features f
    LEFT JOIN dataset_versions v ON v.dataset_id = f.dataset_id AND v.version = f.version
    WHERE v.dataset_id IS NULL GROUP BY 1, 2`.execute(db);
  for (const r of orphanFeatures.rows) problems.push(`${r.n} features of ${r.dataset_id}@${r.version} without a version row`);
  const orphanGrids = await sql<{ dataset_id: string; version: number }>`
    SELECT g.dataset_id, g.version FROM raster_grids g
    LEFT JOIN dataset_versions v ON v.dataset_id = g.dataset_id AND v.version = g.version WHERE v.dataset_id IS NULL`.execute(db);
  for (const r of orphanGrids.rows) problems.push(`raster grid of ${r.dataset_id}@${r.version} without a version row`);
  const partial = await sql<{ dataset_id: string; version: number; item_count: number; n: number; has_grid: boolean; kind: string; content_hash: string }>`
    SELECT v.dataset_id, v.version, v.item_count::int AS item_count, d.kind, v.content_hash,
           (SELECT count(*)::int FROM features f WHERE f.dataset_id = v.dataset_id AND f.version = v.version) AS n,
           EXISTS (SELECT 1 FROM raster_grids g WHERE g.dataset_id = v.dataset_id AND g.version = v.version) AS has_grid
    FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id`.execute(db);
  for (const r of partial.rows) {
    if (r.content_hash === '') problems.push(`${r.dataset_id}@${r.version} has no content hash (half-written)`);
    if (r.kind === 'vector' && r.n !== r.item_count) problems.push(`${r.dataset_id}@${r.version} lists ${r.item_count} features but holds ${r.n}`);
    if (r.kind === 'raster' && !r.has_grid) problems.push(`${r.dataset_id}@${r.version} has no grid`);
  }
  const latest = await sql<{ id: string; latest_version: number | null; newest: number | null }>`
    SELECT d.id, d.latest_version, (SELECT max(version) FROM dataset_versions v WHERE v.dataset_id = d.id) AS newest FROM datasets d`.execute(db);
  for (const r of latest.rows) if ((r.latest_version ?? null) !== (r.newest ?? null)) problems.push(`${r.id}: latest_version ${r.latest_version} but newest version ${r.newest}`);
  const unaudited = await sql<{ dataset_id: string; version: number }>`
    SELECT v.dataset_id, v.version FROM dataset_versions v
    WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'dataset.version.create' AND a.target_id = v.dataset_id || '@' || v.version)`.execute(db);
  for (const r of unaudited.rows) problems.push(`${r.dataset_id}@${r.version} has no audit entry`);
  const chain = await verifyAuditChain(db);
  if (!chain.ok) problems.push(`audit chain broken at ${chain.firstBroken?.seq}: ${chain.firstBroken?.reason}`);
  return problems;
}
