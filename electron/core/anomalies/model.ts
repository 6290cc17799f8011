// The register as the anomaly rules read it. Guardians and students are slots (small integers:
// their interned ids), every value a rule compares is an interned integer (name key, phone, email,
// folded address, last phone digits), and the text of a record is decoded only when an anomaly
// shows it. Loaded in one read per table (cells.ts), then patched record by record after each
// correction (docs/decisions/012).

import type { Register, SqlValue } from '../db/types';
import { cellsOf, from, grow, growBytes, Interner, isEmpty, isNull, readCells, selectAs, text, to, type Cells } from './cells';

/** What the rules read of a guardian's text, decoded on demand (names are not read: the desk
 * reads them for the page it shows). */
export interface GuardianText {
  /** Raw phone and its address country: read only when the phone is missing (all the rules need). */
  phoneRaw: string | null;
  country: string | null;
  /** Raw email: read only when the email is missing. */
  emailRaw: string | null;
  postal: string | null;
}

export interface StudentText {
  last: string;
  first: string;
  birthRaw: string | null;
  division: string | null;
}

/** Guardian slots sharing a value, by the value's id: the slot itself while alone (nearly every
 * phone and address), an array of two or more otherwise: 100,000s of one-element arrays would be
 * mostly garbage. */
export type Holders = (number | number[] | undefined)[];

/** The slots under a value (in the order they joined) when there are two or more, else null. */
export const shared = (h: Holders, k: number): readonly number[] | null => {
  const v = h[k];
  return Array.isArray(v) ? v : null;
};
const join = (h: Holders, k: number, slot: number): void => {
  const v = h[k];
  if (v === undefined) h[k] = slot;
  else if (typeof v === 'number') {
    if (v !== slot) h[k] = [v, slot];
  } else if (!v.includes(slot)) v.push(slot);
};
const leave = (h: Holders, k: number, slot: number): void => {
  const v = h[k];
  if (v === undefined) return;
  if (typeof v === 'number') {
    if (v === slot) h[k] = undefined;
    return;
  }
  const i = v.indexOf(slot);
  if (i >= 0) v.splice(i, 1);
  if (v.length === 1) h[k] = v[0]!;
  else if (v.length === 0) h[k] = undefined;
};

/** Pairs of small integers → dense ids (a name key and an address, say). */
export class Pairs {
  size = 0;
  private slots = new Int32Array(1024);
  private a = new Int32Array(256);
  private b = new Int32Array(256);

  id(a: number, b: number): number {
    const h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
    const mask = this.slots.length - 1;
    let p = h & mask;
    for (; ; p = (p + 1) & mask) {
      const v = this.slots[p]!;
      if (v === 0) break;
      if (this.a[v - 1] === a && this.b[v - 1] === b) return v - 1;
    }
    const id = this.size++;
    if (id >= this.a.length) {
      this.a = grow(this.a, this.a.length * 2);
      this.b = grow(this.b, this.b.length * 2);
    }
    this.a[id] = a;
    this.b[id] = b;
    if (this.size * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 4);
      for (let i = 0; i < this.size; i++) {
        const hi = Math.imul(this.a[i]!, 0x9e3779b1) ^ Math.imul(this.b[i]! + 0x7f4a7c15, 0x85ebca6b);
        const m = this.slots.length - 1;
        let q = hi & m;
        while (this.slots[q] !== 0) q = (q + 1) & m;
        this.slots[q] = i + 1;
      }
    } else this.slots[p] = id + 1;
    return id;
  }
}

