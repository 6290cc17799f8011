import { z } from 'zod';
import { entityData, type Change, type ChangeResult, type Entity, type FirstOutcome } from '../../../shared/service-api/school';
import type { Queryable, Row } from '../db/types';
import type { Deps } from '../deps';
import type { SchoolRow } from '../http';
import { sha256 } from '../security/crypto';
import { columnsOf, dataOf, TABLE } from './records';

/**
 * Applies a batch in order, in ONE transaction per request (docs/decisions/010), each change with
 * its idempotency record (`change_log`): a retry after a cut connection finds the key and answers
 * 'duplicate' with the original outcome, and nothing is applied twice.
 *
 * Fast path: every read in a few `= ANY(…)` queries, the outcomes decided in memory in order,
 * the writes as a few multi-row statements, all under one savepoint. When that fails on one bad
 * change (a value the database refuses), the batch is replayed change by change, each under its
 * own savepoint, so that change alone is rejected and the others still apply.
 */
export async function pushChanges(deps: Deps, school: SchoolRow, changes: Change[]): Promise<ChangeResult[]> {
  const hashes = changes.map(requestHash);
  for (let attempt = 0; ; attempt++) {
    try {
      return await deps.db.tx(async (q) => {
        await q.query('SAVEPOINT batch');
        try {
          const results = await applyBatch(q, deps, school, changes, hashes);
          await q.query('RELEASE SAVEPOINT batch');
          return results;
        } catch (err) {
          // A race is settled by running the whole request again (it then sees the winner).
          if (!isDataError(err)) throw err;
          await q.query('ROLLBACK TO SAVEPOINT batch');
          return applyEach(q, deps, school, changes, hashes);
        }
      });
    } catch (err) {
      // Two pushes racing on one key or one new record: the loser retries and sees the winner.
      if (attempt < 3 && isRaceError(err)) continue;
      throw err;
    }
  }
}

const requestHash = (c: Change) => sha256(JSON.stringify([c.entity, c.id, c.op, c.baseVersion, c.data ?? null]));

const isRaceError = (err: unknown) => ['23505', '40001', '40P01'].includes(String((err as { code?: unknown })?.code));

/**
 * The database refused a value (class 22: data exception, e.g. a NUL in a text; NOT NULL or CHECK
 * violations). Only these become a recorded rejection of one change: a cancelled query, a timeout,
 * a full disk or a bug must fail the request (500) so the app retries, never be remembered as
 * "rejected" under the change's key, which would lose the change for good.
 */
const isDataError = (err: unknown) => {
  const code = String((err as { code?: unknown })?.code ?? '');
  return code.startsWith('22') || code === '23502' || code === '23514';
};

const keyReused = (key: string): ChangeResult => ({ key, status: 'rejected', reason: 'Clé d’idempotence déjà utilisée pour une autre modification.' });

function duplicateOf(key: string, original: FirstOutcome): ChangeResult {
  return { key, status: 'duplicate', ...(original.status === 'applied' ? { version: original.version } : {}), original };
}

// ---- fast path: the whole batch in a few statements --------------------------------------------------

/** A record as the batch sees it: the stored row (or none), then what earlier changes of the batch made of it. */
interface Rec {
  row: (Row & { rid: string; version: number; deleted: boolean }) | null;
  write: 'insert' | 'update' | null;
}

const ENTITY_LIST: Entity[] = ['student', 'guardian', 'guardianship'];

