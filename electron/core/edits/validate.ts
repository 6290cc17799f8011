// Form validation with the shared/domain functions, the same rules as the import. Every refused
// field gets its own French message; accepted values come back as register columns.

import type { FieldError, FieldWarning, GuardianChanges, StudentChanges } from '../../../shared/contract/corrections';
import {
  checkStudentBirthDate,
  normaliseCivility,
  normaliseDate,
  normaliseEmail,
  normaliseName,
  normaliseRelation,
  suggestEmailDomain,
} from '../../../shared/domain';
import { cleanText, labelledMessage } from '../../../shared/domain/text';
import { fieldError } from './changes';
import { phoneWarnings, readPhone } from './phone';
import type { GuardianEditColumn, GuardianSqlRow, StudentEditColumn } from './rows';

export interface Validated<C extends string> {
  columns: Partial<Record<C, string | null>>;
  errors: FieldError[];
  warnings: FieldWarning[];
}

const LABELS: Record<string, string> = {
  civility: 'Civilité',
  lastName: 'Nom',
  firstName: 'Prénom',
  phone: 'Portable',
  email: 'Courriel',
  birthDate: 'Date de naissance',
  division: 'Classe',
  relation: 'Lien avec l’élève',
  'address.line1': 'Adresse',
  'address.line2': 'Complément d’adresse',
  'address.postalCode': 'Code postal',
  'address.city': 'Commune',
  'address.country': 'Pays',
};

/** "Prénom : Le nom contient des chiffres…": the field's name first, so a message read alone is clear,
 * unless the message already starts with it (« Nom vide », « Date impossible »): no « Nom : Nom vide ». */
const labelled = (field: string, message: string): string => labelledMessage(LABELS[field] ?? field, message);

const optional = (raw: string | null | undefined): string | null => {
  const t = raw == null ? '' : cleanText(raw);
  return t === '' ? null : t;
};

function name(field: 'lastName' | 'firstName', raw: string, errors: FieldError[]): string | null {
  const r = normaliseName(raw);
  if (r.ok) return r.value;
  errors.push(fieldError(field, r.code, labelled(field, r.message)));
  return null;
}

const ADDRESS_LIMITS = { line1: 200, line2: 200, postalCode: 10, city: 100, country: 60 } as const;
const ADDRESS_COLUMNS = { line1: 'address_line1', line2: 'address_line2', postalCode: 'postal_code', city: 'city', country: 'country' } as const;
const FRANCE = /^(france|fr|fra|)$/i;

