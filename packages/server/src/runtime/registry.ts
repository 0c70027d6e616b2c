import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { parseAppManifest, type AppManifest } from '@tweeling/core';
import type { Database } from '../db/index.js';
import { findChainFiles, loadChains } from './chains.js';

/** An app release this server can run: its manifest, the module to load and the hash of its code. */
export interface InstalledApp {
  manifest: AppManifest;
  /** Absolute path of the ES module whose default export is the app (`defineApp(…)`). */
  module: string;
  /** SHA-256 over the app's built files and manifest: what a run record pins. */
  codeHash: string;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map(async (e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [])),
  );
  return files.flat();
}

/** SHA-256 over the manifest and every file that can run (`.js`, `.mjs`, `.json`) under the code folder, in path order. */
export async function hashAppCode(root: string, codeDir: string): Promise<string> {
  const hash = createHash('sha256');
  const files = (await listFiles(codeDir)).filter((f) => /\.(m?js|json)$/.test(f)).sort();
  for (const file of [join(root, 'tweeling.app.json'), ...files]) {
    hash.update(relative(root, file)).update('\0').update(await readFile(file)).update('\0');
  }
  return hash.digest('hex');
}

/** The app module of a package folder: package.json `tweeling.entry`, else `dist/app.js`, `main`, `index.mjs`. */
export async function findAppEntry(root: string): Promise<string | undefined> {
  const pkg = existsSync(join(root, 'package.json'))
    ? (JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { main?: string; tweeling?: { entry?: string } })
    : {};
  const candidates = [pkg.tweeling?.entry, 'dist/app.js', pkg.main, 'index.mjs'].filter((c): c is string => typeof c === 'string' && c.length > 0);
  return candidates.map((c) => resolve(root, c)).find((file) => (file === root || file.startsWith(root + sep)) && existsSync(file));
}

/**
 * Reads one app folder: `tweeling.app.json` plus the module named by package.json `tweeling.entry`
 * (default `dist/app.js`, else `main`). Returns null when the folder holds no app or it is not built.
 * @throws Error when the manifest is invalid or the module does not export the app it declares
 */
export async function loadAppFolder(root: string): Promise<InstalledApp | null> {
  const manifestFile = join(root, 'tweeling.app.json');
  if (!existsSync(manifestFile)) return null;
  const manifest = parseAppManifest(JSON.parse(await readFile(manifestFile, 'utf8')) as unknown);
  const entry = await findAppEntry(root);
  if (!entry) return null;
  const loaded = (await import(pathToFileURL(entry).href)) as { default?: { tweelingApp?: unknown; manifest?: AppManifest } };
  const app = loaded.default;
  if (!app || app.tweelingApp !== 1 || !app.manifest) throw new Error(`${entry}: the default export is not an app made with defineApp()`);
  if (app.manifest.id !== manifest.id || app.manifest.version !== manifest.version) {
    throw new Error(`${entry}: exports ${app.manifest.id}@${app.manifest.version} but tweeling.app.json declares ${manifest.id}@${manifest.version}`);
  }
  const codeDir = (await stat(join(root, 'dist')).catch(() => null))?.isDirectory() ? join(root, 'dist') : root;
  return { manifest, module: entry, codeHash: await hashAppCode(root, codeDir) };
}

/** Every app under `appsDir` (one folder per app); folders that are not built are skipped with a warning. */
export async function discoverApps(appsDir: string, warn: (message: string) => void): Promise<InstalledApp[]> {
  if (!existsSync(appsDir)) return [];
  const apps: InstalledApp[] = [];
  for (const name of (await readdir(appsDir)).sort()) {
    const root = join(appsDir, name);
    if (!(await stat(root)).isDirectory()) continue;
    try {
      const app = await loadAppFolder(root);
      if (app) apps.push(app);
      else if (existsSync(join(root, 'tweeling.app.json'))) warn(`app ${name} is not built (no module found); skipped`);
    } catch (error) {
      warn(`app ${name} skipped: ${(error as Error).message}`);
    }
  }
  return apps;
}

/**
 * Records the installed releases. A release is immutable: when the code of an installed version
 * changed without a version bump, the new code hash is recorded and a warning given (old run
 * records keep the hash they ran with, so a rerun will show the difference).
 */
export async function registerReleases(db: Kysely<Database>, apps: InstalledApp[], warn: (message: string) => void): Promise<void> {
  for (const app of apps) {
    const { id, version, channel, publisher } = app.manifest;
    const existing = await db.selectFrom('app_releases').select('code_hash').where('app_id', '=', id).where('version', '=', version).executeTakeFirst();
    if (existing && existing.code_hash !== app.codeHash) warn(`app ${id}@${version} changed without a new version number; reruns of older records will show different code`);
    const values = { channel, publisher_id: publisher, manifest: JSON.stringify(app.manifest), code_hash: app.codeHash, module: app.module };
    if (existing) await db.updateTable('app_releases').set(values).where('app_id', '=', id).where('version', '=', version).execute();
    else await db.insertInto('app_releases').values({ app_id: id, version, ...values }).execute();
  }
}

/** Every app and every chain (whose apps are installed) in the given folders. */
export async function installApps(dirs: string[], warn: (message: string) => void): Promise<InstalledApp[]> {
  const apps: InstalledApp[] = [];
  const chainFiles: string[] = [];
  for (const dir of dirs) {
    apps.push(...(await discoverApps(dir, warn)));
    chainFiles.push(...(await findChainFiles(dir)));
  }
  return [...apps, ...(await loadChains(chainFiles, apps, warn))];
}
