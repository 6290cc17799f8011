// Synthetic registers for tests and the bench: French names with accents and particles,
// families whose siblings share their guardians, phones in several raw styles, emails.
// Deterministic for a seed; inserts with multi-row INSERTs so 100,000 students take seconds.

import { checkLetter23 } from '../../../shared/domain/checkLetter';
import { guardianNameKey } from '../../../shared/import/keys';
import type { Register, Tx } from '../db/types';
import { seededRandom } from '../../../shared/random';

export interface SyntheticOptions {
  students: number;
  /** Wanted guardian count; default about 1.4 per student (siblings share parents). Reached by
   * making fewer siblings, then by adding other contacts (legal rank 0) when still short. */
  guardians?: number;
  seed?: number;
  /** Share of students marked left (default 0.03). */
  leftShare?: number;
  /** Timestamp written in created_at/updated_at. */
  now?: string;
}

export interface SyntheticStudent {
  id: string;
  ine: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  division: string;
  status: 'enrolled' | 'left';
}

export interface SyntheticGuardian {
  id: string;
  civility: string | null;
  lastName: string;
  firstName: string;
  phone: string | null;
  email: string | null;
}

export interface SyntheticSummary {
  students: number;
  guardians: number;
  links: number;
  divisions: string[];
  /** A few generated records (the first families), for tests and bench queries. */
  sampleStudents: SyntheticStudent[];
  sampleGuardians: SyntheticGuardian[];
}

const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Simon', 'Laurent', 'Lefèbvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
  'Morel', 'Girard', 'André', 'Lefèvre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez',
  'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas',
  'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin',
  'Masson', 'Sanchez', 'Gérard', 'Nguyen', 'Boyer', 'Denis', 'Lemaire', 'Duval', 'Joly', 'Gautier',
  'Roger', 'Roche', 'Roy', 'Noël', 'Meyer', 'Lucas', 'Meunier', 'Pérez', 'Marchand', 'Dufour',
  'Blanchard', 'Barbier', 'Brun', 'Dumas', 'Brunet', 'Schmitt', 'Leroux', 'Colin', 'Fernandez', 'Renard',
  'Arnaud', 'Rolland', 'Caron', 'Aubert', 'Giraud', 'Leclerc', 'Vidal', 'Bourgeois', 'Renaud', 'Lemoine',
  'Picard', 'Gaillard', 'Lacroix', 'Fabre', 'Dupuis', 'Olivier', 'Rodriguez', 'Da Silva', 'Hubert', 'Rivière',
  'Le Gall', 'Guillaume', 'Moulin', 'Berger', 'Lecomte', 'Ménard', 'Fleury', 'Deschamps', 'Carpentier', 'Benoît',
  'Maillard', 'Aubry', 'Le Roux', 'Prévost', 'Poirier', 'Charpentier', 'Huet', 'Carré', 'Rémy', 'Schneider',
  "N'Diaye", 'Diallo', 'Traoré', 'Benali', 'Haddad', 'Ben Saïd', 'Koné', 'Camara', 'Le Goff', 'De Oliveira',
  'Ferreira', 'Öztürk', 'Nguyễn', 'Lê', 'Saint-Martin', "D'Almeida", 'Bouchard-Lévesque', 'Kowalski',
];
const GIRLS = [
  'Emma', 'Léa', 'Chloé', 'Manon', 'Inès', 'Jade', 'Louise', 'Zoé', 'Lina', 'Léna', 'Anaïs', 'Camille',
  'Sarah', 'Éloïse', 'Maëlys', 'Noémie', 'Clémence', 'Héloïse', 'Océane', 'Maëlle', 'Agathe', 'Juliette',
  'Romane', 'Ambre', 'Rose', 'Alice', 'Célia', 'Aïcha', 'Fatoumata', 'Yasmine', 'Marie', 'Anne-Sophie',
];
const BOYS = [
  'Lucas', 'Hugo', 'Léo', 'Gabriel', 'Raphaël', 'Arthur', 'Louis', 'Jules', 'Adam', 'Maël', 'Nathan',
  'Mathéo', 'Noé', 'Théo', 'Timothée', 'Clément', 'Enzo', 'Baptiste', 'Éthan', 'Loïc', 'Aurélien', 'Rémi',
  'Mohamed', 'Yanis', 'Ibrahima', 'François', 'Jean-Baptiste', 'Pierre-Louis', 'Côme', 'Joël',
];
const MOTHERS = [
  'Nathalie', 'Isabelle', 'Sandrine', 'Céline', 'Stéphanie', 'Véronique', 'Sophie', 'Valérie', 'Aurélie',
  'Hélène', 'Émilie', 'Laëtitia', 'Karine', 'Mélanie', 'Virginie', 'Fatima', 'Nadia', 'Marie-Hélène', 'Zoé',
];
const FATHERS = [
  'Christophe', 'Olivier', 'Nicolas', 'Laurent', 'Thierry', 'Sébastien', 'Frédéric', 'Jérôme', 'Cédric',
  'Grégory', 'Stéphane', 'Jean-Marc', 'Karim', 'Mamadou', 'Loïc', 'Hervé', 'Benoît', 'Rachid', 'Marc',
];
const DOMAINS = ['gmail.com', 'orange.fr', 'free.fr', 'laposte.net', 'hotmail.fr', 'yahoo.fr', 'sfr.fr', 'outlook.fr'];
const STREETS = [
  'rue de la République', 'avenue Jean-Jaurès', 'rue Victor-Hugo', 'impasse des Lilas', 'chemin du Moulin',
  "place de l'Église", 'boulevard Gambetta', 'allée des Érables',
];
const CITIES: Array<[string, string]> = [
  ['69003', 'Lyon'], ['69100', 'Villeurbanne'], ['42000', 'Saint-Étienne'], ['38000', 'Grenoble'],
  ['01000', 'Bourg-en-Bresse'], ['97400', 'Saint-Denis'], ['69500', 'Bron'], ['69120', 'Vaulx-en-Velin'],
];
const LEVELS = ['6', '5', '4', '3'];
const BIRTH_YEAR_BY_LEVEL: Record<string, number> = { '6': 2013, '5': 2012, '4': 2011, '3': 2010 };