export interface Model {
  gIds: Interner;
  sIds: Interner;
  /** Per guardian slot (a value's id, or -1 for a missing value); room for `gIds.size` slots or more. */
  gLive: Uint8Array;
  gKey: Int32Array;
  gCivility: Int32Array;
  gPhone: Int32Array;
  gEmail: Int32Array;
  /** The first 8 characters of the phone (its kind depends on them), the domain of the email. */
  gPrefix: Int32Array;
  gDomain: Int32Array;
  gAddress: Int32Array;
  /** The last 8 digits of the phone, or of the raw phone when it was refused. */
  gDigits: Int32Array;
  /** Text of the slots read or re-read one by one; the others decode from `gCells`. */
  gText: (GuardianText | undefined)[];
  gCells: Cells;
  /** Per student slot. */
  sLive: Uint8Array;
  sEnrolled: Uint8Array;
  sBirth: Int32Array;
  sText: (StudentText | undefined)[];
  sCells: Cells;
  /** Links, by index: student slot, guardian slot, legal rank (0, 1, 2); dropped by a patch until
   * the next indexLinks. Typed arrays, not 100,000s of small objects the garbage collector would
   * copy again and again. */
  lS: Int32Array;
  lG: Int32Array;
  lRank: Uint8Array;
  lDead: Uint8Array;
  lCount: number;
  /** Link indices of student slot s: lsItems[lsAt[s], lsAt[s + 1]); of guardian slot g likewise. */
  lsAt: Int32Array;
  lsItems: Int32Array;
  lgAt: Int32Array;
  lgItems: Int32Array;
  keys: Interner;
  civilities: Interner;
  phones: Interner;
  emails: Interner;
  prefixes: Interner;
  domains: Interner;
  addresses: Interner;
  /** Addresses that are not plain ASCII, as written (postal code, separator, line) → folded id. */
  rawAddresses: Interner;
  foldedRaw: number[];
  digits: Interner;
  dates: Interner;
  /** The name key of a record without name (`|`): never a look-alike. */
  noName: number;
  /** Holders of each phone and email (by their ids). */
  phoneHolders: Holders;
  emailHolders: Holders;
  /** Name key + address or last digits → evidence id (evidenceKeys), and its holders. */
  evidenceIds: Pairs;
  evidenceHolders: Holders;
}

type Reader = Pick<Register, 'get' | 'all'>;

/** The id of the empty phone and of the empty email (interned first): a value, never a contact. */
const EMPTY = 0;

/** A contact as one number: phone ids even, email ids odd. */
export const phoneContact = (phone: number): number => phone * 2;
export const emailContact = (email: number): number => email * 2 + 1;
export const isPhoneContact = (c: number): boolean => c % 2 === 0;

export function contactKeys(m: Model, g: number): number[] {
  const out: number[] = [];
  if (m.gPhone[g]! > EMPTY) out.push(phoneContact(m.gPhone[g]!));
  if (m.gEmail[g]! > EMPTY) out.push(emailContact(m.gEmail[g]!));
  return out;
}

/** Look-alike evidence for a same-name pair: same address, same last 8 phone digits (whatever the
 * country code). An email's local part is not evidence: it is usually made of the name itself. */
export function evidenceKeys(m: Model, g: number): number[] {
  const out: number[] = [];
  const key = m.gKey[g]!;
  if (key === m.noName) return out;
  if (m.gAddress[g]! >= 0) out.push(m.evidenceIds.id(key, m.gAddress[g]! * 2));
  if (m.gDigits[g]! >= 0) out.push(m.evidenceIds.id(key, m.gDigits[g]! * 2 + 1));
  return out;
}

/** Where a contact's holders are kept: the phones' or the emails' list, at the value's id. */
const holdersOf = (m: Model, contact: number): [Holders, number] =>
  isPhoneContact(contact) ? [m.phoneHolders, contact / 2] : [m.emailHolders, (contact - 1) / 2];

export function contactHolders(m: Model, contact: number): readonly number[] | null {
  return shared(...holdersOf(m, contact));
}

// Read order: postal code just before the address line, so that both are one byte range.
const GUARDIAN_COLUMNS = [
  'id',
  'name_key',
  'civility',
  'phone',
  'email',
  'CASE WHEN phone IS NULL THEN phone_raw END',
  'CASE WHEN email IS NULL THEN email_raw END',
  'CASE WHEN phone IS NULL THEN country END',
  'postal_code',
  'address_line1',
] as const;
const G = { id: 0, key: 1, civility: 2, phone: 3, email: 4, phoneRaw: 5, emailRaw: 6, country: 7, postal: 8, address: 9 } as const;
const STUDENT_COLUMNS = ['id', 'status', 'birth_date', 'CASE WHEN birth_date IS NULL THEN birth_date_raw END', 'last_name', 'first_name', 'division'] as const;
const S = { id: 0, status: 1, birth: 2, birthRaw: 3, last: 4, first: 5, division: 6 } as const;
const LINK_COLUMNS = ['student_id', 'guardian_id', 'legal_rank'] as const;
/** What a full scan reads of each table (the bench measures this read alone as the scan's floor). */
export const SCAN_READS = { guardian: GUARDIAN_COLUMNS, student: STUDENT_COLUMNS, guardianship: LINK_COLUMNS } as const;