export function validateGuardianChanges(changes: GuardianChanges, current: GuardianSqlRow): Validated<GuardianEditColumn> {
  const columns: Partial<Record<GuardianEditColumn, string | null>> = {};
  const errors: FieldError[] = [];
  const warnings: FieldWarning[] = [];

  if (changes.civility !== undefined) {
    const r = normaliseCivility(changes.civility ?? '');
    if (r.ok) columns.civility = r.value;
    else errors.push(fieldError('civility', r.code, labelled('civility', r.message)));
  }
  if (changes.lastName !== undefined) {
    const v = name('lastName', changes.lastName, errors);
    if (v !== null) columns.last_name = v;
  }
  if (changes.firstName !== undefined) {
    const v = name('firstName', changes.firstName, errors);
    if (v !== null) columns.first_name = v;
  }

  // Address first: its postal code and country guide the phone when no country is chosen.
  if (changes.address) {
    for (const key of Object.keys(ADDRESS_COLUMNS) as Array<keyof typeof ADDRESS_COLUMNS>) {
      if (!(key in changes.address)) continue;
      const v = optional(changes.address[key]);
      const field = `address.${key}`;
      if (v !== null && [...v].length > ADDRESS_LIMITS[key]) {
        errors.push(fieldError(field, 'too_long', labelled(field, `${ADDRESS_LIMITS[key]} caractères au plus.`)));
        continue;
      }
      columns[ADDRESS_COLUMNS[key]] = v;
    }
    const country = 'country' in columns ? columns.country : current.country;
    const postal = columns.postal_code;
    if (postal && FRANCE.test(cleanText(country ?? '')) && !/^\d{5}$/.test(postal.replace(/\s/g, ''))) {
      errors.push(fieldError('address.postalCode', 'invalid_postal_code', labelled('address.postalCode', 'en France, 5 chiffres (ex. 69003).')));
    } else if (postal && /^\d{2}\s\d{3}$/.test(postal)) {
      columns.postal_code = postal.replace(/\s/g, '');
    }
  }

  if (changes.phone !== undefined) {
    if (changes.phone === null || optional(changes.phone.raw) === null) {
      columns.phone = null;
      columns.phone_raw = null;
    } else {
      const hints = {
        postalCode: 'postal_code' in columns ? (columns.postal_code ?? null) : current.postal_code,
        addressCountry: 'country' in columns ? (columns.country ?? null) : current.country,
      };
      const r = readPhone(changes.phone.raw, changes.phone.country, hints);
      if (!r.ok) {
        errors.push(fieldError('phone', r.code, labelled('phone', r.message)));
      } else {
        columns.phone = r.value.e164;
        columns.phone_raw = null;
        for (const w of phoneWarnings(r, changes.phone.country)) warnings.push({ field: 'phone', ...w });
      }
    }
  }

  if (changes.email !== undefined) {
    if (changes.email === null || optional(changes.email) === null) {
      columns.email = null;
      columns.email_raw = null;
    } else {
      const r = normaliseEmail(changes.email);
      if (!r.ok) {
        errors.push(fieldError('email', r.code, labelled('email', r.message)));
      } else {
        columns.email = r.value;
        columns.email_raw = null;
        if (r.warning) warnings.push({ field: 'email', ...r.warning });
        const suggestion = suggestEmailDomain(r.value);
        if (suggestion) {
          warnings.push({
            field: 'email',
            code: 'email_typo',
            message: `Courriel : vouliez-vous dire « ${suggestion} » ? L’adresse est enregistrée telle que saisie.`,
          });
        }
      }
    }
  }
  return { columns, errors, warnings };
}

export function validateStudentChanges(changes: StudentChanges, today: Date): Validated<StudentEditColumn> {
  const columns: Partial<Record<StudentEditColumn, string | null>> = {};
  const errors: FieldError[] = [];
  const warnings: FieldWarning[] = [];
  if (changes.lastName !== undefined) {
    const v = name('lastName', changes.lastName, errors);
    if (v !== null) columns.last_name = v;
  }
  if (changes.firstName !== undefined) {
    const v = name('firstName', changes.firstName, errors);
    if (v !== null) columns.first_name = v;
  }
  if (changes.birthDate !== undefined) {
    const raw = optional(changes.birthDate);
    if (raw === null) {
      errors.push(fieldError('birthDate', 'empty', labelled('birthDate', 'obligatoire : les parents la confirment pour activer leur compte.')));
    } else {
      const d = normaliseDate(raw, today);
      const checked = d.ok ? checkStudentBirthDate(d.value, today) : d;
      if (!checked.ok) {
        errors.push(fieldError('birthDate', checked.code, labelled('birthDate', checked.message)));
      } else {
        columns.birth_date = checked.value;
        columns.birth_date_raw = null;
        if (checked.warning) warnings.push({ field: 'birthDate', ...checked.warning });
      }
    }
  }
  if (changes.division !== undefined) {
    const v = optional(changes.division);
    if (v !== null && !/^[\p{L}\p{N} .\-_/]+$/u.test(v)) {
      errors.push(fieldError('division', 'invalid_character', labelled('division', 'lettres, chiffres, espaces et tirets seulement (ex. 6A, 3e B).')));
    } else {
      columns.division = v;
    }
  }
  if (changes.status !== undefined) columns.status = changes.status;
  return { columns, errors, warnings };
}

/** Relation as typed or chosen: one of RELATION_LABELS, or null. */
export function validateRelation(raw: string | null, field = 'relation'): { value: string | null; error?: FieldError } {
  const r = normaliseRelation(raw ?? '');
  if (r.ok) return { value: r.value };
  return { value: null, error: fieldError(field, r.code, labelled('relation', r.message)) };
}
