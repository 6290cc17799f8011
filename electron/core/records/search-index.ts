// In-memory columns and search blobs for the student and guardian lists. Built from the register
// on first use (a few hundred ms at 100,000 students) and rebuilt when the register changes.

import type { Register } from '../db/types';
import { buildBlob, type Blob } from './blob';
import { foldText, nameSearchWords, phoneSearchDigits } from './fold';
import { readColumns } from './load';

export interface StudentIndex {
  count: number;
  id: string[];
  ine: (string | null)[];
  lastName: string[];
  firstName: string[];
  birthDate: (string | null)[];
  division: (string | null)[];
  enrolled: Uint8Array;
  guardianCount: Int32Array;
  /** Folded "last\u0001first" and "first\u0001last" keys for sorting. */
  lastFirstKey: string[];
  firstLastKey: string[];
  words: Blob;
  /** Guardians' emails and phones, so a parent's number finds the child. */
  emails: Blob;
  phones: Blob;
}

export interface GuardianIndex {
  count: number;
  id: string[];
  civility: (string | null)[];
  lastName: string[];
  firstName: string[];
  phone: (string | null)[];
  email: (string | null)[];
  childCount: Int32Array;
  lastFirstKey: string[];
  firstLastKey: string[];
  words: Blob;
  emails: Blob;
  /** The part of each email before '@'. */
  emailLocals: Blob;
  phones: Blob;
}

const SEP = '\u0001';

/** Emails are one word in a blob: no whitespace (a newline would split a record). */
const emailForSearch = (email: string): string => email.toLowerCase().replace(/\s+/g, '');

/** Builds both indexes in one pass: each needs the other table through the links. */
export function buildIndexes(db: Pick<Register, 'get' | 'all'>): { students: StudentIndex; guardians: GuardianIndex } {
  const st = readColumns(db, ['id', 'ine', 'last_name', 'first_name', 'birth_date', 'division', 'status'], 'student');
  const gu = readColumns(db, ['id', 'civility', 'last_name', 'first_name', 'phone', 'email'], 'guardian');
  const links = readColumns(db, ['student_id', 'guardian_id'], 'guardianship');

  const studentAt = new Map<string, number>();
  const guardianAt = new Map<string, number>();
  st.forEach((r, i) => studentAt.set(r[0] as string, i));
  gu.forEach((r, i) => guardianAt.set(r[0] as string, i));

  // Names repeat a lot (Martin, Léa…): fold each distinct spelling once.
  const folded = memo(foldText);
  const nameWords = memo(nameSearchWords);

  const guardianPhones = gu.map((r) => (r[4] ? phoneSearchDigits(r[4]) : ''));
  const guardianEmails = gu.map((r) => (r[5] ? emailForSearch(r[5]) : ''));

  // What each record gets from its links: counts, guardians' contacts, children's classes.
  const guardianCount = new Int32Array(st.length);
  const childCount = new Int32Array(gu.length);
  const contactPhones = new Array<string>(st.length).fill('');
  const contactEmails = new Array<string>(st.length).fill('');
  const childDivisions = new Array<string[] | undefined>(gu.length);
  for (const [studentId, guardianId] of links) {
    const s = studentAt.get(studentId as string);
    const g = guardianAt.get(guardianId as string);
    if (s === undefined || g === undefined) continue;
    guardianCount[s]!++;
    childCount[g]!++;
    if (guardianPhones[g]) contactPhones[s] += ` ${guardianPhones[g]}`;
    if (guardianEmails[g]) contactEmails[s] += ` ${guardianEmails[g]}`;
    const division = st[s]![5];
    if (division) (childDivisions[g] ??= []).push(division);
  }

  const students: StudentIndex = {
    count: st.length,
    id: st.map((r) => r[0] as string),
    ine: st.map((r) => r[1] ?? null),
    lastName: st.map((r) => r[2] ?? ''),
    firstName: st.map((r) => r[3] ?? ''),
    birthDate: st.map((r) => r[4] ?? null),
    division: st.map((r) => r[5] ?? null),
    enrolled: Uint8Array.from(st, (r) => (r[6] === 'enrolled' ? 1 : 0)),
    guardianCount,
    lastFirstKey: [],
    firstLastKey: [],
    words: buildBlob(
      st.map((r) => {
        let w = ` ${nameWords(r[2] ?? '')} ${nameWords(r[3] ?? '')}`;
        if (r[1]) w += ` ${foldText(r[1])}`;
        if (r[5]) w += ` ${nameWords(r[5])}`;
        return w;
      }),
    ),
    emails: buildBlob(contactEmails),
    phones: buildBlob(contactPhones),
  };
  fillNameKeys(students, folded);

  const guardians: GuardianIndex = {
    count: gu.length,
    id: gu.map((r) => r[0] as string),
    civility: gu.map((r) => r[1] ?? null),
    lastName: gu.map((r) => r[2] ?? ''),
    firstName: gu.map((r) => r[3] ?? ''),
    phone: gu.map((r) => r[4] ?? null),
    email: gu.map((r) => r[5] ?? null),
    childCount,
    lastFirstKey: [],
    firstLastKey: [],
    words: buildBlob(
      gu.map((r, i) => {
        let w = ` ${nameWords(r[2] ?? '')} ${nameWords(r[3] ?? '')}`;
        // Children's classes, so "dupont 6a" tells two Duponts apart.
        const divisions = childDivisions[i];
        if (divisions) for (const d of new Set(divisions)) w += ` ${nameWords(d)}`;
        return w;
      }),
    ),
    emails: buildBlob(guardianEmails),
    emailLocals: buildBlob(guardianEmails.map((e) => (e.includes('@') ? e.slice(0, e.indexOf('@')) : e))),
    phones: buildBlob(guardianPhones),
  };
  fillNameKeys(guardians, folded);
  return { students, guardians };
}

function memo(fn: (s: string) => string): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    let v = seen.get(s);
    if (v === undefined) {
      v = fn(s);
      seen.set(s, v);
    }
    return v;
  };
}

function fillNameKeys(
  ix: { lastName: string[]; firstName: string[]; lastFirstKey: string[]; firstLastKey: string[] },
  fold: (s: string) => string,
): void {
  const n = ix.lastName.length;
  ix.lastFirstKey = new Array<string>(n);
  ix.firstLastKey = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const last = fold(ix.lastName[i]!);
    const first = fold(ix.firstName[i]!);
    ix.lastFirstKey[i] = last + SEP + first;
    ix.firstLastKey[i] = first + SEP + last;
  }
}
