/** Words and lines of a letter, computed from its data. Pure; no personal data leaves here. */
import { formatPhone, normalisePhone } from '../domain/phones';
import { cleanText } from '../domain/text';
import type { LetterTemplate, PlaceholderValues } from './template';
import type { LetterChild, LetterData, LetterSchool } from './types';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** The default zone of a letter's dates: metropolitan France. */
export const LETTER_TIME_ZONE = 'Europe/Paris';

// Overseas départements and collectivities live in their own time zone: a letter printed at
// 23:30 in La Réunion is dated that day there, not the next day in Paris.
const OVERSEAS_ZONES: Record<string, string> = {
  '971': 'America/Guadeloupe',
  '972': 'America/Martinique',
  '973': 'America/Cayenne',
  '974': 'Indian/Reunion',
  '975': 'America/Miquelon',
  '976': 'Indian/Mayotte',
  '977': 'America/St_Barthelemy',
  '978': 'America/Marigot',
  '986': 'Pacific/Wallis',
  '987': 'Pacific/Tahiti',
  '988': 'Pacific/Noumea',
};

/** The time zone of a school's letters, from its département (metropolitan France otherwise). */
export function timeZoneOfDepartement(departement: string | null | undefined): string {
  return OVERSEAS_ZONES[String(departement ?? '').trim()] ?? LETTER_TIME_ZONE;
}

// Building a formatter costs about a millisecond: one per zone for the process.
const formats = new Map<string, Intl.DateTimeFormat>();

function zonedParts(date: Date, timeZone: string): { y: number; m: number; d: number; hh: number; mm: number } | null {
  if (Number.isNaN(date.getTime())) return null;
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(date);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { y: get('year'), m: get('month'), d: get('day'), hh: get('hour'), mm: get('minute') };
}

function dateParts(iso: string, timeZone: string): { y: number; m: number; d: number; hh?: number; mm?: number } | null {
  const s = String(iso ?? '').trim();
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (plain) {
    const y = Number(plain[1]);
    const m = Number(plain[2]);
    const d = Number(plain[3]);
    return m >= 1 && m <= 12 && d >= 1 && d <= 31 ? { y, m, d } : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(s)) return null;
  return zonedParts(new Date(s), timeZone);
}

const wordsCache = new Map<string, string | null>();

/** '2027-02-25' → « 25 février 2027 », '2027-03-01' → « 1er mars 2027 »; null when not a date. */
export function formatDateWordsFr(iso: string | null | undefined, timeZone: string = LETTER_TIME_ZONE): string | null {
  if (!iso) return null;
  // A batch repeats the same few dates a thousand times.
  const key = `${timeZone}|${iso}`;
  const hit = wordsCache.get(key);
  if (hit !== undefined) return hit;
  const p = dateParts(iso, timeZone);
  const out = p ? `${p.d === 1 ? '1er' : p.d} ${MONTHS[p.m - 1]} ${p.y}` : null;
  if (wordsCache.size > 1000) wordsCache.clear();
  wordsCache.set(key, out);
  return out;
}

/** « 1er septembre 2026 à 08 h 05 » for a date-time, the date alone for a date. */
export function formatDateTimeWordsFr(iso: string | null | undefined, timeZone: string = LETTER_TIME_ZONE): string | null {
  const p = iso ? dateParts(iso, timeZone) : null;
  if (!p) return null;
  const day = `${p.d === 1 ? '1er' : p.d} ${MONTHS[p.m - 1]} ${p.y}`;
  if (p.hh === undefined || p.mm === undefined) return day;
  return `${day} à ${String(p.hh).padStart(2, '0')} h ${String(p.mm).padStart(2, '0')}`;
}

/** The formula of address: « Madame », « Monsieur », or « Madame, Monsieur » when unknown. */
export function salutation(civility: string | null | undefined): string {
  const c = cleanText(civility ?? '').toLowerCase().replace(/\.$/, '');
  if (['mme', 'madame', 'mlle', 'mademoiselle', 'mm', 'f'].includes(c)) return 'Madame';
  if (['m', 'mr', 'monsieur', 'h'].includes(c)) return 'Monsieur';
  return 'Madame, Monsieur';
}

/** Name as stored, never re-cased: letters must match what the parent will see online. */
export function personName(firstName: string, lastName: string): string {
  return [cleanText(firstName), cleanText(lastName)].filter(Boolean).join(' ');
}

export function childLine(child: LetterChild): string {
  const name = personName(child.firstName, child.lastName);
  const division = cleanText(child.division ?? '');
  return division ? `${name}, classe ${division}` : name;
}

