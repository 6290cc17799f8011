// A push that the database fails for another reason than a refused value (a cancelled query, a
// lock timeout, …) must fail the whole request with a 5xx, which the desktop app treats as
// "try again later" (electron/core/sync/client.ts: every status >= 500 is a retryable 'server'
// failure), and leave nothing behind: no record written, no change remembered as rejected. The
// same batch pushed again once the cause is gone is then applied normally.
//
// The faults are real PostgreSQL errors: a trigger on change_log raising a non-data SQLSTATE (on
// every backend), and on a PostgreSQL server a row really locked by another connection while the
// service's connections have a short lock_timeout.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolDb } from '../src/db/pg';
import type { Db } from '../src/db/types';
import { backends, freshDb, key, push, school, startWorld, type World } from './harness';

const guardian = (id: string, baseVersion = 0, over: Record<string, unknown> = {}) => ({
  key: key(),
  entity: 'guardian',
  id,
  op: 'upsert',
  baseVersion,
  data: { lastName: 'Martin', firstName: 'Claire', phone: '+33612345678', email: null, ...over },
});
const student = (id: string) => ({
  key: key(),
  entity: 'student',
  id,
  op: 'upsert',
  baseVersion: 0,
  data: { lastName: 'Martin', firstName: 'Léo', birthDate: '2014-03-02', division: '6A' },
});
const link = (studentId: string, guardianId: string) => ({
  key: key(),
  entity: 'guardianship',
  id: `${guardianId}:${studentId}`,
  op: 'upsert',
  baseVersion: 0,
  data: { studentId, guardianId, relation: 'MERE', legalRank: 1 },
});

/** Everything a push of this school writes, to compare before and after a failed push. */
async function stateOf(db: Db, schoolId: string) {
  const rows = (table: string, cols: string) => db.query(`SELECT ${cols} FROM ${table} WHERE school_id = $1 ORDER BY 1, 2`, [schoolId]);
  return {
    guardian: await rows('guardian', 'id, version, deleted, last_name, phone'),
    student: await rows('student', 'id, version, deleted, last_name'),
    guardianship: await rows('guardianship', 'id, version, deleted, student_id'),
    changeLog: await rows('change_log', 'key, request_hash, result'),
  };
}

let faultCounter = 0;
/**
 * Makes PostgreSQL fail every change_log insert of one school with `sqlstate` (not a data error):
 * the last write of both the fast path and the change-by-change replay. Returns its removal.
 */
