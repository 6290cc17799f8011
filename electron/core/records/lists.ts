// students.list and guardians.list: search, filter, sort and page over the in-memory indexes.

import type { Output, ParsedInput } from '../../../shared/contract';
import type { GuardianRow, StudentRow } from '../../../shared/contract/records';
import type { CoreContext } from '../context';
import { cachedResult, guardianIndex, ordering, studentIndex, type Prepared } from './cache';
import { compareDivisions } from './divisions';
import { matchTerms } from './match';
import {
  compareNumbers,
  compareStrings,
  keyCompare,
  keyOrdering,
  makeOrdering,
  ranksOf,
  spellingTie,
  valueComparator,
  type Ordering,
} from './ordering';
import { compareFoldedKeys } from './fold';
import { parseQuery } from './query';
import type { GuardianIndex, StudentIndex } from './search-index';

type Dir = 'asc' | 'desc';
type Either = Prepared<StudentIndex | GuardianIndex>;

// Every ordering carries its comparator (a strict total order, ids last), so that a changed
// record can be put back in place without sorting again (ordering.ts, patchOrdering). The
// comparators read the index's columns at call time: patches update them in place.

/** Last name, first name, exact spelling, id. */
function nameCompare(p: Either): (i: number, j: number) => number {
  const ix = p.index;
  return keyCompare(ix.lastFirstKey, spellingTie(ix.lastName, ix.id));
}

function nameOrdering(p: Either, dir: Dir): Ordering {
  const asc = ordering(p, 'lastName:asc', () => {
    const ix = p.index;
    const tie = spellingTie(ix.lastName, ix.id);
    return { ...keyOrdering(ix.lastFirstKey, tie, ix.count, ix.dead), compare: nameCompare(p) };
  });
  if (dir === 'asc') return asc;
  return ordering(p, 'lastName:desc', () => {
    const cmp = nameCompare(p);
    return { perm: asc.perm.slice().reverse(), compare: (i, j) => cmp(j, i) };
  });
}

function firstNameOrdering(p: Either, dir: Dir): Ordering {
  return ordering(p, `firstName:${dir}`, () => {
    const ix = p.index;
    const byName = nameCompare(p);
    const keys = ix.firstLastKey;
    const compare =
      dir === 'asc'
        ? keyCompare(keys, byName)
        : (i: number, j: number) => compareFoldedKeys(keys[j] as string, keys[i] as string) || byName(i, j);
    const rank = ranksOf(nameOrdering(p, 'asc'), ix.count);
    const asc = keyOrdering(keys, (i, j) => rank[i]! - rank[j]!, ix.count, ix.dead);
    if (dir === 'asc') return { ...asc, compare };
    // Reverse the groups of equal first names but keep each group in name order.
    const perm = new Int32Array(asc.perm.length);
    let out = 0;
    for (let end = asc.perm.length; end > 0; ) {
      let start = end - 1;
      while (start > 0 && keys[asc.perm[start - 1]!] === keys[asc.perm[end - 1]!]) start--;
      perm.set(asc.perm.subarray(start, end), out);
      out += end - start;
      end = start;
    }
    return { perm, compare };
  });
}

/** Orders by a value, nulls last, ties in name order. `sortValue`/`sortCompare` may be a faster
 * equivalent for the full sort (ranks instead of strings). */
function valueOrdering<T, U = T>(
  p: Either,
  key: string,
  dir: Dir,
  value: (i: number) => T | null,
  compare: (a: T, b: T) => number,
  fastSort?: () => { value: (i: number) => U | null; compare: (a: U, b: U) => number },
): Ordering {
  return ordering(p, `${key}:${dir}`, () => {
    const ix = p.index;
    const rank = ranksOf(nameOrdering(p, 'asc'), ix.count);
    const fast = fastSort?.();
    const sorted = fast
      ? makeOrdering(ix.count, valueComparator(fast.value, fast.compare, dir, rank), ix.dead)
      : makeOrdering(ix.count, valueComparator(value, compare, dir, rank), ix.dead);
    return { ...sorted, compare: valueComparator(value, compare, dir, nameCompare(p)) };
  });
}

