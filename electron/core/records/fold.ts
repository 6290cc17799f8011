// Text folding for search and sort: the same function folds the register's values and what a
// person types, so matching never depends on accents, case or punctuation.

import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l', ı: 'i' };
const LIGATURE_RE = /[œæßøđłı]/g;

/** Lower-case, accent-free words separated by single spaces: "N'Diaye-Léa" → "n diaye lea". */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c)
    .replace(NOT_LETTER_OR_DIGIT, ' ')
    .trim();
}

/** The searchable words of a name: each word, plus the whole name run together when it has
 * several words, so that "ndiaye" finds "N'Diaye" and "legoff" finds "Le Goff". */
export function nameSearchWords(value: string): string {
  const folded = foldText(value);
  if (!folded.includes(' ')) return folded;
  return `${folded} ${folded.replaceAll(' ', '')}`;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base' });
// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** A comparator over record indexes by folded keys: plain code-unit order when both keys are
 * ASCII (fast, and the collator's order for folded Latin text), the French collator otherwise.
 * ASCII-ness is computed once per key, not per comparison. */
export function keyComparator(keys: readonly string[]): (i: number, j: number) => number {
  const ascii = keys.map((k) => ASCII_ONLY.test(k));
  return (i, j) => {
    const a = keys[i] as string;
    const b = keys[j] as string;
    if (a === b) return 0;
    if (ascii[i] && ascii[j]) return a < b ? -1 : 1;
    return collator.compare(a, b) || (a < b ? -1 : 1);
  };
}

/** The same order as keyComparator, for two keys met once (placing a patched record). */
export function compareFoldedKeys(a: string, b: string): number {
  if (a === b) return 0;
  if (ASCII_ONLY.test(a) && ASCII_ONLY.test(b)) return a < b ? -1 : 1;
  return collator.compare(a, b) || (a < b ? -1 : 1);
}

// Overseas départements dial nationally with a trunk 0 like mainland France.
const TRUNK_ZERO_CODES = ['33', '262', '508', '590', '594', '596'];

/** The digit strings a phone is findable by, each after a space: E.164 digits and the national
 * form with its 0, so "06 12 34", "+33612" and "0612345678" all find +33612345678. A foreign
 * number is also findable as written at home ("0470 12 34 56" for +32470123456): its national
 * form comes from libphonenumber, called once per indexed number (French ones, most of a register,
 * take the cheap path). */
export function phoneSearchDigits(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  if (!digits) return '';
  const code = TRUNK_ZERO_CODES.find((c) => digits.startsWith(c));
  if (code) return ` ${digits} 0${digits.slice(code.length)}`;
  const national = parsePhoneNumberFromString(`+${digits}`)?.formatNational().replace(/\D/g, '');
  return national && national !== digits ? ` ${digits} ${national}` : ` ${digits}`;
}

/** The digit strings of a phone kept as typed because it was refused (phone_raw): its digits as
 * a search would read them, plus the national form when typed in international French form
 * ("+33 7 11…" is then also found by "07 11"). No libphonenumber: the number is not valid. */
export function rawPhoneSearchDigits(raw: string): string {
  const digits = typedPhoneDigits(raw);
  if (!digits) return '';
  if (/^\s*(\+|00)/.test(raw)) {
    const code = TRUNK_ZERO_CODES.find((c) => digits.startsWith(c));
    if (code) return ` ${digits} 0${digits.slice(code.length)}`;
  }
  return ` ${digits}`;
}

/** What a person typed as a phone, reduced to digits; a leading international "00" is dropped. */
export function typedPhoneDigits(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  return raw.trim().startsWith('00') ? digits.slice(2) : digits;
}

/** The needle to find a typed phone in phone blobs: a number typed from its start ("+33…",
 * "0033…", "06…") must match the start of a stored form, not the middle of another number;
 * other digits ("12 34 56") may match anywhere. */
export function phoneNeedle(raw: string): string {
  const digits = typedPhoneDigits(raw);
  return /^\s*[+0]/.test(raw) ? ` ${digits}` : digits;
}
