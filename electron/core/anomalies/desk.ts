// anomalies.summary / .list / .dismiss / .restore: the "À corriger" desk over the live state.

import type { Output, ParsedInput } from '../../../shared/contract';
import type { AnomalyEntry } from '../../../shared/contract/corrections';
import type { CoreContext } from '../context';
import { AppFailure } from '../errors';
import { registerStamp } from '../records/cache';
import { KIND_INFO, KINDS, kindOfKey } from './kinds';
import { studentText } from './model';
import type { Entry } from './rules';
import { acknowledgeWrite, anomalyState, sortedEntries, type AnomalyState } from './state';

export function anomalySummary(ctx: CoreContext): Output<'anomalies.summary'> {
  const st = anomalyState(ctx);
  const counts = new Map<string, number>();
  // Safe suggestions counted up front, so the desk offers a bulk apply only when it would do something.
  const safe = new Map<string, number>();
  let dismissed = 0;
  for (const e of st.entries.values()) {
    if (st.dismissed.has(e.key)) dismissed++;
    else {
      counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
      if (e.suggestion?.safe) safe.set(e.kind, (safe.get(e.kind) ?? 0) + 1);
    }
  }
  const kinds = KINDS.map((k) => ({ kind: k.kind, label: k.label, count: counts.get(k.kind) ?? 0, bulk: k.bulk, safe: safe.get(k.kind) ?? 0 }));
  return { total: kinds.reduce((n, k) => n + k.count, 0), kinds, dismissed };
}

function fixOf(e: Entry): AnomalyEntry['fix'] {
  switch (e.kind) {
    case 'guardian.look_alike':
    case 'guardian.name_variants':
      return { action: 'mergeGuardians', entity: 'guardian', id: e.guardians[0] ?? '', otherId: e.guardians[1] ?? null, field: null };
    case 'student.invalid_birth_date':
    case 'student.implausible_birth_date':
      return { action: 'editStudent', entity: 'student', id: e.students[0] ?? '', otherId: null, field: 'birthDate' };
    case 'student.no_legal_guardian':
    case 'student.two_rank1':
      return { action: 'editLinks', entity: 'student', id: e.students[0] ?? '', otherId: null, field: 'legalRank' };
    case 'guardian.shared_contact':
      return { action: 'editGuardian', entity: 'guardian', id: e.guardians[0] ?? '', otherId: null, field: e.key.includes(':p:') ? 'phone' : 'email' };
    case 'guardian.no_mobile':
    case 'guardian.invalid_mobile':
      return { action: 'editGuardian', entity: 'guardian', id: e.guardians[0] ?? '', otherId: null, field: 'phone' };
    default:
      return { action: 'editGuardian', entity: 'guardian', id: e.guardians[0] ?? '', otherId: null, field: 'email' };
  }
}

function describe(st: AnomalyState, e: Entry): AnomalyEntry {
  const { m } = st.rc;
  const subjects: AnomalyEntry['subjects'] = [];
  for (const id of e.guardians) {
    const g = st.db.get<{ civility: string | null; last: string; first: string }>('SELECT civility, last_name AS last, first_name AS first FROM guardian WHERE id = ?', [id]);
    if (!g) continue;
    subjects.push({ entity: 'guardian', id, label: `${g.civility ? `${g.civility} ` : ''}${g.last} ${g.first}`.trim() });
  }
  for (const id of e.students) {
    const slot = m.sIds.findText(id);
    if (slot < 0 || !m.sLive[slot]) continue;
    const s = studentText(m, slot);
    subjects.push({ entity: 'student', id, label: `${s.last} ${s.first}`.trim() + (s.division ? ` (${s.division})` : '') });
  }
  // A pupil's anomaly names the pupil first (« Corriger PETIT Louis (3B) / … »), then the guardians.
  if (e.kind.startsWith('student.')) subjects.sort((a, b) => (a.entity === b.entity ? 0 : a.entity === 'student' ? -1 : 1));
  const { order: _order, group: _group, ...anomaly } = e;
  return { ...anomaly, subjects, fix: fixOf(e), dismissible: KIND_INFO.get(e.kind)?.dismissible ?? false };
}

export function listAnomalies(input: ParsedInput<'anomalies.list'>, ctx: CoreContext): Output<'anomalies.list'> {
  const st = anomalyState(ctx);
  const list = sortedEntries(st, input.kind);
  return { total: list.length, rows: list.slice(input.offset, input.offset + input.limit).map((e) => describe(st, e)) };
}

/** The live entry of a key, refused in French when it is gone (already fixed) or unknown. */
export function entryOf(st: AnomalyState, key: string): Entry {
  const e = st.entries.get(key);
  if (!e) throw new AppFailure('not_found', 'Cette anomalie n’existe plus : elle a sans doute déjà été corrigée.', { key });
  return e;
}

export async function dismissAnomaly(input: ParsedInput<'anomalies.dismiss'>, ctx: CoreContext): Promise<Output<'anomalies.dismiss'>> {
  const kind = kindOfKey(input.key);
  if (!kind) throw new AppFailure('invalid_input', 'Anomalie inconnue.', { field: 'key', fields: [{ field: 'key', code: 'unknown', message: 'Anomalie inconnue.' }] });
  if (!KIND_INFO.get(kind)?.dismissible) {
    throw new AppFailure('invalid_input', 'Cette anomalie ne peut pas être ignorée : elle empêche les parents d’activer ou de récupérer leur compte. Corrigez-la.', {
      field: 'key',
      fields: [{ field: 'key', code: 'not_dismissible', message: 'Cette anomalie doit être corrigée, elle ne peut pas être ignorée.' }],
    });
  }
  let before = '';
  await ctx.db.write((tx) => {
    before = registerStamp(tx);
    tx.run(
      `INSERT INTO anomaly_dismissal (key, kind, at, actor, note) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET at = excluded.at, actor = excluded.actor, note = excluded.note`,
      [input.key, kind, ctx.clock.now().toISOString(), ctx.actor(), input.note],
    );
  });
  acknowledgeWrite(ctx, before, (st) => st.dismissed.add(input.key));
  return {};
}

export async function restoreAnomaly(input: ParsedInput<'anomalies.restore'>, ctx: CoreContext): Promise<Output<'anomalies.restore'>> {
  let before = '';
  await ctx.db.write((tx) => {
    before = registerStamp(tx);
    tx.run('DELETE FROM anomaly_dismissal WHERE key = ?', [input.key]);
  });
  acknowledgeWrite(ctx, before, (st) => st.dismissed.delete(input.key));
  return {};
}

/** Dismissed anomalies still present in the register (a dismissal of a fixed one stays silent). */
export function listDismissed(input: ParsedInput<'anomalies.dismissed'>, ctx: CoreContext): Output<'anomalies.dismissed'> {
  const st = anomalyState(ctx);
  const rows = ctx.db
    .all<{ key: string; at: string; actor: string; note: string | null }>('SELECT key, at, actor, note FROM anomaly_dismissal ORDER BY at DESC, key')
    .filter((r) => st.entries.has(r.key));
  return {
    total: rows.length,
    rows: rows.slice(input.offset, input.offset + input.limit).map((r) => ({ entry: describe(st, st.entries.get(r.key)!), at: r.at, actor: r.actor, note: r.note })),
  };
}
