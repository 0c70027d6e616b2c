import { defineError } from '../errors.js';

export const RUNTIME_ERRORS = {
  PROCESS_NOT_FOUND: defineError('TWL_RUNTIME_PROCESS_NOT_FOUND', 404, 'Proces niet gevonden'),
  JOB_NOT_FOUND: defineError('TWL_RUNTIME_JOB_NOT_FOUND', 404, 'Taak niet gevonden'),
  INVALID_INPUTS: defineError('TWL_RUNTIME_INVALID_INPUTS', 400, 'Ongeldige invoer voor het proces'),
  RESULTS_NOT_READY: defineError('TWL_RUNTIME_RESULTS_NOT_READY', 404, 'Resultaten nog niet beschikbaar'),
  JOB_FAILED: defineError('TWL_RUNTIME_JOB_FAILED', 500, 'Taak mislukt'),
  RECORD_NOT_FOUND: defineError('TWL_RUNTIME_RECORD_NOT_FOUND', 404, 'Runrecord niet gevonden'),
  DATASET_UNAVAILABLE: defineError('TWL_RUNTIME_DATASET_UNAVAILABLE', 404, 'Dataset niet beschikbaar'),
  RELEASE_RETIRED: defineError('TWL_RUNTIME_RELEASE_RETIRED', 410, 'Release uit gebruik genomen'),
  UNSUPPORTED: defineError('TWL_RUNTIME_UNSUPPORTED', 501, 'Niet ondersteund'),
} as const;
