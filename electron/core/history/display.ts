// How history values read for a secretary: formatted phones and dates, names instead of ids, links as
// « Mère, responsable légal 1 ». The raw `old`/`new` stay in the entry for revert.
import type { Tx } from '../db/types';
import { guardianLabel, studentLabel, withPhone } from '../edits/rows';
import { valueText } from '../records/labels';

/** Shown for an id that no longer resolves to a record (never a raw uuid). */
export const GONE = 'fiche supprimée';

type Reader = Pick<Tx, 'all' | 'get'>;

/** Added to the name of a guardian merged into another, where a link moved from it. */
const MERGED = ' (fiche fusionnée)';

export interface AuditValues {
  entity: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
}

type Json = Record<string, unknown>;

const parse = (value: string | null): Json | null => {
  if (!value) return null;
  try {
    const v: unknown = JSON.parse(value);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
  } catch {
    return null;
  }
};

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Guardian ids a row names besides its link ends (moved links, merges, splits). */
export function guardianIdsOf(r: AuditValues): string[] {
  if (r.entity === 'guardianship' && r.field === 'guardian_id') return [r.old_value, r.new_value].filter((v): v is string => !!v);
  if (r.entity === 'guardian' && (r.field === 'merge' || r.field === 'split')) {
    const id = str(parse(r.new_value ?? r.old_value)?.mergedId);
    return id ? [id] : [];
  }
  return [];
}

const inList = (ids: string[]) => ids.map(() => '?').join(',');

/** Guardian labels, merged-away guardians included (their row is kept in guardian_merge): two queries at most. */
export function guardianNames(db: Reader, ids: Iterable<string>): Map<string, string> {
  const wanted = [...new Set(ids)];
  const out = new Map<string, string>();
  if (!wanted.length) return out;
  const phones = new Map<string, string | null>();
  for (const g of db.all<{ id: string; last_name: string; first_name: string; civility: string | null; phone: string | null }>(
    `SELECT id, last_name, first_name, civility, phone FROM guardian WHERE id IN (${inList(wanted)})`,
    wanted,
  )) {
    out.set(g.id, guardianLabel(g));
    phones.set(g.id, g.phone);
  }
  const missing = wanted.filter((id) => !out.has(id));
  if (missing.length) {
    for (const m of db.all<{ merged_id: string; merged_row: string }>(
      `SELECT merged_id, merged_row FROM guardian_merge WHERE merged_id IN (${inList(missing)}) ORDER BY at DESC`,
      missing,
    )) {
      const row = parse(m.merged_row);
      if (out.has(m.merged_id) || !row) continue;
      // Named as a record that no longer stands alone: a merge row otherwise reads « X → X ».
      out.set(m.merged_id, `${guardianLabel({ last_name: str(row.last_name) ?? '', first_name: str(row.first_name) ?? '', civility: str(row.civility) })}${MERGED}`);
    }
  }
  // Two live homonyms in one history (a link moved from one Mme MARTIN Sophie to the other): their phones tell them apart.
  const byLabel = new Map<string, string[]>();
  for (const [id, label] of out) if (phones.has(id)) byLabel.set(label, [...(byLabel.get(label) ?? []), id]);
  for (const [label, ids] of byLabel) {
    if (ids.length < 2) continue;
    for (const id of ids) out.set(id, withPhone(label, phones.get(id) ?? null));
  }
  return out;
}

export function studentNames(db: Reader, ids: Iterable<string>): Map<string, string> {
  const wanted = [...new Set(ids)];
  const out = new Map<string, string>();
  if (!wanted.length) return out;
  for (const s of db.all<{ id: string; last_name: string; first_name: string; division: string | null }>(
    `SELECT id, last_name, first_name, division FROM student WHERE id IN (${inList(wanted)})`,
    wanted,
  )) {
    out.set(s.id, studentLabel(s));
  }
  return out;
}

/** Same wording as the link form (renderer/lib/format.ts `legalRankLabel`). */
export function rankLabel(rank: unknown): string {
  const n = Number(rank);
  return n === 1 ? 'Responsable légal 1' : n === 2 ? 'Responsable légal 2' : 'Autre responsable';
}

/** « Mère, responsable légal 1 »; « Responsable légal 2 » without a relation. */
function linkText(link: Json | null): string {
  if (!link) return 'rattachement';
  const rank = rankLabel(link.legalRank);
  const relation = str(link.relation);
  return relation ? `${relation}, ${rank.charAt(0).toLowerCase()}${rank.slice(1)}` : rank;
}

function recordText(record: Json | null): string {
  const last = str(record?.last_name);
  const first = str(record?.first_name);
  if (!last && !first) return 'fiche';
  return `${str(record?.civility) ? `${str(record?.civility)} ` : ''}${last ?? ''} ${first ?? ''}`.trim();
}

/** Before and after as a secretary reads them; null: nothing there (the UI shows « — »). */
export function displayPair(r: AuditValues, guardians: Map<string, string>): [string | null, string | null] {
  const guardian = (id: string | null) => (id ? (guardians.get(id) ?? GONE) : null);
  if (r.entity === 'guardianship') {
    if (r.field === '*') return [r.old_value === null ? null : linkText(parse(r.old_value)), r.new_value === null ? 'retiré' : linkText(parse(r.new_value))];
    if (r.field === 'legal_rank') return [r.old_value === null ? null : rankLabel(r.old_value), r.new_value === null ? null : rankLabel(r.new_value)];
    if (r.field === 'guardian_id') return [guardian(r.old_value), guardian(r.new_value)];
    return [valueText(r.field, r.old_value), valueText(r.field, r.new_value)];
  }
  if (r.field === 'merge' || r.field === 'split') {
    const v = parse(r.new_value ?? r.old_value);
    const id = str(v?.mergedId);
    const name = ((id && guardians.get(id)) ?? str(v?.merged) ?? GONE).replace(MERGED, '');
    const merged = `fiche de ${name} réunie à celle-ci`;
    return r.field === 'merge' ? [null, merged] : [merged, `fiche de ${name} séparée à nouveau`];
  }
  if (r.field === '*') return [r.old_value === null ? null : recordText(parse(r.old_value)), r.new_value === null ? 'fiche supprimée' : 'fiche créée'];
  return [valueText(r.field, r.old_value), valueText(r.field, r.new_value)];
}
