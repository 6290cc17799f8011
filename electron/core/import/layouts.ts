// Which shape a sheet has, from its mapped fields, and which fields that shape cannot do without.
import type { PreparedFile } from '../../../shared/contract/import';
import { fieldLabel } from '../../../shared/import/fields';

export type Layout = PreparedFile['layout'];

/** Layout of one file on its own (an ONDE students file is told apart by its partner). */
export function detectLayout(fields: Iterable<string>): Layout {
  let child = false;
  let single = false;
  for (const f of fields) {
    if (f.startsWith('child')) child = true;
    else if (f.startsWith('guardian.')) single = true;
  }
  if (child) return 'onde-guardians';
  if (single) return 'guardian-row';
  return 'student-row';
}

/** Required fields the mapping does not provide. Students need names and (birth date or INE). */
export function missingRequired(layout: Layout, fields: Set<string>): string[] {
  const missing: string[] = [];
  const need = (f: string) => {
    if (!fields.has(f)) missing.push(f);
  };
  if (layout === 'onde-guardians') {
    need('guardian.lastName');
    need('child1.lastName');
    need('child1.firstName');
    return missing;
  }
  need('student.lastName');
  need('student.firstName');
  if (!fields.has('student.birthDate') && !fields.has('student.ine')) missing.push('student.birthDate');
  if (layout === 'guardian-row') need('guardian.lastName');
  return missing;
}

/** French sentence naming what is missing, for an unusable file. */
export function describeMissing(missing: string[]): string {
  const names = missing.map((f) => (f === 'student.birthDate' ? 'Élève – Date de naissance (ou INE)' : fieldLabel(f)));
  return `colonnes obligatoires introuvables : ${names.map((n) => `« ${n} »`).join(', ')}`;
}
