// Matching keys stored with records, shared by the import and by staff edits so that both
// compute them the same way.
import { fullNameKey } from '../domain';

/**
 * `student.match_key`: folded last name | folded first name | ISO birth date. Without a valid date,
 * `?` and the date as written (so that re-importing the same sheet finds the student), or empty.
 */
export function studentMatchKey(lastName: string, firstName: string, birthDate: string | null, birthDateRaw?: string | null): string {
  return `${fullNameKey(lastName, firstName)}|${birthDate ?? (birthDateRaw ? `?${birthDateRaw}` : '')}`;
}

/** `guardian.name_key`: folded last name | folded first name. */
export function guardianNameKey(lastName: string, firstName: string): string {
  return fullNameKey(lastName, firstName);
}
