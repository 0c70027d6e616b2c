import fp from 'fastify-plugin';
import type { Db } from './connect.js';

export { openDatabase, type Db, type DbEngine, type OpenDatabaseOptions } from './connect.js';
export { migrate, migrationStatus, type MigrationStatus } from './migrate.js';
export type { Database } from './schema.js';
export { isDatabaseUnavailable } from './unavailable.js';
export { writeBackup, verifyBackupFile, type AuditChainCheck, type BackupOptions, type BackupSummary, type VerifiedBackup, type VerifyBackupOptions } from './backup.js';
export { restoreBackup, backupMigrations, type RestoreOptions, type RestoreReport } from './restore.js';
export type { AuditHead, BackupHeader, BackupManifest } from './backup-format.js';
export { DB_ERRORS } from './errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

/** The database room: decorates `app.db` with an already-open, migrated database. */
export const dbPlugin = fp<{ db: Db; closeOnShutdown: boolean }>(
  async (app, options) => {
    app.decorate('db', options.db);
    if (options.closeOnShutdown) app.addHook('onClose', async () => options.db.close());
  },
  { name: 'tweeling-db', fastify: '5.x' },
);