const empty: Cells = { count: 0, width: 0, buf: new Uint8Array(0), starts: new Int32Array(1) };

export function emptyModel(guardians = 0, students = 0): Model {
  const keys = new Interner();
  const noName = keys.internText('|');
  const phones = new Interner();
  const emails = new Interner();
  phones.internText('');
  emails.internText('');
  const gRoom = Math.max(16, guardians);
  const sRoom = Math.max(16, students);
  return {
    gIds: new Interner(),
    sIds: new Interner(),
    gLive: new Uint8Array(gRoom),
    gKey: new Int32Array(gRoom),
    gCivility: new Int32Array(gRoom),
    gPhone: new Int32Array(gRoom),
    gEmail: new Int32Array(gRoom),
    gPrefix: new Int32Array(gRoom),
    gDomain: new Int32Array(gRoom),
    gAddress: new Int32Array(gRoom),
    gDigits: new Int32Array(gRoom),
    gText: [],
    gCells: empty,
    sLive: new Uint8Array(sRoom),
    sEnrolled: new Uint8Array(sRoom),
    sBirth: new Int32Array(sRoom),
    sText: [],
    sCells: empty,
    lS: new Int32Array(16),
    lG: new Int32Array(16),
    lRank: new Uint8Array(16),
    lDead: new Uint8Array(16),
    lCount: 0,
    lsAt: new Int32Array(1),
    lsItems: new Int32Array(0),
    lgAt: new Int32Array(1),
    lgItems: new Int32Array(0),
    keys,
    civilities: new Interner(),
    phones,
    emails,
    prefixes: new Interner(),
    domains: new Interner(),
    addresses: new Interner(),
    rawAddresses: new Interner(),
    foldedRaw: [],
    digits: new Interner(),
    dates: new Interner(),
    noName,
    phoneHolders: [],
    emailHolders: [],
    evidenceIds: new Pairs(),
    evidenceHolders: [],
  };
}

const scratch = new Uint8Array(64);

/** The last 8 digits of buf[start, end) interned, or -1 when it has fewer. */
function lastDigits(m: Model, buf: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = end - 1; i >= start && n < 8; i--) {
    const b = buf[i]!;
    if (b >= 0x30 && b <= 0x39) scratch[7 - n++] = b;
  }
  return n === 8 ? m.digits.intern(scratch, 0, 8) : -1;
}

// eslint-disable-next-line no-control-regex -- ASCII test
const NON_ASCII = /[^\x00-\x7f]/;
/** Address line and postal code folded (accents, case, punctuation, spaces), as text. */
export function foldAddress(line: string | null, postal: string | null): string | null {
  if (!line || !postal) return null;
  const plain = NON_ASCII.test(line) ? line.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : line;
  const l = plain.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return l ? `${l}|${postal.replace(/\s/g, '')}` : null;
}

const addressBytes = new Uint8Array(512);
/**
 * The folded address of a postal code buf[p0, p1) and a line buf[a0, a1), interned, or -1. ASCII
 * (most addresses) is folded on the bytes; anything else through foldAddress.
 */
