// What the import needs from the register, read once per prepare.
import type { Register } from '../db/types';
import type { GuardianColumns } from '../db/rows';

export interface RegStudent {
  id: string;
  ine: string | null;
  ine_raw: string | null;
  last_name: string;
  first_name: string;
  birth_date: string | null;
  birth_date_raw: string | null;
  division: string | null;
  status: 'enrolled' | 'left';
  match_key: string;
  version: number;
}

export type RegGuardian = Omit<GuardianColumns, 'created_at' | 'updated_at'>;

export interface RegLink {
  id: string;
  student_id: string;
  guardian_id: string;
  relation: string | null;
  legal_rank: number;
}

/**
 * The matching identity of a guardian merged away by staff (its folded name and contacts), now
 * answered by the guardian that absorbed it. Read from the merges not split back, so a split
 * removes it with no extra bookkeeping.
 */
export interface RegAlias {
  guardianId: string;
  nameKey: string;
  /** Normalised contacts ("p:+33…", "e:…"), as the matcher writes them. */
  contacts: string[];
}

/** Latest correction by staff (not by an import) of one field, still standing. */
export interface StaffEdit {
  actor: string;
  at: string;
  source: string;
  /** The value before staff first corrected the field since it was last imported: what the file
   * said then. A file still saying it has not changed, and brings nothing to choose. */
  before: string | null;
}

export interface RegisterState {
  students: RegStudent[];
  guardians: RegGuardian[];
  links: RegLink[];
  aliases: RegAlias[];
  /** `${entityId}|${field}` → the staff correction an import must not silently overwrite. */
  staffEdits: Map<string, StaffEdit>;
}

export function loadRegisterState(db: Register): RegisterState {
  const students = db.all<RegStudent>(
    'SELECT id, ine, ine_raw, last_name, first_name, birth_date, birth_date_raw, division, status, match_key, version FROM student',
  );
  const guardians = db.all<RegGuardian>(
    `SELECT id, civility, last_name, first_name, phone, phone_raw, email, email_raw, address_line1, address_line2,
            postal_code, city, country, name_key, version FROM guardian`,
  );
  const links = db.all<RegLink>('SELECT id, student_id, guardian_id, relation, legal_rank FROM guardianship');
  return { students, guardians, links, aliases: loadAliases(db, new Set(guardians.map((g) => g.id))), staffEdits: loadStaffEdits(db) };
}

/**
 * Merged-away identities, each pointing to the guardian that stands for it today: a chain of merges
 * (A into B, then B into C) is followed to C. Merges are made by hand, so they are few.
 */
export function loadAliases(db: Register, existing: ReadonlySet<string>): RegAlias[] {
  const rows = db.all<{ keep_id: string; merged_id: string; merged_row: string }>(
    "SELECT keep_id, merged_id, merged_row FROM guardian_merge WHERE state = 'merged' ORDER BY at, id",
  );
  const keptBy = new Map(rows.map((r) => [r.merged_id, r.keep_id]));
  const survivor = (id: string): string | null => {
    const seen = new Set<string>();
    let cur = id;
    while (!existing.has(cur)) {
      const next = keptBy.get(cur);
      if (!next || seen.has(cur)) return null;
      seen.add(cur);
      cur = next;
    }
    return cur;
  };
  const out: RegAlias[] = [];
  for (const r of rows) {
    const guardianId = survivor(r.keep_id);
    if (!guardianId) continue;
    const merged = JSON.parse(r.merged_row) as { name_key?: string | null; phone?: string | null; email?: string | null };
    if (!merged.name_key) continue;
    const contacts: string[] = [];
    if (merged.phone) contacts.push(`p:${merged.phone}`);
    if (merged.email) contacts.push(`e:${merged.email}`);
    out.push({ guardianId, nameKey: merged.name_key, contacts });
  }
  return out;
}

/**
 * Fields whose latest audit entry is not an import's: staff (or a report, or sync) corrected them
 * since. Staff edits are few, so they are read first and checked against later imports one by one.
 */
export function loadStaffEdits(db: Register): Map<string, StaffEdit> {
  const edits = db.all<{ entity_id: string; field: string; actor: string; at: string; source: string; id: string; old_value: string | null }>(
    "SELECT entity_id, field, actor, at, source, id, old_value FROM audit WHERE source <> 'import' ORDER BY at, id",
  );
  // Per field: every staff edit in order (a field is corrected a handful of times at most).
  const byField = new Map<string, Array<(typeof edits)[number]>>();
  for (const e of edits) {
    const k = `${e.entity_id}|${columnOf(e.field)}`;
    const list = byField.get(k);
    if (list) list.push(e);
    else byField.set(k, [e]);
  }
  const out = new Map<string, StaffEdit>();
  for (const [k, list] of byField) {
    const e = list[list.length - 1]!;
    const [entityId, column] = k.split('|') as [string, string];
    const fields = [column, camelOf(column)];
    const later = db.get<{ n: number }>(
      "SELECT count(*) AS n FROM audit WHERE entity_id = ? AND field IN (?, ?, '*') AND source = 'import' AND (at > ? OR (at = ? AND id > ?))",
      [entityId, ...fields, e.at, e.at, e.id],
    );
    if (later && Number(later.n) > 0) continue;
    // The first staff edit since the field was last imported holds the file's value as it was.
    const lastImport = db.get<{ at: string; id: string }>(
      "SELECT at, id FROM audit WHERE entity_id = ? AND field IN (?, ?, '*') AND source = 'import' ORDER BY at DESC, id DESC LIMIT 1",
      [entityId, ...fields],
    );
    const first = lastImport ? list.find((x) => x.at > lastImport.at || (x.at === lastImport.at && x.id > lastImport.id)) : list[0];
    out.set(k, { actor: e.actor, at: e.at, source: e.source, before: (first ?? e).old_value });
  }
  return out;
}

// Audit entries name fields by column (`phone`, `birth_date`); camelCase names are accepted too.
const CAMEL: Record<string, string> = {
  lastName: 'last_name', firstName: 'first_name', birthDate: 'birth_date', postalCode: 'postal_code',
  addressLine1: 'address_line1', addressLine2: 'address_line2', address1: 'address_line1', address2: 'address_line2',
  legalRank: 'legal_rank', ineRaw: 'ine_raw', phoneRaw: 'phone_raw', emailRaw: 'email_raw', birthDateRaw: 'birth_date_raw',
};
export const columnOf = (field: string): string => CAMEL[field] ?? field;
const camelOf = (column: string): string => Object.entries(CAMEL).find(([, c]) => c === column)?.[0] ?? column;
