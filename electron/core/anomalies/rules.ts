// The anomaly rules. Each rule looks at one record or one group (a shared contact, a piece of
// look-alike evidence, a family) and emits entries with stable keys, so a full scan and a patch
// after a correction produce the same entries for the same register. Records are model slots;
// ids and names are decoded only for what is emitted.

import type { Anomaly, AnomalyKind } from '../../../shared/contract/corrections';
import {
  checkStudentBirthDate,
  editDistance,
  formatPhone,
  normaliseEmail,
  normalisePhone,
  suggestEmailDomain,
  type Normalised,
} from '../../../shared/domain';
import { EVIDENCE, MESSAGES } from './kinds';
import { contactHolders, guardiansOf, guardianText, isPhoneContact, shared, studentsOf, studentText, type Model } from './model';

/** A domain message as a sentence of its own. */
const sentence = (m: string): string => (/[.!?…]$/.test(m.trim()) ? m.trim() : `${m.trim()}.`);

export interface Entry extends Anomaly {
  /** Sort key for the desk: the first subject's folded name. */
  order: string;
  /** For a shared contact: the contact, whose entry (keyed by its holders) a patch replaces. */
  group?: number;
}

export type Emit = (e: Entry) => void;

type PhoneKind = 'mobile' | 'fixed' | 'other';

export interface RuleContext {
  m: Model;
  today: Date;
  /** checkStudentBirthDate per date id, valid for `today`. */
  birth: Map<number, Normalised<string>>;
  /** Phone kind per 8-character prefix id ("+336123", "+262692"): libphonenumber is asked once
   * per prefix, not once per number. */
  kinds: (PhoneKind | undefined)[];
  /** Suggested domain (or null) per email domain id. */
  typos: (string | null | undefined)[];
  /** inScope per guardian slot during one run of the rules (0: not asked yet, 1: yes, 2: no): a
   * full scan asks for most guardians several times (own rules, contacts, pairs). */
  scoped: Int8Array;
}

export function ruleContext(m: Model, today: Date): RuleContext {
  return { m, today, birth: new Map(), kinds: [], typos: [], scoped: new Int8Array(0) };
}

const inScopeOf = (rc: RuleContext, g: number): boolean => {
  let v = rc.scoped[g];
  if (v === undefined || v === 0) rc.scoped[g] = v = inScope(rc.m, g) ? 1 : 2;
  return v === 1;
};

function phoneKindOf(rc: RuleContext, g: number): PhoneKind {
  const prefix = rc.m.gPrefix[g]!;
  let k = rc.kinds[prefix];
  if (k === undefined) {
    const r = normalisePhone(rc.m.phones.text(rc.m.gPhone[g]!));
    rc.kinds[prefix] = k = r.ok ? r.value.kind : 'other';
  }
  return k;
}

/** The suggested email for a probable domain typo, computed once per domain. */
function typoOf(rc: RuleContext, g: number): string | null {
  const domain = rc.m.gDomain[g]!;
  if (domain < 0) return null;
  let fixed = rc.typos[domain];
  if (fixed === undefined) {
    const s = suggestEmailDomain(`x@${rc.m.domains.text(domain)}`);
    rc.typos[domain] = fixed = s === null ? null : s.slice(2);
  }
  if (fixed === null) return null;
  const email = rc.m.emails.text(rc.m.gEmail[g]!);
  return `${email.slice(0, email.lastIndexOf('@'))}@${fixed}`;
}

/** A guardian the account service serves: legal guardian (rank 1 or 2) of an enrolled student. */
export function inScope(m: Model, g: number): boolean {
  for (let i = m.lgAt[g] ?? 0, e = m.lgAt[g + 1] ?? 0; i < e; i++) {
    const l = m.lgItems[i]!;
    const s = m.lS[l]!;
    if (m.lRank[l]! > 0 && m.sLive[s] && m.sEnrolled[s]) return true;
  }
  return false;
}

const gid = (m: Model, g: number): string => m.gIds.text(g);
const sid = (m: Model, s: number): string => m.sIds.text(s);
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const enrolledChildren = (m: Model, g: number): string[] => {
  const out: string[] = [];
  for (const s of studentsOf(m, g)) if (m.sLive[s] && m.sEnrolled[s]) out.push(sid(m, s));
  return out.sort(byText);
};