function addressOf(m: Model, buf: Uint8Array, p0: number, p1: number, a0: number, a1: number): number {
  if (p1 <= p0 || a1 <= a0) return -1;
  let n = 0;
  let ascii = a1 - a0 + (p1 - p0) < addressBytes.length - 2;
  for (let i = a0; ascii && i < a1; i++) {
    const b = buf[i]!;
    if (b >= 0x80) ascii = false;
    else if ((b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7a)) addressBytes[n++] = b;
    else if (b >= 0x41 && b <= 0x5a) addressBytes[n++] = b + 0x20;
  }
  for (let i = p0; ascii && i < p1; i++) if (buf[i]! >= 0x80) ascii = false;
  if (!ascii) {
    // Folded once per distinct written form (the postal code and the line are one byte range).
    const raw = m.rawAddresses.intern(buf, Math.min(p0, a0), Math.max(p1, a1));
    let id = m.foldedRaw[raw];
    if (id === undefined) {
      const folded = foldAddress(decodeRange(buf, a0, a1), decodeRange(buf, p0, p1));
      m.foldedRaw[raw] = id = folded === null ? -1 : m.addresses.internText(folded);
    }
    return id;
  }
  if (n === 0) return -1;
  addressBytes[n++] = 0x7c; // |
  for (let i = p0; i < p1; i++) {
    const b = buf[i]!;
    if (b !== 0x20 && !(b >= 0x09 && b <= 0x0d)) addressBytes[n++] = b;
  }
  return m.addresses.intern(addressBytes, 0, n);
}

const decoder = new TextDecoder();
const decodeRange = (buf: Uint8Array, start: number, end: number): string => decoder.decode(buf.subarray(start, end));

/** Room for slot g in every per-guardian array. */
function roomForGuardian(m: Model, g: number): void {
  if (g < m.gLive.length) return;
  const n = Math.max(g + 1, m.gLive.length * 2);
  m.gLive = growBytes(m.gLive, n);
  for (const f of ['gKey', 'gCivility', 'gPhone', 'gEmail', 'gPrefix', 'gDomain', 'gAddress', 'gDigits'] as const) m[f] = grow(m[f], n);
}

interface GuardianValues {
  key: number;
  civility: number;
  phone: number;
  email: number;
  prefix: number;
  domain: number;
  address: number;
  digits: number;
}

/** Sets a guardian slot's values and joins its groups. */
function placeGuardian(m: Model, g: number, v: GuardianValues): void {
  roomForGuardian(m, g);
  m.gLive[g] = 1;
  m.gKey[g] = v.key;
  m.gCivility[g] = v.civility;
  m.gPhone[g] = v.phone;
  m.gEmail[g] = v.email;
  m.gPrefix[g] = v.prefix;
  m.gDomain[g] = v.domain;
  m.gAddress[g] = v.address;
  m.gDigits[g] = v.digits;
  for (const c of contactKeys(m, g)) join(...holdersOf(m, c), g);
  for (const e of evidenceKeys(m, g)) join(m.evidenceHolders, e, g);
}

function dropGuardian(m: Model, g: number): void {
  if (!m.gLive[g]) return;
  for (const c of contactKeys(m, g)) leave(...holdersOf(m, c), g);
  for (const e of evidenceKeys(m, g)) leave(m.evidenceHolders, e, g);
  m.gLive[g] = 0;
}

function placeStudent(m: Model, s: number, enrolled: boolean, birth: number): void {
  if (s >= m.sLive.length) {
    const n = Math.max(s + 1, m.sLive.length * 2);
    m.sLive = growBytes(m.sLive, n);
    m.sEnrolled = growBytes(m.sEnrolled, n);
    m.sBirth = grow(m.sBirth, n);
  }
  m.sLive[s] = 1;
  m.sEnrolled[s] = enrolled ? 1 : 0;
  m.sBirth[s] = birth;
}

/** Appends a link (its index is lCount - 1); indexLinks makes it visible per record. */
function appendLink(m: Model, s: number, g: number, rank: number): void {
  const n = m.lCount;
  if (n >= m.lS.length) {
    const size = Math.max(16, m.lS.length * 2);
    m.lS = grow(m.lS, size);
    m.lG = grow(m.lG, size);
    m.lRank = growBytes(m.lRank, size);
    m.lDead = growBytes(m.lDead, size);
  }
  m.lS[n] = s;
  m.lG[n] = g;
  m.lRank[n] = rank === 1 || rank === 2 ? rank : 0;
  m.lDead[n] = 0;
  m.lCount = n + 1;
}

/** Drops dropped links for good and indexes the others per student and per guardian (a counting
 * sort, a few milliseconds at 185,000 links: simpler than patching the index in place). */
