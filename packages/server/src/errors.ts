import type { ProblemFieldError } from '@tweeling/core';

/** Definition of one error in the catalogue: a stable code, its HTTP status and a title. */
export interface ErrorDefinition {
  code: string;
  status: number;
  title: string;
}

/**
 * An error a service throws on purpose. The HTTP layer turns it into application/problem+json;
 * `detail` is written for the user (no SQL, no stack).
 */
export class TweelingError extends Error {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly errors: ProblemFieldError[] | undefined;
  constructor(definition: ErrorDefinition, detail: string, errors?: ProblemFieldError[]) {
    super(detail);
    this.name = 'TweelingError';
    this.code = definition.code;
    this.status = definition.status;
    this.title = definition.title;
    this.errors = errors;
  }
}

/** Build a catalogue entry (Fastify's createError style, without the class per code). */
export const defineError = (code: string, status: number, title: string): ErrorDefinition => ({ code, status, title });

/** Errors every room may throw. Rooms keep their own in their `errors.ts`. */
export const COMMON_ERRORS = {
  NOT_FOUND: defineError('TWL_NOT_FOUND', 404, 'Niet gevonden'),
  VALIDATION: defineError('TWL_VALIDATION', 400, 'Ongeldige invoer'),
  CONFLICT: defineError('TWL_CONFLICT', 409, 'Conflict'),
  PAYLOAD_TOO_LARGE: defineError('TWL_PAYLOAD_TOO_LARGE', 413, 'Verzoek te groot'),
  UNSUPPORTED_MEDIA_TYPE: defineError('TWL_UNSUPPORTED_MEDIA_TYPE', 415, 'Mediatype niet ondersteund'),
  NOT_ACCEPTABLE: defineError('TWL_NOT_ACCEPTABLE', 406, 'Formaat niet beschikbaar'),
  INTERNAL: defineError('TWL_INTERNAL', 500, 'Interne fout'),
  UNAVAILABLE: defineError('TWL_UNAVAILABLE', 503, 'Dienst tijdelijk niet beschikbaar'),
} as const;
