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

/** The base order of every list: last name, first name (French collation, accents and case
 * ignored), then the exact spelling and the id so that the order is total and repeatable. */
export function nameComparator(
  primaryKeys: readonly string[],
  spelled: readonly string[],
  ids: readonly string[],
): (i: number, j: number) => number {
  const byKey = keyComparator(primaryKeys);
  return (i, j) => {
    const k = byKey(i, j);
    if (k !== 0) return k;
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
