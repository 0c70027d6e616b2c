import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, GENESIS_HASH, listAudit, verifyAuditChain, type Actor } from './index.js';
import { openTestDb, TEST_ENGINES, type TestDb } from '../../test/harness.js';

const actor: Actor = { organisationId: 'almere', userId: null, tokenId: null, label: 'test', requestId: 'req-1' };
const at = new Date('2026-11-26T09:00:00.000Z');

describe.each(TEST_ENGINES)('audit chain on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => db?.dispose());

  it('links each entry to the hash of the previous one', async () => {
    const first = await db.kysely.transaction().execute((trx) => appendAudit(trx, actor, { action: 'a.create', targetType: 'a', targetId: '1', payload: { x: 1 } }, at));
    const second = await db.kysely.transaction().execute((trx) => appendAudit(trx, actor, { action: 'a.update', targetType: 'a', targetId: '1' }, at));
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: true, entries: 2, headHash: second.hash });
  });

  it('keeps the chain linear under concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        db.kysely.transaction().execute((trx) => appendAudit(trx, actor, { action: 'b.create', targetType: 'b', targetId: String(i) }, at)),
      ),
    );
    const result = await verifyAuditChain(db.kysely);
    expect(result).toMatchObject({ ok: true, entries: 14 });
  });

  it('leaves no entry behind when the change it belongs to rolls back', async () => {
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await appendAudit(trx, actor, { action: 'c.create', targetType: 'c', targetId: 'x' }, at);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const page = await listAudit(db.kysely, { organisationId: 'almere', limit: 100, action: 'c.create' });
    expect(page.entries).toEqual([]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE (append-only)', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`.execute(db.kysely)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE seq = 1`.execute(db.kysely)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(db.kysely)).rejects.toThrow(/append-only/);
  });

  it('pages an organisation\'s entries newest first, and hides other organisations', async () => {
    await db.kysely.transaction().execute((trx) => appendAudit(trx, { ...actor, organisationId: 'dronten' }, { action: 'd.create', targetType: 'd', targetId: '1' }, at));
    const page1 = await listAudit(db.kysely, { organisationId: 'almere', limit: 5 });
    expect(page1.entries.map((e) => e.seq)).toEqual([14, 13, 12, 11, 10]);
    const page2 = await listAudit(db.kysely, { organisationId: 'almere', limit: 5, before: page1.nextBefore ?? 0 });
    expect(page2.entries[0]?.seq).toBe(9);
    const all = await listAudit(db.kysely, { organisationId: 'almere', limit: 500 });
    expect(all.entries.every((e) => e.organisationId === 'almere')).toBe(true);
    expect(all.nextBefore).toBeNull();
  });

  it('names the first changed entry when someone with database rights tampers with a row', async () => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(db.kysely);
    await sql`UPDATE audit_log SET target_id = 'vervalst' WHERE seq = 5`.execute(db.kysely);
    const changed = await verifyAuditChain(db.kysely);
    expect(changed).toMatchObject({ ok: false, entries: 4, firstBroken: { seq: 5 } });
    expect(changed.firstBroken?.reason).toMatch(/changed/);

    await sql`DELETE FROM audit_log WHERE seq = 3`.execute(db.kysely);
    const removed = await verifyAuditChain(db.kysely);
    expect(removed).toMatchObject({ ok: false, entries: 2, firstBroken: { seq: 4 } });
    expect(removed.firstBroken?.reason).toMatch(/missing/);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`.execute(db.kysely);
  });
});