async function applyBatch(q: Queryable, deps: Deps, school: SchoolRow, changes: Change[], hashes: string[]): Promise<ChangeResult[]> {
  const now = deps.clock.now();
  const seen = new Map<string, { hash: string; result: FirstOutcome }>();
  for (const r of await q.query<{ key: string; request_hash: string; result: FirstOutcome }>(
    'SELECT key, request_hash, result FROM change_log WHERE school_id = $1 AND key = ANY($2::text[])',
    [school.id, [...new Set(changes.map((c) => c.key))]],
  ))
    seen.set(r.key, { hash: r.request_hash, result: r.result });

  // The records the batch changes, and the ends its links need; locked, in id order.
  const wanted: Record<Entity, Set<string>> = { student: new Set(), guardian: new Set(), guardianship: new Set() };
  for (const c of changes) {
    if (seen.has(c.key)) continue;
    wanted[c.entity].add(c.id);
    if (c.entity === 'guardianship' && c.data && typeof c.data === 'object') {
      const d = c.data as { studentId?: unknown; guardianId?: unknown };
      if (typeof d.studentId === 'string') wanted.student.add(d.studentId);
      if (typeof d.guardianId === 'string') wanted.guardian.add(d.guardianId);
    }
  }
  const recs: Record<Entity, Map<string, Rec>> = { student: new Map(), guardian: new Map(), guardianship: new Map() };
  for (const entity of ENTITY_LIST) {
    const ids = [...wanted[entity]].sort();
    if (!ids.length) continue;
    const rows = await q.query<NonNullable<Rec['row']>>(
      `SELECT * FROM ${TABLE[entity]} WHERE school_id = $1 AND id = ANY($2::text[]) ORDER BY id FOR UPDATE`,
      [school.id, ids],
    );
    for (const row of rows) recs[entity].set(row.id as string, { row, write: null });
  }
  const rec = (entity: Entity, id: string): Rec => {
    let r = recs[entity].get(id);
    if (!r) recs[entity].set(id, (r = { row: null, write: null }));
    return r;
  };
  const live = (entity: Entity, id: string) => {
    const r = recs[entity].get(id)?.row;
    return r ? !r.deleted : false;
  };

  const results: ChangeResult[] = [];
  const logged: { key: string; hash: string; result: FirstOutcome }[] = [];
  changes.forEach((c, i) => {
    const hash = hashes[i]!;
    const before = seen.get(c.key);
    if (before) {
      results.push(before.hash === hash ? duplicateOf(c.key, before.result) : keyReused(c.key));
      return;
    }
    const outcome = decideInMemory(c, rec(c.entity, c.id), live, deps, school.id);
    seen.set(c.key, { hash, result: outcome });
    logged.push({ key: c.key, hash, result: outcome });
    results.push(outcome);
  });

  for (const entity of ENTITY_LIST) await writeRecords(q, entity, recs[entity], school.id, now);
  if (logged.length) {
    await q.query(
      `INSERT INTO change_log (school_id, key, request_hash, result, at)
       SELECT $1, r.key, r.hash, r.result::jsonb, $2 FROM unnest($3::text[], $4::text[], $5::text[]) AS r(key, hash, result)`,
      [school.id, now, logged.map((l) => l.key), logged.map((l) => l.hash), logged.map((l) => JSON.stringify(l.result))],
    );
  }
  return results;
}

function decideInMemory(c: Change, r: Rec, live: (entity: Entity, id: string) => boolean, deps: Deps, schoolId: string): FirstOutcome {
  const current = r.row;
  const currentVersion = current?.version ?? 0;
  if ((c.baseVersion ?? 0) !== currentVersion) return conflictOf(c, current);
  if (c.op === 'delete') {
    // Never seen: nothing to delete, and nothing to remember beyond the key.
    if (!current) return { key: c.key, status: 'applied', version: 0 };
    current.deleted = true;
    current.version++;
    r.write ??= 'update';
    return { key: c.key, status: 'applied', version: current.version };
  }
  const parsed = entityData[c.entity].safeParse(c.data);
  if (!parsed.success) return { key: c.key, status: 'rejected', reason: `Données invalides : ${describe(parsed.error)}` };
  if (c.entity === 'guardianship') {
    const d = parsed.data as { studentId: string; guardianId: string };
    const missing = missingEndsMessage(live('student', d.studentId), live('guardian', d.guardianId), d);
    if (missing) return { key: c.key, status: 'rejected', reason: missing };
  }
  const cols = columnsOf(c.entity, parsed.data as never);
  if (current) {
    Object.assign(current, cols, { deleted: false, version: current.version + 1 });
    r.write ??= 'update';
    return { key: c.key, status: 'applied', version: current.version };
  }
  r.row = { ...cols, rid: deps.newId(), school_id: schoolId, id: c.id, deleted: false, version: 1 };
  r.write = 'insert';
  return { key: c.key, status: 'applied', version: 1 };
}

const conflictOf = (c: Change, current: Rec['row']): FirstOutcome => ({
  key: c.key,
  status: 'conflict',
  current: current ? { version: current.version, deleted: current.deleted, data: dataOf(c.entity, current) } : { version: 0, deleted: true, data: {} },
});

