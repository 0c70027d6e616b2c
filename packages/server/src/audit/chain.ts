import { createHash } from 'node:crypto';
import { canonicalJson } from '@tweeling/core';

/** The hash that precedes the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an entry that its hash covers (all but the hash itself). */
export interface ChainedFields {
  seq: number;
  at: Date;
  organisationId: string | null;
  actorUserId: string | null;
  actorTokenId: string | null;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  requestId: string | null;
  payloadDigest: string;
  prevHash: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** SHA-256 over the canonical JSON of the entry's fields, which include the previous hash. */
export function entryHash(fields: ChainedFields): string {
  return sha256(canonicalJson({ ...fields, at: fields.at.toISOString() }));
}

/** SHA-256 of the canonical JSON of a request payload (the payload itself is not stored). */
export function payloadDigest(payload: unknown): string {
  return sha256(canonicalJson(payload ?? null));
}
