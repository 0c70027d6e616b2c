import { defineError } from '../errors.js';

/** Errors of the http room itself (most come from the rooms behind it). */
export const HTTP_ERRORS = {
  RATE_LIMITED: defineError('TWL_RATE_LIMITED', 429, 'Te veel verzoeken'),
} as const;
