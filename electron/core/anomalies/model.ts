// The register as the anomaly rules read it: guardians, students and links in Maps, with the
// indexes the cross-record rules need (shared contacts, look-alike evidence). Loaded in one pass
// (group_concat reads), then patched record by record after each correction.

import { nameKey } from '../../../shared/domain';
import type { Register, SqlValue } from '../db/types';
import { readTable, type Table } from '../records/load';

export interface G {
  id: string;
  civility: string | null;
  last: string;
  first: string;
  /** Folded last|first (shared/domain fullNameKey), recomputed here so every register agrees. */
  key: string;
  phone: string | null;
  /** Raw phone and its address country: read only when `phone` is null (all the rules need). */
  phoneRaw: string | null;
  email: string | null;
  /** Raw email: read only when `email` is null. */
  emailRaw: string | null;
  postal: string | null;
  country: string | null;
  address: string | null;
}

export interface S {
  id: string;
  last: string;
  first: string;
  birth: string | null;
  birthRaw: string | null;
  division: string | null;
  status: string;
}

export interface L {
  id: string;
  s: string;
  g: string;
  rank: number;
}

/** Small arrays rather than Sets: 100,000s of one- or two-element groups cost far less memory and GC. */
export type Multi<T> = Map<string, T[]>;

/** Guardian ids sharing a key: the id itself while alone (nearly every contact and piece of
 * evidence), an array of two or more otherwise. Half a million one-element arrays were a large
 * share of a 100,000-student scan's allocations and garbage-collection time. */
export type Group = Map<string, string | string[]>;

/** The ids under a key (in the order they joined) when there are two or more, else null. */
export const shared = (m: Group, k: string): readonly string[] | null => {
  const v = m.get(k);
  return Array.isArray(v) ? v : null;
};
const join = (m: Group, k: string, id: string): void => {
  const v = m.get(k);
  if (v === undefined) m.set(k, id);
  else if (typeof v === 'string') {
    if (v !== id) m.set(k, [v, id]);
  } else if (!v.includes(id)) v.push(id);
};
const leave = (m: Group, k: string, id: string): void => {
  const v = m.get(k);
  if (v === undefined) return;
  if (typeof v === 'string') {
    if (v === id) m.delete(k);
    return;
  }
  const i = v.indexOf(id);
  if (i >= 0) v.splice(i, 1);
  if (v.length === 1) m.set(k, v[0]!);
  else if (v.length === 0) m.delete(k);
};

export interface Model {
  g: Map<string, G>;
  s: Map<string, S>;
  l: Map<string, L>;
  /** student id → its links; guardian id → its links. */
  ls: Multi<L>;
  lg: Multi<L>;
  /** E.164 phone → guardian ids; email → guardian ids. Keyed by the values themselves (no key
   * string made per guardian); a contact is named 'p:' + phone or 'e:' + email elsewhere. */
  phones: Group;
  emails: Group;
  /** name key + one piece of evidence (address, phone digits) → guardian ids. */
  evidence: Group;
}

type Reader = Pick<Register, 'get' | 'all'>;

const keyMemo = new Map<string, string>();
/** nameKey per name part, memoised: registers repeat first and last names a lot. */
function foldedName(part: string): string {
  let k = keyMemo.get(part);
  if (k === undefined) {
    k = nameKey(part);
    if (keyMemo.size > 500_000) keyMemo.clear();
    keyMemo.set(part, k);
  }
  return k;
}
export const personKey = (last: string, first: string): string => `${foldedName(last)}|${foldedName(first)}`;

// eslint-disable-next-line no-control-regex -- ASCII test
const NON_ASCII = /[^\x00-\x7f]/;
const foldAddress = (line: string | null, postal: string | null): string | null => {
  if (!line || !postal) return null;
  const plain = NON_ASCII.test(line) ? line.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : line;
  const l = plain.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return l ? `${l}|${postal.replace(/\s/g, '')}` : null;
};

/** Guardians holding a contact ('p:' + phone or 'e:' + email) when two or more do, else null. */
export function contactHolders(m: Model, contact: string): readonly string[] | null {
  return shared(contact.startsWith('p:') ? m.phones : m.emails, contact.slice(2));
}

export function contactKeys(g: G): string[] {
  const out: string[] = [];
  if (g.phone) out.push(`p:${g.phone}`);
  if (g.email) out.push(`e:${g.email}`);
  return out;
}

/** Look-alike evidence for a same-name pair: same address, same last 8 phone digits (whatever the
 * country code). An email's local part is not evidence: it is usually made of the name itself. */
export function evidenceKeys(g: G): string[] {
  const out: string[] = [];
  if (g.key === '|') return out;
  if (g.address) out.push(`${g.key}|a:${g.address}`);
  const digits = (g.phone ?? g.phoneRaw ?? '').replace(/\D/g, '');
  if (digits.length >= 8) out.push(`${g.key}|d:${digits.slice(-8)}`);
  return out;
}

