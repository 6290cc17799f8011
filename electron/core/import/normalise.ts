// Rows → students and guardian occurrences, with every problem located (file, spreadsheet row,
// field) and every raw value kept. Works on column indexes resolved once per file.
import type { Problem } from '../../../shared/contract/import';
import { CHILD_FIELDS, GUARDIAN_FIELDS, MAX_CHILD_GROUPS, STUDENT_FIELDS } from '../../../shared/import/fields';
import type { Layout } from './layouts';
import type { Normalisers } from './memo';

export interface StudentRec {
  key: string;
  file: string;
  row: number;
  ine: string | null;
  ineRaw: string | null;
  lastName: string;
  firstName: string;
  birthDate: string | null;
  birthDateRaw: string | null;
  division: string | null;
  matchKey: string;
  /** Set when the record stands for a register student named by an ONDE guardians file only. */
  registerId?: string;
}

export interface LinkIn {
  student: StudentRec;
  relation: string | null;
  /** 1, 2 or 0; null: not given, ranked by order of appearance. */
  legalRank: number | null;
}

export interface GuardianOcc {
  file: string;
  row: number;
  group: string;
  civility: string | null;
  lastName: string;
  firstName: string;
  nameKey: string;
  phone: string | null;
  phoneRaw: string | null;
  email: string | null;
  emailRaw: string | null;
  /** Normalised phones ("p:+33…") and email ("e:…") for matching. */
  contacts: string[];
  address1: string | null;
  address2: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  links: LinkIn[];
}

export interface FileInput {
  name: string;
  layout: Layout;
  rows: string[][];
  rowNumbers: Int32Array;
  /** Column index per canonical field. */
  index: Map<string, number>;
  impliedRelations: Record<string, string>;
}

/** Register students an ONDE guardians file may name when no students file comes with it. */
export interface RegisterStudentRef {
  id: string;
  ine: string | null;
  last_name: string;
  first_name: string;
  birth_date: string | null;
  division: string | null;
  match_key: string;
}

export interface NormalisedBatch {
  students: StudentRec[];
  occurrences: GuardianOcc[];
  problems: Problem[];
  rows: number;
  rejectedRows: number;
}

const clean = (v: string | undefined): string => {
  if (v === undefined || v === '') return '';
  const t = v.trim();
  return /\s\s|[\t\r\n\u00a0]/.test(t) ? t.replace(/[\s\u00a0]+/g, ' ') : t;
};
const orNull = (v: string): string | null => (v === '' ? null : v);
const divisionKey = (d: string | null): string => (d ?? '').toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');

function parseLegal(raw: string): number | null {
  const v = raw.trim().toLowerCase();
  if (v === '') return null;
  if (v === '1' || v === '2' || v === '0') return Number(v);
  if (['non', 'n', 'faux', 'no', 'false'].includes(v)) return 0;
  return null; // "oui", "x", or anything else: legal guardian, rank by order
}

type Cols = Record<string, number>;

function columnsOf(index: Map<string, number>, prefix: string, subs: readonly string[]): Cols {
  const c: Cols = {};
  for (const s of subs) c[s] = index.get(`${prefix}.${s}`) ?? -1;
  return c;
}

