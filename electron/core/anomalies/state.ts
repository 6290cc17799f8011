// The desk's live state in ctx.cache: entries by key, indexed by the records they name, kept in
// step with the register. A correction patches only what it touched (fast refresh of the counts);
// any other change of the register (an import, a sync) is noticed by its stamp and rescanned.

import type { AnomalyKind } from '../../../shared/contract/corrections';
import type { CoreContext } from '../context';
import type { Register } from '../db/types';
import { registerStamp } from '../records/cache';
import { guardiansOf, loadModel, reload, type Model } from './model';
import { ruleContext, type Entry, type RuleContext } from './rules';
import { dismissedKeys, fullScope, neighbourhood, runRules, sortEntries } from './scan';

export interface Touched {
  guardians?: Iterable<string>;
  students?: Iterable<string>;
  /** Emit `register.changed` even if no audit row was written. */
  force?: boolean;
}

export interface AnomalyState {
  db: Register;
  stamp: string;
  day: string;
  model: Model;
  rc: RuleContext;
  entries: Map<string, Entry>;
  /** record id → keys of the entries naming it (a few: arrays, not 50,000 Sets). */
  byRecord: Map<string, string[]>;
  /** contact (model.ts phoneContact / emailContact) → key of its shared-contact entry. */
  byGroup: Map<number, string>;
  dismissed: Set<string>;
  /** Sorted lists per kind ('*' for all), dropped on every change. */
  lists: Map<string, Entry[]>;
}

const KEY = 'anomalies.state';
const dayOf = (d: Date): string => d.toISOString().slice(0, 10);

function index(st: AnomalyState, e: Entry): void {
  const old = st.entries.get(e.key);
  if (old) unindex(st, old);
  st.entries.set(e.key, e);
  // A contact is a number: tested for presence, not truth (0 is a number).
  if (e.group !== undefined) st.byGroup.set(e.group, e.key);
  for (const id of e.guardians) note(st, id, e.key);
  for (const id of e.students) note(st, id, e.key);
}

function note(st: AnomalyState, id: string, key: string): void {
  const keys = st.byRecord.get(id);
  if (!keys) st.byRecord.set(id, [key]);
  else if (!keys.includes(key)) keys.push(key);
}

function forget(st: AnomalyState, id: string, key: string): void {
  const keys = st.byRecord.get(id);
  if (!keys) return;
  const i = keys.indexOf(key);
  if (i >= 0) keys.splice(i, 1);
  if (keys.length === 0) st.byRecord.delete(id);
}

function unindex(st: AnomalyState, e: Entry): void {
  st.entries.delete(e.key);
  if (e.group !== undefined && st.byGroup.get(e.group) === e.key) st.byGroup.delete(e.group);
  for (const id of e.guardians) forget(st, id, e.key);
  for (const id of e.students) forget(st, id, e.key);
}

function build(ctx: CoreContext): AnomalyState {
  const now = ctx.clock.now();
  const stamp = registerStamp(ctx.db);
  const model = loadModel(ctx.db);
  const rc = ruleContext(model, now);
  const st: AnomalyState = {
    db: ctx.db,
    stamp,
    day: dayOf(now),
    model,
    rc,
    entries: new Map(),
    byRecord: new Map(),
    byGroup: new Map(),
    dismissed: dismissedKeys(ctx.db),
    lists: new Map(),
  };
  runRules(rc, fullScope(model), (e) => index(st, e));
  return st;
}

/** The current state, rebuilt when the register changed behind the desk's back or the day turned. */
export function anomalyState(ctx: CoreContext): AnomalyState {
  const cached = ctx.cache.get(KEY) as AnomalyState | undefined;
  if (cached && cached.db === ctx.db && cached.day === dayOf(ctx.clock.now()) && cached.stamp === registerStamp(ctx.db)) return cached;
  const st = build(ctx);
  ctx.cache.set(KEY, st);
  return st;
}

/**
 * After a correction: re-reads the touched records and re-runs the rules around them. Only when
 * the state matched the register just before the correction; otherwise it is dropped and the next
 * read rescans.
 */
export function patchAnomalies(ctx: Pick<CoreContext, 'cache' | 'db' | 'clock'>, touched: Touched, stampBefore: string): void {
  const st = ctx.cache.get(KEY) as AnomalyState | undefined;
  if (!st) return;
  if (st.db !== ctx.db || st.stamp !== stampBefore || st.day !== dayOf(ctx.clock.now())) {
    ctx.cache.delete(KEY);
    return;
  }
  const tg = new Set(touched.guardians ?? []);
  const ts = new Set(touched.students ?? []);
  const m = st.model;
  const r = reload(m, ctx.db, tg, ts);
  const guardians = new Set([...r.guardianSlots, ...r.guardians]);
  const students = new Set([...r.studentSlots, ...r.students]);
  for (const s of students) for (const g of guardiansOf(m, s)) guardians.add(g);
  // Entries are indexed by id: the touched ids themselves (a merged-away guardian has no slot left).
  const ids = new Set([...tg, ...ts]);
  for (const g of guardians) ids.add(m.gIds.text(g));
  for (const s of students) ids.add(m.sIds.text(s));
  for (const id of ids) {
    for (const key of [...(st.byRecord.get(id) ?? [])]) {
      const e = st.entries.get(key);
      if (e) unindex(st, e);
    }
  }
  const scope = neighbourhood(m, guardians, students, r.oldContacts, r.oldEvidence);
  // A shared contact's entry is keyed by its holders: replaced whole when the contact is re-checked.
  for (const contact of scope.contacts) {
    const key = st.byGroup.get(contact);
    const e = key ? st.entries.get(key) : undefined;
    if (e) unindex(st, e);
  }
  runRules(st.rc, scope, (e) => index(st, e));
  st.lists.clear();
  st.stamp = registerStamp(ctx.db);
}

/** Keeps the state's stamp in step after a write that cannot change any anomaly (a dismissal). */
export function acknowledgeWrite(ctx: Pick<CoreContext, 'cache' | 'db'>, stampBefore: string, update?: (st: AnomalyState) => void): void {
  const st = ctx.cache.get(KEY) as AnomalyState | undefined;
  if (!st) return;
  if (st.stamp !== stampBefore) {
    ctx.cache.delete(KEY);
    return;
  }
  update?.(st);
  st.lists.clear();
  st.stamp = registerStamp(ctx.db);
}

/** Entries of one kind (or all), dismissed ones apart, in desk order. */
export function sortedEntries(st: AnomalyState, kind: AnomalyKind | null): Entry[] {
  const k = kind ?? '*';
  let list = st.lists.get(k);
  if (!list) {
    const wanted: Entry[] = [];
    for (const e of st.entries.values()) if ((kind === null || e.kind === kind) && !st.dismissed.has(e.key)) wanted.push(e);
    list = sortEntries(wanted);
    st.lists.set(k, list);
  }
  return list;
}