const add = <T>(m: Multi<T>, k: string, v: T): void => {
  const list = m.get(k);
  if (!list) m.set(k, [v]);
  else if (!list.includes(v)) list.push(v);
};
const remove = <T>(m: Multi<T>, k: string, v: T): void => {
  const list = m.get(k);
  if (!list) return;
  const i = list.indexOf(v);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) m.delete(k);
};

export function emptyModel(): Model {
  return { g: new Map(), s: new Map(), l: new Map(), ls: new Map(), lg: new Map(), phones: new Map(), emails: new Map(), evidence: new Map() };
}

// The raw phone, its country and the raw email matter only when the normalised value is missing:
// not reading them otherwise saves a quarter of the bytes a scan moves out of sql.js.
const GUARDIAN_COLUMNS = [
  'id',
  'civility',
  'last_name',
  'first_name',
  'phone',
  'CASE WHEN phone IS NULL THEN phone_raw END',
  'email',
  'CASE WHEN email IS NULL THEN email_raw END',
  'postal_code',
  'CASE WHEN phone IS NULL THEN country END',
  'address_line1',
];
const STUDENT_COLUMNS = ['id', 'last_name', 'first_name', 'birth_date', 'birth_date_raw', 'division', 'status'];
const LINK_COLUMNS = ['id', 'student_id', 'guardian_id', 'legal_rank'];

const guardianOf = (c: (i: number) => string | null): G => {
  const last = c(2) ?? '';
  const first = c(3) ?? '';
  return {
    id: c(0) ?? '',
    civility: c(1),
    last,
    first,
    key: personKey(last, first),
    phone: c(4),
    phoneRaw: c(5),
    email: c(6),
    emailRaw: c(7),
    postal: c(8),
    country: c(9),
    address: foldAddress(c(10), c(8)),
  };
};
const studentOf = (c: (i: number) => string | null): S => ({
  id: c(0) ?? '',
  last: c(1) ?? '',
  first: c(2) ?? '',
  birth: c(3),
  birthRaw: c(4),
  division: c(5),
  status: c(6) ?? 'enrolled',
});
const linkOf = (c: (i: number) => string | null): L => ({ id: c(0) ?? '', s: c(1) ?? '', g: c(2) ?? '', rank: Number(c(3) ?? 0) });

export function addGuardian(m: Model, g: G): void {
  m.g.set(g.id, g);
  if (g.phone) join(m.phones, g.phone, g.id);
  if (g.email) join(m.emails, g.email, g.id);
  for (const k of evidenceKeys(g)) join(m.evidence, k, g.id);
}
export function removeGuardian(m: Model, id: string): void {
  const g = m.g.get(id);
  if (!g) return;
  if (g.phone) leave(m.phones, g.phone, id);
  if (g.email) leave(m.emails, g.email, id);
  for (const k of evidenceKeys(g)) leave(m.evidence, k, id);
  m.g.delete(id);
}
export function addLink(m: Model, l: L): void {
  if (m.l.has(l.id)) removeLink(m, l.id);
  m.l.set(l.id, l);
  add(m.ls, l.s, l);
  add(m.lg, l.g, l);
}
export function removeLink(m: Model, id: string): void {
  const l = m.l.get(id);
  if (!l) return;
  remove(m.ls, l.s, l);
  remove(m.lg, l.g, l);
  m.l.delete(id);
}

const SEPARATOR = '\u001f';
const NULL_MARK = '\u0002';
/**
 * A whole table as cells, like records' readTable but with the separators as SQL literals and no
 * CAST per cell (the columns read here are text or integers, which `||` turns into text): the
 * full scan reads over a million cells at 100,000 students.
 */
function readCells(db: Reader, columns: readonly string[], table: string): Table {
  const expr = columns.map((c) => `ifnull(${c}, '${NULL_MARK}')`).join(` || '${SEPARATOR}' || `);
  const row = db.get<{ n: number; x: string | null }>(`SELECT count(*) AS n, group_concat(${expr}, '${SEPARATOR}') AS x FROM ${table}`);
  const count = row?.n ?? 0;
  if (count === 0 || row?.x == null) return { count: 0, width: columns.length, cells: [] };
  const cells: (string | null)[] = row.x.split(SEPARATOR);
  // A value holding the separator would shift every later cell: the exact, slower reader then.
  if (cells.length !== count * columns.length) return readTable(db, columns, table);
  for (let i = 0; i < cells.length; i++) if (cells[i] === NULL_MARK) cells[i] = null;
  return { count, width: columns.length, cells };
}

