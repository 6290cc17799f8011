// In-memory columns and search blobs for the student and guardian lists. Built from the register
// on first use of each list and rebuilt when the register changes.

import type { Register } from '../db/types';
import { buildBlob, type Blob } from './blob';
import { foldText, nameSearchWords, phoneSearchDigits } from './fold';
import { cell, readTable, type Table } from './load';

export interface StudentIndex {
  count: number;
  /** A number alone also searches words: INE. */
  numbersInWords: true;
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
  numbersInWords: false;
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

type Reader = Pick<Register, 'get' | 'all'>;

const SEP = '\u0001';

/** Emails are one word in a blob: no whitespace (a newline would split a record). */
const emailForSearch = (email: string): string => email.toLowerCase().replace(/\s+/g, '');

/** Names repeat a lot (Martin, Léa…): fold each distinct spelling once per build. */
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

const column = (t: Table, c: number): (string | null)[] => Array.from({ length: t.count }, (_, r) => cell(t, r, c));

function positions(t: Table): Map<string, number> {
  const at = new Map<string, number>();
  for (let r = 0; r < t.count; r++) at.set(cell(t, r, 0) as string, r);
  return at;
}

interface Names {
  lastName: string[];
  firstName: string[];
  lastFirstKey: string[];
  firstLastKey: string[];
  /** " last words first words" for the words blob. */
  words: string[];
}

function names(t: Table, lastCol: number, firstCol: number): Names {
  const fold = memo(foldText);
  const searchWords = memo(nameSearchWords);
  const out: Names = { lastName: [], firstName: [], lastFirstKey: [], firstLastKey: [], words: [] };
  for (let r = 0; r < t.count; r++) {
    const last = cell(t, r, lastCol) ?? '';
    const first = cell(t, r, firstCol) ?? '';
    out.lastName.push(last);
    out.firstName.push(first);
    const fl = fold(last);
    const ff = fold(first);
    out.lastFirstKey.push(fl + SEP + ff);
    out.firstLastKey.push(ff + SEP + fl);
    out.words.push(` ${searchWords(last)} ${searchWords(first)}`);
  }
  return out;
}

export function buildStudentIndex(db: Reader): StudentIndex {
  // Columns: 0 id, 1 ine, 2 last_name, 3 first_name, 4 birth_date, 5 division, 6 status.
  const st = readTable(db, ['id', 'ine', 'last_name', 'first_name', 'birth_date', 'division', 'status'], 'student');
  const gu = readTable(db, ['id', 'phone', 'email'], 'guardian');
  const links = readTable(db, ['student_id', 'guardian_id'], 'guardianship');
  const studentAt = positions(st);
  const guardianAt = positions(gu);

  const guardianCount = new Int32Array(st.count);
  const phones = new Array<string>(st.count).fill('');
  const emails = new Array<string>(st.count).fill('');
  for (let l = 0; l < links.count; l++) {
    const s = studentAt.get(cell(links, l, 0) as string);
    const g = guardianAt.get(cell(links, l, 1) as string);
    if (s === undefined || g === undefined) continue;
    guardianCount[s]!++;
    const phone = cell(gu, g, 1);
    const email = cell(gu, g, 2);
    if (phone) phones[s] += phoneSearchDigits(phone);
    if (email) emails[s] += ` ${emailForSearch(email)}`;
  }

  const n = names(st, 2, 3);
  const divisionWords = memo(nameSearchWords);
  const ine = column(st, 1);
  const division = column(st, 5);
  const words = n.words.map((w, r) => {
    const i = ine[r];
    const d = division[r];
    return w + (i ? ` ${foldText(i)}` : '') + (d ? ` ${divisionWords(d)}` : '');
  });
  return {
    count: st.count,
    numbersInWords: true,
    id: column(st, 0) as string[],
    ine,
    lastName: n.lastName,
    firstName: n.firstName,
    birthDate: column(st, 4),
    division,
    enrolled: Uint8Array.from({ length: st.count }, (_, r) => (cell(st, r, 6) === 'enrolled' ? 1 : 0)),
    guardianCount,
    lastFirstKey: n.lastFirstKey,
    firstLastKey: n.firstLastKey,
    words: buildBlob(words),
    emails: buildBlob(emails),
    phones: buildBlob(phones),
  };
}

export function buildGuardianIndex(db: Reader): GuardianIndex {
  // Columns: 0 id, 1 civility, 2 last_name, 3 first_name, 4 phone, 5 email.
  const gu = readTable(db, ['id', 'civility', 'last_name', 'first_name', 'phone', 'email'], 'guardian');
  const st = readTable(db, ['id', 'division'], 'student');
  const links = readTable(db, ['student_id', 'guardian_id'], 'guardianship');
  const studentAt = positions(st);
  const guardianAt = positions(gu);

  const childCount = new Int32Array(gu.count);
  const childDivisions = new Array<string[] | undefined>(gu.count);
  for (let l = 0; l < links.count; l++) {
    const s = studentAt.get(cell(links, l, 0) as string);
    const g = guardianAt.get(cell(links, l, 1) as string);
    if (s === undefined || g === undefined) continue;
    childCount[g]!++;
    const d = cell(st, s, 1);
    if (d) (childDivisions[g] ??= []).push(d);
  }

  const n = names(gu, 2, 3);
  const divisionWords = memo(nameSearchWords);
  // Children's classes, so "dupont 6a" tells two Duponts apart.
  const words = n.words.map((w, g) => {
    const ds = childDivisions[g];
    if (!ds) return w;
    let out = w;
    for (const d of new Set(ds)) out += ` ${divisionWords(d)}`;
    return out;
  });
  const phone = column(gu, 4);
  const email = column(gu, 5);
  const emails = email.map((e) => (e ? emailForSearch(e) : ''));
  return {
    count: gu.count,
    numbersInWords: false,
    id: column(gu, 0) as string[],
    civility: column(gu, 1),
    lastName: n.lastName,
    firstName: n.firstName,
    phone,
    email,
    childCount,
    lastFirstKey: n.lastFirstKey,
    firstLastKey: n.firstLastKey,
    words: buildBlob(words),
    emails: buildBlob(emails),
    emailLocals: buildBlob(emails.map((e) => (e.includes('@') ? e.slice(0, e.indexOf('@')) : e))),
    phones: buildBlob(phone.map((p) => (p ? phoneSearchDigits(p) : ''))),
  };
}
