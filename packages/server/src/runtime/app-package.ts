/**
 * App packages as vendors publish them: a gzip'd tar of the app folder (as `npm pack` or
 * `tweeling app publish` makes). Read fully in memory under hard limits before anything touches
 * the disk; unpacked content-addressed (`<packagesDir>/<sha256>/`) and only once complete.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { Parser, type ReadEntry } from 'tar';
import type { Database } from '../db/index.js';

/** Limits of one package: a publication beyond them is refused, not truncated. */
export const PACKAGE_LIMITS = {
  /** The upload itself (gzip'd). */
  compressedBytes: 50 * 1024 * 1024,
  /** Everything unpacked: also the guard against gzip bombs. */
  unpackedBytes: 200 * 1024 * 1024,
  files: 5000,
  pathLength: 240,
};

/** Module reference of a published release in `app_releases.module`. */
export const PACKAGE_MODULE_PREFIX = 'package:';
/** Marker written last: a folder without it is an interrupted unpack and is redone. */
const COMPLETE = '.tweeling-complete';

/** Why a package cannot be read; the message names the file (Dutch). */
export class AppPackageError extends Error {
  override name = 'AppPackageError';
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function checkedPath(raw: string): string {
  const path = raw.replace(/^\.\//, '').replace(/\/+$/, '');
  if (path.length === 0) return path;
  if (path.length > PACKAGE_LIMITS.pathLength) throw new AppPackageError(`Pad te lang in het pakket: ${path.slice(0, 80)}…`);
  if (path.includes('\0') || path.includes('\\') || posix.isAbsolute(path) || path.split('/').some((part) => part === '..' || part === '')) {
    throw new AppPackageError(`Ongeldig pad in het pakket: ${JSON.stringify(path)} (absoluut, met .. of met een backslash)`);
  }
  if (path === COMPLETE) throw new AppPackageError(`Gereserveerde bestandsnaam in het pakket: ${path}`);
  return path;
}

/**
 * Reads a gzip'd tar into memory: regular files only (links, devices and the like are refused),
 * every path inside the package, within {@link PACKAGE_LIMITS}. A common top folder (`package/`
 * from npm pack) is stripped.
 * @throws AppPackageError naming what is wrong
 */
export async function readAppPackage(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  if (bytes.byteLength > PACKAGE_LIMITS.compressedBytes) throw new AppPackageError(`Het pakket is groter dan ${PACKAGE_LIMITS.compressedBytes / 1024 / 1024} MB`);
  let tarBytes: Buffer;
  try {
    tarBytes = gunzipSync(bytes, { maxOutputLength: PACKAGE_LIMITS.unpackedBytes + 1024 * 1024 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) throw new AppPackageError(`Uitgepakt is het pakket groter dan ${PACKAGE_LIMITS.unpackedBytes / 1024 / 1024} MB`);
    throw new AppPackageError('Het pakket is geen gzip-bestand (verwacht: een .tgz zoals npm pack of tweeling app publish maakt)');
  }
  const files = new Map<string, Buffer>();
  let total = 0;
  let problem: AppPackageError | undefined;
  const pending: Array<Promise<void>> = [];
  const parser = new Parser({
    strict: true,
    onReadEntry: (entry: ReadEntry) => {
      try {
        if (problem) throw problem;
        const path = checkedPath(entry.path);
        if (entry.type === 'Directory' || path.length === 0) {
          entry.resume();
          return;
        }
        if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'ContiguousFile') {
          throw new AppPackageError(`Alleen gewone bestanden zijn toegestaan; ${path} is een ${entry.type}`);
        }
        if (files.size >= PACKAGE_LIMITS.files) throw new AppPackageError(`Meer dan ${PACKAGE_LIMITS.files} bestanden in het pakket`);
        total += entry.size;
        if (total > PACKAGE_LIMITS.unpackedBytes) throw new AppPackageError(`Uitgepakt is het pakket groter dan ${PACKAGE_LIMITS.unpackedBytes / 1024 / 1024} MB`);
        if (files.has(path)) throw new AppPackageError(`Bestand ${path} staat twee keer in het pakket`);
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        pending.push(new Promise((resolve) => entry.on('end', () => {
          files.set(path, Buffer.concat(chunks));
          resolve();
        })));
      } catch (error) {
        problem ??= error as AppPackageError;
        entry.resume();
      }
    },
  });
  await new Promise<void>((resolve, reject) => {
    parser.on('error', (error: Error) => reject(new AppPackageError(`Het pakket is geen geldig tar-archief: ${error.message}`)));
    parser.end(tarBytes, () => resolve());
  });
  await Promise.all(pending);
  if (problem) throw problem;
  if (files.size === 0) throw new AppPackageError('Het pakket is leeg');
  return stripCommonFolder(files);
}

function stripCommonFolder(files: Map<string, Buffer>): Map<string, Buffer> {
  const tops = new Set([...files.keys()].map((p) => (p.includes('/') ? p.split('/')[0] : '')));
  if (tops.size !== 1 || tops.has('')) return files;
  const [top] = tops;
  return new Map([...files].map(([path, content]) => [path.slice(top!.length + 1), content]));
}

/**
 * Published apps import `@tweeling/sdk` and `@tweeling/core` from the platform (they are peer
 * dependencies, like a plugin's host API): `<packagesDir>/node_modules` links to the folder the
 * platform resolves them from, so module resolution from any package folder finds them.
 */
async function linkPlatformModules(packagesDir: string): Promise<void> {
  const link = join(packagesDir, 'node_modules');
  if (existsSync(link)) return;
  const require = createRequire(import.meta.url);
  const modules = (require.resolve.paths('@tweeling/sdk') ?? []).find((dir) => existsSync(join(dir, '@tweeling', 'sdk')));
  if (!modules) throw new Error('@tweeling/sdk is not installed next to the server');
  await symlink(modules, link, 'dir').catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
}

/**
 * Unpacks files into `<packagesDir>/<sha256>/`: written into a fresh folder beside it, marked
 * complete, then renamed into place, so a crash never leaves a half package that looks whole.
 * @returns the package folder
 */
export async function unpackAppPackage(packagesDir: string, hash: string, files: Map<string, Buffer>): Promise<string> {
  const target = join(packagesDir, hash);
  if (existsSync(join(target, COMPLETE))) {
    await linkPlatformModules(packagesDir);
    return target;
  }
  const staging = join(packagesDir, `.unpack-${hash.slice(0, 12)}-${randomUUID()}`);
  await mkdir(staging, { recursive: true, mode: 0o755 });
  await linkPlatformModules(packagesDir);
  try {
    for (const [path, content] of files) {
      const file = join(staging, ...path.split('/'));
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content, { mode: 0o644 });
    }
    await writeFile(join(staging, COMPLETE), hash);
    await rm(target, { recursive: true, force: true });
    await rename(staging, target).catch(async (error: NodeJS.ErrnoException) => {
      // Another process unpacked the same package first: theirs is identical (same hash).
      if (!existsSync(join(target, COMPLETE))) throw error;
    });
    return target;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * The absolute module path of a release: plain paths as they are; `package:<sha256>/<entry>`
 * unpacked from the database on first use on this host (a worker on another machine, a restored
 * backup, a cleaned data folder), after checking the stored bytes against their hash.
 */
export async function resolveReleaseModule(db: Kysely<Database>, packagesDir: string, module: string): Promise<string> {
  if (!module.startsWith(PACKAGE_MODULE_PREFIX)) return module;
  const [hash = '', ...rest] = module.slice(PACKAGE_MODULE_PREFIX.length).split('/');
  const entry = rest.join('/');
  if (!/^[0-9a-f]{64}$/.test(hash) || !entry) throw new Error(`Ongeldige modulereferentie ${module}`);
  if (!existsSync(join(packagesDir, hash, COMPLETE))) {
    const row = await db.selectFrom('app_packages').select('bytes').where('sha256', '=', hash).executeTakeFirst();
    if (!row) throw new Error(`Het app-pakket ${hash.slice(0, 12)}… ontbreekt in de database`);
    if (sha256(row.bytes) !== hash) throw new Error(`Het app-pakket ${hash.slice(0, 12)}… in de database is beschadigd (hash klopt niet)`);
    await unpackAppPackage(packagesDir, hash, await readAppPackage(row.bytes));
  }
  await linkPlatformModules(packagesDir);
  return join(packagesDir, hash, ...entry.split('/'));
}
