// Generates a large SIECLE-like registration sheet (one row per student, two guardians, siblings
// sharing parents with differently written phones) for timing the import pipeline.

const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Nguyễn',
  'Kowalczyk', 'Yılmaz', 'Benali', 'Traoré', 'Da Silva', 'Le Gall', 'Müller', 'Wiśniewski', 'Haddad'];
const FIRST = ['Emma', 'Louise', 'Jade', 'Alice', 'Chloé', 'Lina', 'Léa', 'Rose', 'Anna', 'Mila', 'Gabriel', 'Léo',
  'Raphaël', 'Arthur', 'Louis', 'Jules', 'Adam', 'Maël', 'Lucas', 'Hugo', 'Noah', 'Liam', 'Sacha', 'Paul', 'Nathan',
  'Zoé', 'Inès', 'Éloïse', 'Yasmine', 'Mohamed', 'Ayşe', 'Łucja', 'Thiago', 'Aurélien', 'Sofiane', 'Camille'];
const ADULT_F = ['Marie', 'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Sandrine', 'Céline', 'Aurélie', 'Fatima', 'Sophie', 'Julie', 'Émilie'];
const ADULT_M = ['Jean', 'Philippe', 'Nicolas', 'Christophe', 'Stéphane', 'Laurent', 'David', 'Olivier', 'Karim', 'Thierry', 'Sébastien', 'Frédéric'];
const DIVS = ['6A', '6B', '6C', '6D', '5A', '5B', '5C', '5D', '4A', '4B', '4C', '3A', '3B', '3C', '3D'];

/** Deterministic PRNG so that runs compare. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEADER = [
  'NOM DE FAMILLE', 'PRENOM 1', 'DATE NAISS', 'INE', 'DIV.',
  'CIVILITE RL1', 'NOM RESP LEG 1', 'PRENOM RESP LEG 1', 'LIEN DE PARENTE RL1', 'TEL PORTABLE RL1', 'TEL DOMICILE RL1', 'COURRIEL RL1', 'ADRESSE RL1', 'CODE POSTAL RL1', 'COMMUNE RL1',
  'CIVILITE RL2', 'NOM RESP LEG 2', 'PRENOM RESP LEG 2', 'LIEN DE PARENTE RL2', 'TEL PORTABLE RL2', 'TEL DOMICILE RL2', 'COURRIEL RL2', 'ADRESSE RL2', 'CODE POSTAL RL2', 'COMMUNE RL2',
];

const pad = (n: number, w: number) => String(n).padStart(w, '0');

function phoneStyle(digits: string, style: number): string {
  // digits: 10 French digits starting with 0
  switch (style % 4) {
    case 0: return digits.replace(/(\d\d)(?=\d)/g, '$1 ');
    case 1: return digits;
    case 2: return '+33 ' + digits.slice(1).replace(/^(\d)(\d\d)(\d\d)(\d\d)(\d\d)$/, '$1 $2 $3 $4 $5');
    default: return digits.replace(/(\d\d)(?=\d)/g, '$1.');
  }
}

/** One family per 1.5 students on average; returns CSV text (';' delimited, CRLF). */
export function makeStudentSheet(students: number, seed = 42): string {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)] as T;
  const lines: string[] = [HEADER.join(';')];
  let n = 0;
  let family = 0;
  while (n < students) {
    family++;
    const last = pick(LAST);
    const mother = { first: pick(ADULT_F), last, mobile: '06' + pad(Math.floor(r() * 1e8), 8), email: `maman${family}@exemple.fr` };
    const father = { first: pick(ADULT_M), last, mobile: '07' + pad(Math.floor(r() * 1e8), 8), email: `papa${family}@exemple.fr` };
    const home = '01' + pad(Math.floor(r() * 1e8), 8);
    const kids = r() < 0.35 ? 2 : 1;
    const address = `${1 + Math.floor(r() * 120)} rue des Écoles`;
    const cp = pad(75001 + Math.floor(r() * 20), 5);
    for (let k = 0; k < kids && n < students; k++, n++) {
      const birth = `${pad(1 + Math.floor(r() * 28), 2)}/${pad(1 + Math.floor(r() * 12), 2)}/${2011 + Math.floor(r() * 4)}`;
      const ine = pad(n, 9) + 'AB';
      const style = Math.floor(r() * 4);
      lines.push([
        last.toUpperCase(), pick(FIRST), birth, ine, pick(DIVS),
        'Mme', last.toUpperCase(), mother.first, 'MERE', phoneStyle(mother.mobile, style + k), phoneStyle(home, k), k ? mother.email.toUpperCase() : mother.email, address, cp, 'PARIS',
        'M.', last.toUpperCase(), father.first, 'PERE', phoneStyle(father.mobile, style + k + 1), phoneStyle(home, k + 1), father.email, address, cp, 'PARIS',
      ].join(';'));
    }
  }
  return lines.join('\r\n') + '\r\n';
}