function indexLinks(m: Model): void {
  let n = 0;
  for (let l = 0; l < m.lCount; l++) {
    if (m.lDead[l]) continue;
    m.lS[n] = m.lS[l]!;
    m.lG[n] = m.lG[l]!;
    m.lRank[n] = m.lRank[l]!;
    m.lDead[n] = 0;
    n++;
  }
  m.lCount = n;
  const bySlot = (ends: Int32Array, slots: number): [Int32Array, Int32Array] => {
    const at = new Int32Array(slots + 1);
    for (let l = 0; l < n; l++) at[ends[l]! + 1]!++;
    for (let i = 0; i < slots; i++) at[i + 1]! += at[i]!;
    const items = new Int32Array(n);
    const next = at.slice(0, slots);
    for (let l = 0; l < n; l++) items[next[ends[l]!]!++] = l;
    return [at, items];
  };
  [m.lsAt, m.lsItems] = bySlot(m.lS, m.sIds.size);
  [m.lgAt, m.lgItems] = bySlot(m.lG, m.gIds.size);
}

/** Places row r of guardian cells (GUARDIAN_COLUMNS) in slot g: the load and a patch alike. */
function placeGuardianAt(m: Model, c: Cells, r: number, g: number): void {
  const buf = c.buf;
  const b = r * c.width;
  const phoneNull = isNull(c, b + G.phone);
  const emailNull = isNull(c, b + G.email);
  const p0 = from(c, b + G.phone);
  const p1 = to(c, b + G.phone);
  const e0 = from(c, b + G.email);
  const e1 = to(c, b + G.email);
  // Just after the last '@'; a domain only when something comes before the '@'.
  let at = e1;
  if (!emailNull) while (at > e0 && buf[at - 1] !== 0x40) at--;
  placeGuardian(m, g, {
    key: m.keys.intern(buf, from(c, b + G.key), to(c, b + G.key)),
    civility: isNull(c, b + G.civility) || isEmpty(c, b + G.civility) ? -1 : m.civilities.intern(buf, from(c, b + G.civility), to(c, b + G.civility)),
    phone: phoneNull ? -1 : m.phones.intern(buf, p0, p1),
    email: emailNull ? -1 : m.emails.intern(buf, e0, e1),
    prefix: phoneNull ? -1 : m.prefixes.intern(buf, p0, Math.min(p1, p0 + 8)),
    domain: emailNull || at <= e0 + 1 ? -1 : m.domains.intern(buf, at, e1),
    address:
      isNull(c, b + G.postal) || isNull(c, b + G.address) ? -1 : addressOf(m, buf, from(c, b + G.postal), to(c, b + G.postal), from(c, b + G.address), to(c, b + G.address)),
    digits: phoneNull
      ? isNull(c, b + G.phoneRaw) ? -1 : lastDigits(m, buf, from(c, b + G.phoneRaw), to(c, b + G.phoneRaw))
      : lastDigits(m, buf, p0, p1),
  });
}

/** Places row r of student cells (STUDENT_COLUMNS) in slot s. */
function placeStudentAt(m: Model, c: Cells, r: number, s: number): void {
  const b = r * c.width;
  // 'enrolled' is the only status starting with 'e' ('left' is the other, a CHECK says so).
  const enrolled = isNull(c, b + S.status) || c.buf[from(c, b + S.status)] === 0x65;
  placeStudent(m, s, enrolled, isNull(c, b + S.birth) ? -1 : m.dates.intern(c.buf, from(c, b + S.birth), to(c, b + S.birth)));
}

const guardianTextAt = (c: Cells, r: number): GuardianText => {
  const b = r * c.width;
  return { phoneRaw: text(c, b + G.phoneRaw), country: text(c, b + G.country), emailRaw: text(c, b + G.emailRaw), postal: text(c, b + G.postal) };
};

const studentTextAt = (c: Cells, r: number): StudentText => {
  const b = r * c.width;
  return { last: text(c, b + S.last) ?? '', first: text(c, b + S.first) ?? '', birthRaw: text(c, b + S.birthRaw), division: text(c, b + S.division) };
};

/** buf[start, end) equals field k of cells (false when k is past the end). */
function sameBytes(buf: Uint8Array, start: number, end: number, c: Cells, k: number): boolean {
  if (k >= c.count * c.width) return false;
  const a = from(c, k);
  if (to(c, k) - a !== end - start) return false;
  for (let i = 0; i < end - start; i++) if (c.buf[a + i] !== buf[start + i]) return false;
  return true;
}

