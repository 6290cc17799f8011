// Running the rules over the whole register (the desk's first look, the CLI) or over what a
// correction touched (the desk's refresh): same rules, same keys, so both agree.

import type { Anomaly } from '../../../shared/contract/corrections';
import type { Register } from '../db/types';
import { KINDS } from './kinds';
import { contactKeys, evidenceKeys, guardiansOf, loadModel, studentsOf, type Group, type Model } from './model';
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
  guardians: Iterable<string>;
  students: Iterable<string>;
  contacts: Iterable<string>;
  evidence: Iterable<string>;
  /** Guardians whose families (the other guardians of their children) are re-checked. */
  families: Iterable<string>;
}

export function runRules(rc: RuleContext, scope: Scope, emit: Emit): void {
  const { m } = rc;
  rc.scoped.clear();
  for (const id of scope.guardians) {
    const g = m.g.get(id);
    if (g) guardianRules(rc, g, emit);
  }
  for (const id of scope.students) {
    const s = m.s.get(id);
    if (s) {
      studentRules(rc, s, emit);
      studentPairsRule(rc, id, emit);
    }
  }
  for (const c of scope.contacts) contactRule(rc, c, emit);
  for (const e of scope.evidence) evidenceRule(rc, e, emit);
  for (const h of scope.families) familyRule(rc, h, emit);
  // The desk keeps its rule context: no 100,000-entry memo kept alive between runs.
  rc.scoped.clear();
}

export function fullScope(m: Model): Scope {
  // Keys of groups with two members or more, without copying the 100,000s of single-member entries.
  const multi = (map: Group, prefix = ''): string[] => {
    const out: string[] = [];
    for (const [k, ids] of map) if (typeof ids !== 'string') out.push(prefix + k);
    return out;
  };
  return {
    guardians: m.g.keys(),
    students: m.s.keys(),
    contacts: [...multi(m.phones, 'p:'), ...multi(m.emails, 'e:')],
    evidence: multi(m.evidence),
    families: m.lg.keys(),
  };
}

/** What a correction may have changed, around the records it touched. */
export function neighbourhood(m: Model, guardians: Set<string>, students: Set<string>, oldContacts: string[], oldEvidence: string[]): Scope {
  const contacts = new Set(oldContacts);
  const evidence = new Set(oldEvidence);
  const families = new Set<string>();
  const pairStudents = new Set(students);
  for (const g of guardians) {
    const row = m.g.get(g);
    if (row) {
      for (const k of contactKeys(row)) contacts.add(k);
      for (const k of evidenceKeys(row)) evidence.add(k);
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

export function compareEntries(a: Entry, b: Entry): number {
  return (
    (KIND_ORDER.get(a.kind) ?? 99) - (KIND_ORDER.get(b.kind) ?? 99) ||
    (a.order < b.order ? -1 : a.order > b.order ? 1 : 0) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
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
  return [...entries.values()]
    .filter((e) => !dismissed.has(e.key))
    .sort(compareEntries)
    .map(({ order: _order, group: _group, ...a }) => a);
}

/** `sesame anomalies --json`: `{"anomalies":[{"kind","message","students","guardians"}]}`. */
export function anomaliesJson(anomalies: Anomaly[]): string {
  return JSON.stringify({
    anomalies: anomalies.map((a) => ({ kind: a.kind, message: a.message, students: a.students, guardians: a.guardians })),
  });
}
