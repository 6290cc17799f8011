import { fullNameKey } from '../../../shared/domain/names';
import { normaliseEmail } from '../../../shared/domain/emails';
import type { Entity, GuardianData, GuardianshipData, StudentData } from '../../../shared/service-api/school';
import type { Row } from '../db/types';

// Column mapping of the three pushed entities. Table names come from this fixed map only.
export const TABLE: Record<Entity, string> = { student: 'student', guardian: 'guardian', guardianship: 'guardianship' };

type Cols = Record<string, unknown>;

export function columnsOf(entity: Entity, data: StudentData | GuardianData | GuardianshipData): Cols {
  switch (entity) {
    case 'student': {
      const d = data as StudentData;
      return { ine: d.ine, last_name: d.lastName, first_name: d.firstName, birth_date: d.birthDate, division: d.division, status: d.status };
    }
    case 'guardian': {
      const d = data as GuardianData;
      const email = d.email ? normaliseEmail(d.email) : null;
      const normal = { ...d, email: email ? (email.ok ? email.value : d.email!.trim().toLowerCase()) : null };
      return {
        civility: normal.civility,
        last_name: normal.lastName,
        first_name: normal.firstName,
        name_key: fullNameKey(normal.lastName, normal.firstName),
        phone: normal.phone,
        email: normal.email,
        data: JSON.stringify(normal),
      };
    }
    case 'guardianship': {
      const d = data as GuardianshipData;
      return { student_id: d.studentId, guardian_id: d.guardianId, relation: d.relation, legal_rank: d.legalRank };
    }
  }
}

/** A stored row as the app sent it (camelCase), for conflict answers. */
export function dataOf(entity: Entity, row: Row): Record<string, unknown> {
  switch (entity) {
    case 'student':
      return {
        ine: row.ine,
        lastName: row.last_name,
        firstName: row.first_name,
        birthDate: row.birth_date,
        division: row.division,
        status: row.status,
      };
    case 'guardian':
      // Stored rows hold it parsed; a row written earlier in the same batch holds it as JSON text.
      return (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown>;
    case 'guardianship':
      return { studentId: row.student_id, guardianId: row.guardian_id, relation: row.relation, legalRank: row.legal_rank };
  }
}