export function normaliseBatch(
  files: FileInput[],
  n: Normalisers,
  registerStudents: () => RegisterStudentRef[],
  onProgress: (done: number, total: number) => void,
): NormalisedBatch {
  const problems: Problem[] = [];
  const byKey = new Map<string, StudentRec>();
  const students: StudentRec[] = [];
  const occurrences: GuardianOcc[] = [];
  let rejectedRows = 0;
  const total = files.reduce((s, f) => s + f.rows.length, 0);
  const step = Math.max(1, Math.ceil(total / 20));
  let done = 0;

  let file = '';
  let rowNo = 0;
  let rowRejected: boolean;
  // In a guardian-row sheet a student repeats on purpose; elsewhere a repeat is worth a warning.
  let sameLayoutDuplicate = true;
  const problem = (field: string, code: string, severity: Problem['severity'], message: string, raw: string | null) => {
    problems.push({ file, row: rowNo, field, code, severity, message, raw });
    if (severity === 'error') rowRejected = true;
  };

  function readStudent(row: string[], c: Cols): StudentRec | null {
    const lastRaw = c.lastName! >= 0 ? (row[c.lastName!] ?? '') : '';
    const firstRaw = c.firstName! >= 0 ? (row[c.firstName!] ?? '') : '';
    const last = n.name(lastRaw);
    const first = n.name(firstRaw);
    if (!last.ok) {
      problem('student.lastName', last.code === 'empty' ? 'missing_last_name' : last.code, 'error',
        last.code === 'empty' ? 'Nom de l’élève manquant : la ligne n’est pas importée.' : `${last.message} La ligne n’est pas importée.`, orNull(lastRaw));
    }
    if (!first.ok) {
      problem('student.firstName', first.code === 'empty' ? 'missing_first_name' : first.code, 'error',
        first.code === 'empty' ? 'Prénom de l’élève manquant : la ligne n’est pas importée.' : `${first.message} La ligne n’est pas importée.`, orNull(firstRaw));
    }
    const ineRaw = c.ine! >= 0 ? clean(row[c.ine!]) : '';
    const dateRaw = c.birthDate! >= 0 ? clean(row[c.birthDate!]) : '';
    const ine = ineRaw ? n.ine(ineRaw) : null;
    const date = dateRaw ? n.birthDate(dateRaw) : null;
    const ineOk = ine?.ok === true;
    // Names plus a valid INE or any birth date value (even an impossible one, kept raw) identify
    // the student: the row is imported and the date is fixed later (docs/decisions/006).
    const identified = ineOk || date !== null;
    if (ine && !ine.ok) problem('student.ine', ine.code, identified ? 'warning' : 'error', ine.message, ineRaw);
    if (ine?.ok && ine.warning) problem('student.ine', ine.warning.code, 'warning', ine.warning.message, ineRaw);
    if (date && !date.ok) {
      const kept = last.ok && first.ok ? ' L’élève est importé sans date de naissance (valeur du fichier gardée) : corrigez-la sur sa fiche.' : '';
      problem('student.birthDate', date.code, 'warning', `${date.message}${kept}`, dateRaw);
    }
    if (date?.ok && date.warning) problem('student.birthDate', date.warning.code, 'warning', date.warning.message, dateRaw);
    if (!ine && !date) {
      problem('student.birthDate', 'missing_identity', 'error',
        'Ni date de naissance ni INE : l’élève ne peut pas être identifié, la ligne n’est pas importée.', null);
    }
    if (!last.ok || !first.ok || !identified) return null;
    const birthDate = date?.ok ? date.value : null;
    const ineValue = ine?.ok ? ine.value : null;
    const division = c.division! >= 0 ? orNull(clean(row[c.division!])) : null;
    const birthDateRaw = birthDate ? null : orNull(dateRaw);
    const rec: StudentRec = {
      key: '',
      file,
      row: rowNo,
      ine: ineValue,
      ineRaw: ineValue ? null : orNull(ineRaw),
      lastName: last.value,
      firstName: first.value,
      birthDate,
      birthDateRaw,
      division,
      // studentMatchKey's format, with the memoised name folding.
      matchKey: `${n.key(last.value)}|${n.key(first.value)}|${birthDate ?? (birthDateRaw ? `?${birthDateRaw}` : '')}`,
    };
    rec.key = ineValue ? `i:${ineValue}` : `k:${rec.matchKey}`;
    const seen = byKey.get(rec.key);
    if (seen) {
      const repeated = seen.file === file && seen.row !== rowNo && seen.registerId === undefined;
      // Another class is never a mere repeat, whatever the layout: two homonyms born the same day,
      // or a class typed wrong. Either way the second class would vanish without a word.
      const sameClass = (a: string, b: string) => a.replace(/\s+/g, '').toLocaleUpperCase('fr') === b.replace(/\s+/g, '').toLocaleUpperCase('fr');
      if (repeated && division !== null && seen.division !== null && !sameClass(division, seen.division)) {
        problem('student.division', 'duplicate_student_division', 'warning',
          `Même élève que ligne ${seen.row} (nom, prénom, date de naissance) mais dans une autre classe : ${seen.division} ligne ${seen.row}, ${division} ici. ` +
            `Les deux lignes sont réunies sur une fiche en ${seen.division} : s’il s’agit de deux élèves, ajoutez leur INE au fichier ; sinon corrigez la classe.`,
          division);
      } else if (repeated && sameLayoutDuplicate) {
        problem('row', 'duplicate_student', 'warning',
          `Élève déjà présent ligne ${seen.row} : les responsables de cette ligne sont rattachés à la même fiche.`, null);
      }
      return seen;
    }
    byKey.set(rec.key, rec);
    students.push(rec);
    return rec;
  }
  function readGuardian(row: string[], group: string, c: Cols, implied: string | undefined): GuardianOcc | null {
    const cell = (s: string) => (c[s]! >= 0 ? clean(row[c[s]!]) : '');
    const lastRaw = cell('lastName');
    const last = n.name(lastRaw);
    if (!last.ok) {
      let any = false;
      for (const s of GUARDIAN_FIELDS) if (s !== 'lastName' && s !== 'legalRank' && s !== 'relation' && s !== 'civility' && cell(s) !== '') any = true;
      if (lastRaw !== '' || any) {
        problem(`${group}.lastName`, last.code === 'empty' ? 'guardian_without_name' : last.code, 'warning',
          last.code === 'empty'
            ? 'Responsable sans nom : ses coordonnées ne sont pas importées (elles restent dans le rapport d’import).'
            : `${last.message} Ce responsable n’est pas importé.`,
          orNull(lastRaw));
        // Keep what was typed for this guardian in the report: nothing a parent wrote is lost.
        for (const s of ['phone', 'phoneHome', 'phoneWork', 'email'] as const) {
          const v = cell(s);
          if (v) problem(`${group}.${s}`, 'guardian_without_name', 'warning', 'Coordonnée d’un responsable sans nom, non importée.', v);
        }
      }
      return null;
    }
    const firstRaw = cell('firstName');
    const first = firstRaw ? n.name(firstRaw) : null;
    if (first && !first.ok) problem(`${group}.firstName`, first.code, 'warning', `${first.message} Le prénom est laissé vide.`, firstRaw);
    if (!first) problem(`${group}.firstName`, 'missing_first_name', 'warning', 'Prénom du responsable manquant.', null);
    const firstName = first?.ok ? first.value : '';

    const civRaw = cell('civility');
    let civility: string | null = null;
    if (civRaw) {
      const r = n.civility(civRaw);
      if (r.ok) civility = r.value;
      else problem(`${group}.civility`, r.code, 'warning', r.message, civRaw);
    }
    const postalCode = orNull(cell('postalCode'));
    const country = orNull(cell('country'));
    const contacts: string[] = [];
    let phone: string | null = null;
    let phoneRaw: string | null = null;
    let firstBadPhone: string | null = null;
    for (const s of ['phone', 'phoneHome', 'phoneWork'] as const) {
      const raw = cell(s);
      if (!raw) continue;
      const r = n.phone(raw, postalCode ?? '', country ?? '');
      if (!r.ok) {
        problem(`${group}.${s}`, r.code, 'warning', r.message, raw);
        if (s === 'phone') phoneRaw = raw;
        firstBadPhone ??= raw;
        continue;
      }
      if (r.warning) problem(`${group}.${s}`, r.warning.code, 'warning', r.warning.message, raw);
      if (s === 'phone' && r.value.kind !== 'mobile') {
        problem(`${group}.phone`, 'not_mobile', 'warning',
          'Numéro fixe dans la colonne du portable : les SMS d’activation et de récupération n’y arriveront pas.', raw);
      }
      phone ??= r.value.e164;
      contacts.push(`p:${r.value.e164}`);
    }
    if (phone === null) phoneRaw ??= firstBadPhone;

    const emailRawCell = cell('email');
    let email: string | null = null;
    let emailRaw: string | null = null;
    if (emailRawCell) {
      const { result, suggestion } = n.email(emailRawCell);
      if (!result.ok) {
        problem(`${group}.email`, result.code, 'warning', result.message, emailRawCell);
        emailRaw = emailRawCell;
      } else {
        email = result.value;
        contacts.push(`e:${email}`);
        if (result.warning) problem(`${group}.email`, result.warning.code, 'warning', result.warning.message, emailRawCell);
        if (suggestion) {
          problem(`${group}.email`, 'email_typo', 'warning',
            `Courriel peut-être mal saisi : vouliez-vous dire « ${suggestion} » ? Il est importé tel quel, à vérifier avec la famille.`, emailRawCell);
        }
      }
    }
    const relRaw = cell('relation');
    let relation: string | null = implied ?? null;
    if (relRaw) {
      const r = n.relation(relRaw);
      if (r.ok) relation = r.value ?? relation;
      else problem(`${group}.relation`, r.code, 'warning', r.message, relRaw);
    }
    const legalRaw = cell('legalRank');
    const fixedRank = group === 'guardian1' ? 1 : group === 'guardian2' ? 2 : null;
    let legalRank = legalRaw ? parseLegal(legalRaw) : null;
    if (fixedRank !== null && legalRank !== 0) legalRank = fixedRank;
    return {
      file,
      row: rowNo,
      group,
      civility,
      lastName: last.value,
      firstName,
      nameKey: `${n.key(last.value)}|${n.key(firstName)}`,
      phone,
      phoneRaw,
      email,
      emailRaw,
      contacts,
      address1: orNull(cell('address1')),
      address2: orNull(cell('address2')),
      postalCode,
      city: orNull(cell('city')),
      country,
      links: [{ student: null as unknown as StudentRec, relation, legalRank }],
    };
  }

  // ONDE guardians files name children: students file first, register otherwise.
  let childIndex: { byNameDiv: Map<string, StudentRec[]>; byName: Map<string, StudentRec[]> } | null = null;
  function buildChildIndex(): NonNullable<typeof childIndex> {
    const byNameDiv = new Map<string, StudentRec[]>();
    const byName = new Map<string, StudentRec[]>();
    const add = (s: StudentRec) => {
      const k = `${n.key(s.lastName)}|${n.key(s.firstName)}`;
      const kd = `${k}|${divisionKey(s.division)}`;
      (byNameDiv.get(kd) ?? byNameDiv.set(kd, []).get(kd)!).push(s);
      (byName.get(k) ?? byName.set(k, []).get(k)!).push(s);
    };
    if (students.length > 0) {
      for (const s of students) add(s);
    } else {
      for (const r of registerStudents()) {
        add({
          key: r.ine ? `i:${r.ine}` : `k:${r.match_key}`,
          file: '',
          row: 0,
          ine: r.ine,
          ineRaw: null,
          lastName: r.last_name,
          firstName: r.first_name,
          birthDate: r.birth_date,
          birthDateRaw: null,
          division: r.division,
          matchKey: r.match_key,
          registerId: r.id,
        });
      }
    }
    return { byNameDiv, byName };
  }

  function findChild(row: string[], c: Cols, group: string): StudentRec | null {
    const lastRaw = c.lastName! >= 0 ? clean(row[c.lastName!]) : '';
    const firstRaw = c.firstName! >= 0 ? clean(row[c.firstName!]) : '';
    if (!lastRaw && !firstRaw) return null;
    childIndex ??= buildChildIndex();
    const k = `${n.key(lastRaw)}|${n.key(firstRaw)}`;
    const div = c.division! >= 0 ? clean(row[c.division!]) : '';
    const withDiv = div ? childIndex.byNameDiv.get(`${k}|${divisionKey(div)}`) : undefined;
    const hit = withDiv?.length === 1 ? withDiv : childIndex.byName.get(k);
    const label = `${lastRaw} ${firstRaw}`.trim();
    if (hit?.length === 1) {
      const s = hit[0] as StudentRec;
      if (s.registerId !== undefined && !byKey.has(s.key)) {
        byKey.set(s.key, s);
        students.push(s);
      }
      return byKey.get(s.key) ?? s;
    }
    if (hit && hit.length > 1) {
      problem(`${group}.lastName`, 'child_ambiguous', 'warning',
        'Plusieurs élèves portent ce nom et cette classe : le lien avec ce responsable n’est pas créé, faites-le à la main.', label);
    } else {
      problem(`${group}.lastName`, 'child_not_found', 'warning',
        'Enfant introuvable dans la liste des élèves (nom, prénom et classe) : le lien avec ce responsable n’est pas créé.', label);
    }
    return null;
  }

  const ordered = [...files].sort((a, b) => (a.layout === 'onde-guardians' ? 1 : 0) - (b.layout === 'onde-guardians' ? 1 : 0));
  for (const f of ordered) {
    file = f.name;
    sameLayoutDuplicate = f.layout !== 'guardian-row';
    const sc = columnsOf(f.index, 'student', STUDENT_FIELDS);
    const groups =
      f.layout === 'student-row'
        ? (['guardian1', 'guardian2'] as const).filter((g) => GUARDIAN_FIELDS.some((s) => f.index.has(`${g}.${s}`)))
        : f.layout === 'onde-students'
          ? []
          : ['guardian'];
    const gcols = groups.map((g) => ({ group: g, c: columnsOf(f.index, g, GUARDIAN_FIELDS), implied: f.impliedRelations[g] }));
    const children: Array<{ group: string; c: Cols }> = [];
    if (f.layout === 'onde-guardians') {
      for (let i = 1; i <= MAX_CHILD_GROUPS; i++) {
        if (CHILD_FIELDS.some((s) => f.index.has(`child${i}.${s}`))) children.push({ group: `child${i}`, c: columnsOf(f.index, `child${i}`, CHILD_FIELDS) });
      }
    }
    for (let i = 0; i < f.rows.length; i++) {
      const row = f.rows[i] as string[];
      rowNo = f.rowNumbers[i] as number;
      rowRejected = false;
      if (f.layout === 'onde-guardians') {
        const g = readGuardian(row, 'guardian', gcols[0]!.c, undefined);
        if (g) {
          const template = g.links[0] as LinkIn;
          g.links = [];
          for (const ch of children) {
            const s = findChild(row, ch.c, ch.group);
            if (s) g.links.push({ student: s, relation: template.relation, legalRank: template.legalRank });
          }
          if (g.links.length > 0) occurrences.push(g);
          else if (children.length > 0) problem('row', 'guardian_without_child', 'warning', 'Aucun enfant de ce responsable n’a été trouvé : il n’est pas importé.', null);
        }
      } else {
        const s = readStudent(row, sc);
        if (s) {
          for (const { group, c, implied } of gcols) {
            const g = readGuardian(row, group, c, implied);
            if (g) {
              (g.links[0] as LinkIn).student = s;
              occurrences.push(g);
            }
          }
        }
      }
      if (rowRejected) rejectedRows++;
      if (++done % step === 0) onProgress(done, total);
    }
  }
  onProgress(total, total);
  return { students, occurrences, problems, rows: total, rejectedRows };
}
