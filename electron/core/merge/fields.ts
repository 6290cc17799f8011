// Field groups a merge chooses between, and the default choice.

import type { MergeField } from '../../../shared/contract/corrections';
import { formatPhone } from '../../../shared/domain';
import type { GuardianEditColumn, GuardianSqlRow } from '../edits/rows';

export const MERGE_FIELDS: ReadonlyArray<{ field: MergeField; label: string; columns: GuardianEditColumn[] }> = [
  { field: 'civility', label: 'Civilité', columns: ['civility'] },
  { field: 'lastName', label: 'Nom', columns: ['last_name'] },
  { field: 'firstName', label: 'Prénom', columns: ['first_name'] },
  { field: 'phone', label: 'Portable', columns: ['phone', 'phone_raw'] },
  { field: 'email', label: 'Courriel', columns: ['email', 'email_raw'] },
  { field: 'address', label: 'Adresse', columns: ['address_line1', 'address_line2', 'postal_code', 'city', 'country'] },
];

/** The group's value as a person reads it. */
export function displayValue(g: GuardianSqlRow, field: MergeField): string | null {
  switch (field) {
    case 'phone':
      return g.phone ? formatPhone(g.phone) : g.phone_raw ? `${g.phone_raw} (illisible)` : null;
    case 'email':
      return g.email ?? (g.email_raw ? `${g.email_raw} (invalide)` : null);
    case 'address': {
      const parts = [g.address_line1, g.address_line2, [g.postal_code, g.city].filter(Boolean).join(' '), g.country].filter((p) => p);
      return parts.length ? parts.join(', ') : null;
    }
    case 'civility':
      return g.civility;
    case 'lastName':
      return g.last_name;
    case 'firstName':
      return g.first_name;
  }
}

/** Keep the kept record's value, unless it is empty (or unreadable) and the other one is not. */
export function suggestedChoice(keep: GuardianSqlRow, merge: GuardianSqlRow, field: MergeField): 'keep' | 'merge' {
  if (field === 'phone') return !keep.phone && merge.phone ? 'merge' : !keep.phone && !keep.phone_raw && merge.phone_raw ? 'merge' : 'keep';
  if (field === 'email') return !keep.email && merge.email ? 'merge' : !keep.email && !keep.email_raw && merge.email_raw ? 'merge' : 'keep';
  return displayValue(keep, field) === null && displayValue(merge, field) !== null ? 'merge' : 'keep';
}