function studentOrdering(p: Prepared<StudentIndex>, key: ParsedInput<'students.list'>['sort']['key'], dir: Dir) {
  const ix = p.index;
  switch (key) {
    case 'lastName':
      return nameOrdering(p, dir);
    case 'firstName':
      return firstNameOrdering(p, dir);
    case 'birthDate':
      return valueOrdering(p, key, dir, (i) => ix.birthDate[i] ?? null, compareStrings);
    case 'ine':
      return valueOrdering(p, key, dir, (i) => ix.ine[i] ?? null, compareStrings);
    case 'division':
      return valueOrdering(p, key, dir, (i) => ix.division[i] ?? null, compareDivisions, () => {
        // Rank the few distinct class names once rather than parsing them in every comparison.
        const names = [...new Set(ix.division.filter((d): d is string => d !== null))].sort(compareDivisions);
        const rankOf = new Map(names.map((n, k) => [n, k]));
        return {
          value: (i: number) => {
            const d = ix.division[i];
            return d === null || d === undefined ? null : (rankOf.get(d) ?? null);
          },
          compare: compareNumbers,
        };
      });
  }
}

function guardianOrdering(p: Prepared<GuardianIndex>, key: ParsedInput<'guardians.list'>['sort']['key'], dir: Dir) {
  const ix = p.index;
  switch (key) {
    case 'lastName':
      return nameOrdering(p, dir);
    case 'firstName':
      return firstNameOrdering(p, dir);
    case 'phone':
      return valueOrdering(p, key, dir, (i) => ix.phone[i] ?? null, compareStrings);
    case 'email':
      return valueOrdering(p, key, dir, (i) => ix.email[i] ?? null, compareStrings);
    case 'childCount':
      return valueOrdering(p, key, dir, (i) => ix.childCount[i]!, compareNumbers);
  }
}

/** Walks the ordering once, keeping the records that match and pass the filter. */
function collect(perm: Int32Array, match: Uint8Array | null, keep: ((i: number) => boolean) | null): Int32Array {
  if (!match && !keep) return perm;
  const out = new Int32Array(perm.length);
  let n = 0;
  for (let k = 0; k < perm.length; k++) {
    const i = perm[k]!;
    if (match && match[i] === 0) continue;
    if (keep && !keep(i)) continue;
    out[n++] = i;
  }
  return out.slice(0, n);
}

export function studentRowAt(ix: StudentIndex, i: number): StudentRow {
  return {
    id: ix.id[i]!,
    ine: ix.ine[i] ?? null,
    lastName: ix.lastName[i]!,
    firstName: ix.firstName[i]!,
    birthDate: ix.birthDate[i] ?? null,
    division: ix.division[i] ?? null,
    status: ix.enrolled[i] ? 'enrolled' : 'left',
    guardianCount: ix.guardianCount[i]!,
  };
}

export function guardianRowAt(ix: GuardianIndex, i: number): GuardianRow {
  return {
    id: ix.id[i]!,
    civility: ix.civility[i] ?? null,
    lastName: ix.lastName[i]!,
    firstName: ix.firstName[i]!,
    phone: ix.phone[i] ?? null,
    email: ix.email[i] ?? null,
    phoneRaw: ix.phoneRaw[i] ?? null,
    emailRaw: ix.emailRaw[i] ?? null,
    childCount: ix.childCount[i]!,
  };
}

export function listStudents(input: ParsedInput<'students.list'>, ctx: CoreContext): Output<'students.list'> {
  const p = studentIndex(ctx);
  const ix = p.index;
  const key = JSON.stringify([input.query.trim(), input.division, input.status, input.sort.key, input.sort.dir]);
  const result = cachedResult(p, key, () => {
    const match = matchTerms(ix, parseQuery(input.query));
    const wantEnrolled = input.status === 'enrolled' ? 1 : input.status === 'left' ? 0 : null;
    const division = input.division;
    const keep =
      wantEnrolled === null && division === null
        ? null
        : (i: number) =>
            (wantEnrolled === null || ix.enrolled[i] === wantEnrolled) &&
            (division === null || ix.division[i] === division);
    return collect(studentOrdering(p, input.sort.key, input.sort.dir).perm, match, keep);
  });
  const page = result.subarray(input.offset, input.offset + input.limit);
  return { total: result.length, rows: Array.from(page, (i) => studentRowAt(ix, i)) };
}

export function listGuardians(input: ParsedInput<'guardians.list'>, ctx: CoreContext): Output<'guardians.list'> {
  const p = guardianIndex(ctx);
  const ix = p.index;
  const key = JSON.stringify([input.query.trim(), input.sort.key, input.sort.dir]);
  const result = cachedResult(p, key, () =>
    collect(guardianOrdering(p, input.sort.key, input.sort.dir).perm, matchTerms(ix, parseQuery(input.query)), null),
  );
  const page = result.subarray(input.offset, input.offset + input.limit);
  return { total: result.length, rows: Array.from(page, (i) => guardianRowAt(ix, i)) };
}
