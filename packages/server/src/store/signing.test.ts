import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accreditation, Problem } from '@tweeling/core';
import { bearer, buildTestApp, openTestDb, tokenFor, type TestDb } from '../../test/harness.js';
import { signStatement, verifyStatement } from './signing.js';

const SECRET = 'een-geheime-sleutel-van-minstens-32-tekens-lang';
const storedKey = async (db: TestDb) => (await db.kysely.selectFrom('store_signing_keys').select(['id', 'public_key', 'private_key']).executeTakeFirstOrThrow());

/** The store's Ed25519 signing key at rest: encrypted with TWEELING_SECRET_KEY when the operator sets one. */
describe('signing key encryption (TWEELING_SECRET_KEY)', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb('pglite');
  });
  afterAll(async () => {
    await db.dispose();
  });
  const statement = { appId: 'hittestress', scope: 'test' };

  it('encrypts a key kept in the clear at its next use once a secret key is set, and keeps signing with it', async () => {
    const plain = await signStatement(db.kysely, statement, new Date());
    const before = await storedKey(db);
    expect(before.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----/);

    const encrypted = await signStatement(db.kysely, statement, new Date(), SECRET);
    const after = await storedKey(db);
    expect(after.private_key).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect(after.id).toBe(before.id);
    expect(encrypted).toEqual(plain); // Ed25519 is deterministic: same key, same signature
    expect(verifyStatement(statement, encrypted.signature, after.public_key)).toBe(true);
  });

  it('refuses to sign without the secret key, or with a wrong one, with a problem that says so', async () => {
    await expect(signStatement(db.kysely, statement, new Date())).rejects.toMatchObject({ code: 'TWL_STORE_SIGNING_KEY_UNAVAILABLE', message: expect.stringContaining('TWEELING_SECRET_KEY') });
    await expect(signStatement(db.kysely, statement, new Date(), `${SECRET}-fout`)).rejects.toMatchObject({ code: 'TWL_STORE_SIGNING_KEY_UNAVAILABLE', message: expect.stringContaining('past niet') });
  });

  it('makes a new key encrypted when the server runs with TWEELING_SECRET_KEY, and signs accreditations over HTTP', async () => {
    const fresh = await openTestDb('pglite');
    try {
      const app = await buildTestApp(fresh, { env: { RUN_JOBS: 'false', TWEELING_SECRET_KEY: SECRET } });
      const accreditor = await tokenFor(fresh, 'kennisinstituut', 'admin');
      const res = await app.inject({ method: 'POST', url: '/api/v1/apps/hittestress/accreditations', headers: bearer(accreditor), payload: { scope: 'Hittekaart op buurtniveau', expiresAt: '2030-01-01T00:00:00.000Z' } });
      expect(res.statusCode).toBe(201);
      const accreditation = Accreditation.parse(res.json());
      expect(accreditation.status).toBe('valid');
      expect((await storedKey(fresh)).private_key).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
      await app.close();

      // The same database served without the secret key: verifying still works, signing is refused (500 problem).
      const without = await buildTestApp(fresh, { env: { RUN_JOBS: 'false' } });
      const listed = await without.inject({ method: 'GET', url: '/api/v1/apps/hittestress/accreditations' });
      expect(listed.json().accreditations.map((a: { status: string }) => a.status)).toEqual(['valid']);
      const refused = await without.inject({ method: 'POST', url: '/api/v1/apps/hittestress/accreditations', headers: bearer(accreditor), payload: { scope: 'Nog een', expiresAt: '2030-01-01T00:00:00.000Z' } });
      expect(refused.statusCode).toBe(500);
      expect(Problem.parse(refused.json()).code).toBe('TWL_STORE_SIGNING_KEY_UNAVAILABLE');
      await without.close();
    } finally {
      await fresh.dispose();
    }
  });
});
