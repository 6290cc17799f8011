// In-memory columns and search blobs for the student and guardian lists. Built from the register
// on first use and then patched record by record (patch.ts) when the register changes.
//
// Records sit in "slots": a removed record keeps its slot, marked dead (orderings skip it and its
// blob strings are empty), and an added one takes a new slot at the end.

import type { Register } from '../db/types';
import { buildBlob, type Blob } from './blob';
import { foldText, nameSearchWords, phoneSearchDigits, rawPhoneSearchDigits } from './fold';
import { cell, readTable, type Table } from './load';

interface Slots {
  /** Slots, dead ones included. */
  count: number;
  /** dead[i] = 1 when the record of slot i was removed from the register. */
  dead: Uint8Array;
  deadCount: number;
  id: string[];
  /** Slot by SQLite rowid (-1: none), to find a changed record's slot without a map of 200,000
   * ids; a hit is checked against `id` (rowids of deleted rows can be reused). */
  slotByRowid: Int32Array;
}

export interface StudentIndex extends Slots {
  /** A number alone also searches words: INE. */
  numbersInWords: true;
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

export interface GuardianIndex extends Slots {
  numbersInWords: false;
  civility: (string | null)[];
  lastName: string[];
  firstName: string[];
  phone: (string | null)[];
  email: (string | null)[];
  /** As typed, kept only while the value was refused (phone or email null): the list shows it. */
  phoneRaw: (string | null)[];
  emailRaw: (string | null)[];
  childCount: Int32Array;
  lastFirstKey: string[];
  firstLastKey: string[];
  words: Blob;
  emails: Blob;
  /** The part of each email before '@'. */
  emailLocals: Blob;
  phones: Blob;
}

export type Reader = Pick<Register, 'get' | 'all'>;

// Columns read per record, shared by the full build and the patches so both derive the same.
export const STUDENT_COLUMNS = ['id', 'ine', 'last_name', 'first_name', 'birth_date', 'division', 'status', 'rowid'] as const;
export const STUDENT_ROWID = 7;
// The raw phone and email are read only when the value was refused (normalised one null): that is
// when a guardian's page shows them, and reading them otherwise would only grow the blobs.
// `g`: the guardian table's alias in a join ('g.'), '' otherwise.
export const phoneRawIfRefused = (g = ''): string => `CASE WHEN ${g}phone IS NULL THEN ${g}phone_raw END`;
export const emailRawIfRefused = (g = ''): string => `CASE WHEN ${g}email IS NULL THEN ${g}email_raw END`;
export const GUARDIAN_COLUMNS = ['id', 'civility', 'last_name', 'first_name', 'phone', 'email', 'rowid', phoneRawIfRefused(), emailRawIfRefused()];
export const GUARDIAN_ROWID = 6;
export const GUARDIAN_PHONE_RAW = 7;
export const GUARDIAN_EMAIL_RAW = 8;

const SEP = '\u0001';

/** Emails are one word in a blob: no whitespace (a newline would split a record). */
export const emailForSearch = (email: string): string => email.toLowerCase().replace(/\s+/g, '');
export const emailLocal = (e: string): string => (e.includes('@') ? e.slice(0, e.indexOf('@')) : e);

/** Names repeat a lot (Martin, Léa…): fold each distinct spelling once per build. */
export function memo(fn: (s: string) => string): (s: string) => string {
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

/** The folding functions of one build or patch (memoised). */
export interface Folds {
  fold: (s: string) => string;
  words: (s: string) => string;
}
export const makeFolds = (): Folds => ({ fold: memo(foldText), words: memo(nameSearchWords) });

export const lastFirstKey = (f: Folds, last: string, first: string): string => f.fold(last) + SEP + f.fold(first);
export const firstLastKey = (f: Folds, last: string, first: string): string => f.fold(first) + SEP + f.fold(last);

export function studentWords(f: Folds, last: string, first: string, ine: string | null, division: string | null): string {
  return ` ${f.words(last)} ${f.words(first)}` + (ine ? ` ${foldText(ine)}` : '') + (division ? ` ${f.words(division)}` : '');
}

/** A guardian's words: names and the children's classes, so "dupont 6a" tells two Duponts apart. */
export function guardianWords(f: Folds, last: string, first: string, divisions: readonly string[] | undefined): string {
  let out = ` ${f.words(last)} ${f.words(first)}`;
  if (divisions) for (const d of new Set(divisions)) out += ` ${f.words(d)}`;
  return out;
}

/** A phone's searchable digits: the stored number's forms, or those of the refused input kept
 * raw (so the number a guardian's page shows is the number that finds them). */
export const phoneText = (phone: string | null, raw: string | null = null): string =>
  phone ? phoneSearchDigits(phone) : raw ? rawPhoneSearchDigits(raw) : '';
/** A guardian's email for search (the refused input when there is no valid one), '' if none. */
export const guardianEmail = (email: string | null, raw: string | null = null): string =>
  email ? emailForSearch(email) : raw ? emailForSearch(raw) : '';
export const emailText = (email: string): string => (email ? ` ${email}` : '');

const column = (t: Table, c: number): (string | null)[] => Array.from({ length: t.count }, (_, r) => cell(t, r, c));

/** Largest rowid given a place in slotByRowid. */
export const rowidLimit = (count: number): number => Math.max(1 << 20, count * 4);

function slots(t: Table, rowidColumn: number): Slots {
  const rowids = new Float64Array(t.count);
  let max = 0;
  for (let r = 0; r < t.count; r++) {
    const v = Number(cell(t, r, rowidColumn));
    rowids[r] = v;
    if (v > max) max = v;
  }
  // Rowids are dense in practice; one set by hand far away is left out (found by a scan instead).
  const slotByRowid = new Int32Array(Math.min(max, rowidLimit(t.count)) + 1).fill(-1);
  for (let r = 0; r < t.count; r++) slotByRowid[rowids[r] as number] = r;
  return { count: t.count, dead: new Uint8Array(t.count), deadCount: 0, id: column(t, 0) as string[], slotByRowid };
}

export interface Indexes {
  students: StudentIndex;
  guardians: GuardianIndex;
}

/**
 * Builds both indexes from one read of each table: they need the same tables (a student shows
 * its guardians' contacts, a guardian its children's classes), and reading them is most of the
 * cost. Links come with the rowids of both ends (two index seeks each, in SQLite), which index
 * straight into the slot arrays: no map of 300,000 ids to build.
 */
export function buildIndexes(db: Reader): Indexes {
  // Columns: 0 id, 1 ine, 2 last_name, 3 first_name, 4 birth_date, 5 division, 6 status, 7 rowid.
  const st = readTable(db, STUDENT_COLUMNS, 'student');
  // Columns: 0 id, 1 civility, 2 last_name, 3 first_name, 4 phone, 5 email, 6 rowid,
  // 7 phone_raw and 8 email_raw when refused.
  const gu = readTable(db, GUARDIAN_COLUMNS, 'guardian');
  // Each guardian's search texts, derived once: the students' blobs reuse them per link.
  const gPhones = new Array<string>(gu.count);
  const gEmails = new Array<string>(gu.count);
  for (let r = 0; r < gu.count; r++) {
    gPhones[r] = phoneText(cell(gu, r, 4), cell(gu, r, GUARDIAN_PHONE_RAW));
    gEmails[r] = guardianEmail(cell(gu, r, 5), cell(gu, r, GUARDIAN_EMAIL_RAW));
  }
  const links = readTable(
    db,
    ['s.rowid', 'g.rowid'],
    'guardianship l JOIN student s ON s.id = l.student_id JOIN guardian g ON g.id = l.guardian_id',
  );
  const sSlots = slots(st, STUDENT_ROWID);
  const gSlots = slots(gu, GUARDIAN_ROWID);
  const slotIn = (at: Int32Array, rowid: string | null): number => (rowid === null ? -1 : (at[Number(rowid)] ?? -1));
  const findSlot = (t: Table, ix: Slots, r: number, rowid: string | null): number => {
    const s = slotIn(ix.slotByRowid, rowid);
    if (s >= 0) return s;
    // A rowid beyond slotByRowid (set by hand): look it up the slow way.
    for (let k = 0; k < t.count; k++) if (cell(t, k, r) === rowid) return k;
    return -1;
  };

  const guardianCount = new Int32Array(st.count);
  const phones = new Array<string>(st.count).fill('');
  const emails = new Array<string>(st.count).fill('');
  const childCount = new Int32Array(gu.count);
  const childDivisions = new Array<string[] | undefined>(gu.count);
  for (let l = 0; l < links.count; l++) {
    const s = findSlot(st, sSlots, STUDENT_ROWID, cell(links, l, 0));
    const g = findSlot(gu, gSlots, GUARDIAN_ROWID, cell(links, l, 1));
    if (s < 0 || g < 0) continue;
    guardianCount[s]!++;
    phones[s] += gPhones[g] as string;
    emails[s] += emailText(gEmails[g] as string);
    childCount[g]!++;
    const d = cell(st, s, 5);
    if (d) (childDivisions[g] ??= []).push(d);
  }

  const f = makeFolds();
  const students: StudentIndex = {
    ...sSlots,
    numbersInWords: true,
    ine: column(st, 1),
    lastName: column(st, 2).map((v) => v ?? ''),
    firstName: column(st, 3).map((v) => v ?? ''),
    birthDate: column(st, 4),
    division: column(st, 5),
    enrolled: Uint8Array.from({ length: st.count }, (_, r) => (cell(st, r, 6) === 'enrolled' ? 1 : 0)),
    guardianCount,
    lastFirstKey: [],
    firstLastKey: [],
    words: buildBlob([]),
    emails: buildBlob(emails),
    phones: buildBlob(phones),
  };
  const sWords: string[] = [];
  for (let r = 0; r < st.count; r++) {
    const last = students.lastName[r] as string;
    const first = students.firstName[r] as string;
    students.lastFirstKey.push(lastFirstKey(f, last, first));
    students.firstLastKey.push(firstLastKey(f, last, first));
    sWords.push(studentWords(f, last, first, students.ine[r] ?? null, students.division[r] ?? null));
  }
  students.words = buildBlob(sWords);

  const phone = column(gu, 4);
  const email = column(gu, 5);
  const guardians: GuardianIndex = {
    ...gSlots,
    numbersInWords: false,
    civility: column(gu, 1),
    lastName: column(gu, 2).map((v) => v ?? ''),
    firstName: column(gu, 3).map((v) => v ?? ''),
    phone,
    email,
    phoneRaw: column(gu, GUARDIAN_PHONE_RAW),
    emailRaw: column(gu, GUARDIAN_EMAIL_RAW),
    childCount,
    lastFirstKey: [],
    firstLastKey: [],
    words: buildBlob([]),
    emails: buildBlob(gEmails),
    emailLocals: buildBlob(gEmails.map(emailLocal)),
    phones: buildBlob(gPhones),
  };
  const gWords: string[] = [];
  for (let r = 0; r < gu.count; r++) {
    const last = guardians.lastName[r] as string;
    const first = guardians.firstName[r] as string;
    guardians.lastFirstKey.push(lastFirstKey(f, last, first));
    guardians.firstLastKey.push(firstLastKey(f, last, first));
    gWords.push(guardianWords(f, last, first, childDivisions[r]));
  }
  guardians.words = buildBlob(gWords);
  return { students, guardians };
}

/** One index alone (measures, tools): builds both, keeps one. */
export const buildStudentIndex = (db: Reader): StudentIndex => buildIndexes(db).students;
export const buildGuardianIndex = (db: Reader): GuardianIndex => buildIndexes(db).guardians;
