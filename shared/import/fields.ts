// Canonical import fields, their French labels (for the mapping step), and the synonym table that
// maps the headers of real exports (SIECLE, ONDE, ENT, hand-made sheets) to them. Pure data and
// functions: used by the core to guess a mapping and by the UI to offer the choices.

export const STUDENT_FIELDS = ['ine', 'lastName', 'firstName', 'birthDate', 'division', 'level'] as const;
export const GUARDIAN_FIELDS = [
  'civility', 'lastName', 'firstName', 'relation', 'legalRank', 'phone', 'phoneHome', 'phoneWork', 'email',
  'address1', 'address2', 'postalCode', 'city', 'country',
] as const;
export const CHILD_FIELDS = ['lastName', 'firstName', 'division', 'birthDate'] as const;
/** Column groups for guardians: two per row (`guardian1`, `guardian2`) or one per row (`guardian`). */
export const GUARDIAN_GROUPS = ['guardian1', 'guardian2', 'guardian'] as const;
/** ONDE guardians files name each child in a repeated column group: child1 … child9. */
export const MAX_CHILD_GROUPS = 9;

export type StudentField = (typeof STUDENT_FIELDS)[number];
export type GuardianField = (typeof GUARDIAN_FIELDS)[number];
export type ChildField = (typeof CHILD_FIELDS)[number];
export type GuardianGroup = (typeof GUARDIAN_GROUPS)[number];

const STUDENT_LABELS: Record<StudentField, string> = {
  ine: 'INE',
  lastName: 'Nom',
  firstName: 'Prénom',
  birthDate: 'Date de naissance',
  division: 'Classe',
  level: 'Niveau',
};
const GUARDIAN_LABELS: Record<GuardianField, string> = {
  civility: 'Civilité',
  lastName: 'Nom',
  firstName: 'Prénom',
  relation: 'Lien de parenté',
  legalRank: 'Responsable légal (1, 2, oui/non)',
  phone: 'Téléphone portable',
  phoneHome: 'Téléphone domicile',
  phoneWork: 'Téléphone travail',
  email: 'Courriel',
  address1: 'Adresse',
  address2: 'Complément d’adresse',
  postalCode: 'Code postal',
  city: 'Commune',
  country: 'Pays',
};
const CHILD_LABELS: Record<ChildField, string> = {
  lastName: 'Nom',
  firstName: 'Prénom',
  division: 'Classe',
  birthDate: 'Date de naissance',
};
const GROUP_LABELS: Record<GuardianGroup, string> = {
  guardian1: 'Responsable 1',
  guardian2: 'Responsable 2',
  guardian: 'Responsable',
};

const FIELD_RE = new RegExp(
  `^(?:student\\.(?:${STUDENT_FIELDS.join('|')})|guardian[12]?\\.(?:${GUARDIAN_FIELDS.join('|')})|child[1-${MAX_CHILD_GROUPS}]\\.(?:${CHILD_FIELDS.join('|')}))$`,
);

/** True for a canonical field name such as `student.lastName`, `guardian2.email`, `child3.division`. */
export function isCanonicalField(field: string): boolean {
  return FIELD_RE.test(field);
}

/** French label of a canonical field, e.g. `guardian1.phone` → « Responsable 1 – Téléphone portable ». */
export function fieldLabel(field: string): string {
  const [group = '', sub = ''] = field.split('.');
  if (group === 'student') return `Élève – ${STUDENT_LABELS[sub as StudentField] ?? sub}`;
  if (group in GROUP_LABELS) return `${GROUP_LABELS[group as GuardianGroup]} – ${GUARDIAN_LABELS[sub as GuardianField] ?? sub}`;
  const child = /^child(\d)$/.exec(group);
  if (child) return `Enfant ${child[1]} – ${CHILD_LABELS[sub as ChildField] ?? sub}`;
  if (field === 'row') return 'Ligne entière';
  return field;
}

export interface FieldChoice {
  field: string;
  label: string;
  group: string;
}