export function childrenInline(children: readonly LetterChild[]): string {
  const items = children.map((c) => {
    const division = cleanText(c.division ?? '');
    const name = personName(c.firstName, c.lastName);
    return division ? `${name} (${division})` : name;
  });
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

const HOME_COUNTRIES = new Set(['france', 'fr', 'fra', 'france métropolitaine']);

/**
 * The recipient block for the envelope window, at most 6 lines as the postal norm wants:
 * civility + name, address lines, postal code + city, country when abroad.
 */
export function recipientLines(guardian: LetterData['guardian']): string[] {
  const a = guardian.address ?? { line1: null, line2: null, postalCode: null, city: null, country: null };
  const name = [cleanText(guardian.civility ?? ''), personName(guardian.firstName, guardian.lastName)].filter(Boolean).join(' ');
  const cityLine = [cleanText(a.postalCode ?? ''), cleanText(a.city ?? '')].filter(Boolean).join(' ');
  const country = cleanText(a.country ?? '');
  const lines = [name, cleanText(a.line1 ?? ''), cleanText(a.line2 ?? ''), cityLine];
  if (country && !HOME_COUNTRIES.has(country.toLowerCase())) lines.push(country);
  return lines.filter((l) => l !== '');
}

/** School lines for the letterhead, under its name. */
export function schoolLines(school: LetterSchool): string[] {
  const lines: string[] = [];
  for (const part of String(school.address ?? '').split(/\r?\n|,\s*(?=\d{5}\b)/)) {
    const l = cleanText(part);
    if (l) lines.push(l);
  }
  const city = cleanText(school.city ?? '');
  if (city && !lines.some((l) => l.includes(city))) lines.push(city);
  const phone = schoolPhone(school.phone);
  if (phone) lines.push(`Tél. ${phone}`);
  if (school.uai) lines.push(`UAI ${cleanText(school.uai)}`);
  return lines;
}

const MEANING: Record<string, string> = {
  '0': 'chiffre zéro',
  O: 'lettre o majuscule',
  o: 'lettre o minuscule',
  '1': 'chiffre un',
  l: 'lettre L minuscule',
  I: 'lettre i majuscule',
};

export interface ConfusableHint {
  char: string;
  meaning: string;
}

/**
 * For a value typed from paper: the characters in it that a reader may confuse (0/O, 1/l/I),
 * each explained once. A lower-case o is explained only next to a 0 or an O.
 */
export function confusableHints(value: string): ConfusableHint[] {
  const present = new Set(String(value ?? ''));
  const hints: ConfusableHint[] = [];
  for (const char of ['0', 'O', 'o', '1', 'l', 'I']) {
    if (!present.has(char)) continue;
    if (char === 'o' && !present.has('0') && !present.has('O')) continue;
    hints.push({ char, meaning: MEANING[char]! });
  }
  return hints;
}

/**
 * The secretariat's phone as a person dials it (« 0143000000 » → « 01 43 00 00 00 »). Anything that
 * does not read as one number for sure (an extension, a short number, a missing 0) is printed as typed.
 */
export function schoolPhone(raw: string | null | undefined): string {
  const typed = cleanText(raw ?? '');
  if (!typed) return '';
  const r = normalisePhone(typed);
  if (!r.ok || r.warning) return typed;
  const digits = typed.replace(/\D/g, '');
  // An overseas school's number typed nationally is dialled nationally there (« 02 62 12 34 56 »),
  // not as formatPhone writes it for elsewhere (« +262 262… »).
  if (r.value.region !== 'FR' && !/^\s*(\+|00)/.test(typed) && /^0\d{9}$/.test(digits)) {
    return digits.replace(/(\d{2})(?=\d)/g, '$1 ');
  }
  return formatPhone(r.value.e164);
}

export function secretariatPhrase(school: LetterSchool): string {
  const phone = schoolPhone(school.phone);
  return phone ? `le secrétariat élèves (${phone})` : 'le secrétariat élèves de l’établissement';
}

/** Values of every placeholder for one letter. The temporary password is never one of them. */
export function letterValues(
  school: LetterSchool,
  letter: LetterData,
  template: LetterTemplate,
  printedAt: string,
): Required<PlaceholderValues> {
  return {
    service: template.service,
    appel: salutation(letter.guardian.civility),
    civilite: cleanText(letter.guardian.civility ?? ''),
    nom: cleanText(letter.guardian.lastName),
    prenom: cleanText(letter.guardian.firstName),
    enfants: childrenInline(letter.children),
    identifiant: letter.login,
    expiration: formatDateWordsFr(letter.expiresAt, school.timeZone) ?? 'la date indiquée par l’établissement',
    telephoneMasque: letter.maskedPhone ? cleanText(letter.maskedPhone) : 'aucun numéro enregistré',
    etablissement: cleanText(school.name),
    secretariat: secretariatPhrase(school),
    lienActivation: letter.activationUrl,
    date: formatDateWordsFr(printedAt, school.timeZone) ?? '',
  };
}
