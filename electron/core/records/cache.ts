// Keeps the search indexes in ctx.cache and rebuilds them when the register changed. Every
// write changes SQLite's change counter or inserts a row (edits and imports write audit rows),
// so a cheap fingerprint read before each list call is enough to notice, whoever wrote.

import type { CoreContext } from '../context';
import type { Register } from '../db/types';
import type { Ordering } from './ordering';
import { buildGuardianIndex, buildStudentIndex, type GuardianIndex, type StudentIndex } from './search-index';

export interface Prepared<I> {
  index: I;
  orderings: Map<string, Ordering>;
  /** Recent result lists by query, so that scrolling a table pages without searching again. */
  results: Map<string, Int32Array>;
}

interface RecordsCache {
  db: Register;
  stamp: string;
  students?: Prepared<StudentIndex>;
  guardians?: Prepared<GuardianIndex>;
}

const CACHE_KEY = 'records.searchIndex';
const MAX_CACHED_RESULTS = 16;

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
  const stamp = registerStamp(ctx.db);
  const cached = ctx.cache.get(CACHE_KEY) as RecordsCache | undefined;
  if (cached && cached.db === ctx.db && cached.stamp === stamp) return cached;
  const fresh: RecordsCache = { db: ctx.db, stamp };
  ctx.cache.set(CACHE_KEY, fresh);
  return fresh;
}

const prepare = <I>(index: I): Prepared<I> => ({ index, orderings: new Map(), results: new Map() });

export function studentIndex(ctx: CoreContext): Prepared<StudentIndex> {
  const c = current(ctx);
  c.students ??= prepare(buildStudentIndex(ctx.db));
  return c.students;
}

export function guardianIndex(ctx: CoreContext): Prepared<GuardianIndex> {
  const c = current(ctx);
  c.guardians ??= prepare(buildGuardianIndex(ctx.db));
  return c.guardians;
}

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
  studentIndex(ctx);
  guardianIndex(ctx);
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
