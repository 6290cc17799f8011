/** Small text helpers shared by the normalisers. Pure, no Node or DOM APIs. */

// Zero-width and BOM characters that survive copy-paste from Word, PDFs and web pages.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// Control characters (C0 except tab/newline handled as spaces, C1).
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;
// Every kind of space, including NBSP (U+00A0), figure space and narrow NBSP (common in French typing).
const ANY_SPACE = /[\s\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;

/** Removes invisible and control characters, turns every kind of space into one ASCII space, trims. */
export function cleanText(raw: string): string {
  return String(raw ?? '')
    .replace(INVISIBLE, '')
    .replace(/[\t\n\r\v\f]/g, ' ')
    .replace(CONTROL, '')
    .replace(ANY_SPACE, ' ')
    .trim();
}

/** Lower-case, accents removed, punctuation turned to spaces: for comparing free words ("Mère" = "MERE"). */
export function foldWords(raw: string): string {
  return cleanText(raw)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A message prefixed by its field's name, so that it reads alone (« Prénom : Le nom contient des
 * chiffres »), unless it already starts with that name (« Nom vide », « Date impossible »): never
 * « Nom : Nom vide ».
 */
export function labelledMessage(label: string, message: string): string {
  const first = (s: string): string => (s.trim().split(/[\s’']/)[0] ?? '').toLowerCase();
  return first(message) === first(label) ? message : `${label} : ${message}`;
}
