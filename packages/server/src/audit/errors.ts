import { defineError } from '../errors.js';

export const AUDIT_ERRORS = {
  CHAIN_BROKEN: defineError('TWL_AUDIT_CHAIN_BROKEN', 500, 'Auditketen verbroken'),
} as const;
