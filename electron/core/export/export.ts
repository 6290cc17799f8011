// The register as one JSON document (`sesame export --json`): every student with their guardians.
// Two ordered scans joined in memory, so 100k students cost one pass over each table.
import type { Register } from '../db/types';

export interface ExportedGuardian {
  id: string;
  lastName: string;
  firstName: string;
  relation: string | null;
  /** Legal-guardian rank: 1 or 2, 0 when not a legal guardian. */
  legal: number;
  /** E.164, or null when the register has no valid number. */
  phone: string | null;
  email: string | null;
}

export interface ExportedStudent {
  id: string;
  ine: string | null;
  lastName: string;
  firstName: string;
  /** YYYY-MM-DD or null. */
  birthDate: string | null;
  division: string | null;
  status: 'enrolled' | 'left';
  guardians: ExportedGuardian[];
}

export interface RegisterExport {
  students: ExportedStudent[];
}

interface StudentSql {
  id: string;
  ine: string | null;
  last_name: string;
  first_name: string;
  birth_date: string | null;
  division: string | null;
  status: 'enrolled' | 'left';
}

interface LinkSql {
  student_id: string;
  id: string;
  last_name: string;
  first_name: string;
  relation: string | null;
  legal_rank: number;
  phone: string | null;
  email: string | null;
}

export function exportRegister(db: Register): RegisterExport {
  const students = db.all<StudentSql>(
    `SELECT id, ine, last_name, first_name, birth_date, division, status
       FROM student
      ORDER BY last_name, first_name, id`,
  );
  const byStudent = new Map<string, ExportedGuardian[]>();
  const links = db.all<LinkSql>(
    `SELECT gs.student_id, g.id, g.last_name, g.first_name, gs.relation, gs.legal_rank, g.phone, g.email
       FROM guardianship gs
       JOIN guardian g ON g.id = gs.guardian_id
      ORDER BY gs.student_id, CASE gs.legal_rank WHEN 0 THEN 3 ELSE gs.legal_rank END, g.last_name, g.first_name, g.id`,
  );
  for (const l of links) {
    let list = byStudent.get(l.student_id);
    if (!list) {
      list = [];
      byStudent.set(l.student_id, list);
    }
    list.push({
      id: l.id,
      lastName: l.last_name,
      firstName: l.first_name,
      relation: l.relation,
      legal: Number(l.legal_rank),
      phone: l.phone,
      email: l.email,
    });
  }
  return {
    students: students.map((s) => ({
      id: s.id,
      ine: s.ine,
      lastName: s.last_name,
      firstName: s.first_name,
      birthDate: s.birth_date,
      division: s.division,
      status: s.status,
      guardians: byStudent.get(s.id) ?? [],
    })),
  };
}
