import { defineError } from '../errors.js';

/** Error codes of publishing and the review queue. */
export const PUBLISHING_ERRORS = {
  PACKAGE_INVALID: defineError('TWL_STORE_PACKAGE_INVALID', 400, 'Ongeldig app-pakket'),
  MANIFEST_INVALID: defineError('TWL_STORE_MANIFEST_INVALID', 400, 'Ongeldig manifest'),
  PUBLISHER_MISMATCH: defineError('TWL_STORE_PUBLISHER_MISMATCH', 403, 'Niet de uitgever van deze app'),
  APP_ID_TAKEN: defineError('TWL_STORE_APP_ID_TAKEN', 409, 'App-id van een andere uitgever'),
  RELEASE_EXISTS: defineError('TWL_STORE_RELEASE_EXISTS', 409, 'Release bestaat al'),
  PUBLICATION_NOT_FOUND: defineError('TWL_STORE_PUBLICATION_NOT_FOUND', 404, 'Inzending niet gevonden'),
  PUBLICATION_DECIDED: defineError('TWL_STORE_PUBLICATION_DECIDED', 409, 'Al beslist'),
  DECISION_INCOMPLETE: defineError('TWL_STORE_DECISION_INCOMPLETE', 400, 'Beslissing niet onderbouwd'),
  NOT_PUBLISHER: defineError('TWL_STORE_NOT_PUBLISHER', 403, 'Niet de uitgever van deze app'),
  INVALID_DEPRECATION: defineError('TWL_STORE_INVALID_DEPRECATION', 400, 'Ongeldige uitfasering'),
} as const;
