import { sql, type Kysely, type Selectable } from 'kysely';
import type { AuditEntry } from '@tweeling/core';
import type { Database } from '../db/index.js';
import { entryHash, GENESIS_HASH, payloadDigest, type ChainedFields } from './chain.js';

/** Arbitrary fixed key of the advisory lock that serialises appends to the chain. */
const AUDIT_LOCK_KEY = 7_001_002;

/** Who did something: resolved from the request's token, or the CLI. */
export interface Actor {
  organisationId: string | null;
  userId: string | null;
  tokenId: string | null;
  /** Readable label, e.g. `token:twl_AbCd…` or `cli`. */
  label: string;
  requestId: string | null;
}

export interface AuditEvent {
  action: string;
  targetType: string;
  targetId: string | null;
  /** Organisation the action belongs to (defaults to the actor's). */
  organisationId?: string | null;
  /** What was asked; only its digest is stored. */
  payload?: unknown;
}

/**
 * Appends one entry. Must be called with the transaction that makes the change, so that the change
 * and its audit entry commit or roll back together. Appends are serialised by an advisory lock held
 * until that transaction ends, which keeps the chain linear under concurrency.
 */
export async function appendAudit(trx: Kysely<Database>, actor: Actor, event: AuditEvent, now: Date): Promise<AuditEntry> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const head = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const fields: ChainedFields = {
    seq: (head?.seq ?? 0) + 1,
    at: new Date(now.getTime()),
    organisationId: event.organisationId === undefined ? actor.organisationId : event.organisationId,
    actorUserId: actor.userId,
    actorTokenId: actor.tokenId,
    actor: actor.label,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    requestId: actor.requestId,
    payloadDigest: payloadDigest(event.payload),
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const hash = entryHash(fields);
  await trx
    .insertInto('audit_log')
    .values({
      seq: fields.seq,
      at: fields.at,
      organisation_id: fields.organisationId,
      actor_user_id: fields.actorUserId,
      actor_token_id: fields.actorTokenId,
      actor: fields.actor,
      action: fields.action,
      target_type: fields.targetType,
      target_id: fields.targetId,
      request_id: fields.requestId,
      payload_digest: fields.payloadDigest,
      prev_hash: fields.prevHash,
      hash,
    })
    .execute();
  return toEntry({ ...fields, hash });
}

type AuditRow = Selectable<Database['audit_log']>;

function rowToFields(row: AuditRow): ChainedFields & { hash: string } {
  return {
    seq: Number(row.seq),
    at: new Date(row.at),
    organisationId: row.organisation_id,
    actorUserId: row.actor_user_id,
    actorTokenId: row.actor_token_id,
    actor: row.actor,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    requestId: row.request_id,
    payloadDigest: row.payload_digest,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function toEntry(fields: ChainedFields & { hash: string }): AuditEntry {
  return { ...fields, at: fields.at.toISOString() };
}

export interface ChainVerification {
  ok: boolean;
  entries: number;
  headHash: string;
  /** The first entry that does not verify, and why. */
  firstBroken: { seq: number; reason: string } | null;
}

/** Batch size when walking the chain; keeps memory flat for long logs. */
const VERIFY_BATCH = 5_000;

/**
 * Recomputes the whole chain from the first entry: every hash, every link to the previous hash and
 * the sequence without gaps. Stops at the first broken entry.
 */
export async function verifyAuditChain(db: Kysely<Database>): Promise<ChainVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(VERIFY_BATCH).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const fields = rowToFields(row);
      const broken = (reason: string): ChainVerification => ({ ok: false, entries, headHash: prevHash, firstBroken: { seq: fields.seq, reason } });
      if (fields.seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing (next present is ${fields.seq})`);
      if (fields.prevHash !== prevHash) return broken('prevHash does not match the hash of the previous entry');
      const { hash, ...chained } = fields;
      if (entryHash(chained) !== hash) return broken('content does not match its hash (the entry was changed)');
      prevHash = hash;
      expectedSeq += 1;
      entries += 1;
    }
  }
  return { ok: true, entries, headHash: prevHash, firstBroken: null };
}

export interface AuditListOptions {
  organisationId: string;
  limit: number;
  before?: number | undefined;
  action?: string | undefined;
}

/** Entries of one organisation, newest first, paged by `before` (a seq). */
export async function listAudit(db: Kysely<Database>, options: AuditListOptions): Promise<{ entries: AuditEntry[]; nextBefore: number | null }> {
  let query = db.selectFrom('audit_log').selectAll().where('organisation_id', '=', options.organisationId);
  if (options.before !== undefined) query = query.where('seq', '<', options.before);
  if (options.action !== undefined) query = query.where('action', '=', options.action);
  const rows = await query.orderBy('seq', 'desc').limit(options.limit + 1).execute();
  const page = rows.slice(0, options.limit).map((row) => toEntry(rowToFields(row)));
  const last = page[page.length - 1];
  return { entries: page, nextBefore: rows.length > options.limit && last ? last.seq : null };
}