async function failChangeLog(db: Db, schoolId: string, sqlstate: string): Promise<() => Promise<void>> {
  expect(schoolId).toMatch(/^[\w-]+$/);
  expect(sqlstate).toMatch(/^[0-9A-Z]{5}$/);
  const name = `push_fault_${++faultCounter}`;
  await db.query(
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'injected fault' USING ERRCODE = '${sqlstate}'; END $$`,
  );
  await db.query(`CREATE TRIGGER ${name} BEFORE INSERT ON change_log FOR EACH ROW WHEN (NEW.school_id = '${schoolId}') EXECUTE FUNCTION ${name}()`);
  return async () => {
    await db.query(`DROP TRIGGER ${name} ON change_log`);
    await db.query(`DROP FUNCTION ${name}()`);
  };
}

/** Pushes `batch` while change_log inserts fail with `sqlstate`: a retryable failure, and the
 * school's state exactly as before. The fault is removed whatever happens. */
async function pushUnderFault(w: World, s: { id: string; token: string }, sqlstate: string, batch: unknown[]): Promise<void> {
  const before = await stateOf(w.db, s.id);
  const restore = await failChangeLog(w.db, s.id, sqlstate);
  try {
    expectRetryableFailure(await push(w, s.token, batch));
    expect(await stateOf(w.db, s.id)).toEqual(before);
  } finally {
    await restore();
  }
}

/** The answer the desktop app retries later: a 5xx with the service's generic internal error. */
function expectRetryableFailure(r: { status: number; body: unknown }) {
  expect(r.status).toBeGreaterThanOrEqual(500);
  expect(r.body).toEqual({ error: { code: 'internal', message: expect.stringMatching(/réessayez/) } });
}

describe.each(backends)('push faults on %s', (backend) => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(backend);
  }, 180_000);
  afterAll(async () => w?.close());

  it('fails the whole request with a 5xx on a non-data error in the one-transaction path, keeps nothing of the batch, and applies its retry', async () => {
    const s = await school(w);
    const g1 = guardian('g1');
    expect((await push(w, s.token, [g1])).body.results[0]).toMatchObject({ status: 'applied', version: 1 });

    const batch = [guardian('g1', 1, { phone: '+33699999999' }), student('s1'), guardian('g2'), link('s1', 'g2'), { key: key(), entity: 'guardian', id: 'g1', op: 'delete', baseVersion: 2 }];
    await pushUnderFault(w, s, '57014', batch); // query_canceled

    const retry = await push(w, s.token, batch);
    expect(retry.status).toBe(200);
    expect(retry.body.results.map((r) => [r.status, r.version])).toEqual([
      ['applied', 2],
      ['applied', 1],
      ['applied', 1],
      ['applied', 1],
      ['applied', 3],
    ]);
    // Once, and only once: the same batch again is all duplicates and changes nothing.
    const applied = await stateOf(w.db, s.id);
    expect(applied.changeLog).toHaveLength(6);
    const again = await push(w, s.token, batch);
    expect(again.body.results.map((r) => r.status)).toEqual(Array(5).fill('duplicate'));
    expect(await stateOf(w.db, s.id)).toEqual(applied);
  });

  it('fails the whole request with a 5xx on a non-data error during the change-by-change replay, and records no rejection', async () => {
    const s = await school(w);
    // The NUL sends the batch to the replay path; the fault then hits the first change's log.
    const batch = [guardian('g1'), guardian('g2', 0, { lastName: 'Mar\u0000tin' }), guardian('g3')];
    await pushUnderFault(w, s, '55P03', batch); // lock_not_available

    const retry = await push(w, s.token, batch);
    expect(retry.status).toBe(200);
    expect(retry.body.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    expect((await stateOf(w.db, s.id)).guardian.map((g) => g.id)).toEqual(['g1', 'g3']);
    expect((await push(w, s.token, batch)).body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
  });

  it('fails the request with a 5xx when recording a refused change fails for another reason, rather than answer an unrecorded rejection', async () => {
    const s = await school(w);
    const poisoned = guardian('g1', 0, { lastName: 'Mar\u0000tin' });
    // Nothing kept: no record, and no rejection in change_log.
    await pushUnderFault(w, s, '57014', [poisoned]);
    expect((await stateOf(w.db, s.id)).changeLog).toEqual([]);
    const retry = await push(w, s.token, [poisoned]);
    expect(retry.body.results).toEqual([{ key: poisoned.key, status: 'rejected', reason: expect.stringMatching(/refusées/) }]);
    expect((await push(w, s.token, [poisoned])).body.results[0]).toMatchObject({ status: 'duplicate', original: { status: 'rejected' } });
    expect((await stateOf(w.db, s.id)).guardian).toEqual([]);
  });

  // A real lock held by another connection needs a PostgreSQL server (PGlite has one connection).
  if (backend === 'pg') {
    it('fails with a 5xx when a record is locked by another connection past lock_timeout, keeps nothing, and applies the retry once the lock is gone', async () => {
      const url = process.env.SESAME_TEST_DATABASE_URL!;
      const { db: base, close: closeBase } = await freshDb('pg');
      const schema = (await base.query<{ s: string }>('SELECT current_schema() AS s'))[0]!.s;
      // The service's own connections, with a short lock_timeout set for them only (no role or
      // database setting to restore).
      const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema} -c lock_timeout=300` });
      pool.on('error', () => undefined);
      const other = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
      let lw: World | null = null;
      try {
        lw = await startWorld('pg', {}, poolDb(pool));
        const s = await school(lw);
        await push(lw, s.token, [guardian('g1'), guardian('g2')]);
        const before = await stateOf(lw.db, s.id);
        const batch = [guardian('g3'), student('s1'), guardian('g1', 1, { phone: '+33699999999' }), link('s1', 'g2')];

        await other.connect();
        await other.query('BEGIN');
        await other.query("SELECT 1 FROM guardian WHERE school_id = $1 AND id = 'g1' FOR UPDATE", [s.id]);
        try {
          expectRetryableFailure(await push(lw, s.token, batch));
        } finally {
          await other.query('ROLLBACK');
        }
        expect(await stateOf(lw.db, s.id)).toEqual(before);

        const retry = await push(lw, s.token, batch);
        expect(retry.status).toBe(200);
        expect(retry.body.results.map((r) => [r.status, r.version])).toEqual([
          ['applied', 1],
          ['applied', 1],
          ['applied', 2],
          ['applied', 1],
        ]);
        expect((await push(lw, s.token, batch)).body.results.map((r) => r.status)).toEqual(Array(4).fill('duplicate'));
      } finally {
        await other.end().catch(() => undefined);
        await lw?.close(); // leaves the shared pool open
        await pool.end();
        await closeBase();
      }
    });
  }
});
