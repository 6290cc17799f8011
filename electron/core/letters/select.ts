// Who a batch is for, read from the register: guardians of a class, those without an active
// account, a hand-picked list of guardians or the guardians of hand-picked students; each with
// their enrolled children and postal address.
import type { LetterSelection } from '../../../shared/contract/letters';
import type { LetterAddress, LetterChild } from '../../../shared/letters/types';
import type { Register } from '../db/types';

export interface Candidate {
  id: string;
  civility: string | null;
  lastName: string;
  firstName: string;
  phone: string | null;
  address: LetterAddress;
  children: LetterChild[];
  /** The register's view of the account (the feed keeps it current). */
  accountState: string | null;
  login: string | null;
  /** The service has this guardian (a sync accepted it). */
  synced: boolean;
  /** A letter was printed before. */
  printedBefore: boolean;
}

interface GuardianRow {
  id: string;
  civility: string | null;
  last_name: string;
  first_name: string;
  phone: string | null;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  state: string | null;
  login: string | null;
  synced: number;
  printed: number;
}

const CHUNK = 500;

function idsFor(db: Register, selection: LetterSelection): string[] {
  switch (selection.scope) {
    case 'division':
      return db
        .all<{ id: string }>(
          `SELECT DISTINCT gs.guardian_id AS id FROM guardianship gs JOIN student s ON s.id = gs.student_id
           WHERE s.status = 'enrolled' AND s.division = ?`,
          [selection.division],
        )
        .map((r) => r.id);
    case 'inactive':
      return db
        .all<{ id: string }>(
          `SELECT g.id FROM guardian g LEFT JOIN account a ON a.guardian_id = g.id
           WHERE COALESCE(a.state, 'none') <> 'activated'
             AND EXISTS (SELECT 1 FROM guardianship gs JOIN student s ON s.id = gs.student_id WHERE gs.guardian_id = g.id AND s.status = 'enrolled')`,
        )
        .map((r) => r.id);
    case 'guardians':
      return [...new Set(selection.guardianIds)];
    case 'students': {
      // Like a class: every guardian linked to the picked students, who are enrolled.
      const ids = new Set<string>();
      const picked = [...new Set(selection.studentIds)];
      for (let i = 0; i < picked.length; i += CHUNK) {
        const part = picked.slice(i, i + CHUNK);
        const rows = db.all<{ id: string }>(
          `SELECT DISTINCT gs.guardian_id AS id FROM guardianship gs JOIN student s ON s.id = gs.student_id
           WHERE s.status = 'enrolled' AND s.id IN (${part.map(() => '?').join(',')})`,
          part,
        );
        for (const r of rows) ids.add(r.id);
      }
      return [...ids];
    }
  }
}

export interface PickedStudents {
  /** Picked students still enrolled: the title counts these. */
  enrolled: number;
  /** Picked students who left: no letter goes out for them, and the preview says so. */
  departed: Array<{ id: string; lastName: string; firstName: string }>;
}

/** For a students selection, who of the picked is enrolled and who left (unknown ids dropped). */
export function pickedStudents(db: Register, selection: LetterSelection): PickedStudents {
  const out: PickedStudents = { enrolled: 0, departed: [] };
  if (selection.scope !== 'students') return out;
  const picked = [...new Set(selection.studentIds)];
  for (let i = 0; i < picked.length; i += CHUNK) {
    const part = picked.slice(i, i + CHUNK);
    const rows = db.all<{ id: string; last_name: string; first_name: string; status: string }>(
      `SELECT id, last_name, first_name, status FROM student WHERE id IN (${part.map(() => '?').join(',')})`,
      part,
    );
    for (const r of rows) {
      if (r.status === 'enrolled') out.enrolled += 1;
      else out.departed.push({ id: r.id, lastName: r.last_name, firstName: r.first_name });
    }
  }
  return out;
}

/** The selected guardians (unknown ids dropped), with children in the school. Unsorted. */
export function selectCandidates(db: Register, selection: LetterSelection): Candidate[] {
  const ids = idsFor(db, selection);
  const out: Candidate[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const marks = part.map(() => '?').join(',');
    const rows = db.all<GuardianRow>(
      `SELECT g.id, g.civility, g.last_name, g.first_name, g.phone, g.address_line1, g.address_line2, g.postal_code, g.city, g.country,
              a.state, a.login,
              EXISTS (SELECT 1 FROM sync_version v WHERE v.entity = 'guardian' AND v.entity_id = g.id) AS synced,
              EXISTS (SELECT 1 FROM letter l WHERE l.guardian_id = g.id AND l.kind = 'credentials') AS printed
       FROM guardian g LEFT JOIN account a ON a.guardian_id = g.id WHERE g.id IN (${marks})`,
      part,
    );
    const kids = db.all<{ guardian_id: string; last_name: string; first_name: string; division: string | null }>(
      `SELECT gs.guardian_id, s.last_name, s.first_name, s.division FROM guardianship gs JOIN student s ON s.id = gs.student_id
       WHERE s.status = 'enrolled' AND gs.guardian_id IN (${marks})`,
      part,
    );
    const byGuardian = new Map<string, LetterChild[]>();
    for (const k of kids) {
      const list = byGuardian.get(k.guardian_id) ?? [];
      list.push({ lastName: k.last_name, firstName: k.first_name, division: k.division });
      byGuardian.set(k.guardian_id, list);
    }
    for (const r of rows) {
      const children = (byGuardian.get(r.id) ?? []).sort(
        (a, b) => (a.division ?? '').localeCompare(b.division ?? '', 'fr', { numeric: true }) || a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr'),
      );
      out.push({
        id: r.id,
        civility: r.civility,
        lastName: r.last_name,
        firstName: r.first_name,
        phone: r.phone,
        address: { line1: r.address_line1, line2: r.address_line2, postalCode: r.postal_code, city: r.city, country: r.country },
        children,
        accountState: r.state,
        login: r.login,
        synced: Number(r.synced) === 1,
        printedBefore: Number(r.printed) === 1,
      });
    }
  }
  return out;
}

/** A postal address a window envelope can carry: a street line, and a postal code or city. */
export function hasPostalAddress(a: LetterAddress): boolean {
  const has = (v: string | null) => Boolean(v && v.trim());
  return (has(a.line1) || has(a.line2)) && (has(a.postalCode) || has(a.city));
}
