// Register rows as the correction features read them, and the outbox payloads they write (the same
// shapes as the import's, so the sync engine sends one format).

import type { SqlValue } from '../db/types';
import type { GuardianColumns } from '../db/rows';
import { formatPhone } from '../../../shared/domain/phones';

type Reader = { get<T = Record<string, SqlValue>>(sql: string, params?: SqlValue[]): T | undefined; all<T = Record<string, SqlValue>>(sql: string, params?: SqlValue[]): T[] };

export type GuardianSqlRow = GuardianColumns;

export interface StudentSqlRow {
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
  created_at: string;
  updated_at: string;
}

export interface LinkSqlRow {
  id: string;
  student_id: string;
  guardian_id: string;
  relation: string | null;
  legal_rank: number;
  created_at: string;
}

/** Guardian columns staff may edit, in a fixed order (audit, payloads, merges). */
export const GUARDIAN_EDIT_COLUMNS = [
  'civility', 'last_name', 'first_name', 'phone', 'phone_raw', 'email', 'email_raw',
  'address_line1', 'address_line2', 'postal_code', 'city', 'country',
] as const;
export type GuardianEditColumn = (typeof GUARDIAN_EDIT_COLUMNS)[number];

export const STUDENT_EDIT_COLUMNS = ['last_name', 'first_name', 'birth_date', 'birth_date_raw', 'division', 'status'] as const;
export type StudentEditColumn = (typeof STUDENT_EDIT_COLUMNS)[number];

export const readGuardian = (db: Reader, id: string): GuardianSqlRow | undefined =>
  db.get<GuardianSqlRow>('SELECT * FROM guardian WHERE id = ?', [id]);

export const readStudent = (db: Reader, id: string): StudentSqlRow | undefined =>
  db.get<StudentSqlRow>('SELECT * FROM student WHERE id = ?', [id]);

export const readLink = (db: Reader, id: string): LinkSqlRow | undefined =>
  db.get<LinkSqlRow>('SELECT * FROM guardianship WHERE id = ?', [id]);

export const linksOfStudent = (db: Reader, studentId: string): LinkSqlRow[] =>
  db.all<LinkSqlRow>('SELECT * FROM guardianship WHERE student_id = ? ORDER BY created_at, id', [studentId]);

export const linksOfGuardian = (db: Reader, guardianId: string): LinkSqlRow[] =>
  db.all<LinkSqlRow>('SELECT * FROM guardianship WHERE guardian_id = ? ORDER BY created_at, id', [guardianId]);

export const studentLabel = (s: { last_name: string; first_name: string; division?: string | null }): string =>
  `${s.last_name} ${s.first_name}`.trim() + (s.division ? ` (${s.division})` : '');

export const guardianLabel = (g: { last_name: string; first_name: string; civility?: string | null }): string =>
  `${g.civility ? `${g.civility} ` : ''}${g.last_name} ${g.first_name}`.trim();

/** A guardian's label with what tells two homonyms apart: their phone, as a person reads it. */
export const withPhone = (label: string, phone: string | null): string => `${label} (${phone ? formatPhone(phone) : 'sans portable'})`;

/** JSON without empty fields: payloads and audit values stay small. */
export function compact(values: Record<string, unknown>): string {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined && v !== '') o[k] = v;
  return JSON.stringify(o);
}

/** The whole guardian for an outbox upsert (absent keys mean null), as the import writes it. */
export function guardianPayload(g: GuardianSqlRow): string {
  return compact({
    id: g.id,
    civility: g.civility,
    lastName: g.last_name,
    firstName: g.first_name,
    phone: g.phone,
    email: g.email,
    addressLine1: g.address_line1,
    addressLine2: g.address_line2,
    postalCode: g.postal_code,
    city: g.city,
    country: g.country,
  });
}

/** The whole student with its guardian links, as the import writes it. */
export function studentPayload(s: StudentSqlRow, links: LinkSqlRow[]): string {
  return compact({
    id: s.id,
    ine: s.ine,
    lastName: s.last_name,
    firstName: s.first_name,
    birthDate: s.birth_date,
    division: s.division,
    status: s.status,
    guardians: links.map((l) =>
      l.relation ? { guardianId: l.guardian_id, relation: l.relation, legalRank: Number(l.legal_rank) } : { guardianId: l.guardian_id, legalRank: Number(l.legal_rank) },
    ),
  });
}

/** The JSON an audit row keeps for a link created or removed (`field = '*'`). */
export const linkAuditValue = (l: Pick<LinkSqlRow, 'student_id' | 'guardian_id' | 'relation' | 'legal_rank'>): string =>
  compact({ studentId: l.student_id, guardianId: l.guardian_id, relation: l.relation, legalRank: Number(l.legal_rank) });
