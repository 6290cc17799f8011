/**
 * The ministry's 23-letter check alphabet (no I, O, Q: they look like 1 and 0), used by the
 * UAI (RNE) and the INE-BEA: the key is the letter at (number mod 23).
 */
export const CHECK_ALPHABET_23 = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** Check letter of a string of decimal digits (any length; computed without BigInt). */
export function checkLetter23(digits: string): string {
  let rest = 0;
  for (const c of digits) rest = (rest * 10 + (c.charCodeAt(0) - 48)) % 23;
  return CHECK_ALPHABET_23[rest] ?? '';
}