/** Every field a person may choose for a column, grouped, for the mapping step of the UI. */
export function fieldChoices(childGroups = 4): FieldChoice[] {
  const out: FieldChoice[] = [];
  for (const f of STUDENT_FIELDS) out.push({ field: `student.${f}`, label: fieldLabel(`student.${f}`), group: 'Élève' });
  for (const g of GUARDIAN_GROUPS) {
    for (const f of GUARDIAN_FIELDS) out.push({ field: `${g}.${f}`, label: fieldLabel(`${g}.${f}`), group: GROUP_LABELS[g] });
  }
  for (let i = 1; i <= Math.min(childGroups, MAX_CHILD_GROUPS); i++) {
    for (const f of CHILD_FIELDS) out.push({ field: `child${i}.${f}`, label: fieldLabel(`child${i}.${f}`), group: `Enfant ${i}` });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Header synonyms. Headers are folded (accents, case, punctuation), split into words (digits apart
// from letters: "RL1" → "rl 1"), small words dropped; a group marker ("resp leg 1", "parent 2",
// "mère", "enfant 1") chooses the column group and the remaining words name the field.

const FILLERS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'a', 'au', 'aux', 'en', 'n', 'no', 'nº', 'of', 'the', 'avec']);
const GUARDIAN_WORDS = new Set([
  'resp', 'responsable', 'responsables', 'rl', 'r', 'leg', 'legal', 'legale', 'legaux', 'parent', 'parents',
  'representant', 'representante', 'rep', 'repr', 'guardian', 'tuteur',
]);
const CHILD_WORDS = new Set(['enfant', 'eleve', 'child', 'enf', 'pupil', 'student']);
const MOTHER_WORDS = new Set(['mere', 'maman', 'mother']);
const FATHER_WORDS = new Set(['pere', 'papa', 'father']);

/** Folds a header or a synonym: lower case, no accents, punctuation as spaces, digits apart. */
export function foldHeader(raw: string): string {
  return String(raw ?? '')
    .replace(/^\uFEFF/, '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[œŒ]/g, 'oe')
    .toLowerCase()
    .replace(/(\d+)/g, ' $1 ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const words = (folded: string): string[] => (folded === '' ? [] : folded.split(' ').filter((w) => !FILLERS.has(w)));
const key = (raw: string): string => words(foldHeader(raw)).join(' ');

function table<F extends string>(entries: Record<F, string[]>): Map<string, F> {
  const m = new Map<string, F>();
  for (const [field, synonyms] of Object.entries(entries) as [F, string[]][]) {
    for (const s of synonyms) m.set(key(s), field);
  }
  return m;
}

const STUDENT_SYNONYMS = table<StudentField>({
  ine: ['INE', 'N° INE', 'Numéro INE', 'Identifiant national', 'Identifiant national élève', 'ID national', 'INE élève'],
  lastName: ['Nom', 'Nom de famille', 'Nom famille', 'Nom de naissance', 'Patronyme', 'Last name', 'Surname', 'Nom élève', 'Nom de l’élève'],
  firstName: ['Prénom', 'Prénoms', 'Prénom 1', 'Premier prénom', 'Prénom usuel', 'First name'],
  birthDate: [
    'Date de naissance', 'Date naissance', 'Date naiss', 'Date nais', 'Date de naiss', 'Naissance', 'Né(e) le', 'Né le',
    'Née le', 'Né', 'Née', 'DDN', 'Date né', 'Birth date', 'Date of birth', 'DOB',
  ],
  division: ['Classe', 'Div', 'Division', 'Classe actuelle', 'Code division', 'Libellé division', 'Groupe classe', 'Structure'],
  level: ['Niveau', 'MEF', 'Niveau scolaire', 'Niveau de classe', 'Libellé MEF'],
});

const GUARDIAN_SYNONYMS = table<GuardianField>({
  civility: ['Civilité', 'Civ', 'Titre'],
  lastName: ['Nom', 'Nom de famille', 'Nom famille', 'Nom de naissance', 'Patronyme', 'Last name'],
  firstName: ['Prénom', 'Prénoms', 'Prénom usuel', 'First name'],
  relation: ['Lien', 'Lien de parenté', 'Parenté', 'Lien avec l’élève', 'Lien avec', 'Relation', 'Qualité', 'Lien familial'],
  legalRank: ['Rang', 'Rang responsable', 'Niveau de responsabilité'],
  phone: [
    'Portable', 'Tél portable', 'Téléphone portable', 'Mobile', 'Tél mobile', 'Téléphone mobile', 'GSM', 'Cellulaire',
    'Port', 'Tél port', 'Numéro portable', 'Numéro de portable', 'Numéro mobile', 'Tél', 'Tel', 'Téléphone',
    'Numéro de téléphone', 'Num tél', 'N° tél', 'Téléphone principal', 'Tél principal', 'Phone', 'Mobile phone', 'Tél cellulaire',
  ],
  phoneHome: [
    'Tél domicile', 'Téléphone domicile', 'Domicile', 'Tél dom', 'Fixe', 'Tél fixe', 'Téléphone fixe', 'Tél maison',
    'Téléphone maison', 'Tél personnel', 'Téléphone personnel', 'Tél perso', 'Home phone',
  ],
  phoneWork: [
    'Tél travail', 'Téléphone travail', 'Travail', 'Tél professionnel', 'Téléphone professionnel', 'Tél pro', 'Pro',
    'Bureau', 'Tél bureau', 'Téléphone bureau', 'Tél prof', 'Work phone',
  ],
  email: [
    'Email', 'E-mail', 'Mail', 'Courriel', 'Adresse mail', 'Adresse e-mail', 'Adresse email', 'Adresse courriel',
    'Adresse électronique', 'Mél', 'Mel', 'Courriel personnel',
  ],
  address1: ['Adresse', 'Adresse 1', 'Adresse ligne 1', 'Ligne 1', 'Ligne adresse 1', 'Adresse postale', 'Rue', 'Voie', 'Adresse domicile', 'Address'],
  address2: ['Adresse 2', 'Adresse ligne 2', 'Ligne 2', 'Ligne adresse 2', 'Complément d’adresse', 'Complément adresse', 'Complément', 'Lieu-dit', 'Adresse suite'],
  postalCode: ['Code postal', 'CP', 'Code post', 'Postal', 'Postal code', 'ZIP'],
  city: ['Ville', 'Commune', 'Localité', 'Commune de résidence', 'City'],
  country: ['Pays', 'Pays de résidence', 'Country'],
});

const CHILD_SYNONYMS = table<ChildField>({
  lastName: ['Nom', 'Nom de famille'],
  firstName: ['Prénom', 'Prénoms', 'Prénom 1'],
  division: ['Classe', 'Div', 'Division'],
  birthDate: ['Date de naissance', 'Date naissance', 'Date naiss', 'Né(e) le', 'Né le', 'Née le'],
});

/** Fields a guardian group has but a student has not: such a header without group words is a guardian's. */
const GUARDIAN_ONLY = new Set<GuardianField>(['civility', 'relation', 'phone', 'phoneHome', 'phoneWork', 'email', 'address1', 'address2', 'postalCode', 'city', 'country']);

export interface HeaderGuess {
  field: string;
  /** Relation implied by the header ("Mère – portable"): used when the sheet has no relation column. */
  impliedRelation?: string;
}

const isNumber = (w: string | undefined): boolean => w !== undefined && /^\d+$/.test(w);

/** Guesses the canonical field of one header, or null when it names nothing we import. */
export function guessField(header: string): HeaderGuess | null {
  let ws = words(foldHeader(header));
  if (ws.length === 0) return null;

  let group: string | null = null;
  let impliedRelation: string | undefined;

  // "Nom enfant 1", "Classe élève 2": a child group (ONDE guardians files).
  for (let i = 0; i < ws.length - 1 && !group; i++) {
    if (CHILD_WORDS.has(ws[i] as string) && isNumber(ws[i + 1])) {
      const n = Number(ws[i + 1]);
      if (n < 1 || n > MAX_CHILD_GROUPS) return null;
      group = `child${n}`;
      ws = [...ws.slice(0, i), ...ws.slice(i + 2)];
    }
  }
  // "NOM RESP LEG 1", "TEL PORTABLE RL1", "Email parent 2", "Responsable 1 - Nom".
  if (!group) {
    for (let j = ws.length - 1; j > 0; j--) {
      if (isNumber(ws[j]) && GUARDIAN_WORDS.has(ws[j - 1] as string)) {
        const n = Number(ws[j]);
        if (n !== 1 && n !== 2) return null;
        group = `guardian${n}`;
        let k = j - 1;
        while (k >= 0 && GUARDIAN_WORDS.has(ws[k] as string)) k--;
        ws = [...ws.slice(0, k + 1), ...ws.slice(j + 1)];
        break;
      }
    }
  }
  if (!group) {
    // "Mère - portable", "Père - mail": hand-made sheets name the parent instead of numbering.
    const mother = ws.findIndex((w) => MOTHER_WORDS.has(w));
    const father = ws.findIndex((w) => FATHER_WORDS.has(w));
    if (mother >= 0 && !ws.includes('grand')) {
      group = 'guardian1';
      impliedRelation = 'Mère';
      ws.splice(mother, 1);
    } else if (father >= 0 && !ws.includes('grand')) {
      group = 'guardian2';
      impliedRelation = 'Père';
      ws.splice(father, 1);
    }
  }
  if (!group && ws.some((w) => GUARDIAN_WORDS.has(w))) group = 'guardian';
  const legalMarker = ws.includes('legal') || ws.includes('leg') || ws.includes('legale');
  ws = ws.filter((w) => !GUARDIAN_WORDS.has(w) && !CHILD_WORDS.has(w));
  const base = ws.join(' ');

  const withRelation = (field: string): HeaderGuess =>
    impliedRelation ? { field, impliedRelation } : { field };

  if (group?.startsWith('child')) {
    const f = CHILD_SYNONYMS.get(base);
    return f ? { field: `${group}.${f}` } : null;
  }
  if (group) {
    if (base === '') return legalMarker ? withRelation(`${group}.legalRank`) : null;
    const f = GUARDIAN_SYNONYMS.get(base);
    return f ? withRelation(`${group}.${f}`) : null;
  }
  const s = STUDENT_SYNONYMS.get(base);
  if (s) return { field: `student.${s}` };
  const g = GUARDIAN_SYNONYMS.get(base);
  if (g && GUARDIAN_ONLY.has(g)) return { field: `guardian.${g}` };
  return null;
}

/** Normalised form of a header, to compare header sets and match a mapping file's header keys. */
export function headerKey(header: string): string {
  return foldHeader(header);
}
