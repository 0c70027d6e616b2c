import { defineError } from '../errors.js';

/** The store room's error codes. */
export const STORE_ERRORS = {
  APP_NOT_FOUND: defineError('TWL_STORE_APP_NOT_FOUND', 404, 'App niet gevonden'),
  RELEASE_NOT_FOUND: defineError('TWL_STORE_RELEASE_NOT_FOUND', 404, 'Release niet gevonden'),
  USE_CASE_NOT_FOUND: defineError('TWL_STORE_USE_CASE_NOT_FOUND', 404, 'Use case niet gevonden'),
  ORGANISATION_FORBIDDEN: defineError('TWL_STORE_ORGANISATION_FORBIDDEN', 403, 'Geen toegang tot deze organisatie'),
  ORGANISATION_NOT_FOUND: defineError('TWL_STORE_ORGANISATION_NOT_FOUND', 404, 'Organisatie niet gevonden'),
  REVIEW_WITHOUT_RUN: defineError('TWL_STORE_REVIEW_WITHOUT_RUN', 403, 'Eerst de app gebruiken'),
  REVIEW_EXISTS: defineError('TWL_STORE_REVIEW_EXISTS', 409, 'Al beoordeeld'),
  NOT_ACCREDITOR: defineError('TWL_STORE_NOT_ACCREDITOR', 403, 'Geen accrediterende organisatie'),
  SUBSCRIPTION_EXISTS: defineError('TWL_STORE_SUBSCRIPTION_EXISTS', 409, 'Abonnement bestaat al'),
  SUBSCRIPTION_NOT_FOUND: defineError('TWL_STORE_SUBSCRIPTION_NOT_FOUND', 404, 'Geen actief abonnement'),
  INVALID_EXPIRY: defineError('TWL_STORE_INVALID_EXPIRY', 400, 'Ongeldige vervaldatum'),
  SIGNING_KEY_UNAVAILABLE: defineError('TWL_STORE_SIGNING_KEY_UNAVAILABLE', 500, 'Ondertekeningssleutel niet beschikbaar'),
} as const;
