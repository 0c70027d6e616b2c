import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrationStatus } from './index.js';
import { MIGRATIONS } from './migrations/index.js';
import { openTestDb, TEST_ENGINES, type TestDb } from '../../test/harness.js';

describe.each(TEST_ENGINES)('database layer on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => db?.dispose());

  it('reports the engine it runs on', () => {
    expect(db.engine).toBe(engine);
  });

  it('has every migration applied, and migrating again applies nothing', async () => {
    expect(await migrationStatus(db)).toEqual({ applied: MIGRATIONS.length, known: MIGRATIONS.length, current: true });
    expect(await migrate(db)).toEqual([]);
  });

  it('refuses a migration that was changed after it was applied', async () => {
    await expect(migrate(db, [{ id: 1, name: 'foundation', sql: 'SELECT 1' }])).rejects.toThrow(/was changed after it was applied/);
  });

  it('sees a migration it does not have yet as not current', async () => {
    const extra = [...MIGRATIONS, { id: 99, name: 'future', sql: 'SELECT 1' }];
    expect((await migrationStatus(db, extra)).current).toBe(false);
  });

  it('returns count(*) and bigint as a JS number on both engines', async () => {
    const result = await sql<{ n: unknown; b: unknown }>`SELECT count(*) AS n, 9007199254740991::bigint AS b FROM organisations`.execute(db.kysely);
    expect(result.rows[0]).toEqual({ n: 0, b: Number.MAX_SAFE_INTEGER });
  });

  it('rolls a failed transaction back completely (all-or-nothing)', async () => {
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await trx.insertInto('organisations').values({ id: 'halfweg', name: 'Half', kind: 'gemeente', oin: null, cbs_code: null }).execute();
        await trx.insertInto('organisations').values({ id: 'halfweg', name: 'Dubbel', kind: 'gemeente', oin: null, cbs_code: null }).execute();
      }),
    ).rejects.toThrow();
    const left = await db.kysely.selectFrom('organisations').select('id').where('id', '=', 'halfweg').execute();
    expect(left).toEqual([]);
  });

  it('has PostGIS with the RD New → WGS84 transformation', async () => {
    const result = await sql<{ lon: number; lat: number }>`
      SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(155000, 463000), 28992), 4326) AS p) q`.execute(db.kysely);
    const row = result.rows[0]!;
    // Amersfoort, the origin of RD: 52.1552 N, 5.3872 E (to about a metre).
    expect(row.lat).toBeCloseTo(52.1552, 3);
    expect(row.lon).toBeCloseTo(5.3872, 3);
  });

  it('serialises concurrent transactions on one database without mixing them', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `gelijktijdig-${i}`);
    await Promise.all(
      ids.map((id) =>
        db.kysely.transaction().execute(async (trx) => {
          await trx.insertInto('organisations').values({ id, name: id, kind: 'gemeente', oin: null, cbs_code: null }).execute();
          if (id.endsWith('-3')) throw new Error('this one fails');
        }),
      ).map((p) => p.catch(() => undefined)),
    );
    const rows = await db.kysely.selectFrom('organisations').select('id').where('id', 'like', 'gelijktijdig-%').execute();
    expect(rows.map((r) => r.id).sort()).toEqual(ids.filter((id) => !id.endsWith('-3')).sort());
  });
});
