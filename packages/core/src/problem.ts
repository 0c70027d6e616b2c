import { z } from 'zod';

/** One failing field of a request, named by its path (`body.name`, `query.limit`). */
export const ProblemFieldError = z
  .object({
    path: z.string().describe('Where the problem is, e.g. `body.email` or `querystring.limit`'),
    message: z.string().describe('What is wrong with it'),
  })
  .describe('A field-level validation problem');
export type ProblemFieldError = z.infer<typeof ProblemFieldError>;

/**
 * RFC 9457 problem details, the body of every error response
 * (`application/problem+json`, NL API Design Rules).
 */
export const Problem = z
  .object({
    type: z.string().describe('URI reference that identifies the problem type'),
    title: z.string().describe('Short, human-readable summary of the problem type'),
    status: z.number().int().min(400).max(599).describe('HTTP status code'),
    detail: z.string().optional().describe('Explanation of this occurrence, written for the user'),
    instance: z.string().optional().describe('URI of the request that caused the problem'),
    code: z.string().describe('Stable Tweeling error code, e.g. `TWL_IDENTITY_FORBIDDEN`'),
    requestId: z.string().optional().describe('Request id, also in the server log'),
    errors: z.array(ProblemFieldError).optional().describe('Every failing field, for validation problems'),
  })
  .describe('Problem details (RFC 9457)');
export type Problem = z.infer<typeof Problem>;

/** Content type of every error body. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
