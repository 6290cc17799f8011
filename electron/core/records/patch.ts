// Brings a few records of a built index up to date with the register: reads them (and what they
// show of their links) with a handful of indexed queries, then overwrites, adds or kills their
// slots. Derivations are the full build's own functions, so a patched index answers exactly as a
// rebuilt one.

import { setRecordText } from './blob';
import { cell, readTable, type Table } from './load';
import {
  GUARDIAN_COLUMNS,
  GUARDIAN_EMAIL_RAW,
  GUARDIAN_PHONE_RAW,
  GUARDIAN_ROWID,
  STUDENT_COLUMNS,
  STUDENT_ROWID,
  emailLocal,
  emailRawIfRefused,
  emailText,
  firstLastKey,
  guardianEmail,
  guardianWords,
  lastFirstKey,
  makeFolds,
  phoneRawIfRefused,
  phoneText,
  rowidLimit,
  studentWords,
  type GuardianIndex,
  type Reader,
  type StudentIndex,
} from './search-index';

const IN_IDS = 'IN (SELECT value FROM json_each(?))';

/** Ids of the other side of the links of `ids`. */
export function linkedIds(db: Reader, side: 'student' | 'guardian', ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  const other = side === 'student' ? 'guardian_id' : 'student_id';
  const t = readTable(db, [other], `guardianship WHERE ${side}_id ${IN_IDS}`, [JSON.stringify(ids)]);
  return Array.from({ length: t.count }, (_, r) => cell(t, r, 0) as string);
}

type AnyIndex = StudentIndex | GuardianIndex;

/** Room for slot `i` in a typed array (doubling, so many additions stay linear). */
function room<A extends Uint8Array | Int32Array>(a: A, i: number, make: (n: number) => A): A {
  if (i < a.length) return a;
  const b = make(Math.max(i + 1, a.length * 2, 16));
  b.set(a);
  return b;
}

/**
 * The slot of each changed id that has one (a live record of the index). A record still in the
 * register is found by its rowid; the others (new, deleted, or re-inserted under a new rowid) by
 * one pass over the ids, done only when there are such records.
 */
function slotsOf(ix: AnyIndex, ids: readonly string[], t: Table, row: Map<string, number>, rowidColumn: number): Map<string, number> {
  const found = new Map<string, number>();
  const unresolved = new Set<string>();
  for (const id of ids) {
    const r = row.get(id);
    const rowid = r === undefined ? -1 : Number(cell(t, r, rowidColumn));
    const s = rowid >= 0 && rowid < ix.slotByRowid.length ? (ix.slotByRowid[rowid] as number) : -1;
    if (s >= 0 && !ix.dead[s] && ix.id[s] === id) found.set(id, s);
    else unresolved.add(id);
  }
  if (unresolved.size > 0) {
    for (let i = 0; i < ix.count; i++) {
      if (!ix.dead[i] && unresolved.has(ix.id[i] as string)) found.set(ix.id[i] as string, i);
    }
  }
  return found;
}

/** The slot to write `id` to: its own, or a new one at the end; registered under its rowid. */
function place(ix: AnyIndex, slot: number | undefined, id: string, rowid: number): number {
  let i = slot;
  if (i === undefined) {
    i = ix.count++;
    ix.dead = room(ix.dead, i, (n) => new Uint8Array(n));
    ix.id[i] = id;
  }
  if (!(rowid >= 0 && rowid <= rowidLimit(ix.count))) return i;
  if (rowid >= ix.slotByRowid.length) {
    const b = new Int32Array(Math.max(rowid + 1, ix.slotByRowid.length * 2)).fill(-1);
    b.set(ix.slotByRowid);
    ix.slotByRowid = b;
  }
  ix.slotByRowid[rowid] = i;
  return i;
}

function kill(ix: AnyIndex, i: number): void {
  ix.dead[i] = 1;
  ix.deadCount++;
}

/** Rows of `t` by their first column (an id). */
function byId(t: Table): Map<string, number> {
  const m = new Map<string, number>();
  for (let r = 0; r < t.count; r++) m.set(cell(t, r, 0) as string, r);
  return m;
}