const entry = (
  kind: AnomalyKind,
  key: string,
  message: string,
  students: string[],
  guardians: string[],
  order: string,
  suggestion: Anomaly['suggestion'] = null,
): Entry => ({ key: `${kind}:${key}`, kind, message, students, guardians, suggestion, order });

export function guardianRules(rc: RuleContext, g: number, emit: Emit): void {
  const { m } = rc;
  if (!m.gLive[g] || !inScopeOf(rc, g)) return;
  const phone = m.gPhone[g]!;
  const email = m.gEmail[g]!;
  const typo = email >= 0 ? typoOf(rc, g) : null;
  // Most guardians have no anomaly: nothing is decoded for them.
  if (phone >= 0 && email >= 0 && typo === null && phoneKindOf(rc, g) === 'mobile') return;
  const id = gid(m, g);
  const order = m.keys.text(m.gKey[g]!);
  const children = enrolledChildren(m, g);
  if (phone < 0) {
    const t = guardianText(m, g);
    if (t.phoneRaw) {
      const r = normalisePhone(t.phoneRaw, { postalCode: t.postal, country: t.country });
      const suggestion = r.ok ? { field: 'phone' as const, value: r.value.e164, display: formatPhone(r.value.e164), safe: true } : null;
      emit(entry('guardian.invalid_mobile', id, r.ok ? MESSAGES.invalidPhoneFixable : MESSAGES.invalidPhone(t.phoneRaw, sentence(r.message)), children, [id], order, suggestion));
    } else {
      emit(entry('guardian.no_mobile', id, MESSAGES.noPhone, children, [id], order));
    }
  } else if (phoneKindOf(rc, g) !== 'mobile') {
    emit(entry('guardian.no_mobile', id, MESSAGES.fixedPhone, children, [id], order));
  }
  if (email < 0) {
    const t = guardianText(m, g);
    if (t.emailRaw) {
      const r = normaliseEmail(t.emailRaw);
      const suggestion = r.ok ? { field: 'email' as const, value: r.value, display: r.value, safe: true } : null;
      emit(entry('guardian.invalid_email', id, r.ok ? MESSAGES.invalidEmailFixable : MESSAGES.invalidEmail(t.emailRaw, sentence(r.message)), children, [id], order, suggestion));
    } else {
      emit(entry('guardian.no_email', id, MESSAGES.noEmail, children, [id], order));
    }
  } else if (typo) {
    emit(entry('guardian.email_typo', id, MESSAGES.emailTypo, children, [id], order, { field: 'email', value: typo, display: typo, safe: false }));
  }
}

export function studentRules(rc: RuleContext, s: number, emit: Emit): void {
  const { m } = rc;
  if (!m.sLive[s] || !m.sEnrolled[s]) return;
  let legal = 0;
  const rank1: number[] = [];
  const from = m.lsAt[s] ?? 0;
  const to = m.lsAt[s + 1] ?? 0;
  for (let i = from; i < to; i++) {
    const l = m.lsItems[i]!;
    const rank = m.lRank[l]!;
    if (rank === 0) continue;
    legal++;
    if (rank === 1) rank1.push(m.lG[l]!);
  }
  const birth = m.sBirth[s]!;
  let check: Normalised<string> | undefined;
  if (birth >= 0) {
    check = rc.birth.get(birth);
    if (!check) rc.birth.set(birth, (check = checkStudentBirthDate(m.dates.text(birth), rc.today)));
    if (check.ok && !check.warning && legal > 0 && rank1.length < 2) return;
  }
  const id = sid(m, s);
  const t = studentText(m, s);
  const order = `${t.last}|${t.first}`.toUpperCase();
  const guardians = guardiansOf(m, s).map((g) => gid(m, g)).sort(byText);
  if (!check) {
    emit(entry('student.invalid_birth_date', id, t.birthRaw ? MESSAGES.invalidBirthDate : MESSAGES.noBirthDate, [id], guardians, order));
  } else if (!check.ok) emit(entry('student.invalid_birth_date', id, check.message, [id], guardians, order));
  else if (check.warning) emit(entry('student.implausible_birth_date', id, check.warning.message, [id], guardians, order));
  if (legal === 0) emit(entry('student.no_legal_guardian', id, MESSAGES.noLegalGuardian, [id], guardians, order));
  if (rank1.length > 1) emit(entry('student.two_rank1', id, MESSAGES.twoRank1, [id], rank1.map((g) => gid(m, g)).sort(byText), order));
}

