// students.get and guardians.get: one record with its links, read straight from the register.

import type { Output } from '../../../shared/contract';
import type { GuardianRow, StudentRow } from '../../../shared/contract/records';
import type { CoreContext } from '../context';
import { AppFailure } from '../errors';
import { guardianLabel } from '../edits/rows';
import { formatDateFr } from '../../../shared/domain';
import type { GuardianColumns } from '../db/rows';

interface StudentSql {
  id: string;
  ine: string | null;
  ine_raw: string | null;
  last_name: string;
  first_name: string;
  birth_date: string | null;
  birth_date_raw: string | null;
  division: string | null;
  status: 'enrolled' | 'left';
  guardian_count: number;
}

type GuardianSql = Omit<GuardianColumns, 'name_key' | 'version' | 'created_at' | 'updated_at'> & { child_count: number };

const STUDENT_COLUMNS = `s.id, s.ine, s.ine_raw, s.last_name, s.first_name, s.birth_date, s.birth_date_raw,
  s.division, s.status,
  (SELECT count(*) FROM guardianship x WHERE x.student_id = s.id) AS guardian_count`;

const GUARDIAN_COLUMNS = `g.id, g.civility, g.last_name, g.first_name, g.phone, g.phone_raw, g.email, g.email_raw,
  g.address_line1, g.address_line2, g.postal_code, g.city, g.country,
  (SELECT count(*) FROM guardianship x WHERE x.guardian_id = g.id) AS child_count`;

const studentRow = (s: StudentSql): StudentRow => ({
  id: s.id,
  ine: s.ine,
  lastName: s.last_name,
  firstName: s.first_name,
  birthDate: s.birth_date,
  division: s.division,
  status: s.status,
  guardianCount: s.guardian_count,
});

const guardianRow = (g: GuardianSql): GuardianRow => ({
  id: g.id,
  civility: g.civility,
  lastName: g.last_name,
  firstName: g.first_name,
  phone: g.phone,
  email: g.email,
  // What was typed, while it could not be read (as the list's index keeps it).
  phoneRaw: g.phone === null ? g.phone_raw : null,
  emailRaw: g.email === null ? g.email_raw : null,
  childCount: g.child_count,
});

/** Legal guardian 1, then 2, then other contacts (rank 0). */
const LINK_ORDER = `CASE gs.legal_rank WHEN 0 THEN 3 ELSE gs.legal_rank END`;

export function getStudent(id: string, ctx: CoreContext): Output<'students.get'> {
  const s = ctx.db.get<StudentSql>(`SELECT ${STUDENT_COLUMNS} FROM student s WHERE s.id = ?`, [id]);
  if (!s) throw new AppFailure('not_found', 'Élève introuvable.');
  const links = ctx.db.all<GuardianSql & { relation: string | null; legal_rank: number }>(
    `SELECT ${GUARDIAN_COLUMNS}, gs.relation, gs.legal_rank
       FROM guardianship gs JOIN guardian g ON g.id = gs.guardian_id
      WHERE gs.student_id = ?
      ORDER BY ${LINK_ORDER}, g.last_name, g.first_name, g.id`,
    [id],
  );
  return {
    ...studentRow(s),
    ineRaw: s.ine_raw,
    birthDateRaw: s.birth_date_raw,
    guardians: links.map((l) => ({ guardian: guardianRow(l), relation: l.relation, legalRank: l.legal_rank })),
  };
}

/**
 * A guardian that is not there: merged into another (an old link, a bookmark, a history row) says
 * into which, with its id in `details.mergedInto` so the page can lead there; else plain not found.
 */
function guardianGone(ctx: CoreContext, id: string): AppFailure {
  let target = id;
  let at = '';
  // Follow merges (A into B, then B into C) to the record that stands, a few steps at most.
  for (let i = 0; i < 10; i++) {
    const m = ctx.db.get<{ keep_id: string; at: string }>("SELECT keep_id, at FROM guardian_merge WHERE merged_id = ? AND state = 'merged' ORDER BY at DESC LIMIT 1", [target]);
    if (!m) break;
    target = m.keep_id;
    at ||= m.at;
  }
  const kept = target === id ? undefined : ctx.db.get<{ last_name: string; first_name: string; civility: string | null }>('SELECT last_name, first_name, civility FROM guardian WHERE id = ?', [target]);
  if (!kept) return new AppFailure('not_found', 'Responsable légal introuvable.');
  const day = formatDateFr(at.slice(0, 10));
  return new AppFailure('not_found', `Cette fiche a été fusionnée${day ? ` le ${day}` : ''} dans celle de ${guardianLabel(kept)}.`, { mergedInto: target });
}

export function getGuardian(id: string, ctx: CoreContext): Output<'guardians.get'> {
  const g = ctx.db.get<GuardianSql>(`SELECT ${GUARDIAN_COLUMNS} FROM guardian g WHERE g.id = ?`, [id]);
  if (!g) throw guardianGone(ctx, id);
  const links = ctx.db.all<StudentSql & { relation: string | null; legal_rank: number }>(
    `SELECT ${STUDENT_COLUMNS}, gs.relation, gs.legal_rank
       FROM guardianship gs JOIN student s ON s.id = gs.student_id
      WHERE gs.guardian_id = ?
      ORDER BY s.status, s.birth_date, s.last_name, s.first_name, s.id`,
    [id],
  );
  return {
    ...guardianRow(g),
    phoneRaw: g.phone_raw,
    emailRaw: g.email_raw,
    address: {
      line1: g.address_line1,
      line2: g.address_line2,
      postalCode: g.postal_code,
      city: g.city,
      country: g.country,
    },
    children: links.map((l) => ({ student: studentRow(l), relation: l.relation, legalRank: l.legal_rank })),
  };
}
