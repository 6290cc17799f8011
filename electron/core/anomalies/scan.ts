// Running the rules over the whole register (the desk's first look, the CLI) or over what a
// correction touched (the desk's refresh): same rules, same keys, so both agree.

import type { Anomaly } from '../../../shared/contract/corrections';
import type { Register } from '../db/types';
import { KINDS } from './kinds';
import { contactKeys, emailContact, evidenceKeys, guardiansOf, loadModel, phoneContact, studentsOf, type Holders, type Model } from './model';
import {
  contactRule,
  evidenceRule,
  familyRule,
  guardianRules,
  ruleContext,
  studentPairsRule,
  studentRules,
  type Emit,
  type Entry,
  type RuleContext,
} from './rules';

export interface Scope {
  guardians: Iterable<number>;
  students: Iterable<number>;
  contacts: Iterable<number>;
  evidence: Iterable<number>;
  /** Guardians whose families (the other guardians of their children) are re-checked. */
  families: Iterable<number>;
}

export function runRules(rc: RuleContext, scope: Scope, emit: Emit): void {
  // inScope answers are kept during one run only (the model does not change meanwhile).
  rc.scoped = new Int8Array(rc.m.gIds.size);
  for (const g of scope.guardians) guardianRules(rc, g, emit);
  for (const s of scope.students) {
    studentRules(rc, s, emit);
    studentPairsRule(rc, s, emit);
  }
  for (const c of scope.contacts) contactRule(rc, c, emit);
  for (const e of scope.evidence) evidenceRule(rc, e, emit);
  for (const h of scope.families) familyRule(rc, h, emit);
  rc.scoped = new Int8Array(0);
}

function live(flags: Uint8Array, size: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < size; i++) if (flags[i]) out.push(i);
  return out;
}

export function fullScope(m: Model): Scope {
  // Values held by two guardians or more, without going through the 100,000s held by one.
  const multi = (holders: Holders, as: (k: number) => number = (k) => k): number[] => {
    const out: number[] = [];
    holders.forEach((h, k) => {
      if (Array.isArray(h)) out.push(as(k));
    });
    return out;
  };
  const guardians = live(m.gLive, m.gIds.size);
  return {
    guardians,
    students: live(m.sLive, m.sIds.size),
    contacts: [...multi(m.phoneHolders, phoneContact), ...multi(m.emailHolders, emailContact)],
    evidence: multi(m.evidenceHolders),
    families: guardians,
  };
}

/** What a correction may have changed, around the records it touched (slots). */
export function neighbourhood(m: Model, guardians: Set<number>, students: Set<number>, oldContacts: number[], oldEvidence: number[]): Scope {
  const contacts = new Set(oldContacts);
  const evidence = new Set(oldEvidence);
  const families = new Set<number>();
  const pairStudents = new Set(students);
  for (const g of guardians) {
    if (m.gLive[g]) {
      for (const k of contactKeys(m, g)) contacts.add(k);
      for (const k of evidenceKeys(m, g)) evidence.add(k);
    }
    families.add(g);
    for (const s of studentsOf(m, g)) {
      pairStudents.add(s);
      for (const h of guardiansOf(m, s)) families.add(h);
    }
  }
  return { guardians, students: pairStudents, contacts, evidence, families };
}

const KIND_ORDER = new Map(KINDS.map((k, i) => [k.kind, i]));

const byOrderThenKey = (a: Entry, b: Entry): number =>
  (a.order < b.order ? -1 : a.order > b.order ? 1 : 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Desk order: kind (KINDS order), then the first subject's folded name, then the key. Bucketed
 * by kind first: 40,000 entries sort without looking their kind up at every comparison. */
export function sortEntries(list: Iterable<Entry>): Entry[] {
  const buckets: Entry[][] = KINDS.map(() => []);
  const other: Entry[] = [];
  for (const e of list) {
    const i = KIND_ORDER.get(e.kind);
    (i === undefined ? other : buckets[i]!).push(e);
  }
  return [...buckets, other].flatMap((b) => b.sort(byOrderThenKey));
}

/** Every entry of the register, deduplicated by key (the model is loaded here). */
export function scanModel(m: Model, today: Date): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  runRules(ruleContext(m, today), fullScope(m), (e) => entries.set(e.key, e));
  return entries;
}

export function dismissedKeys(db: Pick<Register, 'all'>): Set<string> {
  return new Set(db.all<{ key: string }>('SELECT key FROM anomaly_dismissal').map((r) => r.key));
}

/**
 * The anomalies desk of a register, as the CLI prints it: every anomaly not dismissed by a person,
 * in desk order (kind, then name). Pure read; `today` decides implausible ages.
 */
export function scanAnomalies(db: Pick<Register, 'get' | 'all'>, options: { today?: Date } = {}): Anomaly[] {
  const entries = scanModel(loadModel(db), options.today ?? new Date());
  const dismissed = dismissedKeys(db);
  return sortEntries([...entries.values()].filter((e) => !dismissed.has(e.key))).map(({ order: _order, group: _group, ...a }) => a);
}

/** `sesame anomalies --json`: `{"anomalies":[{"kind","message","students","guardians"}]}`. */
export function anomaliesJson(anomalies: Anomaly[]): string {
  return JSON.stringify({
    anomalies: anomalies.map((a) => ({ kind: a.kind, message: a.message, students: a.students, guardians: a.guardians })),
  });
}