export function loadModel(db: Reader): Model {
  const gc = readCells(db, GUARDIAN_COLUMNS, 'guardian');
  const sc = readCells(db, STUDENT_COLUMNS, 'student');
  const m = emptyModel(gc.count, sc.count);
  // A slot per row, in row order: the text of slot r decodes from row r (ids are unique).
  m.gCells = gc;
  for (let r = 0; r < gc.count; r++) {
    if (m.gIds.intern(gc.buf, from(gc, r * gc.width + G.id), to(gc, r * gc.width + G.id)) !== r) throw new Error('loadModel: duplicate guardian id');
    placeGuardianAt(m, gc, r, r);
  }
  m.sCells = sc;
  for (let r = 0; r < sc.count; r++) {
    if (m.sIds.intern(sc.buf, from(sc, r * sc.width + S.id), to(sc, r * sc.width + S.id)) !== r) throw new Error('loadModel: duplicate student id');
    placeStudentAt(m, sc, r, r);
  }
  const lc = readCells(db, LINK_COLUMNS, 'guardianship');
  const lbuf = lc.buf;
  // An import writes each student's links together, in the order it wrote the students: the
  // student of a link is nearly always the previous link's or the next one (checked, else looked up).
  let last = 0;
  for (let r = 0, b = 0; r < lc.count; r++, b += lc.width) {
    const s0 = from(lc, b);
    const s1 = to(lc, b);
    const s = sameBytes(lbuf, s0, s1, sc, last * sc.width + S.id) ? last : sameBytes(lbuf, s0, s1, sc, (last + 1) * sc.width + S.id) ? last + 1 : m.sIds.find(lbuf, s0, s1);
    if (s >= 0) last = s;
    const g = m.gIds.find(lbuf, from(lc, b + 1), to(lc, b + 1));
    if (s < 0 || g < 0) continue;
    appendLink(m, s, g, lbuf[from(lc, b + 2)]! - 0x30);
  }
  indexLinks(m);
  return m;
}

/** What an anomaly shows of a guardian. */
export const guardianText = (m: Model, g: number): GuardianText => m.gText[g] ?? guardianTextAt(m.gCells, g);

export const studentText = (m: Model, s: number): StudentText => m.sText[s] ?? studentTextAt(m.sCells, s);

/** What a patch changed, for choosing what to re-check. */
export interface Reloaded {
  /** Slots of the students and guardians linked to the reloaded records before or after. */
  students: Set<number>;
  guardians: Set<number>;
  /** Contact and evidence keys the reloaded guardians had before. */
  oldContacts: number[];
  oldEvidence: number[];
  /** Slots of the reloaded records themselves. */
  guardianSlots: Set<number>;
  studentSlots: Set<number>;
}

