import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** Every Tweeling token starts with this, so secret scanners and people recognise one. */
export const TOKEN_PREFIX = 'twl_';
/** 32 random bytes: 256 bits, so a fast hash is enough to store it (no password stretching needed). */
const TOKEN_BYTES = 32;
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;

export interface NewTokenSecret {
  id: string;
  token: string;
  hash: string;
  prefix: string;
}

/** A fresh random token; only its hash is stored, the token is shown once. */
export function generateToken(): NewTokenSecret {
  const token = TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');
  return { id: randomUUID(), token, hash: hashToken(token), prefix: token.slice(0, SHOWN_PREFIX_LENGTH) };
}

/** SHA-256 hex of a token, as stored and looked up. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a string has the shape of a Tweeling token (cheap check before a database lookup). */
export function looksLikeToken(token: string): boolean {
  return token.startsWith(TOKEN_PREFIX) && token.length >= 20 && token.length <= 100 && /^[A-Za-z0-9_-]+$/.test(token);
}