const shareChild = (m: Model, a: number, b: number): boolean => {
  const b0 = m.lgAt[b] ?? 0;
  const b1 = m.lgAt[b + 1] ?? 0;
  for (let i = m.lgAt[a] ?? 0, e = m.lgAt[a + 1] ?? 0; i < e; i++) {
    const s = m.lS[m.lgItems[i]!];
    for (let j = b0; j < b1; j++) if (m.lS[m.lgItems[j]!] === s) return true;
  }
  return false;
};

/** The other guardians of g's children (each once), g and `not` apart. */
function coGuardians(m: Model, g: number, not: number): number[] {
  const out: number[] = [];
  for (let i = m.lgAt[g] ?? 0, e = m.lgAt[g + 1] ?? 0; i < e; i++) {
    const s = m.lS[m.lgItems[i]!]!;
    for (let j = m.lsAt[s] ?? 0, f = m.lsAt[s + 1] ?? 0; j < f; j++) {
      const o = m.lG[m.lsItems[j]!]!;
      if (o !== g && o !== not && !out.includes(o)) out.push(o);
    }
  }
  return out;
}

/** One contact value held by guardians of different families (not co-parents, not one person). */
export function contactRule(rc: RuleContext, contact: number, emit: Emit): void {
  const { m } = rc;
  const owners = contactHolders(m, contact);
  if (!owners) return;
  // Only guardians with an account to recover count: a grandparent's shared number is harmless.
  const slots = owners.filter((g) => m.gLive[g] && inScopeOf(rc, g));
  if (slots.length < 2) return;
  const ids = slots.map((g) => ({ g, id: gid(m, g) })).sort((a, b) => byText(a.id, b.id));
  // Families: owners joined when they share a child or have the same name (then: look-alike).
  const parent = ids.map((_, i) => i);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r]!;
    return r;
  };
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i]!.g;
      const b = ids[j]!.g;
      if (m.gKey[a] === m.gKey[b] || shareChild(m, a, b)) parent[find(i)] = find(j);
    }
  }
  const roots = new Set(ids.map((_, i) => find(i)));
  if (roots.size < 2) return;
  const students = [...new Set(ids.flatMap((x) => enrolledChildren(m, x.g)))].sort(byText);
  const phone = isPhoneContact(contact);
  const names = ids.map((x) => x.id);
  emit({
    ...entry('guardian.shared_contact', `${phone ? 'p' : 'e'}:${names.join(',')}`, phone ? MESSAGES.sharedPhone : MESSAGES.sharedEmail, students, names, m.keys.text(m.gKey[ids[0]!.g]!)),
    group: contact,
  });
}

/** Whether two guardians of the same name look like one person, and why (fixed order of reasons). */
function lookAlikeReason(m: Model, a: number, b: number): string | null {
  if (shareChild(m, a, b)) return EVIDENCE.sameStudent;
  if (siblingsApart(m, a, b)) return EVIDENCE.siblings;
  if (m.gAddress[a]! >= 0 && m.gAddress[a] === m.gAddress[b]) return EVIDENCE.address;
  if (m.gDigits[a]! >= 0 && m.gDigits[a] === m.gDigits[b]) return EVIDENCE.digits;
  return null;
}

/** Children of a and of b share another guardian: siblings whose sheets name a and b. */
function siblingsApart(m: Model, a: number, b: number): boolean {
  const others = coGuardians(m, a, b);
  if (others.length === 0) return false;
  for (let i = m.lgAt[b] ?? 0, e = m.lgAt[b + 1] ?? 0; i < e; i++) {
    const s = m.lS[m.lgItems[i]!]!;
    for (let j = m.lsAt[s] ?? 0, f = m.lsAt[s + 1] ?? 0; j < f; j++) if (others.includes(m.lG[m.lsItems[j]!]!)) return true;
  }
  return false;
}

/** The pair in id order, as the entry's key names it. */
function ordered(m: Model, x: number, y: number): [number, string, number, string] {
  const ix = gid(m, x);
  const iy = gid(m, y);
  return ix < iy ? [x, ix, y, iy] : [y, iy, x, ix];
}

