// Matching keys stored with records, shared by the import and by staff edits so that both
// compute them the same way.
import { fullNameKey } from '../domain';

/** `student.match_key`: folded last name | folded first name | ISO birth date (empty if unknown). */
export function studentMatchKey(lastName: string, firstName: string, birthDate: string | null): string {
  return `${fullNameKey(lastName, firstName)}|${birthDate ?? ''}`;
}

/** `guardian.name_key`: folded last name | folded first name. */
export function guardianNameKey(lastName: string, firstName: string): string {
  return fullNameKey(lastName, firstName);
}
