import { fail, ok, type Normalised } from './result';
import { cleanText } from './text';

/** Longest name we accept: SIECLE allows 100 characters for nom and prénom. */
export const NAME_MAX_LENGTH = 100;

// Apostrophe look-alikes typed by Word, phones and Mac keyboards.
const APOSTROPHES = /[\u2019\u2018\u02BC\u02BB\u0060\u00B4\u2032\u2035\uFF07]/g;
// Hyphen and dash look-alikes.
const HYPHENS = /[\u2010\u2011\u2012\u2013\u2014\u2212\uFE63\uFF0D]/g;

/**
 * Normalises a surname or first name as typed: NFC, spaces collapsed (NBSP included), typographic
 * apostrophes and dashes made plain, letters of every script and their case kept as typed.
 * Refuses an empty value, a value without a letter, digits, and symbols that are not part of a name.
 */
export function normaliseName(raw: string): Normalised<string> {
  let s = cleanText(typeof raw === 'string' ? raw : String(raw ?? '')).normalize('NFC');
  s = s
    .replace(APOSTROPHES, "'")
    .replace(HYPHENS, '-')
    // "Jean - Pierre", "D ' Angelo": spaces around joiners are typing noise.
    .replace(/ ?- ?/g, '-')
    .replace(/ ?' ?/g, "'")
    .replace(/-{2,}/g, '-')
    .replace(/'{2,}/g, "'")
    .replace(/^[\s\-.]+|[\s-]+$/g, '')
    .trim();

  if (s === '') return fail('empty', 'Nom vide : saisissez-le tel qu’il figure à l’état civil.');
  if (/\p{N}/u.test(s)) {
    return fail('digits', 'Le nom contient des chiffres : vérifiez la saisie (un chiffre a peut-être été tapé à la place d’une lettre).');
  }
  if (!/\p{L}/u.test(s)) return fail('no_letter', 'Le nom ne contient aucune lettre : saisissez le nom réel.');
  const bad = s.match(/[^\p{L}\p{M} '.-]/u);
  if (bad) {
    return fail(
      'invalid_character',
      `Le nom contient un caractère inattendu (« ${bad[0]} ») : seuls les lettres, espaces, traits d’union, apostrophes et points sont acceptés.`,
    );
  }
  if ([...s].length > NAME_MAX_LENGTH) {
    return fail('too_long', `Nom trop long : ${[...s].length} caractères, ${NAME_MAX_LENGTH} au plus.`);
  }
  return ok(s);
}

// Letters that carry no combining mark in Unicode, so NFD does not reduce them to a Latin base.
const LETTER_FOLDS: Record<string, string> = {
  ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE',
  đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', ı: 'i', þ: 'th', Þ: 'TH', ħ: 'h', Ħ: 'H', ŀ: 'l', Ŀ: 'L',
  ŧ: 't', Ŧ: 'T', ĸ: 'k', ŋ: 'n', Ŋ: 'N', ƒ: 'f', ſ: 's', ɨ: 'i', ʉ: 'u', ɇ: 'e', Ɇ: 'E',
};
const LETTER_FOLDS_RE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');

/**
 * Matching key for a name: accents and case folded, hyphens/apostrophes/dots as spaces.
 * "Élodie-Marie  D’Angelo" and "ELODIE MARIE D ANGELO" give the same key. Non-Latin letters stay.
 */
export function nameKey(name: string): string {
  return cleanText(typeof name === 'string' ? name : String(name ?? ''))
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(LETTER_FOLDS_RE, (c) => LETTER_FOLDS[c] ?? c)
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Key for a person: last name then first name, each folded by nameKey. */
export function fullNameKey(lastName: string, firstName: string): string {
  return `${nameKey(lastName)}|${nameKey(firstName)}`;
}
