import { z } from 'zod';
import { OrganisationId } from './identity.js';

/** One entry in the append-only, hash-chained audit log. */
export const AuditEntry = z
  .object({
    seq: z.number().int().positive().describe('Position in the chain'),
    at: z.string().datetime().describe('When it happened (ISO 8601, UTC)'),
    organisationId: OrganisationId.nullable().describe('Organisation the action belongs to'),
    actorUserId: z.string().uuid().nullable(),
    actorTokenId: z.string().uuid().nullable(),
    actor: z.string().describe('Readable actor, e.g. `token:…` or `cli`'),
    action: z.string().describe('What was done, e.g. `member.create`'),
    targetType: z.string().describe('Kind of object acted on'),
    targetId: z.string().nullable(),
    requestId: z.string().nullable(),
    payloadDigest: z.string().describe('SHA-256 of the canonical JSON of the request payload'),
    prevHash: z.string().describe('Hash of the previous entry (64 zeros for the first)'),
    hash: z.string().describe('SHA-256 over this entry and prevHash'),
  })
  .describe('Audit log entry');
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  nextBefore: z.number().int().nullable().describe('Pass as `before` to get the next (older) page'),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional().describe('Only entries with seq below this'),
  action: z.string().max(100).optional(),
});
