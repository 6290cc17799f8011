// The anomaly rules. Each rule looks at one record or one group (a shared contact, a piece of
// look-alike evidence, a family) and emits entries with stable keys, so a full scan and a patch
// after a correction produce the same entries for the same register.

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
import { contactHolders, guardiansOf, shared, studentsOf, type G, type Model, type S } from './model';

/** A domain message as a sentence of its own. */
const sentence = (m: string): string => (/[.!?…]$/.test(m.trim()) ? m.trim() : `${m.trim()}.`);

export interface Entry extends Anomaly {
  /** Sort key for the desk: the first subject's folded name. */
  order: string;
  /** For a shared contact: the contact value, whose entry (keyed by its holders) a patch replaces. */
  group?: string;
}

export type Emit = (e: Entry) => void;

export interface RuleContext {
  m: Model;
  today: Date;
  /** Memo of checkStudentBirthDate per ISO date, valid for `today`. */
  birth: Map<string, Normalised<string>>;
  /** Memo of inScope per guardian, valid during one run of the rules (the model does not change
   * meanwhile): a full scan asks for most guardians several times (own rules, contacts, pairs). */
  scoped: Map<string, boolean>;
}

export function ruleContext(m: Model, today: Date): RuleContext {
  return { m, today, birth: new Map(), scoped: new Map() };
}

const inScopeOf = (rc: RuleContext, gid: string): boolean => {
  let v = rc.scoped.get(gid);
  if (v === undefined) rc.scoped.set(gid, (v = inScope(rc.m, gid)));
  return v;
};

// Phone kinds depend on a number's first digits (country code and operator prefix), so
// libphonenumber is asked once per 8-character prefix ("+336123", "+262692", "+324712"), not once
// per number: a scan meets 100,000s of numbers and a few hundred prefixes.
const kindMemo = new Map<string, 'mobile' | 'fixed' | 'other'>();
export function phoneKind(e164: string): 'mobile' | 'fixed' | 'other' {
  const memoKey = e164.slice(0, 8);
  let k = kindMemo.get(memoKey);
  if (k === undefined) {
    const r = normalisePhone(e164);
    k = r.ok ? r.value.kind : 'other';
    if (kindMemo.size > 100_000) kindMemo.clear();
    kindMemo.set(memoKey, k);
  }
  return k;
}

const typoMemo = new Map<string, string | null>();
/** The suggested email for a probable domain typo, computed once per domain. */
export function emailTypoSuggestion(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at <= 0) return null;
  const domain = email.slice(at + 1);
  let fixed = typoMemo.get(domain);
  if (fixed === undefined) {
    const s = suggestEmailDomain(`x@${domain}`);
    fixed = s === null ? null : s.slice(2);
    typoMemo.set(domain, fixed);
  }
  return fixed === null ? null : `${email.slice(0, at)}@${fixed}`;
}

/** A guardian the account service serves: legal guardian (rank 1 or 2) of an enrolled student. */
export function inScope(m: Model, gid: string): boolean {
  for (const l of m.lg.get(gid) ?? []) if (l.rank > 0 && m.s.get(l.s)?.status === 'enrolled') return true;
  return false;
}

const enrolledChildren = (m: Model, gid: string): string[] =>
  studentsOf(m, gid).filter((sid) => m.s.get(sid)?.status === 'enrolled').sort();

const entry = (
  kind: AnomalyKind,
  key: string,
  message: string,
  students: string[],
  guardians: string[],
  order: string,
  suggestion: Anomaly['suggestion'] = null,
): Entry => ({ key: `${kind}:${key}`, kind, message, students, guardians, suggestion, order });

