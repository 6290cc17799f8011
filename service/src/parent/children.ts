import type { Queryable } from '../db/types';
import type { GuardianRef } from './session';

export interface ChildRow {
  rid: string;
  schoolId: string;
  studentId: string;
  /** The guardian records (of the given ones) this child is linked to. */
  guardianIds: string[];
  firstName: string;
  lastName: string;
  division: string | null;
  birthDate: string | null;
  school: { uai: string; name: string };
}

/** The live children linked to some guardian records, each once. */
export async function childrenOf(q: Queryable, records: GuardianRef[]): Promise<ChildRow[]> {
  if (!records.length) return [];
  const rows = await q.query<{
    rid: string;
    school_id: string;
    student_id: string;
    guardian_id: string;
    first_name: string;
    last_name: string;
    division: string | null;
    birth_date: string | null;
    uai: string;
    name: string;
  }>(
    `SELECT s.rid, s.school_id, s.id AS student_id, l.guardian_id, s.first_name, s.last_name, s.division, s.birth_date, sc.uai, sc.name
       FROM unnest($1::text[], $2::text[]) AS r(school_id, guardian_id)
       JOIN guardianship l ON l.school_id = r.school_id AND l.guardian_id = r.guardian_id AND NOT l.deleted
       JOIN student s ON s.school_id = l.school_id AND s.id = l.student_id AND NOT s.deleted
       JOIN school sc ON sc.id = s.school_id
      ORDER BY s.last_name, s.first_name, s.rid`,
    [records.map((r) => r.schoolId), records.map((r) => r.guardianId)],
  );
  const byRid = new Map<string, ChildRow>();
  for (const r of rows) {
    const known = byRid.get(r.rid);
    if (known) {
      if (!known.guardianIds.includes(r.guardian_id)) known.guardianIds.push(r.guardian_id);
      continue;
    }
    byRid.set(r.rid, {
      rid: r.rid,
      schoolId: r.school_id,
      studentId: r.student_id,
      guardianIds: [r.guardian_id],
      firstName: r.first_name,
      lastName: r.last_name,
      division: r.division,
      birthDate: r.birth_date,
      school: { uai: r.uai, name: r.name },
    });
  }
  return [...byRid.values()];
}

export async function recordsOfAccount(q: Queryable, accountId: string): Promise<GuardianRef[]> {
  const rows = await q.query<{ school_id: string; guardian_id: string }>(
    'SELECT school_id, guardian_id FROM account_guardian WHERE account_id = $1 ORDER BY school_id, guardian_id',
    [accountId],
  );
  return rows.map((r) => ({ schoolId: r.school_id, guardianId: r.guardian_id }));
}

/** What a parent is shown of a child: no birth date during activation (that is what they must prove). */
export const publicChild = (c: ChildRow) => ({ id: c.rid, firstName: c.firstName, lastName: c.lastName, division: c.division, school: c.school });
