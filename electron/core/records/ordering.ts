// Sorted permutations of a list's records, computed once per sort key and direction.

import { keyComparator } from './fold';

export interface Ordering {
  /** perm[k] is the record shown at position k. */
  perm: Int32Array;
}

export function makeOrdering(count: number, compare: (i: number, j: number) => number): Ordering {
  const order = Array.from({ length: count }, (_, i) => i);
  order.sort(compare); // stable
  return { perm: Int32Array.from(order) };
}

/** Orders records by folded keys (French collation), ties by `tie`. Sorts each distinct key once:
 * names repeat a lot, so this sorts far fewer strings than there are records. */
export function keyOrdering(keys: readonly string[], tie: (i: number, j: number) => number): Ordering {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  const distinct = [...groups.keys()];
  const order = Array.from({ length: distinct.length }, (_, i) => i);
  order.sort(keyComparator(distinct));
  const perm = new Int32Array(keys.length);
  let at = 0;
  for (const d of order) {
    const g = groups.get(distinct[d] as string) as number[];
    if (g.length > 1) g.sort(tie);
    for (const i of g) perm[at++] = i;
  }
  return { perm };
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

/** Position of each record in an ordering, for tie-breaks. */
export function ranksOf(ordering: Ordering): Int32Array {
  const rank = new Int32Array(ordering.perm.length);
  ordering.perm.forEach((record, k) => {
    rank[record] = k;
  });
  return rank;
}

/** Orders by a value (nulls always last), then by `tieRank` ascending, whatever the direction. */
export function valueComparator<T>(
  value: (i: number) => T | null,
  compareValues: (a: T, b: T) => number,
  dir: 'asc' | 'desc',
  tieRank: Int32Array,
): (i: number, j: number) => number {
  const sign = dir === 'asc' ? 1 : -1;
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
    return (tieRank[i] as number) - (tieRank[j] as number);
  };
}

export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const compareNumbers = (a: number, b: number): number => a - b;
