import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ChainDefinition, chainToManifest, type AppManifest } from '@tweeling/core';
import type { InstalledApp } from './registry.js';

/** Marks a release whose "module" is a chain definition, run step by step by the runtime. */
export const CHAIN_MODULE_PREFIX = 'chain:';

/** Chain definition files shipped with apps: `<app folder>/chains/*.json`. */
export async function findChainFiles(appsDir: string): Promise<string[]> {
  if (!existsSync(appsDir)) return [];
  const files: string[] = [];
  for (const app of (await readdir(appsDir)).sort()) {
    const dir = join(appsDir, app, 'chains');
    if (!existsSync(dir)) continue;
    for (const file of (await readdir(dir)).sort()) if (file.endsWith('.json')) files.push(join(dir, file));
  }
  return files;
}

/**
 * Turns chain files into installable releases, checking their typed ports against the installed
 * apps. The code hash covers the chain file and the code of every step's app. Invalid chains, or
 * chains whose apps are not installed, are skipped with a warning.
 */
export async function loadChains(files: string[], apps: InstalledApp[], warn: (message: string) => void): Promise<InstalledApp[]> {
  const byId = new Map<string, InstalledApp>(apps.map((a) => [a.manifest.id, a]));
  const manifests = new Map<string, AppManifest>(apps.map((a) => [a.manifest.id, a.manifest]));
  const chains: InstalledApp[] = [];
  for (const file of files) {
    try {
      const text = await readFile(file, 'utf8');
      const chain = ChainDefinition.parse(JSON.parse(text) as unknown);
      const manifest = chainToManifest(chain, manifests);
      const hash = createHash('sha256').update(text);
      for (const step of chain.steps) hash.update(byId.get(step.process)?.codeHash ?? '');
      chains.push({ manifest, module: `${CHAIN_MODULE_PREFIX}${file}`, codeHash: hash.digest('hex') });
    } catch (error) {
      warn(`chain ${file} skipped: ${(error as Error).message}`);
    }
  }
  return chains;
}

/** Reads the chain definition of a chain release. */
export async function readChain(module: string): Promise<ChainDefinition> {
  return ChainDefinition.parse(JSON.parse(await readFile(module.slice(CHAIN_MODULE_PREFIX.length), 'utf8')) as unknown);
}
