// Register columns and their values as a secretary reads them: « Portable » rather than `phone`,
// « 06 12 34 56 78 » rather than +33612345678. Shared by the history and the import plan.
import { formatDateFr, formatPhone } from '../../../shared/domain';

const COLUMN_LABELS: Record<string, string> = {
  civility: 'Civilité',
  last_name: 'Nom',
  first_name: 'Prénom',
  phone: 'Portable',
  phone_raw: 'Portable (saisie d’origine)',
  email: 'Courriel',
  email_raw: 'Courriel (saisie d’origine)',
  address_line1: 'Adresse',
  address_line2: 'Complément d’adresse',
  postal_code: 'Code postal',
  city: 'Commune',
  country: 'Pays',
  ine: 'INE',
  ine_raw: 'INE (saisie d’origine)',
  birth_date: 'Date de naissance',
  birth_date_raw: 'Date de naissance (saisie d’origine)',
  division: 'Classe',
  status: 'Situation',
  relation: 'Lien avec l’élève',
  legal_rank: 'Rang de responsable légal',
  guardian_id: 'Responsable rattaché',
  merge: 'Fusion de fiches',
  split: 'Séparation de fiches',
};

/** French label of a register column; the column itself when unknown (never empty). */
export const columnLabel = (column: string): string => COLUMN_LABELS[column] ?? column;

/** A stored value as shown; null for nothing (the UI shows « — » or « vide »). */
export function valueText(column: string, value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const v = String(value);
  switch (column) {
    case 'phone':
      return formatPhone(v);
    case 'birth_date':
      return formatDateFr(v);
    case 'status':
      return v === 'enrolled' ? 'Inscrit' : v === 'left' ? 'Sorti' : v;
    default:
      return v;
  }
}