/** Groups the rows of `t` by their first column. */
function groupRows(t: Table): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (let r = 0; r < t.count; r++) {
    const k = cell(t, r, 0) as string;
    const g = m.get(k);
    if (g) g.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** Re-reads the students `ids` (added, changed or removed) into the index. Returns the slots
 * touched. */
export function patchStudents(db: Reader, ix: StudentIndex, ids: readonly string[]): number[] {
  if (ids.length === 0) return [];
  const json = JSON.stringify(ids);
  // Columns: 0 id, 1 ine, 2 last_name, 3 first_name, 4 birth_date, 5 division, 6 status, 7 rowid.
  const st = readTable(db, STUDENT_COLUMNS, `student WHERE id ${IN_IDS}`, [json]);
  const contacts = readTable(
    db,
    ['l.student_id', 'g.phone', 'g.email', phoneRawIfRefused('g.'), emailRawIfRefused('g.')],
    `guardianship l JOIN guardian g ON g.id = l.guardian_id WHERE l.student_id ${IN_IDS}`,
    [json],
  );
  const row = byId(st);
  const contactsOf = groupRows(contacts);
  const unique = [...new Set(ids)];
  const slotOf = slotsOf(ix, unique, st, row, STUDENT_ROWID);
  const f = makeFolds();
  const touched: number[] = [];
  for (const id of unique) {
    const r = row.get(id);
    const had = slotOf.get(id);
    if (r === undefined) {
      if (had === undefined) continue;
      touched.push(had);
      kill(ix, had);
      setStudentTexts(ix, had, '', '', '');
      continue;
    }
    const i = place(ix, had, id, Number(cell(st, r, STUDENT_ROWID)));
    touched.push(i);
    const last = cell(st, r, 2) ?? '';
    const first = cell(st, r, 3) ?? '';
    const ine = cell(st, r, 1);
    const division = cell(st, r, 5);
    ix.ine[i] = ine;
    ix.lastName[i] = last;
    ix.firstName[i] = first;
    ix.birthDate[i] = cell(st, r, 4);
    ix.division[i] = division;
    ix.enrolled = room(ix.enrolled, i, (n) => new Uint8Array(n));
    ix.enrolled[i] = cell(st, r, 6) === 'enrolled' ? 1 : 0;
    ix.lastFirstKey[i] = lastFirstKey(f, last, first);
    ix.firstLastKey[i] = firstLastKey(f, last, first);
    const mine = contactsOf.get(id) ?? [];
    ix.guardianCount = room(ix.guardianCount, i, (n) => new Int32Array(n));
    ix.guardianCount[i] = mine.length;
    let phones = '';
    let emails = '';
    for (const c of mine) {
      phones += phoneText(cell(contacts, c, 1), cell(contacts, c, 3));
      emails += emailText(guardianEmail(cell(contacts, c, 2), cell(contacts, c, 4)));
    }
    setStudentTexts(ix, i, studentWords(f, last, first, ine, division), emails, phones);
  }
  return touched;
}

function setStudentTexts(ix: StudentIndex, i: number, words: string, emails: string, phones: string): void {
  ix.words = setRecordText(ix.words, i, words, ix.count);
  ix.emails = setRecordText(ix.emails, i, emails, ix.count);
  ix.phones = setRecordText(ix.phones, i, phones, ix.count);
}

/** Re-reads the guardians `ids` (added, changed or removed) into the index. Returns the slots
 * touched. */
export function patchGuardians(db: Reader, ix: GuardianIndex, ids: readonly string[]): number[] {
  if (ids.length === 0) return [];
  const json = JSON.stringify(ids);
  // Columns: 0 id, 1 civility, 2 last_name, 3 first_name, 4 phone, 5 email, 6 rowid,
  // 7 phone_raw and 8 email_raw when refused.
  const gu = readTable(db, GUARDIAN_COLUMNS, `guardian WHERE id ${IN_IDS}`, [json]);
  const children = readTable(
    db,
    ['l.guardian_id', 's.division'],
    `guardianship l JOIN student s ON s.id = l.student_id WHERE l.guardian_id ${IN_IDS}`,
    [json],
  );
  const row = byId(gu);
  const childrenOf = groupRows(children);
  const unique = [...new Set(ids)];
  const slotOf = slotsOf(ix, unique, gu, row, GUARDIAN_ROWID);
  const f = makeFolds();
  const touched: number[] = [];
  for (const id of unique) {
    const r = row.get(id);
    const had = slotOf.get(id);
    if (r === undefined) {
      if (had === undefined) continue;
      touched.push(had);
      kill(ix, had);
      setGuardianTexts(ix, had, '', '', '');
      continue;
    }
    const i = place(ix, had, id, Number(cell(gu, r, GUARDIAN_ROWID)));
    touched.push(i);
    const last = cell(gu, r, 2) ?? '';
    const first = cell(gu, r, 3) ?? '';
    const phone = cell(gu, r, 4);
    const email = cell(gu, r, 5);
    ix.civility[i] = cell(gu, r, 1);
    ix.lastName[i] = last;
    ix.firstName[i] = first;
    ix.phone[i] = phone;
    ix.email[i] = email;
    ix.phoneRaw[i] = cell(gu, r, GUARDIAN_PHONE_RAW);
    ix.emailRaw[i] = cell(gu, r, GUARDIAN_EMAIL_RAW);
    ix.lastFirstKey[i] = lastFirstKey(f, last, first);
    ix.firstLastKey[i] = firstLastKey(f, last, first);
    const mine = childrenOf.get(id) ?? [];
    ix.childCount = room(ix.childCount, i, (n) => new Int32Array(n));
    ix.childCount[i] = mine.length;
    const divisions: string[] = [];
    for (const c of mine) {
      const d = cell(children, c, 1);
      if (d) divisions.push(d);
    }
    setGuardianTexts(
      ix,
      i,
      guardianWords(f, last, first, divisions),
      guardianEmail(email, cell(gu, r, GUARDIAN_EMAIL_RAW)),
      phoneText(phone, cell(gu, r, GUARDIAN_PHONE_RAW)),
    );
  }
  return touched;
}

function setGuardianTexts(ix: GuardianIndex, i: number, words: string, email: string, phones: string): void {
  ix.words = setRecordText(ix.words, i, words, ix.count);
  ix.emails = setRecordText(ix.emails, i, email, ix.count);
  ix.emailLocals = setRecordText(ix.emailLocals, i, emailLocal(email), ix.count);
  ix.phones = setRecordText(ix.phones, i, phones, ix.count);
}
