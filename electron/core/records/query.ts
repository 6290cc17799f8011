// What a person types in a search box, turned into terms. Every term must match (any word
// order); a term matches a record by the start of one of its words, by an email substring, or
// by the digits of a phone.

import { foldText, phoneNeedle, typedPhoneDigits } from './fold';

export interface SearchTerm {
  /** Folded word prefixes, all required ("n'diaye" → ["n", "diaye"]). */
  words: string[];
  /** Lower-cased as typed, for email substrings. */
  email: string;
  /** True when the term looks like (part of) an address: it then searches whole emails,
   * domains included; otherwise only the part before '@' so "ma" does not find every gmail. */
  emailWhole: boolean;
  /** What to find in phone blobs (see phoneNeedle), when the term looks like a phone and has
   * enough digits. */
  digits: string | null;
  /** The whole query was a number (a phone typed with spaces, or an INE's digits). */
  phoneOnly: boolean;
}

const PHONE_LIKE = /^[\d\s+().\-/]+$/;
const MIN_PHONE_DIGITS = 3;

export function parseQuery(query: string): SearchTerm[] {
  const trimmed = query.normalize('NFC').trim();
  if (!trimmed) return [];
  // A phone typed with spaces ("06 12 34") is one term, not three.
  if (PHONE_LIKE.test(trimmed)) {
    const digits = typedPhoneDigits(trimmed);
    if (digits.length >= MIN_PHONE_DIGITS) {
      return [{ words: [digits], email: digits, emailWhole: false, digits: phoneNeedle(trimmed), phoneOnly: true }];
    }
  }
  const terms: SearchTerm[] = [];
  for (const raw of trimmed.split(/\s+/)) {
    const words = foldText(raw).split(' ').filter(Boolean);
    const digits = PHONE_LIKE.test(raw) ? typedPhoneDigits(raw) : '';
    if (words.length === 0 && digits.length < MIN_PHONE_DIGITS) continue;
    terms.push({
      words,
      email: raw.toLowerCase(),
      emailWhole: /[@.]/.test(raw),
      digits: digits.length >= MIN_PHONE_DIGITS ? phoneNeedle(raw) : null,
      phoneOnly: false,
    });
  }
  return terms;
}
