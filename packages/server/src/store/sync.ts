import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import { USE_CASES, type AppManifest } from '@tweeling/core';
import type { Database } from '../db/index.js';
import { manifestCriteria } from './trust.js';

/** Rows per INSERT while syncing (well below PostgreSQL's 65 535 bind parameters). */
const BATCH_ROWS = 500;
const chunks = <T>(rows: T[]): T[][] => Array.from({ length: Math.ceil(rows.length / BATCH_ROWS) }, (_, i) => rows.slice(i * BATCH_ROWS, (i + 1) * BATCH_ROWS));

/** How many folders above the app's module to look for `tweeling.app.json` (dist/app.js → app root). */
const MAX_LEVELS_UP = 3;

/**
 * Sort key of a semantic version: numeric parts zero-padded, and a release sorting after its
 * pre-releases (`~` sorts after every character a pre-release tag may hold).
 */
export function versionKey(version: string): string {
  const [core = '', pre] = version.split('+')[0]!.split(/-(.*)/s);
  const nums = core.split('.').map((n) => n.padStart(10, '0')).join('.');
  return pre ? `${nums}-${pre}` : `${nums}~`;
}

/**
 * What the catalogue searches, by weight: (a) the name, (b) summary and themes, (c) use cases with
 * their labels, the publisher and the model card's method. A name match ranks above a use-case match.
 */
export function searchText(m: AppManifest, publisherName: string): { a: string; b: string; c: string } {
  const join = (parts: Array<string | undefined>) => parts.filter((t): t is string => Boolean(t)).join(' \n ');
  const useCases = m.useCases.flatMap((u) => [u, USE_CASES[u].nl, USE_CASES[u].en]);
  return {
    a: join([m.name.nl, m.name.en]),
    b: join([m.summary.nl, m.summary.en, ...m.themes]),
    c: join([...useCases, publisherName, m.publisher, m.modelCard.method.nl, m.modelCard.method.en]),
  };
}

/**
 * The changelog of a release: the section for its version in `CHANGELOG.md` next to
 * `tweeling.app.json` (a heading such as `## 1.2.0` or `## [1.2.0] - 2026-01-01`), or null.
 */
export async function readChangelog(modulePath: string, version: string): Promise<string | null> {
  let dir = dirname(modulePath);
  for (let i = 0; i <= MAX_LEVELS_UP && !existsSync(join(dir, 'tweeling.app.json')); i += 1) dir = dirname(dir);
  const file = join(dir, 'CHANGELOG.md');
  if (!existsSync(join(dir, 'tweeling.app.json')) || !existsSync(file)) return null;
  const lines = (await readFile(file, 'utf8')).split('\n');
  const escaped = version.replace(/[.+]/g, '\\$&');
  const start = lines.findIndex((l) => new RegExp(`^#{1,6}\\s+\\[?v?${escaped}\\]?(\\s|$)`).test(l));
  if (start < 0) return null;
  const level = /^#+/.exec(lines[start]!)![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#+\s/.test(l) && /^#+/.exec(l)![0].length <= level);
  const body = lines.slice(start + 1, end < 0 ? undefined : end).join('\n').trim();
  return body || null;
}

/**
 * Brings the store's listings in line with the installed releases (`app_releases`), in one
 * transaction. Runs when the store room boots, right after the runtime room registered the apps it
 * found on disk: releases only change at boot, so the catalogue needs no work per request and its
 * search columns (tsvector, GIN-indexed) are ready before the first search.
 */
export async function syncListings(db: Kysely<Database>, now: Date): Promise<number> {
  const releases = await db.selectFrom('app_releases').selectAll().orderBy('app_id').orderBy('installed_at').execute();
  const orgs = new Map((await db.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [o.id, o.name]));
  // Published packages keep the changelog they were submitted with; installed apps have theirs on disk.
  const published = new Map((await db.selectFrom('app_publications').select(['app_id', 'version', 'changelog']).where('status', '=', 'approved').execute()).map((p) => [`${p.app_id}@${p.version}`, p.changelog]));
  const changelogs = await Promise.all(releases.map((r) => (published.has(`${r.app_id}@${r.version}`) ? published.get(`${r.app_id}@${r.version}`) ?? null : readChangelog(r.module, r.version).catch(() => null))));
  const listings = new Map<string, { app_id: string; publisher_id: string; state: string; first_published_at: Date; updated_at: Date }>();
  for (const row of releases) {
    const installed = new Date(row.installed_at);
    const seen = listings.get(row.app_id);
    // The newest release names the publisher; the oldest gives the first-published date.
    listings.set(row.app_id, { app_id: row.app_id, publisher_id: row.publisher_id, state: 'listed', first_published_at: seen && seen.first_published_at < installed ? seen.first_published_at : installed, updated_at: now });
  }
  const releaseRows = releases.map((row, index) => {
    const m = row.manifest as AppManifest;
    const text = searchText(m, orgs.get(row.publisher_id) ?? row.publisher_id);
    return {
      app_id: row.app_id,
      version: row.version,
      version_key: versionKey(row.version),
      channel: row.channel,
      publisher_id: row.publisher_id,
      use_cases: m.useCases,
      themes: m.themes,
      pricing_kind: m.pricing.kind,
      name: JSON.stringify(m.name),
      summary: JSON.stringify(m.summary),
      manifest_trust: manifestCriteria(m).filter((c) => c.met).map((c) => c.id),
      search_a: text.a,
      search_b: text.b,
      search_c: text.c,
      changelog: changelogs[index] ?? null,
      published_at: new Date(row.installed_at),
    };
  });
  await db.transaction().execute(async (trx) => {
    for (const batch of chunks([...listings.values()])) {
      await trx
        .insertInto('store_listings')
        .values(batch)
        .onConflict((oc) =>
          oc.column('app_id').doUpdateSet((eb) => ({
            publisher_id: eb.ref('excluded.publisher_id'),
            state: 'listed',
            updated_at: now,
            first_published_at: eb.fn('least', [eb.ref('store_listings.first_published_at'), eb.ref('excluded.first_published_at')]),
          })),
        )
        .execute();
    }
    for (const batch of chunks(releaseRows)) {
      await trx
        .insertInto('store_releases')
        .values(batch)
        .onConflict((oc) =>
          oc.columns(['app_id', 'version']).doUpdateSet((eb) => ({
            version_key: eb.ref('excluded.version_key'), channel: eb.ref('excluded.channel'), publisher_id: eb.ref('excluded.publisher_id'),
            use_cases: eb.ref('excluded.use_cases'), themes: eb.ref('excluded.themes'), pricing_kind: eb.ref('excluded.pricing_kind'),
            name: eb.ref('excluded.name'), summary: eb.ref('excluded.summary'), manifest_trust: eb.ref('excluded.manifest_trust'),
            search_a: eb.ref('excluded.search_a'), search_b: eb.ref('excluded.search_b'), search_c: eb.ref('excluded.search_c'),
            changelog: eb.ref('excluded.changelog'), published_at: eb.ref('excluded.published_at'),
          })),
        )
        .execute();
    }
  });
  return releases.length;
}