// Column lists and their array types for the multi-row writes (fixed, never from input).
const COLUMNS: Record<Entity, [string, string][]> = {
  student: [['ine', 'text'], ['last_name', 'text'], ['first_name', 'text'], ['birth_date', 'text'], ['division', 'text'], ['status', 'text']],
  guardian: [['civility', 'text'], ['last_name', 'text'], ['first_name', 'text'], ['name_key', 'text'], ['phone', 'text'], ['email', 'text'], ['data', 'jsonb']],
  guardianship: [['student_id', 'text'], ['guardian_id', 'text'], ['relation', 'text'], ['legal_rank', 'int']],
};

/** The batch's final state of each record it touched: one INSERT and one UPDATE per table. */
async function writeRecords(q: Queryable, entity: Entity, recs: Map<string, Rec>, schoolId: string, now: Date): Promise<void> {
  const cols = COLUMNS[entity];
  const value = (row: Row, name: string) => {
    const v = row[name];
    // jsonb travels as text: a stored row holds it parsed, a pushed one as JSON text already.
    return name === 'data' && v !== null && typeof v === 'object' ? JSON.stringify(v) : (v ?? null);
  };
  for (const kind of ['insert', 'update'] as const) {
    const rows = [...recs.values()].filter((r) => r.write === kind).map((r) => r.row!);
    if (!rows.length) continue;
    const params: unknown[] = [
      rows.map((r) => r.rid),
      rows.map((r) => r.id),
      rows.map((r) => r.version),
      rows.map((r) => r.deleted),
      ...cols.map(([name]) => rows.map((r) => value(r, name))),
    ];
    // jsonb[] cannot come from unnest of text directly: unnest text, cast per column.
    const types = ['text', 'text', 'int', 'boolean', ...cols.map(([, t]) => (t === 'jsonb' ? 'text' : t))];
    const unnest = `unnest(${types.map((t, i) => `$${i + 3}::${t}[]`).join(', ')}) AS u(rid, id, version, deleted, ${cols.map(([n]) => n).join(', ')})`;
    const read = (n: string, t: string) => (t === 'jsonb' ? `u.${n}::jsonb` : `u.${n}`);
    if (kind === 'insert') {
      await q.query(
        `INSERT INTO ${TABLE[entity]} (rid, school_id, id, version, deleted, updated_at, ${cols.map(([n]) => n).join(', ')})
         SELECT u.rid, $1, u.id, u.version, u.deleted, $2, ${cols.map(([n, t]) => read(n, t)).join(', ')} FROM ${unnest}`,
        [schoolId, now, ...params],
      );
    } else {
      await q.query(
        `UPDATE ${TABLE[entity]} t SET version = u.version, deleted = u.deleted, updated_at = $2, ${cols.map(([n, t]) => `${n} = ${read(n, t)}`).join(', ')}
           FROM ${unnest} WHERE t.rid = u.rid AND t.school_id = $1`,
        [schoolId, now, ...params],
      );
    }
  }
}

// ---- fallback: change by change, each under its own savepoint -------------------------------------

async function applyEach(q: Queryable, deps: Deps, school: SchoolRow, changes: Change[], hashes: string[]): Promise<ChangeResult[]> {
  const results: ChangeResult[] = [];
  for (let i = 0; i < changes.length; i++) results.push(await applyOne(q, deps, school, changes[i]!, hashes[i]!));
  return results;
}

async function applyOne(q: Queryable, deps: Deps, school: SchoolRow, c: Change, hash: string): Promise<ChangeResult> {
  await q.query('SAVEPOINT change');
  try {
    const seen = await q.query<{ request_hash: string; result: FirstOutcome }>('SELECT request_hash, result FROM change_log WHERE school_id = $1 AND key = $2', [
      school.id,
      c.key,
    ]);
    let result: ChangeResult;
    if (seen[0]) result = seen[0].request_hash === hash ? duplicateOf(c.key, seen[0].result) : keyReused(c.key);
    else {
      const outcome = await decide(q, deps, school, c);
      await logOutcome(q, deps, school, c.key, hash, outcome);
      result = outcome;
    }
    await q.query('RELEASE SAVEPOINT change');
    return result;
  } catch (err) {
    if (!isDataError(err)) throw err;
    await q.query('ROLLBACK TO SAVEPOINT change');
    // This change alone: the database refused its values. Remembered under its key when that is possible.
    const outcome: FirstOutcome = { key: c.key, status: 'rejected', reason: 'Données refusées par le service (caractères non pris en charge ?).' };
    await q.query('SAVEPOINT change');
    try {
      await logOutcome(q, deps, school, c.key, hash, outcome);
      await q.query('RELEASE SAVEPOINT change');
    } catch (again) {
      // Only a value the database refuses in the record itself (a key it cannot store) is let go:
      // the change is still answered 'rejected', just not remembered. A race, a timeout or any
      // other failure fails the request, as above, rather than answer a rejection nothing recorded.
      if (!isDataError(again)) throw again;
      await q.query('ROLLBACK TO SAVEPOINT change');
    }
    return outcome;
  }
}