export function loadModel(db: Reader): Model {
  const m = emptyModel();
  // Cells read by index, without a closure per row: this loop runs 100,000s of times.
  const gt = readCells(db, GUARDIAN_COLUMNS, 'guardian');
  const gc = gt.cells;
  for (let r = 0, b = 0; r < gt.count; r++, b += gt.width) {
    const last = gc[b + 2] ?? '';
    const first = gc[b + 3] ?? '';
    addGuardian(m, {
      id: gc[b] ?? '',
      civility: gc[b + 1] ?? null,
      last,
      first,
      key: personKey(last, first),
      phone: gc[b + 4] ?? null,
      phoneRaw: gc[b + 5] ?? null,
      email: gc[b + 6] ?? null,
      emailRaw: gc[b + 7] ?? null,
      postal: gc[b + 8] ?? null,
      country: gc[b + 9] ?? null,
      address: foldAddress(gc[b + 10] ?? null, gc[b + 8] ?? null),
    });
  }
  const st = readCells(db, STUDENT_COLUMNS, 'student');
  const sc = st.cells;
  for (let r = 0, b = 0; r < st.count; r++, b += st.width) {
    const id = sc[b] ?? '';
    m.s.set(id, {
      id,
      last: sc[b + 1] ?? '',
      first: sc[b + 2] ?? '',
      birth: sc[b + 3] ?? null,
      birthRaw: sc[b + 4] ?? null,
      division: sc[b + 5] ?? null,
      status: sc[b + 6] ?? 'enrolled',
    });
  }
  const lt = readCells(db, LINK_COLUMNS, 'guardianship');
  const lc = lt.cells;
  for (let r = 0, b = 0; r < lt.count; r++, b += lt.width) {
    const l: L = { id: lc[b] ?? '', s: lc[b + 1] ?? '', g: lc[b + 2] ?? '', rank: Number(lc[b + 3] ?? 0) };
    m.l.set(l.id, l);
    add(m.ls, l.s, l);
    add(m.lg, l.g, l);
  }
  return m;
}

/** Columns aliased c0, c1…: some are expressions, whose default names SQLite leaves unspecified. */
const select = (cols: readonly string[]): string => cols.map((c, i) => `${c} AS c${i}`).join(', ');
const rowCell = (row: Record<string, SqlValue>) => (i: number): string | null => {
  const v = row[`c${i}`];
  return v === null || v === undefined ? null : String(v);
};

/** What a patch changed, for choosing what to re-check. */
export interface Reloaded {
  /** Students and guardians linked to the reloaded records before or after. */
  students: Set<string>;
  guardians: Set<string>;
  /** Contact and evidence keys the reloaded guardians had before. */
  oldContacts: string[];
  oldEvidence: string[];
}

/** Re-reads some guardians and students (and all their links) from the register. */
export function reload(m: Model, db: Reader, guardianIds: Iterable<string>, studentIds: Iterable<string>): Reloaded {
  const gids = [...new Set(guardianIds)];
  const sids = [...new Set(studentIds)];
  const out: Reloaded = { students: new Set(), guardians: new Set(), oldContacts: [], oldEvidence: [] };
  const dropLinks = (links: L[] | undefined) => {
    for (const l of [...(links ?? [])]) {
      out.students.add(l.s);
      out.guardians.add(l.g);
      removeLink(m, l.id);
    }
  };
  for (const id of gids) {
    const g = m.g.get(id);
    if (g) {
      out.oldContacts.push(...contactKeys(g));
      out.oldEvidence.push(...evidenceKeys(g));
    }
    dropLinks(m.lg.get(id));
    removeGuardian(m, id);
  }
  for (const id of sids) {
    dropLinks(m.ls.get(id));
    m.s.delete(id);
  }
  const chunk = <T>(list: T[], n = 400): T[][] => Array.from({ length: Math.ceil(list.length / n) }, (_, i) => list.slice(i * n, (i + 1) * n));
  for (const part of chunk(gids)) {
    const q = part.map(() => '?').join(',');
    for (const row of db.all<Record<string, SqlValue>>(`SELECT ${select(GUARDIAN_COLUMNS)} FROM guardian WHERE id IN (${q})`, part)) {
      addGuardian(m, guardianOf(rowCell(row)));
    }
    for (const row of db.all<Record<string, SqlValue>>(`SELECT ${select(LINK_COLUMNS)} FROM guardianship WHERE guardian_id IN (${q})`, part)) {
      addLink(m, linkOf(rowCell(row)));
    }
  }
  for (const part of chunk(sids)) {
    const q = part.map(() => '?').join(',');
    for (const row of db.all<Record<string, SqlValue>>(`SELECT ${select(STUDENT_COLUMNS)} FROM student WHERE id IN (${q})`, part)) {
      const s = studentOf(rowCell(row));
      m.s.set(s.id, s);
    }
    for (const row of db.all<Record<string, SqlValue>>(`SELECT ${select(LINK_COLUMNS)} FROM guardianship WHERE student_id IN (${q})`, part)) {
      addLink(m, linkOf(rowCell(row)));
    }
  }
  for (const id of gids) for (const l of m.lg.get(id) ?? []) out.students.add(l.s);
  for (const id of sids) for (const l of m.ls.get(id) ?? []) out.guardians.add(l.g);
  return out;
}

export const studentsOf = (m: Model, guardianId: string): string[] => (m.lg.get(guardianId) ?? []).map((l) => l.s);

export const guardiansOf = (m: Model, studentId: string): string[] => (m.ls.get(studentId) ?? []).map((l) => l.g);
