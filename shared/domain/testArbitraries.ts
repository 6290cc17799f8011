import fc from 'fast-check';

// Characters that real exports mix into fields: digits, separators, NBSP, typographic quotes,
// zero-width spaces, combining accents, letters of several scripts.
const MESSY = [...'0123456789+ ()-./,;:@_\'’`"\u00A0\u202F\u200B\u0301\tabeéÉłŁøßİıЖж中ا🙂'];

/** Arbitrary messy text for "never throws" properties (cheaper than fast-check's full-Unicode unit). */
export const messyString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom(...MESSY), maxLength: 30 }),
);