/** Re-reads some guardians and students (and all their links) from the register. */
export function reload(m: Model, db: Reader, guardianIds: Iterable<string>, studentIds: Iterable<string>): Reloaded {
  const gids = [...new Set(guardianIds)];
  const sids = [...new Set(studentIds)];
  const out: Reloaded = { students: new Set(), guardians: new Set(), oldContacts: [], oldEvidence: [], guardianSlots: new Set(), studentSlots: new Set() };
  const dropLinks = (at: Int32Array, items: Int32Array, slot: number) => {
    for (let i = at[slot]!, e = at[slot + 1]!; i < e; i++) {
      const l = items[i]!;
      if (m.lDead[l]) continue;
      m.lDead[l] = 1;
      out.students.add(m.lS[l]!);
      out.guardians.add(m.lG[l]!);
    }
  };
  for (const id of gids) {
    const g = m.gIds.findText(id);
    if (g < 0 || !m.gLive[g]) continue;
    out.oldContacts.push(...contactKeys(m, g));
    out.oldEvidence.push(...evidenceKeys(m, g));
    dropLinks(m.lgAt, m.lgItems, g);
    dropGuardian(m, g);
  }
  for (const id of sids) {
    const s = m.sIds.findText(id);
    if (s < 0 || !m.sLive[s]) continue;
    dropLinks(m.lsAt, m.lsItems, s);
    m.sLive[s] = 0;
  }
  const chunk = <T>(list: T[], n = 400): T[][] => Array.from({ length: Math.ceil(list.length / n) }, (_, i) => list.slice(i * n, (i + 1) * n));
  // A link read from both ends (two reloaded records) is added once. Links between records not
  // reloaded were not dropped, and no query here returns them.
  const added = new Set<string>();
  const placeLinks = (rows: Record<string, SqlValue>[]) => {
    const c = cellsOf(rows, LINK_COLUMNS.length);
    for (let r = 0, b = 0; r < c.count; r++, b += c.width) {
      const s = m.sIds.find(c.buf, from(c, b), to(c, b));
      const g = m.gIds.find(c.buf, from(c, b + 1), to(c, b + 1));
      if (s < 0 || g < 0 || !m.sLive[s] || !m.gLive[g] || added.has(`${s}:${g}`)) continue;
      added.add(`${s}:${g}`);
      appendLink(m, s, g, c.buf[from(c, b + 2)]! - 0x30);
    }
  };
  // Records first, then links: a link between two reloaded records needs both ends placed. The
  // rows go through the load's own placing, as cells, with their text kept beside them.
  for (const part of chunk(gids)) {
    const q = part.map(() => '?').join(',');
    const c = cellsOf(db.all<Record<string, SqlValue>>(`SELECT ${selectAs(GUARDIAN_COLUMNS)} FROM guardian WHERE id IN (${q})`, part), GUARDIAN_COLUMNS.length);
    for (let r = 0; r < c.count; r++) {
      const g = m.gIds.intern(c.buf, from(c, r * c.width + G.id), to(c, r * c.width + G.id));
      placeGuardianAt(m, c, r, g);
      m.gText[g] = guardianTextAt(c, r);
    }
  }
  for (const part of chunk(sids)) {
    const q = part.map(() => '?').join(',');
    const c = cellsOf(db.all<Record<string, SqlValue>>(`SELECT ${selectAs(STUDENT_COLUMNS)} FROM student WHERE id IN (${q})`, part), STUDENT_COLUMNS.length);
    for (let r = 0; r < c.count; r++) {
      const s = m.sIds.intern(c.buf, from(c, r * c.width + S.id), to(c, r * c.width + S.id));
      placeStudentAt(m, c, r, s);
      m.sText[s] = studentTextAt(c, r);
    }
  }
  for (const part of chunk(gids)) {
    const q = part.map(() => '?').join(',');
    placeLinks(db.all<Record<string, SqlValue>>(`SELECT ${selectAs(LINK_COLUMNS)} FROM guardianship WHERE guardian_id IN (${q})`, part));
  }
  for (const part of chunk(sids)) {
    const q = part.map(() => '?').join(',');
    placeLinks(db.all<Record<string, SqlValue>>(`SELECT ${selectAs(LINK_COLUMNS)} FROM guardianship WHERE student_id IN (${q})`, part));
  }
  indexLinks(m);
  for (const id of gids) {
    const g = m.gIds.findText(id);
    if (g < 0 || !m.gLive[g]) continue;
    out.guardianSlots.add(g);
    for (const s of studentsOf(m, g)) out.students.add(s);
  }
  for (const id of sids) {
    const s = m.sIds.findText(id);
    if (s < 0 || !m.sLive[s]) continue;
    out.studentSlots.add(s);
    for (const g of guardiansOf(m, s)) out.guardians.add(g);
  }
  return out;
}

/** Student slots linked to guardian slot g. */
export function studentsOf(m: Model, g: number): number[] {
  const out: number[] = [];
  for (let i = m.lgAt[g] ?? 0, e = m.lgAt[g + 1] ?? 0; i < e; i++) out.push(m.lS[m.lgItems[i]!]!);
  return out;
}

/** Guardian slots linked to student slot s. */
export function guardiansOf(m: Model, s: number): number[] {
  const out: number[] = [];
  for (let i = m.lsAt[s] ?? 0, e = m.lsAt[s + 1] ?? 0; i < e; i++) out.push(m.lG[m.lsItems[i]!]!);
  return out;
}
