/**
 * French labels for canonical import fields (`student.birthDate`, `guardian1.phone`, …).
 * Labels are composed from the field's owner and attribute, so a field the core adds later still
 * reads well. TODO: switch to `shared/import/fields.ts` once the import engineer publishes it.
 */

const OWNERS: Record<string, string> = {
  student: 'Élève',
  guardian: 'Responsable',
  guardian1: 'Responsable 1',
  guardian2: 'Responsable 2',
  school: 'Établissement',
};

const ATTRIBUTES: Record<string, string> = {
  ine: 'INE',
  lastName: 'nom',
  usualName: 'nom d’usage',
  firstName: 'prénom',
  birthDate: 'date de naissance',
  division: 'classe',
  level: 'niveau',
  sex: 'sexe',
  status: 'statut',
  civility: 'civilité',
  relation: 'lien avec l’élève',
  legalRank: 'rang de responsable légal',
  phone: 'téléphone',
  mobile: 'téléphone portable',
  homePhone: 'téléphone domicile',
  workPhone: 'téléphone professionnel',
  email: 'e-mail',
  address: 'adresse',
  addressLine1: 'adresse (ligne 1)',
  addressLine2: 'adresse (ligne 2)',
  line1: 'adresse (ligne 1)',
  line2: 'adresse (ligne 2)',
  postalCode: 'code postal',
  city: 'commune',
  country: 'pays',
  studentId: 'identifiant élève',
  id: 'identifiant',
  uai: 'UAI',
};

export function fieldLabel(field: string | null): string {
  if (field === null) return 'Ignorée';
  if (field === 'row') return 'ligne entière';
  const dot = field.indexOf('.');
  if (dot < 0) return ATTRIBUTES[field] ?? field;
  const owner = OWNERS[field.slice(0, dot)];
  const attribute = ATTRIBUTES[field.slice(dot + 1)];
  if (!owner || !attribute) return field;
  return `${owner} : ${attribute}`;
}

/** Fields offered in the mapping step, in a sensible reading order. */
export const LOCAL_FIELDS: string[] = [
  'student.ine',
  'student.lastName',
  'student.firstName',
  'student.birthDate',
  'student.division',
  ...['guardian1', 'guardian2', 'guardian'].flatMap((g) =>
    [
      'civility',
      'lastName',
      'firstName',
      'relation',
      'legalRank',
      'phone',
      'email',
      'addressLine1',
      'addressLine2',
      'postalCode',
      'city',
      'country',
    ].map((a) => `${g}.${a}`),
  ),
];

/** Options for one file: known fields plus any field the core mentioned that we do not know. */
export function fieldOptions(known: string[], mentioned: Array<string | null>): string[] {
  const all = [...known];
  for (const f of mentioned) if (f && !all.includes(f)) all.push(f);
  return all;
}
