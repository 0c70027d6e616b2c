/** Machine-readable codes of {@link HittestressError}. */
export type HittestressErrorCode =
  | 'SUN_BELOW_HORIZON'
  | 'OUTSIDE_GRID'
  | 'MISSING_HEIGHT'
  | 'INVALID_INPUT';

/**
 * The one error type of the Hittestress model: a code the platform can map to a problem type, and
 * a message a policy advisor can read (what is wrong, which input, what to do).
 *
 * @example
 * try { sunlitFraction(prepared, sun) } catch (e) { if (e instanceof HittestressError && e.code === 'SUN_BELOW_HORIZON') … }
 */
export class HittestressError extends Error {
  /** Machine-readable error code. */
  readonly code: HittestressErrorCode;

  constructor(code: HittestressErrorCode, message: string) {
    super(message);
    this.name = 'HittestressError';
    this.code = code;
  }
}
