import { sql as foundation } from './0001-foundation.js';
import { sql as datasets } from './0002-datasets.js';
import { sql as runtime } from './0003-runtime.js';
import { sql as store } from './0004-store.js';
import { sql as workbench } from './0005-workbench.js';
import { sql as publishing } from './0006-publishing.js';
import { sql as releaseChannels } from './0007-release-channels.js';

/** One schema migration: applied once, in id order, inside its own transaction. */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/**
 * Every migration, in order. They run unchanged on PGlite (PostgreSQL 18 in WebAssembly) and on
 * PostgreSQL 15+: keep to SQL both understand. Never edit an applied migration; add a new one
 * (the runner refuses a changed checksum).
 */
export const MIGRATIONS: readonly Migration[] = [
  { id: 1, name: 'foundation', sql: foundation },
  { id: 2, name: 'datasets', sql: datasets },
  { id: 3, name: 'runtime', sql: runtime },
  { id: 4, name: 'store', sql: store },
  { id: 5, name: 'workbench', sql: workbench },
  { id: 6, name: 'publishing', sql: publishing },
  { id: 7, name: 'release-channels', sql: releaseChannels },
];
