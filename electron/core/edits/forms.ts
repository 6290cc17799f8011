// What the edit forms show: the record's current values and version, its links, and hints
// (the phone's country, an email typo suggestion).

import type { GuardianForm, StudentForm } from '../../../shared/contract/corrections';
import { formatPhone, normalisePhone, suggestEmailDomain } from '../../../shared/domain';
import { AppFailure } from '../errors';
import { countryOfPhone } from './phone';
import { guardianLabel, readGuardian, readStudent, studentLabel, type GuardianSqlRow, type StudentSqlRow } from './rows';
import type { SqlValue } from '../db/types';

type Reader = { get<T>(sql: string, params?: SqlValue[]): T | undefined; all<T>(sql: string, params?: SqlValue[]): T[] };

const LINK_ORDER = 'CASE gs.legal_rank WHEN 0 THEN 3 ELSE gs.legal_rank END';

export function guardianForm(db: Reader, id: string): GuardianForm {
  const g = readGuardian(db, id);
  if (!g) throw new AppFailure('not_found', 'Responsable légal introuvable : la fiche a peut-être été fusionnée avec une autre.');
  return guardianFormOf(db, g);
}

export function guardianFormOf(db: Reader, g: GuardianSqlRow): GuardianForm {
  const links = db.all<StudentSqlRow & { link_id: string; relation: string | null; legal_rank: number }>(
    `SELECT s.*, gs.id AS link_id, gs.relation, gs.legal_rank FROM guardianship gs JOIN student s ON s.id = gs.student_id
      WHERE gs.guardian_id = ? ORDER BY s.status, ${LINK_ORDER}, s.last_name, s.first_name, s.id`,
    [g.id],
  );
  const hints = { postalCode: g.postal_code, addressCountry: g.country };
  const parsed = g.phone ? normalisePhone(g.phone) : null;
  return {
    id: g.id,
    version: Number(g.version),
    civility: g.civility,
    lastName: g.last_name,
    firstName: g.first_name,
    phone: g.phone,
    phoneDisplay: g.phone ? formatPhone(g.phone) : null,
    phoneCountry: countryOfPhone(g.phone, hints),
    phoneRaw: g.phone_raw,
    phoneKind: parsed?.ok ? parsed.value.kind : null,
    email: g.email,
    emailRaw: g.email_raw,
    emailSuggestion: g.email ? suggestEmailDomain(g.email) : null,
    address: { line1: g.address_line1, line2: g.address_line2, postalCode: g.postal_code, city: g.city, country: g.country },
    links: links.map((l) => ({
      linkId: l.link_id,
      studentId: l.id,
      studentLabel: studentLabel(l),
      studentStatus: l.status,
      relation: l.relation,
      legalRank: Number(l.legal_rank),
    })),
    updatedAt: g.updated_at,
  };
}

export function studentForm(db: Reader, id: string): StudentForm {
  const s = readStudent(db, id);
  if (!s) throw new AppFailure('not_found', 'Élève introuvable.');
  const links = db.all<GuardianSqlRow & { link_id: string; relation: string | null; legal_rank: number }>(
    `SELECT g.*, gs.id AS link_id, gs.relation, gs.legal_rank FROM guardianship gs JOIN guardian g ON g.id = gs.guardian_id
      WHERE gs.student_id = ? ORDER BY ${LINK_ORDER}, g.last_name, g.first_name, g.id`,
    [id],
  );
  return {
    id: s.id,
    version: Number(s.version),
    ine: s.ine,
    lastName: s.last_name,
    firstName: s.first_name,
    birthDate: s.birth_date,
    birthDateRaw: s.birth_date_raw,
    division: s.division,
    status: s.status,
    guardians: links.map((l) => ({
      linkId: l.link_id,
      guardianId: l.id,
      guardianLabel: guardianLabel(l),
      relation: l.relation,
      legalRank: Number(l.legal_rank),
    })),
    updatedAt: s.updated_at,
  };
}