const pairStudents = (m: Model, a: number, b: number): string[] => [...new Set([...enrolledChildren(m, a), ...enrolledChildren(m, b)])].sort(byText);

function emitLookAlike(rc: RuleContext, x: number, y: number, emit: Emit): void {
  const { m } = rc;
  const key = m.gKey[x]!;
  if (x === y || !m.gLive[x] || !m.gLive[y] || key !== m.gKey[y] || key === m.noName) return;
  if (!inScopeOf(rc, x) && !inScopeOf(rc, y)) return;
  const [a, ia, b, ib] = ordered(m, x, y);
  const why = lookAlikeReason(m, a, b);
  if (!why) return;
  emit(entry('guardian.look_alike', `${ia}:${ib}`, MESSAGES.lookAlike(why), pairStudents(m, a, b), [ia, ib], m.keys.text(key)));
}

const closeWords = (x: string, y: string): boolean => {
  if (x === y) return false;
  if (y.startsWith(`${x} `) || x.startsWith(`${y} `)) return true;
  const limit = Math.min(x.length, y.length) >= 6 ? 2 : 1;
  return Math.abs(x.length - y.length) <= limit && editDistance(x, y) <= limit;
};

/** Two records of one parent written differently: same folded name spelled apart, or close names. */
function variantNames(m: Model, a: number, b: number): boolean {
  const ca = m.gCivility[a]!;
  const cb = m.gCivility[b]!;
  if (ca >= 0 && cb >= 0 && ca !== cb) return false;
  // The same folded name (accents, case) is a look-alike already (siblings are its evidence), with
  // the same fix, a merge: listing it twice would count one problem twice.
  if (m.gKey[a] === m.gKey[b]) return false;
  const [la = '', fa = ''] = m.keys.text(m.gKey[a]!).split('|');
  const [lb = '', fb = ''] = m.keys.text(m.gKey[b]!).split('|');
  return (la === lb && closeWords(fa, fb)) || (fa === fb && closeWords(la, lb));
}

function emitNameVariants(rc: RuleContext, x: number, y: number, emit: Emit): void {
  const { m } = rc;
  if (!m.gLive[x] || !m.gLive[y] || !variantNames(m, x, y)) return;
  if (!inScopeOf(rc, x) && !inScopeOf(rc, y)) return;
  if (shareChild(m, x, y) || !siblingsApart(m, x, y)) return;
  const [a, ia, b, ib] = ordered(m, x, y);
  emit(entry('guardian.name_variants', `${ia}:${ib}`, MESSAGES.nameVariants, pairStudents(m, a, b), [ia, ib], m.keys.text(m.gKey[a]!)));
}

/** Same name plus one piece of evidence (address, last phone digits). */
export function evidenceRule(rc: RuleContext, evidence: number, emit: Emit): void {
  const slots = shared(rc.m.evidenceHolders, evidence);
  if (!slots) return;
  for (let i = 0; i < slots.length; i++) for (let j = i + 1; j < slots.length; j++) emitLookAlike(rc, slots[i]!, slots[j]!, emit);
}

/** A family seen from one guardian H: the other guardians of H's children, pairwise. */
export function familyRule(rc: RuleContext, h: number, emit: Emit): void {
  const { m } = rc;
  if ((m.lgAt[h] ?? 0) === (m.lgAt[h + 1] ?? 0)) return;
  const others = coGuardians(m, h, h);
  if (others.length < 2) return;
  for (let i = 0; i < others.length; i++) {
    for (let j = i + 1; j < others.length; j++) {
      const a = others[i]!;
      const b = others[j]!;
      if (m.gKey[a] === m.gKey[b]) emitLookAlike(rc, a, b, emit);
      emitNameVariants(rc, a, b, emit);
    }
  }
}

/** Two guardians of one child with the same name: probably one person entered twice. */
export function studentPairsRule(rc: RuleContext, s: number, emit: Emit): void {
  const { m } = rc;
  const from = m.lsAt[s] ?? 0;
  const to = m.lsAt[s + 1] ?? 0;
  if (to - from < 2) return;
  for (let i = from; i < to; i++) {
    const a = m.lG[m.lsItems[i]!]!;
    for (let j = i + 1; j < to; j++) {
      const b = m.lG[m.lsItems[j]!]!;
      if (m.gKey[a] === m.gKey[b]) emitLookAlike(rc, a, b, emit);
    }
  }
}
