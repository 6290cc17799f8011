// Runs search terms against an index's blobs. The most selective-looking term scans whole blobs;
// the others then only check the few candidates left, record by record.

import { markHits, recordText, type Blob } from './blob';
import type { SearchTerm } from './query';

export interface Searchable {
  count: number;
  words: Blob;
  phones: Blob;
  /** Whole emails, searched for terms that look like an address. */
  emails: Blob;
  /** Email local parts, searched for any term of 3+ characters (absent: not searched). */
  emailLocals?: Blob;
  /** Whether a number typed alone is also looked for among words (students: INE). */
  numbersInWords: boolean;
}

const MIN_EMAIL_SUBSTRING = 3;

/** Which routes a term takes on this index. */
function routes(ix: Searchable, term: SearchTerm) {
  const wordsRoute = term.words.length > 0 && (!term.phoneOnly || ix.numbersInWords);
  const emailBlob = term.phoneOnly
    ? null
    : term.emailWhole
      ? ix.emails
      : ix.emailLocals && term.email.length >= MIN_EMAIL_SUBSTRING
        ? ix.emailLocals
        : null;
  return { wordsRoute, emailBlob };
}

function scanTerm(ix: Searchable, term: SearchTerm): Uint8Array {
  const hits = new Uint8Array(ix.count);
  const { wordsRoute, emailBlob } = routes(ix, term);
  if (wordsRoute) {
    markHits(ix.words, ` ${term.words[0]}`, hits);
    for (let w = 1; w < term.words.length; w++) {
      const more = new Uint8Array(ix.count);
      markHits(ix.words, ` ${term.words[w]}`, more);
      for (let i = 0; i < ix.count; i++) hits[i] = hits[i]! & more[i]!;
    }
  }
  if (emailBlob) markHits(emailBlob, term.email, hits);
  if (term.digits) markHits(ix.phones, term.digits, hits);
  return hits;
}

function termMatches(ix: Searchable, term: SearchTerm, i: number): boolean {
  const { wordsRoute, emailBlob } = routes(ix, term);
  if (wordsRoute) {
    const text = recordText(ix.words, i);
    if (term.words.every((w) => text.includes(` ${w}`))) return true;
  }
  if (emailBlob && recordText(emailBlob, i).includes(term.email)) return true;
  return term.digits !== null && recordText(ix.phones, i).includes(term.digits);
}

/** Longest first: a longer term usually leaves fewer candidates. */
const weight = (t: SearchTerm): number => Math.max(t.email.length, t.digits?.length ?? 0, ...t.words.map((w) => w.length));

/** Records matching every term (1 = match), or null when there is nothing to search for. */
export function matchTerms(ix: Searchable, terms: readonly SearchTerm[]): Uint8Array | null {
  if (terms.length === 0) return null;
  const ordered = [...terms].sort((a, b) => weight(b) - weight(a));
  const acc = scanTerm(ix, ordered[0]!);
  for (let t = 1; t < ordered.length; t++) {
    const term = ordered[t]!;
    const candidates: number[] = [];
    for (let i = 0; i < ix.count && candidates.length * 8 <= ix.count; i++) if (acc[i]) candidates.push(i);
    if (candidates.length * 8 <= ix.count) {
      for (const i of candidates) if (!termMatches(ix, term, i)) acc[i] = 0;
    } else {
      const hits = scanTerm(ix, term);
      for (let i = 0; i < ix.count; i++) acc[i] = acc[i]! & hits[i]!;
    }
  }
  return acc;
}
