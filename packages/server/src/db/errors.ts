import { defineError } from '../errors.js';

/** Errors of the database room: backups and restores. */
export const DB_ERRORS = {
  BACKUP_INVALID: defineError('TWL_DB_BACKUP_INVALID', 400, 'Ongeldig of beschadigd backupbestand'),
  BACKUP_NEWER_SCHEMA: defineError('TWL_DB_BACKUP_NEWER_SCHEMA', 409, 'Backup van een nieuwere of onbekende schemaversie'),
  RESTORE_NOT_EMPTY: defineError('TWL_DB_RESTORE_NOT_EMPTY', 409, 'Database is niet leeg'),
  RESTORE_NOT_PERMITTED: defineError('TWL_DB_RESTORE_NOT_PERMITTED', 403, 'Onvoldoende databaserechten voor herstel'),
  RESTORE_VERIFY_FAILED: defineError('TWL_DB_RESTORE_VERIFY_FAILED', 500, 'Controle na herstel mislukt'),
} as const;
