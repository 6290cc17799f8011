import { seededRandom } from '../../shared/random';
// Synthetic registration sheets for the bench: SIECLE-style, one row per student with guardian 1
// and 2 columns; siblings share parents whose phones and emails are written differently from one
// sheet row to the next, and a few values are broken the way real files are.

const LAST = ['Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Müller', 'Nguyễn', 'Wiśniewski', 'Yılmaz', 'Da Silva', 'Benali', 'Traoré', 'Kowalski', 'O’Brien', 'Le Gall', 'Garnier', 'Faure', 'André', 'Mercier'];
const FIRST_F = ['Léa', 'Emma', 'Chloé', 'Inès', 'Jade', 'Louise', 'Manon', 'Zoé', 'Camille', 'Sarah', 'Lina', 'Anaïs', 'Éloïse', 'Agnieszka', 'Şule', 'Thị Lan', 'Marie-Hélène', 'Fatou'];
const FIRST_M = ['Hugo', 'Lucas', 'Louis', 'Gabriel', 'Arthur', 'Jules', 'Adam', 'Nathan', 'Léo', 'Raphaël', 'Noé', 'Mathis', 'Łukasz', 'Mehmet', 'Văn Hùng', 'Jean-Pierre', 'Moussa', 'Élie'];
const DIVS = ['6A', '6B', '6C', '6D', '5A', '5B', '5C', '5D', '4A', '4B', '4C', '4D', '3A', '3B', '3C', '3D'];


const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const pad2 = (n: number) => String(n).padStart(2, '0');

function phoneStyles(digits: string, r: () => number): string {
  // digits: 9 national digits after the 0, e.g. 612345678
  const d = `0${digits}`;
  switch (Math.floor(r() * 6)) {
    case 0:
      return d;
    case 1:
      return d.replace(/(\d{2})(?=\d)/g, '$1 ');
    case 2:
      return d.replace(/(\d{2})(?=\d)/g, '$1.');
    case 3:
      return `+33 ${digits[0]} ${digits.slice(1).replace(/(\d{2})(?=\d)/g, '$1 ')}`;
    case 4:
      return `0033${digits}`;
    default:
      return digits; // Excel ate the leading zero
  }
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

interface Family {
  last: string;
  g1: { first: string; phone: string; email: string };
  g2: { first: string; last: string; phone: string; email: string } | null;
}

export function generateSheet(students: number, seed = 42): string {
  const r = seededRandom(seed);
  const header =
    'INE;NOM DE FAMILLE;PRENOM 1;DATE NAISS;DIV.;CIVILITE RESP LEG 1;NOM RESP LEG 1;PRENOM RESP LEG 1;LIEN DE PARENTE RL1;TEL PORTABLE RL1;COURRIEL RL1;ADRESSE RL1;CODE POSTAL RL1;COMMUNE RL1;CIVILITE RESP LEG 2;NOM RESP LEG 2;PRENOM RESP LEG 2;LIEN DE PARENTE RL2;TEL PORTABLE RL2;COURRIEL RL2';
  const lines: string[] = [header];
  let family: Family | null = null;
  let familyLeft = 0;
  for (let i = 0; i < students; i++) {
    if (familyLeft === 0 || !family) {
      const last = pick(r, LAST);
      const n = i * 7919 + 1000;
      const g1First = pick(r, FIRST_F);
      const g2First = pick(r, FIRST_M);
      family = {
        last,
        g1: {
          first: g1First,
          phone: `6${String(10_000_000 + ((n * 31) % 89_999_999)).padStart(8, '0')}`,
          email: `${fold(g1First)}.${fold(last)}${n}@example.fr`,
        },
        g2:
          r() < 0.85
            ? {
                first: g2First,
                last: r() < 0.9 ? last : pick(r, LAST),
                phone: `7${String(10_000_000 + ((n * 17) % 89_999_999)).padStart(8, '0')}`,
                email: `${fold(g2First)}${n}@example.com`,
              }
            : null,
      };
      // About a third of families have two or three children in the school.
      familyLeft = r() < 0.3 ? 2 + Math.floor(r() * 2) : 1;
    }
    familyLeft--;
    const boy = r() < 0.5;
    const first = pick(r, boy ? FIRST_M : FIRST_F);
    const year = 2010 + Math.floor(r() * 5);
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 28);
    const birth = r() < 0.02 ? `${day}/${month}/${String(year).slice(2)}` : `${pad2(day)}/${pad2(month)}/${year}`;
    const ine = `${String(100_000_000 + i).padStart(9, '0')}${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + ((i >> 3) % 26))}`;
    const g1 = family.g1;
    const g2 = family.g2;
    const email1 = r() < 0.02 ? g1.email.replace('example.fr', 'exemple.fr') : r() < 0.5 ? g1.email.toUpperCase() : g1.email;
    const cells = [
      ine,
      family.last.toUpperCase(),
      first,
      birth,
      pick(r, DIVS),
      'Mme',
      family.last.toUpperCase(),
      g1.first,
      'MERE',
      r() < 0.01 ? '06 12 34' : phoneStyles(g1.phone, r),
      email1,
      `${1 + Math.floor(r() * 120)} rue des Écoles`,
      '31000',
      'Toulouse',
      g2 ? 'M.' : '',
      g2 ? g2.last.toUpperCase() : '',
      g2 ? g2.first : '',
      g2 ? 'PERE' : '',
      g2 ? phoneStyles(g2.phone, r) : '',
      g2 ? g2.email : '',
    ];
    lines.push(cells.join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}