const logOutcome = (q: Queryable, deps: Deps, school: SchoolRow, key: string, hash: string, outcome: FirstOutcome) =>
  q.query('INSERT INTO change_log (school_id, key, request_hash, result, at) VALUES ($1, $2, $3, $4::jsonb, $5)', [
    school.id,
    key,
    hash,
    JSON.stringify(outcome),
    deps.clock.now(),
  ]);

async function decide(q: Queryable, deps: Deps, school: SchoolRow, c: Change): Promise<FirstOutcome> {
  const table = TABLE[c.entity];
  const current = (await q.query<Row & { version: number; deleted: boolean; rid: string }>(
    `SELECT * FROM ${table} WHERE school_id = $1 AND id = $2 FOR UPDATE`,
    [school.id, c.id],
  ))[0];
  const currentVersion = current?.version ?? 0;
  if ((c.baseVersion ?? 0) !== currentVersion) return conflictOf(c, current ?? null);
  const now = deps.clock.now();
  if (c.op === 'delete') {
    if (!current) return { key: c.key, status: 'applied', version: 0 };
    await q.query(`UPDATE ${table} SET deleted = TRUE, version = version + 1, updated_at = $2 WHERE rid = $1`, [current.rid, now]);
    return { key: c.key, status: 'applied', version: current.version + 1 };
  }

  const parsed = entityData[c.entity].safeParse(c.data);
  if (!parsed.success) return { key: c.key, status: 'rejected', reason: `Données invalides : ${describe(parsed.error)}` };
  if (c.entity === 'guardianship') {
    const d = parsed.data as { studentId: string; guardianId: string };
    // FOR SHARE: the ends stay as checked until the link is written. The fast path's FOR UPDATE
    // locks were released by ROLLBACK TO SAVEPOINT batch, and without a lock a concurrent push
    // could delete the student or guardian between this check and the insert below.
    const s = await q.query('SELECT 1 FROM student WHERE school_id = $1 AND id = $2 AND NOT deleted FOR SHARE', [school.id, d.studentId]);
    const g = await q.query('SELECT 1 FROM guardian WHERE school_id = $1 AND id = $2 AND NOT deleted FOR SHARE', [school.id, d.guardianId]);
    const missing = missingEndsMessage(s.length > 0, g.length > 0, d);
    if (missing) return { key: c.key, status: 'rejected', reason: missing };
  }
  const cols = columnsOf(c.entity, parsed.data as never);
  const names = Object.keys(cols);
  const values = Object.values(cols);
  if (current) {
    const sets = names.map((n, i) => `${n} = $${i + 3}${n === 'data' ? '::jsonb' : ''}`).join(', ');
    await q.query(`UPDATE ${table} SET ${sets}, deleted = FALSE, version = version + 1, updated_at = $2 WHERE rid = $1`, [current.rid, now, ...values]);
    return { key: c.key, status: 'applied', version: current.version + 1 };
  }
  const placeholders = names.map((n, i) => `$${i + 5}${n === 'data' ? '::jsonb' : ''}`).join(', ');
  await q.query(
    `INSERT INTO ${table} (rid, school_id, id, updated_at, version, ${names.join(', ')}) VALUES ($1, $2, $3, $4, 1, ${placeholders})`,
    [deps.newId(), school.id, c.id, now, ...values],
  );
  return { key: c.key, status: 'applied', version: 1 };
}

function missingEndsMessage(student: boolean, guardian: boolean, d: { studentId: string; guardianId: string }): string | null {
  if (!student) return `Élève « ${d.studentId} » inconnu du service : envoyez l’élève avant le lien.`;
  if (!guardian) return `Responsable « ${d.guardianId} » inconnu du service : envoyez le responsable avant le lien.`;
  return null;
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `champ « ${i.path.join('.')} » : ${i.message}` : i.message))
    .join(' ; ');
}