export function guardianRules(rc: RuleContext, g: G, emit: Emit): void {
  const { m } = rc;
  if (!inScopeOf(rc, g.id)) return;
  const order = g.key;
  // Most guardians have no anomaly: their children are listed only when one is emitted.
  let cached: string[] | undefined;
  const children = (): string[] => (cached ??= enrolledChildren(m, g.id));
  if (g.phone === null) {
    if (g.phoneRaw) {
      const r = normalisePhone(g.phoneRaw, { postalCode: g.postal, country: g.country });
      const suggestion = r.ok ? { field: 'phone' as const, value: r.value.e164, display: formatPhone(r.value.e164), safe: true } : null;
      emit(entry('guardian.invalid_mobile', g.id, r.ok ? MESSAGES.invalidPhoneFixable : MESSAGES.invalidPhone(g.phoneRaw, sentence(r.message)), children(), [g.id], order, suggestion));
    } else {
      emit(entry('guardian.no_mobile', g.id, MESSAGES.noPhone, children(), [g.id], order));
    }
  } else if (phoneKind(g.phone) !== 'mobile') {
    emit(entry('guardian.no_mobile', g.id, MESSAGES.fixedPhone, children(), [g.id], order));
  }
  if (g.email === null) {
    if (g.emailRaw) {
      const r = normaliseEmail(g.emailRaw);
      const suggestion = r.ok ? { field: 'email' as const, value: r.value, display: r.value, safe: true } : null;
      emit(entry('guardian.invalid_email', g.id, r.ok ? MESSAGES.invalidEmailFixable : MESSAGES.invalidEmail(g.emailRaw, sentence(r.message)), children(), [g.id], order, suggestion));
    } else {
      emit(entry('guardian.no_email', g.id, MESSAGES.noEmail, children(), [g.id], order));
    }
  } else {
    const fixed = emailTypoSuggestion(g.email);
    if (fixed) {
      emit(entry('guardian.email_typo', g.id, MESSAGES.emailTypo, children(), [g.id], order, { field: 'email', value: fixed, display: fixed, safe: false }));
    }
  }
}

export function studentRules(rc: RuleContext, s: S, emit: Emit): void {
  if (s.status !== 'enrolled') return;
  const { m } = rc;
  const order = (): string => `${s.last}|${s.first}`.toUpperCase();
  let cached: string[] | undefined;
  const guardians = (): string[] => (cached ??= guardiansOf(m, s.id).sort());
  if (s.birth === null) {
    emit(entry('student.invalid_birth_date', s.id, s.birthRaw ? MESSAGES.invalidBirthDate : MESSAGES.noBirthDate, [s.id], guardians(), order()));
  } else {
    let c = rc.birth.get(s.birth);
    if (!c) rc.birth.set(s.birth, (c = checkStudentBirthDate(s.birth, rc.today)));
    if (!c.ok) emit(entry('student.invalid_birth_date', s.id, c.message, [s.id], guardians(), order()));
    else if (c.warning) emit(entry('student.implausible_birth_date', s.id, c.warning.message, [s.id], guardians(), order()));
  }
  let legal = 0;
  const rank1: string[] = [];
  for (const l of m.ls.get(s.id) ?? []) {
    if (l.rank === 0) continue;
    legal++;
    if (l.rank === 1) rank1.push(l.g);
  }
  if (legal === 0) emit(entry('student.no_legal_guardian', s.id, MESSAGES.noLegalGuardian, [s.id], guardians(), order()));
  if (rank1.length > 1) emit(entry('student.two_rank1', s.id, MESSAGES.twoRank1, [s.id], rank1.sort(), order()));
}

const shareChild = (m: Model, a: string, b: string): boolean => {
  const sa = new Set(studentsOf(m, a));
  for (const s of studentsOf(m, b)) if (sa.has(s)) return true;
  return false;
};

/** One contact value held by guardians of different families (not co-parents, not one person). */
export function contactRule(rc: RuleContext, contact: string, emit: Emit): void {
  const { m } = rc;
  const owners = contactHolders(m, contact);
  if (!owners) return;
  // Only guardians with an account to recover count: a grandparent's shared number is harmless.
  const ids = owners.filter((id) => inScopeOf(rc, id)).sort();
  if (ids.length < 2) return;
  // Families: owners joined when they share a child or have the same name (then: look-alike).
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i]!;
      const b = ids[j]!;
      if (m.g.get(a)?.key === m.g.get(b)?.key || shareChild(m, a, b)) parent.set(find(a), find(b));
    }
  }
  const roots = new Set(ids.map(find));
  if (roots.size < 2) return;
  const students = [...new Set(ids.flatMap((id) => enrolledChildren(m, id)))].sort();
  const phone = contact.startsWith('p:');
  emit({
    ...entry('guardian.shared_contact', `${phone ? 'p' : 'e'}:${ids.join(',')}`, phone ? MESSAGES.sharedPhone : MESSAGES.sharedEmail, students, ids, m.g.get(ids[0]!)?.key ?? ''),
    group: contact,
  });
}

/** Whether two guardians of the same name look like one person, and why (fixed order of reasons). */
function lookAlikeReason(m: Model, a: G, b: G): string | null {
  if (shareChild(m, a.id, b.id)) return EVIDENCE.sameStudent;
  if (siblingsApart(m, a.id, b.id)) return EVIDENCE.siblings;
  if (a.address && a.address === b.address) return EVIDENCE.address;
  const da = (a.phone ?? a.phoneRaw ?? '').replace(/\D/g, '');
  const db = (b.phone ?? b.phoneRaw ?? '').replace(/\D/g, '');
  if (da.length >= 8 && da.slice(-8) === db.slice(-8)) return EVIDENCE.digits;
  return null;
}

