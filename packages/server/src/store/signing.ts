import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canonicalJson } from '@tweeling/core';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { STORE_ERRORS } from './errors.js';

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

const ENCRYPTED_PEM = '-----BEGIN ENCRYPTED PRIVATE KEY-----';

/** PKCS#8 PEM of a private key; with a secret key: encrypted (PKCS#5 v2: PBKDF2 + AES-256-CBC). */
function exportPrivate(key: KeyObject, secretKey: string | undefined): string {
  const pem = secretKey ? key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: secretKey }) : key.export({ type: 'pkcs8', format: 'pem' });
  return pem.toString();
}

/** @throws TWL_STORE_SIGNING_KEY_UNAVAILABLE when the stored key is encrypted and the secret key is missing or wrong */
function openPrivate(pem: string, secretKey: string | undefined): KeyObject {
  if (!pem.startsWith(ENCRYPTED_PEM)) return createPrivateKey(pem);
  if (!secretKey) throw new TweelingError(STORE_ERRORS.SIGNING_KEY_UNAVAILABLE, 'De ondertekeningssleutel is versleuteld opgeslagen en de server heeft geen TWEELING_SECRET_KEY; ondertekenen kan nu niet.');
  try {
    return createPrivateKey({ key: pem, format: 'pem', passphrase: secretKey });
  } catch {
    throw new TweelingError(STORE_ERRORS.SIGNING_KEY_UNAVAILABLE, 'De ondertekeningssleutel past niet bij TWEELING_SECRET_KEY; ondertekenen kan nu niet.');
  }
}

/**
 * The instance's Ed25519 key pair, generated at first use inside the caller's transaction and kept
 * in `store_signing_keys`. The private key (PKCS#8 PEM) is read only here and used only to sign; no
 * route or service returns it. With TWEELING_SECRET_KEY (`secretKey`) it is stored encrypted, and a
 * key stored in the clear before the secret key was set is encrypted at its next use; without it,
 * whoever can read the database can sign — protect the database (roles, disk encryption) then.
 */
async function instanceKey(trx: Kysely<Database>, now: Date, secretKey: string | undefined): Promise<{ id: string; privateKey: KeyObject }> {
  const existing = await trx.selectFrom('store_signing_keys').select(['id', 'private_key']).orderBy('created_at').limit(1).executeTakeFirst();
  if (existing) {
    const privateKey = openPrivate(existing.private_key, secretKey);
    if (secretKey && !existing.private_key.startsWith(ENCRYPTED_PEM)) {
      await trx.updateTable('store_signing_keys').set({ private_key: exportPrivate(privateKey, secretKey) }).where('id', '=', existing.id).execute();
    }
    return { id: existing.id, privateKey };
  }
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const id = keyId(publicPem);
  await trx.insertInto('store_signing_keys').values({ id, public_key: publicPem, private_key: exportPrivate(privateKey, secretKey), created_at: now }).execute();
  return { id, privateKey };
}

/**
 * Signs `canonicalJson(statement)` with the instance key; returns the base64 signature and key id.
 * `secretKey`: TWEELING_SECRET_KEY, when the operator set one.
 */
export async function signStatement(trx: Kysely<Database>, statement: unknown, now: Date, secretKey?: string): Promise<{ signature: string; keyId: string }> {
  const key = await instanceKey(trx, now, secretKey);
  const signature = sign(null, Buffer.from(canonicalJson(statement), 'utf8'), key.privateKey).toString('base64');
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
