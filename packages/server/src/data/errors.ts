import { defineError } from '../errors.js';

export const DATA_ERRORS = {
  DATASET_NOT_FOUND: defineError('TWL_DATA_DATASET_NOT_FOUND', 404, 'Dataset niet gevonden'),
  VERSION_NOT_FOUND: defineError('TWL_DATA_VERSION_NOT_FOUND', 404, 'Versie niet gevonden'),
  DATASET_EXISTS: defineError('TWL_DATA_DATASET_EXISTS', 409, 'Dataset bestaat al'),
  NOT_OWNER: defineError('TWL_DATA_NOT_OWNER', 403, 'Niet de eigenaar'),
  WRONG_KIND: defineError('TWL_DATA_WRONG_KIND', 400, 'Verkeerd soort dataset'),
  INVALID_CONTENT: defineError('TWL_DATA_INVALID_CONTENT', 400, 'Ongeldige inhoud'),
  UNKNOWN_CRS: defineError('TWL_DATA_UNKNOWN_CRS', 400, 'Onbekend coördinatenstelsel'),
  INVALID_QUERY: defineError('TWL_DATA_INVALID_QUERY', 400, 'Ongeldige zoekvraag'),
  FEATURE_NOT_FOUND: defineError('TWL_DATA_FEATURE_NOT_FOUND', 404, 'Object niet gevonden'),
  RASTER_TOO_LARGE: defineError('TWL_DATA_RASTER_TOO_LARGE', 400, 'Raster te groot'),
  CRS_NOT_SUPPORTED: defineError('TWL_DATA_CRS_NOT_SUPPORTED', 400, 'Coördinatenstelsel niet ondersteund'),
  UNSUPPORTED_FORMAT: defineError('TWL_DATA_UNSUPPORTED_FORMAT', 415, 'Bestandsformaat niet ondersteund'),
} as const;
