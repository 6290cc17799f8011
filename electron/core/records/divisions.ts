// Natural order of French class names: school years in the order pupils go through them
// (maternelle, CP…CM2, 6e…3e, seconde, première, terminale), then the name with numbers as numbers.

const LEVELS: Array<[RegExp, number]> = [
  [/^TPS/, 0],
  [/^PS/, 1],
  [/^MS/, 2],
  [/^GS/, 3],
  [/^CP/, 4],
  [/^CE1/, 5],
  [/^CE2/, 6],
  [/^CM1/, 7],
  [/^CM2/, 8],
  [/^6/, 9],
  [/^5/, 10],
  [/^4/, 11],
  [/^3/, 12],
  [/^(2|SECONDE)/, 13],
  [/^(1|PREMIERE)/, 14],
  [/^(T|TERM)/, 15],
];
const UNKNOWN_LEVEL = 99;

/** The school year a class name belongs to, as a number in the order pupils go through them. */
export function divisionLevel(name: string): number {
  const compact = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  for (const [re, level] of LEVELS) if (re.test(compact)) return level;
  return UNKNOWN_LEVEL;
}

const natural = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

export function compareDivisions(a: string, b: string): number {
  return divisionLevel(a) - divisionLevel(b) || natural.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