/** Children of a and of b share another guardian: siblings whose sheets name a and b. */
function siblingsApart(m: Model, a: string, b: string): boolean {
  const others = new Set<string>();
  for (const s of studentsOf(m, a)) for (const h of guardiansOf(m, s)) if (h !== a && h !== b) others.add(h);
  for (const s of studentsOf(m, b)) for (const h of guardiansOf(m, s)) if (others.has(h)) return true;
  return false;
}

const pairKey = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

function emitLookAlike(rc: RuleContext, x: string, y: string, emit: Emit): void {
  const { m } = rc;
  const [ia, ib] = pairKey(x, y);
  const a = m.g.get(ia);
  const b = m.g.get(ib);
  if (!a || !b || a.key !== b.key || a.key === '|') return;
  if (!inScopeOf(rc, ia) && !inScopeOf(rc, ib)) return;
  const why = lookAlikeReason(m, a, b);
  if (!why) return;
  const students = [...new Set([...enrolledChildren(m, ia), ...enrolledChildren(m, ib)])].sort();
  emit(entry('guardian.look_alike', `${ia}:${ib}`, MESSAGES.lookAlike(why), students, [ia, ib], a.key));
}

const closeWords = (x: string, y: string): boolean => {
  if (x === y) return false;
  if (y.startsWith(`${x} `) || x.startsWith(`${y} `)) return true;
  const limit = Math.min(x.length, y.length) >= 6 ? 2 : 1;
  return Math.abs(x.length - y.length) <= limit && editDistance(x, y) <= limit;
};

/** Two records of one parent written differently: same folded name spelled apart, or close names. */
function variantNames(a: G, b: G): boolean {
  if (a.civility && b.civility && a.civility !== b.civility) return false;
  // The same folded name (accents, case) is a look-alike already (siblings are its evidence), with
  // the same fix, a merge: listing it twice would count one problem twice.
  if (a.key === b.key) return false;
  const [la = '', fa = ''] = a.key.split('|');
  const [lb = '', fb = ''] = b.key.split('|');
  return (la === lb && closeWords(fa, fb)) || (fa === fb && closeWords(la, lb));
}

function emitNameVariants(rc: RuleContext, x: string, y: string, emit: Emit): void {
  const { m } = rc;
  const [ia, ib] = pairKey(x, y);
  const a = m.g.get(ia);
  const b = m.g.get(ib);
  if (!a || !b || !variantNames(a, b)) return;
  if (!inScopeOf(rc, ia) && !inScopeOf(rc, ib)) return;
  if (shareChild(m, ia, ib) || !siblingsApart(m, ia, ib)) return;
  const students = [...new Set([...enrolledChildren(m, ia), ...enrolledChildren(m, ib)])].sort();
  emit(entry('guardian.name_variants', `${ia}:${ib}`, MESSAGES.nameVariants, students, [ia, ib], a.key));
}

/** Same name plus one piece of evidence (address, phone digits, email local part). */
export function evidenceRule(rc: RuleContext, evidence: string, emit: Emit): void {
  const ids = shared(rc.m.evidence, evidence);
  if (!ids) return;
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) emitLookAlike(rc, ids[i]!, ids[j]!, emit);
}

/** A family seen from one guardian H: the other guardians of H's children, pairwise. */
export function familyRule(rc: RuleContext, h: string, emit: Emit): void {
  const { m } = rc;
  const links = m.lg.get(h);
  if (!links) return;
  const ids: string[] = [];
  for (const l of links) for (const o of m.ls.get(l.s) ?? []) if (o.g !== h && !ids.includes(o.g)) ids.push(o.g);
  if (ids.length < 2) return;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = m.g.get(ids[i]!);
      const b = m.g.get(ids[j]!);
      if (!a || !b) continue;
      if (a.key === b.key) emitLookAlike(rc, a.id, b.id, emit);
      emitNameVariants(rc, a.id, b.id, emit);
    }
  }
}

/** Two guardians of one child with the same name: probably one person entered twice. */
export function studentPairsRule(rc: RuleContext, sid: string, emit: Emit): void {
  const links = rc.m.ls.get(sid);
  if (!links || links.length < 2) return;
  const ids = links.map((l) => l.g);
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      if (rc.m.g.get(ids[i]!)?.key === rc.m.g.get(ids[j]!)?.key) emitLookAlike(rc, ids[i]!, ids[j]!, emit);
    }
  }
}
