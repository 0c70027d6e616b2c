/**
 * Published apps: a vendor's package is checked here without running its code in the platform's
 * own process (it is loaded in the sandbox), and once the store admits it, it becomes a release
 * whose module the queue unpacks from the database wherever it runs.
 */
import { stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { parseAppManifest, type AppManifest } from '@tweeling/core';
import type { Database } from '../db/index.js';
import { AppPackageError, PACKAGE_MODULE_PREFIX, readAppPackage, sha256, unpackAppPackage } from './app-package.js';
import { findAppEntry, hashAppCode } from './registry.js';
import { inspectInSandbox, SandboxError } from './sandbox.js';

/** What the platform found in a package. */
export interface PackageInspection {
  sha256: string;
  sizeBytes: number;
  manifest: AppManifest;
  /** The app module inside the package, relative to its root (`dist/app.js`). */
  entry: string;
  /** Absolute path of the unpacked module on this host. */
  modulePath: string;
  codeHash: string;
}

export interface PackageLimits {
  packagesDir: string;
  memoryMb: number;
}

/** Seconds of CPU a package may take to load during inspection. */
const INSPECT_CPU_S = 20;

/**
 * Reads, unpacks and inspects a package: safe paths and sizes, a valid manifest, a module that loads
 * in the sandbox and exports the app its manifest declares.
 * @throws AppPackageError (bad package or module), AppManifestError (every manifest problem)
 */
export async function inspectAppPackage(limits: PackageLimits, bytes: Uint8Array): Promise<PackageInspection> {
  const files = await readAppPackage(bytes);
  const manifestFile = files.get('tweeling.app.json');
  if (!manifestFile) throw new AppPackageError('Het pakket heeft geen tweeling.app.json in de hoofdmap');
  let json: unknown;
  try {
    json = JSON.parse(manifestFile.toString('utf8'));
  } catch (error) {
    throw new AppPackageError(`tweeling.app.json is geen geldige JSON: ${(error as Error).message}`);
  }
  const manifest = parseAppManifest(json);
  const hash = sha256(bytes);
  const root = await unpackAppPackage(limits.packagesDir, hash, files);
  const modulePath = await findAppEntry(root);
  if (!modulePath) throw new AppPackageError('Het pakket heeft geen app-module (package.json tweeling.entry, dist/app.js, main of index.mjs)');
  let declared: Awaited<ReturnType<typeof inspectInSandbox>>;
  try {
    declared = await inspectInSandbox(modulePath, { memoryMb: limits.memoryMb, cpuLimitS: INSPECT_CPU_S });
  } catch (error) {
    if (error instanceof SandboxError) throw new AppPackageError(`De app laadt niet in de sandbox: ${error.message}`);
    throw error;
  }
  if (!declared.tweelingApp) throw new AppPackageError(`${relative(root, modulePath)} exporteert geen app gemaakt met defineApp()`);
  if (declared.id !== manifest.id || declared.version !== manifest.version) {
    throw new AppPackageError(`De module exporteert ${declared.id ?? '?'}@${declared.version ?? '?'}, maar tweeling.app.json beschrijft ${manifest.id}@${manifest.version}`);
  }
  const dist = join(root, 'dist');
  const codeDir = (await stat(dist).catch(() => null))?.isDirectory() ? dist : root;
  return {
    sha256: hash,
    sizeBytes: bytes.byteLength,
    manifest,
    entry: relative(root, modulePath).split(sep).join('/'),
    modulePath,
    codeHash: await hashAppCode(root, codeDir),
  };
}

/** Stores a package's bytes once (content-addressed), in the caller's transaction. */
export async function storeAppPackage(trx: Transaction<Database> | Kysely<Database>, bytes: Uint8Array, hash: string, now: Date): Promise<void> {
  await trx.insertInto('app_packages').values({ sha256: hash, bytes, size_bytes: bytes.byteLength, created_at: now }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
}

/** Makes an admitted publication a release the runtime can run, in the caller's transaction. */
export async function registerPublishedRelease(
  trx: Transaction<Database>,
  release: { manifest: AppManifest; sha256: string; entry: string; codeHash: string },
): Promise<void> {
  const { manifest } = release;
  await trx
    .insertInto('app_releases')
    .values({
      app_id: manifest.id,
      version: manifest.version,
      channel: manifest.channel,
      publisher_id: manifest.publisher,
      manifest: JSON.stringify(manifest),
      code_hash: release.codeHash,
      module: `${PACKAGE_MODULE_PREFIX}${release.sha256}/${release.entry}`,
    })
    .execute();
}
