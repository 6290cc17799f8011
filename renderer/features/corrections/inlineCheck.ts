import { normaliseDate } from '../../../shared/domain/dates';
import { normaliseEmail } from '../../../shared/domain/emails';
import { normaliseName } from '../../../shared/domain/names';

const LABELS: Record<string, string> = { lastName: 'Nom', firstName: 'Prénom', email: 'E-mail', birthDate: 'Date de naissance' };

/**
 * The import's own rules, run as soon as a field is left, so a refusal shows before saving; the
 * core checks again on save (it has the last word). Undefined: nothing to say.
 */
export function checkField(field: string, value: string, today: Date = new Date()): string | undefined {
  const r =
    field === 'lastName' || field === 'firstName'
      ? normaliseName(value)
      : field === 'email'
        ? value.trim() === ''
          ? null
          : normaliseEmail(value)
        : field === 'birthDate'
          ? normaliseDate(value, today)
          : null;
  if (!r || r.ok) return undefined;
  return `${LABELS[field] ?? field} : ${r.message}`;
}
