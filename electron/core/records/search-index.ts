// In-memory columns and search blobs for the student and guardian lists. Built from the register
// on first use (a few hundred ms at 100,000 students) and rebuilt when the register changes.

import type { SqlParams, SqlValue } from '../db/types';
import { buildBlob, type Blob } from './blob';
import { foldText, nameSearchWords, phoneSearchDigits } from './fold';

interface Reader {
  all<T = Record<string, SqlValue>>(sql: string, params?: SqlParams): T[];
}

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

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildStudentIndex(db: Reader): StudentIndex {
  const rows = db.all<{
    id: string;
    ine: string | null;
    last_name: string;
    first_name: string;
    birth_date: string | null;
    division: string | null;
    status: string;
  }>('SELECT id, ine, last_name, first_name, birth_date, division, status FROM student');
  const contacts = db.all<{ student_id: string; phone: string | null; email: string | null }>(
    `SELECT gs.student_id, g.phone, g.email FROM guardianship gs JOIN guardian g ON g.id = gs.guardian_id`,
  );
  const emailsOf = new Map<string, string[]>();
  const phonesOf = new Map<string, string[]>();
  const guardiansOf = new Map<string, number>();
  for (const c of contacts) {
    guardiansOf.set(c.student_id, (guardiansOf.get(c.student_id) ?? 0) + 1);
    if (c.email) pushTo(emailsOf, c.student_id, emailForSearch(c.email));
    if (c.phone) pushTo(phonesOf, c.student_id, phoneSearchDigits(c.phone));
  }
  const count = rows.length;
  const index: StudentIndex = {
    count,
    id: new Array<string>(count),
    ine: new Array<string | null>(count),
    lastName: new Array<string>(count),
    firstName: new Array<string>(count),
    birthDate: new Array<string | null>(count),
    division: new Array<string | null>(count),
    enrolled: new Uint8Array(count),
    guardianCount: new Int32Array(count),
    lastFirstKey: new Array<string>(count),
    firstLastKey: new Array<string>(count),
    words: buildBlob([]),
    emails: buildBlob([]),
    phones: buildBlob([]),
  };
  const words = new Array<string>(count);
  const emails = new Array<string>(count);
  const phones = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const r = rows[i]!;
    index.id[i] = r.id;
    index.ine[i] = r.ine;
    index.lastName[i] = r.last_name;
    index.firstName[i] = r.first_name;
    index.birthDate[i] = r.birth_date;
    index.division[i] = r.division;
    index.enrolled[i] = r.status === 'enrolled' ? 1 : 0;
    index.guardianCount[i] = guardiansOf.get(r.id) ?? 0;
    const last = foldText(r.last_name);
    const first = foldText(r.first_name);
    index.lastFirstKey[i] = last + SEP + first;
    index.firstLastKey[i] = first + SEP + last;
    let w = ` ${nameSearchWords(r.last_name)} ${nameSearchWords(r.first_name)}`;
    if (r.ine) w += ` ${foldText(r.ine)}`;
    if (r.division) w += ` ${nameSearchWords(r.division)}`;
    words[i] = w;
    emails[i] = (emailsOf.get(r.id) ?? []).join(' ');
    phones[i] = (phonesOf.get(r.id) ?? []).join(' ');
  }
  index.words = buildBlob(words);
  index.emails = buildBlob(emails);
  index.phones = buildBlob(phones);
  return index;
}

export function buildGuardianIndex(db: Reader): GuardianIndex {
  const rows = db.all<{
    id: string;
    civility: string | null;
    last_name: string;
    first_name: string;
    phone: string | null;
    email: string | null;
  }>('SELECT id, civility, last_name, first_name, phone, email FROM guardian');
  const links = db.all<{ guardian_id: string; division: string | null }>(
    `SELECT gs.guardian_id, s.division FROM guardianship gs JOIN student s ON s.id = gs.student_id`,
  );
  const childrenOf = new Map<string, number>();
  const divisionsOf = new Map<string, string[]>();
  for (const l of links) {
    childrenOf.set(l.guardian_id, (childrenOf.get(l.guardian_id) ?? 0) + 1);
    if (l.division) pushTo(divisionsOf, l.guardian_id, l.division);
  }
  const count = rows.length;
  const words = new Array<string>(count);
  const emails = new Array<string>(count);
  const locals = new Array<string>(count);
  const phones = new Array<string>(count);
  const index: GuardianIndex = {
    count,
    id: new Array<string>(count),
    civility: new Array<string | null>(count),
    lastName: new Array<string>(count),
    firstName: new Array<string>(count),
    phone: new Array<string | null>(count),
    email: new Array<string | null>(count),
    childCount: new Int32Array(count),
    lastFirstKey: new Array<string>(count),
    firstLastKey: new Array<string>(count),
    words: buildBlob([]),
    emails: buildBlob([]),
    emailLocals: buildBlob([]),
    phones: buildBlob([]),
  };
  for (let i = 0; i < count; i++) {
    const r = rows[i]!;
    index.id[i] = r.id;
    index.civility[i] = r.civility;
    index.lastName[i] = r.last_name;
    index.firstName[i] = r.first_name;
    index.phone[i] = r.phone;
    index.email[i] = r.email;
    index.childCount[i] = childrenOf.get(r.id) ?? 0;
    const last = foldText(r.last_name);
    const first = foldText(r.first_name);
    index.lastFirstKey[i] = last + SEP + first;
    index.firstLastKey[i] = first + SEP + last;
    let w = ` ${nameSearchWords(r.last_name)} ${nameSearchWords(r.first_name)}`;
    // Children's classes, so "dupont 6a" tells two Duponts apart.
    const divisions = divisionsOf.get(r.id);
    if (divisions) for (const d of new Set(divisions)) w += ` ${nameSearchWords(d)}`;
    words[i] = w;
    const email = r.email ? emailForSearch(r.email) : '';
    emails[i] = email;
    const at = email.indexOf('@');
    locals[i] = at === -1 ? email : email.slice(0, at);
    phones[i] = r.phone ? phoneSearchDigits(r.phone) : '';
  }
  index.words = buildBlob(words);
  index.emails = buildBlob(emails);
  index.emailLocals = buildBlob(locals);
  index.phones = buildBlob(phones);
  return index;
}
