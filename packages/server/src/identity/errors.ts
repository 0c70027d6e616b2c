import { defineError } from '../errors.js';

export const IDENTITY_ERRORS = {
  UNAUTHENTICATED: defineError('TWL_IDENTITY_UNAUTHENTICATED', 401, 'Niet aangemeld'),
  TOKEN_INVALID: defineError('TWL_IDENTITY_TOKEN_INVALID', 401, 'Token ongeldig'),
  TOKEN_EXPIRED: defineError('TWL_IDENTITY_TOKEN_EXPIRED', 401, 'Token verlopen'),
  TOKEN_REVOKED: defineError('TWL_IDENTITY_TOKEN_REVOKED', 401, 'Token ingetrokken'),
  FORBIDDEN: defineError('TWL_IDENTITY_FORBIDDEN', 403, 'Geen toegang'),
  ORGANISATION_NOT_FOUND: defineError('TWL_IDENTITY_ORGANISATION_NOT_FOUND', 404, 'Organisatie niet gevonden'),
  ORGANISATION_EXISTS: defineError('TWL_IDENTITY_ORGANISATION_EXISTS', 409, 'Organisatie bestaat al'),
  MEMBER_NOT_FOUND: defineError('TWL_IDENTITY_MEMBER_NOT_FOUND', 404, 'Lid niet gevonden'),
  MEMBER_EXISTS: defineError('TWL_IDENTITY_MEMBER_EXISTS', 409, 'Al lid'),
  LAST_ADMIN: defineError('TWL_IDENTITY_LAST_ADMIN', 409, 'Laatste beheerder'),
  TOKEN_NOT_FOUND: defineError('TWL_IDENTITY_TOKEN_NOT_FOUND', 404, 'Token niet gevonden'),
  TOKEN_LIFETIME_TOO_LONG: defineError('TWL_IDENTITY_TOKEN_LIFETIME_TOO_LONG', 400, 'Geldigheid te lang'),
  TOKEN_NOT_ACTIVE: defineError('TWL_IDENTITY_TOKEN_NOT_ACTIVE', 409, 'Token niet meer geldig'),
  MAY_NOT_ACCREDIT: defineError('TWL_IDENTITY_MAY_NOT_ACCREDIT', 400, 'Mag niet accrediteren'),
  ROLE_TOO_HIGH: defineError('TWL_IDENTITY_ROLE_TOO_HIGH', 403, 'Rol te hoog'),
} as const;
