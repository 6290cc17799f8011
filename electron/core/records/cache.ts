// Keeps the search indexes in ctx.cache and keeps them up to date. Every write changes SQLite's
// change counter, so a cheap fingerprint read before each list call is enough to notice, whoever
// wrote; the change log (change-log.ts) then says which students and guardians changed, and only
// those are re-read and patched in. A full rebuild remains for when the log cannot tell (new
// connection, thousands of changes).

import type { CoreContext } from '../context';
import type { Register } from '../db/types';
import { advance, readChanges, resetChangeLog, type LogPosition } from './change-log';
import { patchOrdering, type Ordering } from './ordering';
import { linkedIds, patchGuardians, patchStudents } from './patch';
import { buildIndexes, type GuardianIndex, type StudentIndex } from './search-index';

export interface Prepared<I> {
  index: I;
  orderings: Map<string, Ordering>;
  /** Recent result lists by query, so that scrolling a table pages without searching again. */
  results: Map<string, Int32Array>;
}

interface RecordsCache {
  db: Register;
  stamp: string;
  /** How far the change log has been read; null: no log, every change rebuilds. */
  log: LogPosition | null;
  students?: Prepared<StudentIndex>;
  guardians?: Prepared<GuardianIndex>;
}

const CACHE_KEY = 'records.searchIndex';
const MAX_CACHED_RESULTS = 16;
/** Beyond this many records to re-read, one rebuild is cheaper than patching them one by one. */
const MAX_PATCHED_RECORDS = 5000;

/** Changes whenever the register does. Each part is O(1) or O(log n) in SQLite. */
export function registerStamp(db: Pick<Register, 'get'>): string {
  const row = db.get<Record<string, number | null>>(
    `SELECT total_changes() AS c,
            (SELECT max(rowid) FROM audit) AS a,
            (SELECT max(rowid) FROM student) AS s,
            (SELECT max(rowid) FROM guardian) AS g,
            (SELECT max(rowid) FROM guardianship) AS l`,
  );
  return row ? `${row.c}:${row.a}:${row.s}:${row.g}:${row.l}` : '';
}

function current(ctx: CoreContext): RecordsCache {
  const cached = ctx.cache.get(CACHE_KEY) as RecordsCache | undefined;
  if (cached && cached.db === ctx.db) {
    const stamp = registerStamp(ctx.db);
    if (cached.stamp === stamp) return cached;
    if (catchUp(ctx.db, cached)) {
      cached.stamp = registerStamp(ctx.db);
      return cached;
    }
  }
  // The log starts before anything is read: a change after this point is either in the tables
  // read by the build or in the log.
  const log = resetChangeLog(ctx.db);
  const fresh: RecordsCache = { db: ctx.db, stamp: registerStamp(ctx.db), log };
  ctx.cache.set(CACHE_KEY, fresh);
  return fresh;
}

/** Patches the built indexes with the logged changes. False: rebuild instead. */
function catchUp(db: Register, c: RecordsCache): boolean {
  if (c.log === null) return false;
  const changes = readChanges(db, c.log);
  if (!changes) return false;
  // A student shows its guardians' phones and emails; a guardian its children's classes and count.
  const students = new Set(changes.students);
  const guardians = new Set(changes.guardians);
  if (students.size + guardians.size > MAX_PATCHED_RECORDS) return false;
  if (c.students) for (const id of linkedIds(db, 'guardian', changes.guardians)) students.add(id);
  if (c.guardians) for (const id of linkedIds(db, 'student', changes.students)) guardians.add(id);
  if (students.size + guardians.size > MAX_PATCHED_RECORDS) return false;
  if (c.students) {
    const p = c.students;
    afterPatch(p, patchStudents(db, p.index, [...students]));
  }
  if (c.guardians) {
    const p = c.guardians;
    afterPatch(p, patchGuardians(db, p.index, [...guardians]));
  }
  c.log = advance(db, c.log, changes.seq);
  return true;
}

function afterPatch(p: Prepared<StudentIndex | GuardianIndex>, touched: number[]): void {
  if (touched.length === 0) return;
  const ix = p.index;
  const alive = (i: number) => !ix.dead[i];
  for (const [key, o] of p.orderings) {
    const patched = patchOrdering(o, touched, alive, ix.count);
    if (patched) p.orderings.set(key, patched);
    else p.orderings.delete(key);
  }
  p.results.clear();
}

const prepare = <I>(index: I): Prepared<I> => ({ index, orderings: new Map(), results: new Map() });

/** Both indexes are built together (one read of each table serves both). */
function built(ctx: CoreContext): Required<RecordsCache> {
  const c = current(ctx);
  if (!c.students || !c.guardians) {
    const ix = buildIndexes(ctx.db);
    c.students = prepare(ix.students);
    c.guardians = prepare(ix.guardians);
  }
  return c as Required<RecordsCache>;
}

export const studentIndex = (ctx: CoreContext): Prepared<StudentIndex> => built(ctx).students;
export const guardianIndex = (ctx: CoreContext): Prepared<GuardianIndex> => built(ctx).guardians;

/** Drops the indexes at once (e.g. right after a write, before the next read asks). */
export function invalidateRecords(ctx: Pick<CoreContext, 'cache'>): void {
  ctx.cache.delete(CACHE_KEY);
}

export function ordering(prepared: Prepared<unknown>, key: string, build: () => Ordering): Ordering {
  let o = prepared.orderings.get(key);
  if (!o) {
    o = build();
    prepared.orderings.set(key, o);
  }
  return o;
}

export function cachedResult(prepared: Prepared<unknown>, key: string, compute: () => Int32Array): Int32Array {
  const hit = prepared.results.get(key);
  if (hit) {
    // Refresh its place: the map's first entry is the least recently used.
    prepared.results.delete(key);
    prepared.results.set(key, hit);
    return hit;
  }
  const value = compute();
  prepared.results.set(key, value);
  if (prepared.results.size > MAX_CACHED_RESULTS) {
    const oldest = prepared.results.keys().next().value;
    if (oldest !== undefined) prepared.results.delete(oldest);
  }
  return value;
}

/** Builds both indexes now, so the first search after start-up does not pay for them. */
export function warmSearchIndexes(ctx: CoreContext): void {
  built(ctx);
}

/** Warms the indexes a little later, off the current call; never throws, never keeps a CLI
 * process alive. */
export function scheduleSearchWarmUp(ctx: CoreContext, delayMs = 1000): void {
  const timer = setTimeout(() => {
    try {
      warmSearchIndexes(ctx);
    } catch {
      // The register may have been closed meanwhile: the first search will build them.
    }
  }, delayMs);
  timer.unref?.();
}