const sqlLiteral = (v: string | number | null): string =>
  v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`;

/** Deterministic UUID-shaped ids, distinct per kind. */
const makeId = (kind: number, n: number): string =>
  `0190f000-000${kind}-7000-8000-${n.toString(16).padStart(12, '0')}`;

const ascii = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

function divisionNames(students: number): string[] {
  const count = Math.max(4, Math.ceil(students / 28));
  const names: string[] = [];
  for (let k = 0; k < count; k++) {
    const idx = Math.floor(k / 4);
    const suffix = idx >= 26 ? String(Math.floor(idx / 26)) : '';
    names.push(`${LEVELS[k % 4]}${String.fromCharCode(65 + (idx % 26))}${suffix}`);
  }
  return names;
}

/** Rows gathered into multi-row INSERTs: one statement per 400 rows instead of one per row. */
function makeBatch(tx: Tx, head: string, before?: () => void) {
  let rows: string[] = [];
  const flush = (): void => {
    if (rows.length === 0) return;
    // Foreign keys are enforced: rows referred to must be inserted first.
    before?.();
    tx.run(`${head} VALUES ${rows.join(',')}`);
    rows = [];
  };
  return {
    add(values: Array<string | number | null>): void {
      rows.push(`(${values.map(sqlLiteral).join(',')})`);
      if (rows.length >= 400) flush();
    },
    flush,
  };
}

export function insertSyntheticRegister(tx: Tx, options: SyntheticOptions): SyntheticSummary {
  const rnd = seededRandom(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const now = options.now ?? '2024-09-02T08:00:00.000Z';
  const leftShare = options.leftShare ?? 0.03;
  const studentTarget = Math.max(0, Math.floor(options.students));
  const guardianTarget = options.guardians ?? Math.round(studentTarget * 1.4);
  const divisions = divisionNames(studentTarget);

  // Families: about 1.9 guardians each (some single parents); siblings fill the remainder.
  const familyCount = Math.min(studentTarget, Math.max(1, Math.round(guardianTarget / 1.9)));
  const childrenPerFamily = new Array<number>(familyCount).fill(1);
  for (let extra = studentTarget - familyCount; extra > 0; extra--) {
    const f = Math.floor(rnd() * familyCount);
    childrenPerFamily[f] = (childrenPerFamily[f] as number) + 1;
  }

  const students = makeBatch(
    tx,
    `INSERT INTO student (id, ine, ine_raw, last_name, first_name, birth_date, birth_date_raw, division, status,
      match_key, created_at, updated_at)`,
  );
  const guardians = makeBatch(
    tx,
    `INSERT INTO guardian (id, civility, last_name, first_name, phone, phone_raw, email, email_raw,
      address_line1, address_line2, postal_code, city, country, name_key, created_at, updated_at)`,
  );
  const links = makeBatch(
    tx,
    'INSERT INTO guardianship (id, student_id, guardian_id, relation, legal_rank, created_at)',
    () => {
      students.flush();
      guardians.flush();
    },
  );

  let studentN = 0;
  let guardianN = 0;
  let linkN = 0;
  const sampleStudents: SyntheticStudent[] = [];
  const sampleGuardians: SyntheticGuardian[] = [];

  const phone = (): { e164: string | null; raw: string | null } => {
    const r = rnd();
    if (r < 0.03) return { e164: null, raw: null };
    const eight = String(Math.floor(rnd() * 1e8)).padStart(8, '0');
    let national: string;
    let e164: string;
    if (r < 0.06) {
      // Réunion mobile: the "indicatif" case of the FAQ.
      national = `0692${eight.slice(2)}`;
      e164 = `+262692${eight.slice(2)}`;
    } else if (r < 0.08) {
      e164 = `+324${eight}`;
      return { e164, raw: `+32 4${eight.slice(0, 2)} ${eight.slice(2, 4)} ${eight.slice(4, 6)} ${eight.slice(6)}` };
    } else {
      const lead = r < 0.6 ? '6' : r < 0.95 ? '7' : '1';
      national = `0${lead}${eight}`;
      e164 = `+33${lead}${eight}`;
    }
    const pairs = national.match(/../g)!.join(' ');
    const style = rnd();
    const raw =
      style < 0.4 ? pairs : style < 0.6 ? national : style < 0.8 ? pairs.replaceAll(' ', '.') : `${e164.slice(0, 3)} ${national.slice(1)}`;
    return { e164, raw };
  };

  const addGuardian = (
    civility: string | null,
    lastName: string,
    firstName: string,
    address: { line1: string; postal: string; city: string },
  ): string => {
    const id = makeId(2, ++guardianN);
    const p = phone();
    const hasEmail = rnd() > 0.1;
    const email = hasEmail
      ? `${ascii(firstName)}.${ascii(lastName)}${rnd() < 0.3 ? Math.floor(rnd() * 100) : ''}@${pick(DOMAINS)}`
      : null;
    const emailRaw = email && rnd() < 0.2 ? ` ${email.replace(/^./, (c) => c.toUpperCase())} ` : email;
    guardians.add([
      id, civility, lastName, firstName, p.e164, p.raw, email, emailRaw,
      address.line1, null, address.postal, address.city, 'FRANCE', guardianNameKey(lastName, firstName), now, now,
    ]);
    if (sampleGuardians.length < 20) {
      sampleGuardians.push({ id, civility, lastName, firstName, phone: p.e164, email });
    }
    return id;
  };

  const link = (studentId: string, guardianId: string, relation: string, rank: number): void => {
    links.add([makeId(3, ++linkN), studentId, guardianId, relation, rank, now]);
  };

  const familyChildren: string[][] = [];
  for (let f = 0; f < familyCount; f++) {
    const fatherName = pick(LAST_NAMES);
    const motherName = rnd() < 0.4 ? pick(LAST_NAMES) : fatherName;
    const [postal, city] = pick(CITIES);
    const address = { line1: `${1 + Math.floor(rnd() * 120)} ${pick(STREETS)}`, postal, city };
    // Single parents: some by chance, more when the wanted guardian count would be exceeded.
    const single = rnd() < 0.05 || guardianTarget - guardianN - 2 < familyCount - f - 1;
    const ids: string[] = [];
    ids.push(addGuardian('MME', motherName, pick(MOTHERS), address));
    if (!single) ids.push(addGuardian('M.', fatherName, pick(FATHERS), address));
    const childLast = single ? motherName : rnd() < 0.1 ? `${fatherName} ${motherName}` : fatherName;
    const children: string[] = [];
    for (let c = 0; c < (childrenPerFamily[f] as number); c++) {
      const n = ++studentN;
      const id = makeId(1, n);
      const division = divisions[Math.floor(rnd() * divisions.length)] as string;
      const year = BIRTH_YEAR_BY_LEVEL[division[0] as string] ?? 2012;
      const month = 1 + Math.floor(rnd() * 12);
      const day = 1 + Math.floor(rnd() * 28);
      const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const birthRaw = `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
      const digits = String(1_000_000_000 + n).padStart(10, '0');
      const ine = `${digits}${checkLetter23(digits)}`;
      const firstName = rnd() < 0.5 ? pick(GIRLS) : pick(BOYS);
      const status = rnd() < leftShare ? 'left' : 'enrolled';
      students.add([
        id, ine, ine, childLast, firstName, birthDate, birthRaw, division, status,
        `${ascii(childLast)} ${ascii(firstName)} ${birthDate}`, now, now,
      ]);
      if (sampleStudents.length < 20) {
        sampleStudents.push({ id, ine, lastName: childLast, firstName, birthDate, division, status });
      }
      ids.forEach((g, k) => link(id, g, k === 0 ? 'MERE' : 'PERE', k + 1));
      children.push(id);
    }
    familyChildren.push(children);
  }
  // Still short of the wanted guardian count: other contacts (grand-parents, legal rank 0).
  for (let f = 0; guardianN < guardianTarget && familyCount > 0; f = (f + 1) % familyCount) {
    const [postal, city] = pick(CITIES);
    const address = { line1: `${1 + Math.floor(rnd() * 120)} ${pick(STREETS)}`, postal, city };
    const grandMother = rnd() < 0.5;
    const g = addGuardian(grandMother ? 'MME' : 'M.', pick(LAST_NAMES), grandMother ? pick(MOTHERS) : pick(FATHERS), address);
    for (const child of familyChildren[f] as string[]) link(child, g, 'AUTRE', 0);
  }
  students.flush();
  guardians.flush();
  links.flush();
  return {
    students: studentN,
    guardians: guardianN,
    links: linkN,
    divisions,
    sampleStudents,
    sampleGuardians,
  };
}

/** Fills a register in one write (snapshot durability: one image rather than a huge journal).
 * SQLite's page cache is enlarged for the duration of the write only: with the default 2 MB a
 * 100,000-student transaction spills pages over and over and takes several times longer. */
export function fillSyntheticRegister(db: Register, options: SyntheticOptions): Promise<SyntheticSummary> {
  return db.write(
    (tx) => {
      const before = tx.get<{ cache_size: number }>('PRAGMA cache_size')?.cache_size ?? -2000;
      tx.run('PRAGMA cache_size = -262144');
      try {
        return insertSyntheticRegister(tx, options);
      } finally {
        tx.run(`PRAGMA cache_size = ${Math.trunc(before)}`);
      }
    },
    { durability: 'snapshot' },
  );
}
