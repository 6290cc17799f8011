// Sorted permutations of a list's live records, computed once per sort key and direction, then
// kept up to date when records change (patchOrdering) instead of being sorted again.

import { compareFoldedKeys, keyComparator } from './fold';

export interface Ordering {
  /** perm[k] is the record shown at position k. */
  perm: Int32Array;
  /** The strict total order `perm` follows, for placing changed records; absent: the ordering is
   * dropped (and rebuilt on demand) when records change. */
  compare?: (i: number, j: number) => number;
}

/** Live slots: all of 0..count-1 but the dead ones. */
export function liveSlots(count: number, dead: Uint8Array | null): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) if (!dead || !dead[i]) out.push(i);
  return out;
}

export function makeOrdering(
  count: number,
  compare: (i: number, j: number) => number,
  dead: Uint8Array | null = null,
): Ordering {
  const order = liveSlots(count, dead);
  order.sort(compare); // stable
  return { perm: Int32Array.from(order) };
}

/** Orders records by folded keys (French collation), ties by `tie`. Sorts each distinct key once:
 * names repeat a lot, so this sorts far fewer strings than there are records. */
export function keyOrdering(
  keys: readonly string[],
  tie: (i: number, j: number) => number,
  count = keys.length,
  dead: Uint8Array | null = null,
): Ordering {
  const groups = new Map<string, number[]>();
  let live = 0;
  for (let i = 0; i < count; i++) {
    if (dead && dead[i]) continue;
    live++;
    const k = keys[i] as string;
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  const distinct = [...groups.keys()];
  const order = Array.from({ length: distinct.length }, (_, i) => i);
  order.sort(keyComparator(distinct));
  const perm = new Int32Array(live);
  let at = 0;
  for (const d of order) {
    const g = groups.get(distinct[d] as string) as number[];
    if (g.length > 1) g.sort(tie);
    for (const i of g) perm[at++] = i;
  }
  return { perm };
}

/** keyOrdering's order as a comparator. */
export function keyCompare(keys: readonly string[], tie: (i: number, j: number) => number): (i: number, j: number) => number {
  return (i, j) => compareFoldedKeys(keys[i] as string, keys[j] as string) || tie(i, j);
}

/** Ties between equal folded names: the exact spelling, then the id, so the order is total. */
export function spellingTie(spelled: readonly string[], ids: readonly string[]): (i: number, j: number) => number {
  return (i, j) => {
    const a = spelled[i] as string;
    const b = spelled[j] as string;
    if (a !== b) return a < b ? -1 : 1;
    const x = ids[i] as string;
    const y = ids[j] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** Position of each record in an ordering, for tie-breaks (`count`: slots, dead ones included). */
export function ranksOf(ordering: Ordering, count = ordering.perm.length): Int32Array {
  const rank = new Int32Array(count);
  ordering.perm.forEach((record, k) => {
    rank[record] = k;
  });
  return rank;
}

/** Orders by a value (nulls always last), then by `tie` ascending, whatever the direction. */
export function valueComparator<T>(
  value: (i: number) => T | null,
  compareValues: (a: T, b: T) => number,
  dir: 'asc' | 'desc',
  tie: Int32Array | ((i: number, j: number) => number),
): (i: number, j: number) => number {
  const sign = dir === 'asc' ? 1 : -1;
  const tieOf = typeof tie === 'function' ? tie : (i: number, j: number) => (tie[i] as number) - (tie[j] as number);
  return (i, j) => {
    const a = value(i);
    const b = value(j);
    if (a === null || b === null) {
      if (a !== null) return -1;
      if (b !== null) return 1;
    } else {
      const c = compareValues(a, b);
      if (c !== 0) return sign * c;
    }
    return tieOf(i, j);
  };
}

export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const compareNumbers = (a: number, b: number): number => a - b;

/** Changed records at most for the in-place path (a few native scans and moves each). */
const FEW = 64;

/**
 * Takes `changed` slots out of the ordering and puts back those still `alive`, each at its place
 * by binary search rather than sorting again. Returns null when the ordering cannot be patched (no
 * comparator): the caller drops it.
 */
export function patchOrdering(
  o: Ordering,
  changed: readonly number[],
  alive: (i: number) => boolean,
  count: number,
): Ordering | null {
  const compare = o.compare;
  if (!compare) return null;
  const unique = [...new Set(changed)];
  if (unique.length === 0) return o;
  const add = unique.filter(alive).sort(compare);
  return { perm: unique.length <= FEW ? moveFew(o.perm, unique, add, compare) : merge(o.perm, unique, add, compare, count), compare };
}

/** First position in perm[from, to) whose record sorts after x (the order is total). */
function placeOf(perm: Int32Array, from: number, to: number, x: number, compare: (i: number, j: number) => number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(perm[mid] as number, x) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Few changes (an edit): find, remove and insert with native scans and moves. */
function moveFew(perm: Int32Array, changed: number[], add: number[], compare: (i: number, j: number) => number): Int32Array {
  const buf = new Int32Array(perm.length + add.length);
  buf.set(perm);
  let n = perm.length;
  for (const x of changed) {
    const p = buf.subarray(0, n).indexOf(x);
    if (p < 0) continue;
    buf.copyWithin(p, p + 1, n);
    n--;
  }
  for (const x of add) {
    const p = placeOf(buf, 0, n, x, compare);
    buf.copyWithin(p + 1, p, n);
    buf[p] = x;
    n++;
  }
  return n === buf.length ? buf : buf.slice(0, n);
}

/** Many changes: one pass keeping the others, merging the sorted changed records in. */
function merge(perm: Int32Array, changed: number[], add: number[], compare: (i: number, j: number) => number, count: number): Int32Array {
  const out = new Uint8Array(count);
  for (const i of changed) out[i] = 1;
  const kept = new Int32Array(perm.length);
  let n = 0;
  for (let k = 0; k < perm.length; k++) {
    const i = perm[k] as number;
    if (!out[i]) kept[n++] = i;
  }
  const result = new Int32Array(n + add.length);
  let from = 0;
  let to = 0;
  for (const x of add) {
    const lo = placeOf(kept, from, n, x, compare);
    result.set(kept.subarray(from, lo), to);
    to += lo - from;
    from = lo;
    result[to++] = x;
  }
  result.set(kept.subarray(from, n), to);
  return result;
}
