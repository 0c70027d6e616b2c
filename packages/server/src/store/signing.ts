import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canonicalJson } from '@tweeling/core';
import type { Database } from '../db/index.js';

/** The instance's public signing key. */
export interface SigningKey {
  id: string;
  /** SPKI PEM. */
  publicKey: string;
}

/** Key id: the first 16 hex characters of the SHA-256 of the public key (DER). */
function keyId(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/**
 * The instance's Ed25519 key pair, generated at first use inside the caller's transaction and kept
 * in `store_signing_keys`. The private key (PKCS#8 PEM) is read only here and used only to sign; no
 * route or service returns it. It is not encrypted at rest: whoever can read the database can sign,
 * exactly as whoever can write the database could forge other records — protect the database
 * (PostgreSQL roles, disk encryption) accordingly.
 */
async function instanceKey(trx: Kysely<Database>, now: Date): Promise<{ id: string; privateKey: string }> {
  const existing = await trx.selectFrom('store_signing_keys').select(['id', 'private_key']).orderBy('created_at').limit(1).executeTakeFirst();
  if (existing) return { id: existing.id, privateKey: existing.private_key };
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const id = keyId(publicPem);
  await trx.insertInto('store_signing_keys').values({ id, public_key: publicPem, private_key: privatePem, created_at: now }).execute();
  return { id, privateKey: privatePem };
}

/** Signs `canonicalJson(statement)` with the instance key; returns the base64 signature and key id. */
export async function signStatement(trx: Kysely<Database>, statement: unknown, now: Date): Promise<{ signature: string; keyId: string }> {
  const key = await instanceKey(trx, now);
  const signature = sign(null, Buffer.from(canonicalJson(statement), 'utf8'), createPrivateKey(key.privateKey)).toString('base64');
  return { signature, keyId: key.id };
}

/** The instance's public keys (the private halves never leave this file), oldest first. */
export async function listPublicKeys(db: Kysely<Database>): Promise<Array<{ id: string; publicKey: string; createdAt: string }>> {
  const rows = await db.selectFrom('store_signing_keys').select(['id', 'public_key', 'created_at']).orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, publicKey: r.public_key, createdAt: new Date(r.created_at).toISOString() }));
}

/** Public keys by id. */
export async function publicKeys(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('store_signing_keys').select(['id', 'public_key']).execute();
  return new Map(rows.map((r) => [r.id, r.public_key]));
}

/** Whether `signature` (base64) is a valid Ed25519 signature of `canonicalJson(statement)` by `publicKeyPem`. */
export function verifyStatement(statement: unknown, signature: string, publicKeyPem: string | undefined): boolean {
  if (!publicKeyPem) return false;
  try {
    return verify(null, Buffer.from(canonicalJson(statement), 'utf8'), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
